"""Staff acting for an artisan on the deal pages (assisted onboarding of a cooperative).

Personas: staff who may change deals, staff who may not, the artisan, the buyer. Staff act for the
artisan only with the form's explicit "I act for the artisan" field (POST, never a link); each move
is recorded as made by staff on the artisan's behalf.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.tests.factories import UserFactory
from catalog.tests.factories import ProductFactory
from deals import services
from deals.models import Deal, DealEvent, Inquiry, Quote
from deals.tests.factories import quoted_deal, verified_buyer

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _staff(*codenames: str):
    user = UserFactory(role="staff", is_staff=True)
    user.user_permissions.add(*Permission.objects.filter(codename__in=codenames))
    return user


@pytest.fixture
def deal():
    product = ProductFactory(indexed=False, title="Blue bowl", min_order_qty=1)
    return services.inquiry_send(
        user=verified_buyer(),
        artisan=product.artisan,
        source=Deal.Source.PRODUCT,
        lines=[services.Line(quantity=20, product=product)],
    )


def test_staff_who_may_change_deals_open_the_page_with_the_switch(deal):
    page = _client(_staff("change_deal")).get(reverse("deals:detail", args=[deal.public_id])).content.decode()
    assert 'name="for_artisan"' in page and "I act for the artisan" in page
    # The artisan's moves are offered (to be taken with the switch): the quote form, a decline.
    assert reverse("deals:quote", args=[deal.public_id]) in page
    assert reverse("deals:action", args=[deal.public_id, "inquiry", deal.inquiry.pk, "decline"]) in page
    # Parties see no switch.
    party = _client(deal.artisan.user).get(reverse("deals:detail", args=[deal.public_id])).content.decode()
    assert 'name="for_artisan"' not in party


def test_staff_without_the_right_find_no_deal(deal):
    for user in (_staff("view_deal"), _staff()):
        client = _client(user)
        assert client.get(reverse("deals:detail", args=[deal.public_id])).status_code == 404
        url = reverse("deals:action", args=[deal.public_id, "inquiry", deal.inquiry.pk, "decline"])
        assert client.post(url, {"reason": "x", "for_artisan": "1"}).status_code == 404
    assert Inquiry.objects.get().status == Inquiry.Status.OPEN


def test_staff_act_for_the_artisan_only_with_the_switch_and_it_is_recorded(deal):
    staff = _staff("change_deal")
    client = _client(staff)
    url = reverse("deals:action", args=[deal.public_id, "inquiry", deal.inquiry.pk, "decline"])
    # Without the field, or with it in the query string only, staff act as themselves: refused.
    assert client.post(url, {"reason": "Out of stock"}).status_code == 400
    refused = client.post(url + "?for_artisan=1", {"reason": "Out of stock"})
    assert refused.status_code == 400 and b"Only the artisan can do this." in refused.content
    assert Inquiry.objects.get().status == Inquiry.Status.OPEN
    assert client.post(url, {"reason": "Out of stock", "for_artisan": "1"}).status_code == 302
    event = DealEvent.objects.get(action="decline")
    assert (event.actor, event.on_behalf_of) == (staff, deal.artisan.user)
    history = client.get(reverse("deals:detail", args=[deal.public_id])).content.decode()
    assert "by the agency, for the artisan" in history


def test_staff_send_a_quote_for_the_artisan(deal):
    staff = _staff("change_deal")
    product = deal.inquiry.lines.get().product
    data = {
        "for_artisan": "1",
        "currency": "EUR",
        "incoterm": "FCA",
        "lead_time_days": 30,
        "valid_until": (timezone.localdate() + timedelta(days=30)).isoformat(),
        "line-TOTAL_FORMS": 1,
        "line-INITIAL_FORMS": 0,
        "line-MIN_NUM_FORMS": 1,
        "line-MAX_NUM_FORMS": 50,
        "line-0-description": "Blue bowl",
        "line-0-product": product.pk,
        "line-0-quantity": 20,
        "line-0-unit_price": "12.00",
        "line-0-pack_multiple": 1,
        "line-0-minimum_quantity": 1,
    }
    response = _client(staff).post(reverse("deals:quote", args=[deal.public_id]), data)
    assert response.status_code == 302
    event = DealEvent.objects.get(subject="quote", action="send")
    assert Quote.objects.get().status == Quote.Status.SENT
    assert (event.actor, event.on_behalf_of) == (staff, deal.artisan.user)


def test_the_switch_gives_staff_none_of_the_buyers_moves():
    deal, quote = quoted_deal()
    client = _client(_staff("change_deal"))
    page = client.get(reverse("deals:detail", args=[deal.public_id])).content.decode()
    assert reverse("deals:action", args=[deal.public_id, "quote", quote.pk, "accept"]) not in page
    url = reverse("deals:action", args=[deal.public_id, "quote", quote.pk, "accept"])
    assert client.post(url, {"for_artisan": "1"}).status_code == 400
    assert Quote.objects.get().status == Quote.Status.SENT


def test_staff_need_their_second_factor_for_the_deal_page(deal, settings):
    settings.REQUIRE_STAFF_MFA = True
    response = _client(_staff("change_deal")).get(reverse("deals:detail", args=[deal.public_id]))
    assert response.status_code == 302 and response.url == reverse("accounts:staff-enrol")
