"""Every output an unverified buyer gets carries no wholesale figure (issue 15).

One small world: an artisan with distinctive wholesale figures (a product at 87.65 a unit, a
minimum order value of 4321), in a program the buyer joined, recommended to them with a price
reason, shortlisted, and met. Each page, the match reasons, the catalog PDF's text, the mail and
the .ics are rendered for an unverified buyer and searched for those figures; a verified buyer's
pages show them, so the search would find them if they leaked.
"""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation
from reportlab.platypus import Paragraph, Table

from buyers.models import ShortlistItem
from catalog.tests.factories import ArtisanProfileFactory, ProductFactory
from catalog.visibility import can_see_wholesale
from common.pdf import base_styles as _styles
from common.pdf import register_fonts as _register_fonts
from matchmaking import services as matchmaking_services
from matchmaking.selectors import matches_for
from matchmaking.tests.factories import join
from meetings import services as meeting_services
from meetings.calendar import meeting_ics
from meetings.models import Meeting
from meetings.tests.factories import BuyerProfileFactory, in_days
from programs.catalog_pdf import _artisan_page
from programs.tests.factories import ProgramFactory

pytestmark = pytest.mark.django_db

# The figures in every format a page may print them in (en, fr, es, ar separators).
WHOLESALE = re.compile(r"87[.,]65|4[.,\u202f\u00a0 ]?321|prices from|precios desde|prix de", re.IGNORECASE)


@pytest.fixture
def world(buyer, other_buyer, artisan):
    workshop = ArtisanProfileFactory(
        user=artisan,
        business_name="Cerámica Moreno",
        slug="ceramica-moreno",
        currency="EUR",
        min_order_value=Decimal("4321"),
        payment_terms="30 % upfront",
        incoterms=["EXW"],
    )
    product = ProductFactory(
        artisan=workshop,
        title="Green glazed bowl",
        currency="EUR",
        wholesale_price=Decimal("87.65"),
        retail_price=Decimal("190"),
    )
    unverified = BuyerProfileFactory(
        user=buyer,
        organisation_name="Met Store",
        is_verified=False,
        price_min_usd=Decimal("10"),
        price_max_usd=Decimal("500"),
    )
    verified = BuyerProfileFactory(
        user=other_buyer,
        organisation_name="LACMA Store",
        is_verified=True,
        price_min_usd=Decimal("10"),
        price_max_usd=Decimal("500"),
    )
    program = ProgramFactory(name="US Museum Shops")
    join(program, artisans=[workshop], buyers=[buyer, other_buyer])
    matchmaking_services.recommendations_recompute(program_id=program.pk)
    for profile in (unverified, verified):
        ShortlistItem.objects.create(buyer=profile, product=product)
    return {"workshop": workshop, "product": product, "program": program}


def _pages(world) -> list[str]:
    product, workshop = world["product"], world["workshop"]
    return [
        reverse("catalog:artisan-list"),
        reverse("catalog:product-list"),
        reverse("catalog:product-list") + "?q=bowl",
        reverse("catalog:artisan-list") + "?q=ceramica",
        reverse("catalog:product-list") + "?sort=price&price_min=80&price_max=90&mov=5000",
        reverse("catalog:artisan-list") + "?mov=5000",
        reverse("catalog:product-detail", args=[product.public_id]),
        reverse("catalog:artisan-detail", args=[workshop.slug]),
        reverse("buyers:dashboard"),
        reverse("buyers:shortlist"),
        reverse("matchmaking:recommendations"),
        reverse("meetings:request-create", args=[workshop.slug]),
    ]


def _pdf_page_text(artisan, viewer) -> str:
    """The text of the artisan's page in the catalog PDF, as made for this reader."""
    _register_fonts()
    with translation.override("en"):
        return _pdf_text(_artisan_page(artisan, _styles(), 500, show_wholesale=can_see_wholesale(viewer)))


def _pdf_text(flowables) -> str:
    parts = []
    for flowable in flowables:
        if isinstance(flowable, Paragraph):
            parts.append(flowable.text)
        elif isinstance(flowable, Table):
            for row in flowable._cellvalues:
                parts.append(_pdf_text([cell for cell in row if not isinstance(cell, str)]))
                parts.extend(cell for cell in row if isinstance(cell, str))
        elif hasattr(flowable, "_content"):  # KeepTogether
            parts.append(_pdf_text(flowable._content))
    return " ".join(parts)


def test_no_output_shows_an_unverified_buyer_a_wholesale_figure(
    world, buyer, artisan, login, django_capture_on_commit_callbacks
):
    assert not can_see_wholesale(buyer)
    client = login(buyer)
    for url in _pages(world):
        for language in ("en", "fr", "es", "ar"):
            response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
            assert response.status_code == 200, url
            found = WHOLESALE.search(response.content.decode())
            assert found is None, f"{url} ({language}) shows {found.group()!r}"

    reasons = [text for match in matches_for(buyer) for text in match.reasons]
    assert reasons and not any(WHOLESALE.search(text) for text in reasons)

    workshop = world["workshop"]
    text = _pdf_page_text(workshop, buyer)
    assert "Green glazed bowl" in text and WHOLESALE.search(text) is None

    # A meeting with the artisan: every mail the buyer gets, the meeting's pages and its .ics.
    with django_capture_on_commit_callbacks(execute=True):
        meeting = meeting_services.meeting_request(
            buyer_user=buyer,
            artisan=workshop,
            proposed_starts=[in_days(7)],
            duration_minutes=world["program"].meeting_minutes,
            mode=Meeting.Mode.VIRTUAL,
            products=[world["product"]],
            message="About your bowls",
        )
        meeting_services.meeting_accept(meeting_id=meeting.pk, actor=artisan, start_at=in_days(7))
    meeting.refresh_from_db()
    to_buyer = [m for m in mail.outbox if buyer.email in m.to]
    assert to_buyer
    for message in to_buyer:
        bodies = [
            message.subject,
            message.body,
            *(content for content, _type in getattr(message, "alternatives", [])),
        ]
        bodies += [
            a[1] if isinstance(a[1], str) else a[1].decode()
            for a in message.attachments
            if not hasattr(a, "get_content_type")
        ]
        for body in bodies:
            assert WHOLESALE.search(str(body)) is None, message.subject
    ics = meeting_ics(meeting, recipient=buyer).decode()
    assert WHOLESALE.search(ics) is None
    for url in (
        reverse("meetings:list"),
        reverse("meetings:detail", args=[meeting.public_id]),
        reverse("meetings:ics", args=[meeting.public_id]),
    ):
        assert WHOLESALE.search(client.get(url).content.decode()) is None, url


def test_a_verified_buyer_sees_the_figures_the_search_looks_for(world, other_buyer, login):
    # Without this the test above could pass because the figures are never printed at all.
    client = login(other_buyer)
    assert WHOLESALE.search(
        client.get(reverse("catalog:product-detail", args=[world["product"].public_id])).content.decode()
    )
    assert WHOLESALE.search(
        client.get(reverse("catalog:artisan-detail", args=[world["workshop"].slug])).content.decode()
    )
    assert any(WHOLESALE.search(text) for match in matches_for(other_buyer) for text in match.reasons)
    text = _pdf_page_text(world["workshop"], other_buyer)
    assert WHOLESALE.search(text)
