"""Retailers, rounds and candidates for referencing tests, written directly (the services are under test)."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from buyers.tests.factories import BuyerProfileFactory
from catalog.tests.factories import ProductFactory
from referencing.models import Candidate, Criterion, ReferencingRound, Retailer, SheetColumn

# A valid EAN-13 (check digit 2) and HS code for products ready for a retailer.
GTIN = "4006381333931"
HS_CODE = "630491"


def retailer(name: str = "Galeries Lafayette", *, members=(), columns=None) -> Retailer:
    shop = Retailer.objects.create(name=name, country="FR")
    shop.members.add(*members)
    for position, (heading, field) in enumerate(
        columns
        if columns is not None
        else [
            ("Réf. fournisseur", "article_number"),
            ("EAN", "gtin"),
            ("Libellé", "title"),
            ("Prix HT", "wholesale_price"),
        ]
    ):
        SheetColumn.objects.create(retailer=shop, position=position, heading=heading, field=field)
    return shop


def member(*, verified: bool = True):
    return BuyerProfileFactory(is_verified=verified, organisation_kind="department_store")


def ready_product(**kwargs):
    values = {
        "indexed": False,
        "gtin": GTIN,
        "hs_code": HS_CODE,
        "country_of_origin": "ES",
        "case_pack": 6,
        **kwargs,
    }
    return ProductFactory(**values)


def referencing_round(
    shop: Retailer,
    *,
    status: str = ReferencingRound.Status.OPEN,
    criteria=(("Design", 2), ("Price", 1)),
    **kwargs,
) -> ReferencingRound:
    kwargs.setdefault("deadline", timezone.now() + timedelta(days=14))
    round = ReferencingRound.objects.create(
        retailer=shop, name=kwargs.pop("name", "Spring 2027"), status=status, **kwargs
    )
    for position, (name, weight) in enumerate(criteria):
        Criterion.objects.create(round=round, name=name, weight=weight, position=position)
    return round


def candidate(
    round: ReferencingRound, product, *, status: str = Candidate.Status.PROPOSED, reason: str = ""
) -> Candidate:
    return Candidate.objects.create(
        round=round, product=product, artisan_id=product.artisan_id, status=status, reason=reason
    )
