"""The deal page's own forms: an order accepted with changes, an approved sample ordered, and a
quote asked after an approved sample in the same deal (deals.change_views).

Personas: the artisan and the buyer of a deal (its parties), another verified buyer (a stranger).
"""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from catalog.tests.factories import ProductFactory
from common.statemachine import TransitionRefused
from deals import services
from deals.models import Deal, DealEvent, Inquiry, Order, ProductTerms, Sample
from deals.selectors import event_changes
from deals.tests.factories import verified_buyer

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def product():
    product = ProductFactory(indexed=False, title="Blue bowl", min_order_qty=10)
    ProductTerms.objects.create(
        product=product, pack_multiple=6, sample_policy=ProductTerms.SamplePolicy.FREE
    )
    return product


@pytest.fixture
def order(product) -> Order:
    return services.order_place(
        user=verified_buyer(),
        artisan=product.artisan,
        delivery_address="1000 Fifth Avenue, New York",
        wanted_by=timezone.localdate() + timedelta(days=20),
        lines=[services.Line(quantity=24, product=product)],
    )


def _page(user, deal: Deal) -> str:
    return _client(user).get(reverse("deals:detail", args=[deal.public_id])).content.decode()


def _changes_url(order: Order) -> str:
    return reverse("deals:order-changes", args=[order.deal.public_id, order.pk])


# --- an order accepted with changes ----------------------------------------------------------------


def test_a_quantity_off_the_pack_multiple_is_refused_with_the_nearest_valid_ones_and_nothing_changes(order):
    line = order.lines.get()
    with pytest.raises(TransitionRefused) as refused:
        services.order_propose_changes(
            user=order.deal.artisan.user, order=order, quantities={line.pk: 20}, ship_by=None, reason=""
        )
    assert "The nearest quantities are 18 and 24." in refused.value.message
    order.refresh_from_db()
    line.refresh_from_db()
    assert (order.status, line.proposed_quantity) == (Order.Status.PLACED, None)
    assert not DealEvent.objects.filter(action="propose_changes").exists()


def test_the_history_records_each_change_old_and_new_when_proposed_and_when_confirmed(order):
    line = order.lines.get()
    later = timezone.localdate() + timedelta(days=40)
    services.order_propose_changes(
        user=order.deal.artisan.user, order=order, quantities={line.pk: 18}, ship_by=later, reason="Kiln"
    )
    services.order_confirm_changes(user=order.deal.buyer.user, order=order)
    proposed, confirmed = DealEvent.objects.filter(action__in=["propose_changes", "confirm_changes"])
    expected = [
        ("quantity", "Blue bowl", 24, 18),
        ("ship_by", "", None, later),
    ]
    for event in (proposed, confirmed):
        assert [(c.field, c.line, c.old, c.new) for c in event_changes(event)] == expected
    assert proposed.reason == "Kiln"
    order.refresh_from_db()
    line.refresh_from_db()
    assert (order.status, order.ship_by, order.proposed_ship_by, line.quantity) == (
        "accepted",
        later,
        None,
        18,
    )


def test_nothing_changed_or_a_past_date_is_refused(order):
    line = order.lines.get()
    artisan = order.deal.artisan.user
    with pytest.raises(TransitionRefused, match="Propose other quantities"):
        services.order_propose_changes(
            user=artisan, order=order, quantities={line.pk: 24}, ship_by=None, reason=""
        )
    with pytest.raises(TransitionRefused, match="has passed"):
        services.order_propose_changes(
            user=artisan,
            order=order,
            quantities={},
            ship_by=timezone.localdate() - timedelta(days=1),
            reason="",
        )


def test_the_buyer_cannot_propose_changes_and_hears_the_tables_word_not_about_quantities(order):
    line = order.lines.get()
    with pytest.raises(TransitionRefused, match="Only the artisan"):
        services.order_propose_changes(
            user=order.deal.buyer.user, order=order, quantities={line.pk: 7}, ship_by=None, reason=""
        )


def test_the_artisan_proposes_on_the_page_and_the_buyer_sees_before_and_after_then_confirms(order):
    deal, line = order.deal, order.lines.get()
    artisan, buyer = deal.artisan.user, deal.buyer.user
    page = _page(artisan, deal)
    assert _changes_url(order) in page and f'name="quantity_{line.pk}"' in page
    assert _changes_url(order) not in _page(buyer, deal)
    later = timezone.localdate() + timedelta(days=40)
    response = _client(artisan).post(
        _changes_url(order), {f"quantity_{line.pk}": "30", "ship_by": later.isoformat(), "note": "Two kilns"}
    )
    assert response.status_code == 302
    page = _page(buyer, deal)
    assert "The artisan accepts with these changes (before → after):" in page
    assert "<bdi>Blue bowl</bdi>: 24 → 30" in page and "Two kilns" in page
    confirm = reverse("deals:action", args=[deal.public_id, "order", order.pk, "confirm_changes"])
    assert confirm in page
    assert _client(buyer).post(confirm).status_code == 302
    order.refresh_from_db()
    assert (order.status, order.ship_by, order.lines.get().quantity) == ("accepted", later, 30)


def test_a_refused_quantity_on_the_page_shows_the_nearest_ones_and_keeps_the_input(order):
    line = order.lines.get()
    response = _client(order.deal.artisan.user).post(
        _changes_url(order), {f"quantity_{line.pk}": "20", "ship_by": "", "note": "Less"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "The nearest quantities are 18 and 24." in page and 'value="20"' in page and "Less" in page


def test_a_stranger_cannot_reach_the_changes_form(order):
    line = order.lines.get()
    response = _client(verified_buyer()).post(_changes_url(order), {f"quantity_{line.pk}": "30"})
    assert response.status_code == 404
    assert order.lines.get().proposed_quantity is None


# --- an approved sample ordered, and a quote asked from it in the same deal ---------------------------


def _accepted_sample(product, buyer) -> Sample:
    artisan = product.artisan.user
    sample = services.sample_request(user=buyer, product=product)
    services.sample_approve(user=artisan, sample=sample)
    services.sample_ship(user=artisan, sample=sample, carrier="UPS")
    services.sample_deliver(user=buyer, sample=sample)
    return services.sample_accept(user=buyer, sample=sample, feedback="Right blue")


def test_the_buyer_orders_an_approved_sample_from_the_deal_page_its_smallest_valid_quantity_prefilled(
    product,
):
    buyer = verified_buyer()
    sample = _accepted_sample(product, buyer)
    url = reverse("deals:sample-order", args=[sample.deal.public_id, sample.pk])
    page = _page(buyer, sample.deal)
    # Minimum 10 in packs of 6: 12 is the smallest quantity the service takes.
    assert url in page and re.search(
        rf'name="quantity" value="12"[^>]*id="sample-order-{sample.pk}-quantity"', page
    )
    assert url not in _page(product.artisan.user, sample.deal)
    response = _client(buyer).post(
        url, {"quantity": "12", "delivery_address": "NY", "po_number": "PO-7", "wanted_by": ""}
    )
    assert response.status_code == 302
    order = Order.objects.get()
    sample.refresh_from_db()
    assert (order.deal_id, order.po_number, sample.status) == (sample.deal_id, "PO-7", Sample.Status.ORDERED)
    assert Deal.objects.count() == 1
    assert url not in _page(buyer, sample.deal)


def test_an_approved_sample_ordered_below_the_minimum_is_refused_with_the_nearest_quantity(product):
    buyer = verified_buyer()
    sample = _accepted_sample(product, buyer)
    url = reverse("deals:sample-order", args=[sample.deal.public_id, sample.pk])
    response = _client(buyer).post(url, {"quantity": "5", "delivery_address": "NY"})
    assert response.status_code == 400
    assert "The nearest quantity is 12." in response.content.decode()
    assert not Order.objects.exists()


def test_a_quote_asked_after_an_approved_sample_stays_in_the_same_deal_with_one_history(product):
    buyer = verified_buyer()
    sample = _accepted_sample(product, buyer)
    deal = sample.deal
    url = reverse("deals:sample-quote", args=[deal.public_id, sample.pk])
    assert url in _page(buyer, deal)
    response = _client(buyer).post(
        url, {"quantity": "36", "unit": "piece", "currency": "EUR", "message": "Hi"}
    )
    assert response.status_code == 302 and response.url == reverse("deals:detail", args=[deal.public_id])
    assert Deal.objects.count() == 1
    inquiry = Inquiry.objects.get()
    assert (inquiry.deal_id, inquiry.lines.get().quantity) == (deal.pk, 36)
    assert list(deal.events.values_list("subject", "action")) == [
        ("sample", "request"),
        ("sample", "approve"),
        ("sample", "ship"),
        ("sample", "deliver"),
        ("sample", "accept"),
        ("inquiry", "send"),
    ]
    # The artisan answers on the same page; the buyer is offered no second request.
    assert reverse("deals:quote", args=[deal.public_id]) in _page(product.artisan.user, deal)
    assert url not in _page(buyer, deal)
    with pytest.raises(TransitionRefused, match="already has a request"):
        services.inquiry_send(
            user=buyer,
            artisan=deal.artisan,
            deal=deal,
            source=deal.source,
            lines=[services.Line(quantity=36, product=product)],
        )


def test_no_quote_on_a_deal_before_its_sample_is_approved_nor_on_someone_elses(product):
    buyer = verified_buyer()
    deal = services.sample_request(user=buyer, product=product).deal
    line = services.Line(quantity=36, product=product)
    with pytest.raises(TransitionRefused, match="once you have approved"):
        services.inquiry_send(user=buyer, artisan=deal.artisan, deal=deal, source=deal.source, lines=[line])
    with pytest.raises(TransitionRefused, match="not yours"):
        services.inquiry_send(
            user=verified_buyer(), artisan=deal.artisan, deal=deal, source=deal.source, lines=[line]
        )
    stranger = _client(verified_buyer())
    sample = deal.samples.get()
    assert (
        stranger.post(reverse("deals:sample-quote", args=[deal.public_id, sample.pk]), {}).status_code == 404
    )
    assert not Inquiry.objects.exists()
