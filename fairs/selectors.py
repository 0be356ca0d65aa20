"""Reads of a fair's public site: the fair, its directory, an exhibitor's page, the plan.

The public sees a fair whose program's catalog is public and live (`catalog.visibility`), and
in it only the exhibitors the public may see (approved, in scope): every page asks visibility.
Prices follow `visibility.can_see_prices` with the fair's own setting. Each read is a fixed
number of queries whatever the fair's size (tests/test_fair_site.py counts them).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from artisans.models import ArtisanProfile
from catalog import visibility
from catalog.models import Craft, Product, ProductPhoto
from fairs.models import Delegation, Exhibitor, FairSettings, Hall, Stand
from programs.models import Program

GROUPINGS = ("hall", "craft", "region", "country")


def fair_for_site(slug: str) -> FairSettings:
    """The fair of a public, live program, or 404."""
    fair = (
        FairSettings.objects.select_related("program")
        .filter(program__slug=slug, program__in=Program.objects.filter(visibility.public_programs_q()))
        .first()
    )
    if fair is None:
        raise Http404
    return fair


def fair_for_owner(slug: str) -> FairSettings:
    fair = FairSettings.objects.select_related("program").filter(program__slug=slug).first()
    if fair is None:
        raise Http404
    return fair


def show_prices(fair: FairSettings, viewer: Any) -> bool:
    return visibility.can_see_prices(viewer, prices_public=fair.show_public_prices)


def _public_exhibitors(program: Program) -> QuerySet[Exhibitor]:
    return Exhibitor.objects.filter(
        program=program, artisan__in=visibility.visible_artisans(None).values("pk")
    )


def _published(fair: FairSettings) -> bool:
    return fair.published_at is not None


@dataclass
class Group:
    key: str
    label: str
    exhibitors: list[Exhibitor] = field(default_factory=list)


def directory(fair: FairSettings, *, by: str) -> list[Group]:
    """The fair's public exhibitors grouped by hall, craft, region or country (three queries)."""
    if by not in GROUPINGS:
        by = "hall"
    exhibitors = list(
        _public_exhibitors(fair.program)
        .select_related("artisan", "delegation", "stand__hall")
        .prefetch_related(Prefetch("artisan__crafts", queryset=Craft.objects.order_by("name_en")))
        .order_by("artisan__business_name", "pk")
    )
    published = _published(fair)
    groups: dict[str, Group] = {}
    _label(exhibitors, published)
    for exhibitor in exhibitors:
        stand = exhibitor.public_stand  # type: ignore[attr-defined]
        artisan = exhibitor.artisan
        if by == "hall":
            keys = [(f"h{stand.hall_id}", stand.hall.name)] if stand else [("", "")]
        elif by == "craft":
            keys = [(c.slug, str(c.name)) for c in artisan.crafts.all()] or [("", "")]
        elif by == "region":
            keys = [(artisan.region.casefold(), artisan.region)] if artisan.region else [("", "")]
        else:
            delegation = exhibitor.delegation
            if delegation is not None:
                keys = [(f"d{delegation.pk}", delegation.name)]
            else:
                keys = [(str(artisan.country), str(artisan.country.name))]
        for key, label in keys:
            groups.setdefault(key, Group(key=key, label=label)).exhibitors.append(exhibitor)
    named = sorted((g for k, g in groups.items() if k), key=lambda g: g.label.casefold())
    return named + ([groups[""]] if "" in groups else [])


def _label(exhibitors: list[Exhibitor], published: bool) -> None:
    """What a directory card says beside the name, worked out once per exhibitor (a template's
    blocktranslate and url per card cost more than the queries at 260 exhibitors)."""
    for exhibitor in exhibitors:
        stand = _stand_of(exhibitor) if published else None
        exhibitor.public_stand = stand  # type: ignore[attr-defined]
        exhibitor.stand_label = (  # type: ignore[attr-defined]
            _("Stand %(code)s, %(hall)s") % {"code": stand.code, "hall": stand.hall.name} if stand else ""
        )
        exhibitor.country_name = str(exhibitor.artisan.country.name)  # type: ignore[attr-defined]


def _stand_of(exhibitor: Exhibitor) -> Stand | None:
    stand = getattr(exhibitor, "stand", None)
    if stand is None or stand.status != Stand.Status.ASSIGNED:
        return None
    return stand


def _products(artisans: QuerySet[ArtisanProfile]) -> QuerySet[Product]:
    """The published products of `artisans`, a set visibility gave (visible_products' own rule)."""
    return (
        Product.objects.filter(visibility.published_q(), artisan__in=artisans.values("pk"))
        .select_related("artisan", "craft")
        .prefetch_related(Prefetch("photos", queryset=ProductPhoto.objects.order_by("position", "id")))
        .order_by("artisan__business_name", "title", "pk")
    )


@dataclass
class ExhibitorPage:
    exhibitor: Exhibitor
    stand: Stand | None
    members: list[ArtisanProfile]
    products: list[Product]


def exhibitor_page(fair: FairSettings, artisan_slug: str) -> ExhibitorPage:
    """A public exhibitor with its stand (once published), members and every visible product."""
    # One visible set for the exhibitor, its members and their products: visibility asks once
    # whether any program narrows it (a query per call), not three times.
    visible = visibility.visible_artisans(None)
    exhibitor = (
        Exhibitor.objects.filter(program=fair.program, artisan__in=visible.values("pk"))
        .filter(artisan__slug=artisan_slug)
        .select_related("artisan", "delegation", "stand__hall", "stand__zone")
        .first()
    )
    if exhibitor is None:
        raise Http404
    members = list(
        visible.filter(pk__in=exhibitor.memberships.values("artisan_id")).order_by("business_name")
    )
    shown = visible.filter(pk__in=[exhibitor.artisan_id, *(m.pk for m in members)])
    products = list(_products(shown))
    stand = _stand_of(exhibitor) if _published(fair) else None
    return ExhibitorPage(exhibitor=exhibitor, stand=stand, members=members, products=products)


def fair_product(fair: FairSettings, public_id: str) -> tuple[Product, Exhibitor]:
    """A product of one of the fair's exhibitors (or of a member on a cooperative's stand)."""
    try:
        key = uuid.UUID(str(public_id))
    except ValueError:
        raise Http404 from None
    product = (
        visibility.visible_products(None)
        .filter(public_id=key)
        .select_related("artisan", "craft")
        .prefetch_related(Prefetch("photos", queryset=ProductPhoto.objects.order_by("position", "id")))
        .first()
    )
    if product is None:
        raise Http404
    exhibitors = _public_exhibitors(fair.program).select_related("artisan", "stand__hall")
    exhibitor = (
        exhibitors.filter(artisan=product.artisan_id).first()
        or exhibitors.filter(memberships__artisan=product.artisan_id).first()
    )
    if exhibitor is None:
        raise Http404
    return product, exhibitor


def delegation_page(fair: FairSettings, slug: str) -> tuple[Delegation, list[Exhibitor]]:
    delegation = Delegation.objects.filter(program=fair.program, slug=slug).first()
    if delegation is None:
        raise Http404
    exhibitors = list(
        _public_exhibitors(fair.program)
        .filter(delegation=delegation)
        .select_related("artisan", "stand__hall")
        .order_by("artisan__business_name", "pk")
    )
    _label(exhibitors, _published(fair))
    return delegation, exhibitors


def delegations(fair: FairSettings) -> list[Delegation]:
    return list(Delegation.objects.filter(program=fair.program))


@dataclass
class PlanStand:
    stand: Stand
    exhibitor: Exhibitor | None
    points: str
    label_x: float
    label_y: float


@dataclass
class PlanHall:
    hall: Hall
    stands: list[PlanStand]


def plan(fair: FairSettings) -> list[PlanHall]:
    """Every hall with its stands' shapes; a stand names its exhibitor once published and public."""
    visible = set(
        visibility.visible_artisans(None)
        .filter(exhibitions__program=fair.program)
        .values_list("pk", flat=True)
    )
    published = _published(fair)
    halls = list(
        Hall.objects.filter(venue__program=fair.program)
        .prefetch_related(
            Prefetch(
                "stands",
                queryset=Stand.objects.select_related("exhibitor__artisan", "zone").order_by("code"),
            )
        )
        .order_by("position", "name", "pk")
    )
    drawn = []
    for hall in halls:
        stands = []
        for stand in hall.stands.all():
            exhibitor = stand.exhibitor
            if (
                not published
                or stand.status != Stand.Status.ASSIGNED
                or exhibitor is None
                or exhibitor.artisan_id not in visible
            ):
                exhibitor = None
            corners = stand.polygon()
            stands.append(
                PlanStand(
                    stand=stand,
                    exhibitor=exhibitor,
                    points=" ".join(f"{x:g},{y:g}" for x, y in corners),
                    label_x=sum(x for x, _y in corners) / len(corners),
                    label_y=sum(y for _x, y in corners) / len(corners),
                )
            )
        drawn.append(PlanHall(hall=hall, stands=stands))
    return drawn


def labels_products(exhibitor: Exhibitor) -> list[Product]:
    """The products a QR label sheet prints: the exhibitor's and its members' public products."""
    members = exhibitor.memberships.values("artisan_id")
    artisans = visibility.visible_artisans(None).filter(Q(pk=exhibitor.artisan_id) | Q(pk__in=members))
    return list(_products(artisans))


def exhibitor_of(user: Any, program: Program) -> Exhibitor | None:
    """The exhibitor this signed-in artisan is at the program's fair, if any."""
    if not getattr(user, "is_authenticated", False) or not user.is_artisan:
        return None
    return (
        Exhibitor.objects.filter(program=program, artisan__user=user)
        .select_related("artisan", "program", "application")
        .first()
    )
