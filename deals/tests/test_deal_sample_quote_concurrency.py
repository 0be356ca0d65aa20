"""Quotes asked at once on one approved sample's deal (two tabs, a double click): one inquiry, one
history row; the others are told the deal already has its request. And the artisan's changes to an
order racing the artisan's plain accept: one answer stands."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from catalog.tests.factories import ProductFactory
from common.statemachine import TransitionRefused
from common.tests.races import race
from deals import services
from deals.models import DealEvent, Inquiry, Order, ProductTerms
from deals.tests.factories import verified_buyer

pytestmark = pytest.mark.django_db(transaction=True)


def test_quotes_asked_at_once_on_one_sample_deal_make_one_inquiry():
    product = ProductFactory(indexed=False, min_order_qty=1)
    ProductTerms.objects.create(product=product, sample_policy=ProductTerms.SamplePolicy.FREE)
    buyer, artisan = verified_buyer(), product.artisan.user
    sample = services.sample_request(user=buyer, product=product)
    services.sample_approve(user=artisan, sample=sample)
    services.sample_ship(user=artisan, sample=sample, carrier="UPS")
    services.sample_deliver(user=buyer, sample=sample)
    services.sample_accept(user=buyer, sample=sample)
    deal = sample.deal

    def ask():
        return services.inquiry_send(
            user=buyer,
            artisan=deal.artisan,
            deal=deal,
            source=deal.source,
            lines=[services.Line(quantity=30, product=product)],
        )

    result = race([ask for _ in range(4)], refused=TransitionRefused)
    assert result.errors == []
    assert len(result.wins) == 1 and len(result.refusals) == 3
    assert all("already has a request" in error.message for error in result.refusals)
    assert Inquiry.objects.filter(deal=deal).count() == 1
    assert DealEvent.objects.filter(deal=deal, subject="inquiry", action="send").count() == 1


def test_changes_and_an_accept_of_one_order_at_once_leave_one_answer():
    product = ProductFactory(indexed=False, min_order_qty=1)
    buyer = verified_buyer()
    order = services.order_place(
        user=buyer,
        artisan=product.artisan,
        delivery_address="NY",
        lines=[services.Line(quantity=10, product=product)],
    )
    artisan, line = product.artisan.user, order.lines.get()
    later = timezone.localdate() + timedelta(days=30)
    result = race(
        [
            lambda: services.order_propose_changes(
                user=artisan, order=order, quantities={line.pk: 12}, ship_by=later, reason="More"
            ),
            lambda: services.order_accept(user=artisan, order=order, ship_by=later),
        ],
        refused=TransitionRefused,
    )
    assert result.errors == [] and len(result.wins) == 1 and len(result.refusals) == 1
    final = Order.objects.get(pk=order.pk)
    line.refresh_from_db()
    # Either answer, never both: changes proposed leave the quantity waiting; an accept leaves none.
    if final.status == Order.Status.CHANGES_PROPOSED:
        assert (line.quantity, line.proposed_quantity) == (10, 12)
    else:
        assert final.status == Order.Status.ACCEPTED and line.proposed_quantity is None
    assert DealEvent.objects.filter(deal=order.deal).exclude(action="place").count() == 1
