"""Where else deals start: the buyer's shortlist, a held meeting, an artisan's public page.

Personas: the buyer (who asks), the artisan (who answers), another buyer, and an anonymous visitor.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from buyers.tests.factories import BuyerProfileFactory, ShortlistItemFactory
from catalog.models import Product
from catalog.tests.factories import ArtisanProfileFactory, ProductFactory
from deals.models import Deal, Inquiry, Sample
from meetings.models import Meeting, Outcome
from meetings.tests.factories import MeetingFactory, in_days
from notifications.models import Email
from programs.models import Application
from programs.tests.factories import ProgramFactory

pytestmark = pytest.mark.django_db


def _client(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


# --- The shortlist ------------------------------------------------------------------------------
@pytest.fixture
def shortlisted():
    """A buyer who shortlisted two products of one artisan, one of another, a draft and an artisan."""
    buyer = BuyerProfileFactory()
    maker = ArtisanProfileFactory(business_name="Taller Azul", indexed=False)
    bowl = ProductFactory(artisan=maker, title="Blue bowl", min_order_qty=10, indexed=False)
    jug = ProductFactory(artisan=maker, title="Blue jug", min_order_qty=4, indexed=False)
    hidden = ProductFactory(artisan=maker, title="Old plate", status=Product.Status.DRAFT, indexed=False)
    other = ProductFactory(title="Rug", indexed=False)
    for target in (bowl, jug, hidden, other):
        ShortlistItemFactory(buyer=buyer, product=target, artisan=None)
    ShortlistItemFactory(buyer=buyer, artisan=ArtisanProfileFactory(indexed=False), product=None)
    return buyer, maker, bowl, jug, other


def test_the_shortlist_offers_one_request_per_artisan_of_shortlisted_products(shortlisted):
    buyer, maker, _bowl, _jug, other = shortlisted
    page = _client(buyer.user).get(reverse("buyers:shortlist")).content.decode()
    assert reverse("deals:shortlist-inquire", args=[maker.slug]) in page
    assert reverse("deals:shortlist-inquire", args=[other.artisan.slug]) in page
    assert "for a quote on these 2 products" in page and "for a quote on this product" in page


def test_a_buyer_asks_for_a_quote_on_an_artisans_shortlisted_products(shortlisted):
    buyer, maker, bowl, jug, _other = shortlisted
    client = _client(buyer.user)
    url = reverse("deals:shortlist-inquire", args=[maker.slug])
    page = client.get(url).content.decode()
    assert "Blue bowl" in page and "Blue jug" in page and "Old plate" not in page and "Rug" not in page
    response = client.post(
        url,
        {
            f"quantity_{bowl.public_id.hex}": 30,
            f"quantity_{jug.public_id.hex}": 8,
            "unit": "piece",
            "incoterm": "FOB",
            "destination_country": "US",
            "message": "For the spring",
        },
    )
    deal = Deal.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "deals:detail", args=[deal.public_id]
    )
    assert (deal.source, deal.artisan, deal.buyer) == (Deal.Source.SHORTLIST, maker, buyer)
    inquiry = deal.inquiry
    assert (inquiry.status, inquiry.incoterm, inquiry.destination_country) == (
        Inquiry.Status.OPEN,
        "FOB",
        "US",
    )
    assert sorted((line.product_id, line.quantity) for line in inquiry.lines.all()) == sorted(
        [(bowl.pk, 30), (jug.pk, 8)]
    )
    assert Email.objects.filter(to=maker.user.email).count() == 1


def test_a_quantity_of_zero_leaves_a_product_out_and_at_least_one_is_needed(shortlisted):
    buyer, maker, bowl, jug, _other = shortlisted
    client = _client(buyer.user)
    url = reverse("deals:shortlist-inquire", args=[maker.slug])
    none = client.post(
        url,
        {
            f"quantity_{bowl.public_id.hex}": 0,
            f"quantity_{jug.public_id.hex}": 0,
            "unit": "piece",
            "message": "Kept",
        },
    )
    assert none.status_code == 400 and b"at least one product" in none.content and b"Kept" in none.content
    assert not Deal.objects.exists()
    client.post(
        url, {f"quantity_{bowl.public_id.hex}": 12, f"quantity_{jug.public_id.hex}": 0, "unit": "piece"}
    )
    assert [line.product_id for line in Deal.objects.get().inquiry.lines.all()] == [bowl.pk]


def test_the_shortlist_request_is_the_buyers_own(shortlisted):
    _buyer, maker, _bowl, _jug, _other = shortlisted
    url = reverse("deals:shortlist-inquire", args=[maker.slug])
    # Another buyer shortlisted nothing of this artisan; the artisan and visitors are no buyers.
    assert _client(BuyerProfileFactory().user).get(url).status_code == 404
    assert _client(maker.user).get(url).status_code == 403
    assert _client().get(url).status_code == 302
    assert (
        _client(BuyerProfileFactory().user)
        .get(reverse("deals:shortlist-inquire", args=["nobody"]))
        .status_code
        == 404
    )


# --- A held meeting -----------------------------------------------------------------------------
@pytest.fixture
def meeting():
    product = ProductFactory(title="Green vase", indexed=False)
    program = ProgramFactory()
    start = in_days(-3)
    meeting = MeetingFactory(
        artisan=product.artisan,
        program=program,
        status=Meeting.Status.COMPLETED,
        start_at=start,
        end_at=start + timedelta(hours=1),
        confirmed_at=start - timedelta(days=2),
    )
    meeting.products.add(product)
    Outcome.objects.create(meeting=meeting, user=meeting.buyer_user, attendance=Outcome.Attendance.HELD)
    return meeting


def test_after_a_held_meeting_its_buyer_is_offered_to_start_a_deal(meeting):
    start = reverse("deals:meeting-start", args=[meeting.public_id])
    detail = reverse("meetings:detail", args=[meeting.public_id])
    assert start in _client(meeting.buyer_user).get(detail).content.decode()
    assert start not in _client(meeting.artisan_user).get(detail).content.decode()
    page = _client(meeting.buyer_user).get(start)
    assert page.status_code == 200 and b"Green vase" in page.content


def test_no_deal_from_a_meeting_not_held_or_not_ones_own(meeting):
    start = reverse("deals:meeting-start", args=[meeting.public_id])
    assert _client(BuyerProfileFactory().user).get(start).status_code == 404
    assert _client(meeting.artisan_user).get(start).status_code == 403
    Outcome.objects.filter(meeting=meeting).update(attendance=Outcome.Attendance.NO_SHOW)
    assert _client(meeting.buyer_user).get(start).status_code == 404
    detail = _client(meeting.buyer_user).get(reverse("meetings:detail", args=[meeting.public_id]))
    assert start not in detail.content.decode()


def test_a_quote_asked_after_a_meeting_is_linked_to_it_and_its_program(meeting):
    product = meeting.products.get()
    response = _client(meeting.buyer_user).post(
        reverse("deals:meeting-inquire", args=[meeting.public_id]),
        {
            f"quote-quantity_{product.public_id.hex}": 50,
            "quote-unit": "piece",
            "quote-specification": "The same vase in ochre",
            "quote-specification_quantity": 20,
            "quote-wanted_by": (timezone.localdate() + timedelta(days=90)).isoformat(),
        },
    )
    deal = Deal.objects.get()
    assert response.status_code == 302
    assert (deal.source, deal.meeting, deal.program) == (Deal.Source.MEETING, meeting, meeting.program)
    lines = sorted(deal.inquiry.lines.all(), key=lambda line: line.quantity)
    assert [(line.product, line.quantity) for line in lines] == [(None, 20), (product, 50)]
    assert lines[0].specification == "The same vase in ochre"


def test_a_specification_needs_its_quantity_and_something_must_be_asked(meeting):
    client = _client(meeting.buyer_user)
    url = reverse("deals:meeting-inquire", args=[meeting.public_id])
    product = meeting.products.get()
    nothing = client.post(url, {f"quote-quantity_{product.public_id.hex}": 0, "quote-unit": "piece"})
    assert nothing.status_code == 400 and b"describe what you need" in nothing.content
    no_quantity = client.post(
        url,
        {
            f"quote-quantity_{product.public_id.hex}": 0,
            "quote-unit": "piece",
            "quote-specification": "In ochre",
        },
    )
    assert no_quantity.status_code == 400 and b"How many would you need?" in no_quantity.content
    assert not Deal.objects.exists()


def test_a_sample_asked_after_a_meeting_is_linked_to_it(meeting):
    product = meeting.products.get()
    response = _client(meeting.buyer_user).post(
        reverse("deals:meeting-sample", args=[meeting.public_id]),
        {"sample-product": product.public_id, "sample-message": "One in green"},
    )
    sample = Sample.objects.get()
    assert response.status_code == 302
    assert (sample.product, sample.deal.source, sample.deal.meeting) == (
        product,
        Deal.Source.MEETING,
        meeting,
    )
    assert sample.deal.program == meeting.program
    # A product not of the meeting cannot be slipped in.
    stranger = ProductFactory(artisan=meeting.artisan, indexed=False)
    refused = _client(meeting.buyer_user).post(
        reverse("deals:meeting-sample", args=[meeting.public_id]), {"sample-product": stranger.public_id}
    )
    assert refused.status_code == 400 and Sample.objects.count() == 1


# --- An artisan's public page -------------------------------------------------------------------
def _public_program(artisan):
    program = ProgramFactory(public_catalog=True)
    Application.objects.create(program=program, artisan=artisan, status=Application.Status.ACCEPTED)
    return program


def test_a_visitor_describes_what_they_need_from_an_artisans_public_page():
    artisan = ArtisanProfileFactory(indexed=False)
    _public_program(artisan)
    anonymous = _client()
    url = reverse("deals:public-inquire-artisan", args=[artisan.slug])
    assert url in anonymous.get(reverse("catalog:artisan-detail", args=[artisan.slug])).content.decode()
    response = anonymous.post(
        url,
        {
            "name": "Ana",
            "email": "ana@example.org",
            "specification": "A table runner, 2 m, indigo",
            "quantity": 3,
            "unit": "piece",
            "destination_country": "PT",
            "message": "For a wedding",
        },
    )
    assert response.status_code == 200 and b"confirm your address" in response.content
    inquiry = Inquiry.objects.get()
    assert (inquiry.status, inquiry.deal.source, inquiry.destination_country) == (
        "unconfirmed",
        "public",
        "PT",
    )
    line = inquiry.lines.get()
    assert (line.product, line.specification, line.quantity) == (None, "A table runner, 2 m, indigo", 3)
    assert Email.objects.filter(to="ana@example.org").count() == 1
    assert not Email.objects.filter(to=artisan.user.email).exists()


def test_the_artisan_page_inquiry_needs_a_public_catalog_and_no_account(settings):
    artisan = ArtisanProfileFactory(indexed=False)
    url = reverse("deals:public-inquire-artisan", args=[artisan.slug])
    assert _client().get(url).status_code == 404
    assert url not in _client().get(reverse("catalog:artisan-detail", args=[artisan.slug])).content.decode()
    _public_program(artisan)
    assert _client(BuyerProfileFactory().user).get(url).status_code == 404
    # The same rate as the product page's public inquiry, counted across both.
    settings.PUBLIC_INQUIRY_RATE_LIMIT = "1/h"
    data = {
        "name": "Ana",
        "email": "ana@example.org",
        "specification": "A rug",
        "quantity": 1,
        "unit": "piece",
    }
    assert _client().post(url, data).status_code == 200
    assert _client().post(url, data).status_code == 429
    assert Inquiry.objects.count() == 1
