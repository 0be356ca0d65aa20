"""Samples and orders answered twice at once (two tabs, a double click, two people): one answer counts.

Each race runs the calls on their own threads and database connections at the same moment
(common.tests.races); the loser reads the winner's state under the row lock and is told, in the
table's words, what happened.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from catalog.tests.factories import ProductFactory
from common.statemachine import TransitionRefused
from common.tests.races import race
from deals import services
from deals.models import DealEvent, Order, Sample
from deals.tests.factories import quoted_deal, verified_buyer

pytestmark = pytest.mark.django_db(transaction=True)


def _placed_order() -> Order:
    deal, quote = quoted_deal()
    services.quote_accept(user=deal.buyer.user, quote=quote)
    return services.order_place_from_quote(
        user=deal.buyer.user, quote=quote, delivery_address="1000 Fifth Avenue"
    )


def _sample(*, up_to: str) -> Sample:
    """A sample of a new product for a verified buyer, moved by its services up to `up_to`."""
    product = ProductFactory(min_order_qty=5, indexed=False)
    buyer = verified_buyer()
    artisan = product.artisan.user
    sample = services.sample_request(user=buyer, product=product, message="For the committee")
    steps = [
        lambda s: services.sample_approve(user=artisan, sample=s),
        lambda s: services.sample_ship(user=artisan, sample=s, carrier="UPS"),
        lambda s: services.sample_deliver(user=buyer, sample=s),
        lambda s: services.sample_accept(user=buyer, sample=s, feedback="Good"),
    ]
    for step in steps:
        if sample.status == up_to:
            break
        sample = step(sample)
    assert sample.status == up_to
    return sample


def test_two_accepts_of_one_order_at_once_let_one_win_and_tell_the_other_it_is_accepted():
    order = _placed_order()
    artisan = order.deal.artisan.user
    first, second = timezone.localdate() + timedelta(days=9), timezone.localdate() + timedelta(days=30)
    result = race(
        [
            lambda: services.order_accept(user=artisan, order=order, ship_by=first),
            lambda: services.order_accept(user=artisan, order=order, ship_by=second),
        ],
        refused=TransitionRefused,
    )
    assert result.errors == []
    assert len(result.wins) == 1 and len(result.refusals) == 1
    assert result.refusals[0].message == "This order is accepted: it cannot be changed that way any more."
    accepted = Order.objects.get(pk=order.pk)
    # The winner's ship-by date stands; the loser's was never written.
    assert accepted.status == Order.Status.ACCEPTED and accepted.ship_by == result.wins[0].ship_by
    assert DealEvent.objects.filter(subject="order", action="accept").count() == 1


def test_two_ships_of_one_order_at_once_record_one_shipment():
    order = _placed_order()
    artisan = order.deal.artisan.user
    services.order_accept(user=artisan, order=order, ship_by=timezone.localdate() + timedelta(days=9))
    result = race(
        [
            lambda: services.order_ship(user=artisan, order=order, carrier="DHL", tracking_number="A1"),
            lambda: services.order_ship(user=artisan, order=order, carrier="UPS", tracking_number="B2"),
        ],
        refused=TransitionRefused,
    )
    assert result.errors == [] and len(result.wins) == 1 and len(result.refusals) == 1
    assert "shipped" in result.refusals[0].message
    shipped = Order.objects.get(pk=order.pk)
    assert (shipped.carrier, shipped.tracking_number) == (
        result.wins[0].carrier,
        result.wins[0].tracking_number,
    )
    assert DealEvent.objects.filter(subject="order", action="ship").count() == 1


def test_one_accepted_quote_ordered_twice_at_once_makes_one_order():
    deal, quote = quoted_deal()
    buyer = deal.buyer.user
    services.quote_accept(user=buyer, quote=quote)
    result = race(
        [
            lambda: services.order_place_from_quote(
                user=buyer, quote=quote, delivery_address="NY", po_number="PO-1"
            ),
            lambda: services.order_place_from_quote(
                user=buyer, quote=quote, delivery_address="NY", po_number="PO-2"
            ),
        ],
        refused=TransitionRefused,
    )
    assert result.errors == [] and len(result.wins) == 1 and len(result.refusals) == 1
    assert result.refusals[0].message == "This quote has already been ordered."
    assert Order.objects.filter(deal=deal).count() == 1
    assert DealEvent.objects.filter(subject="order", action="place").count() == 1


def test_the_artisan_accepting_and_declining_one_sample_at_once_leaves_one_answer():
    sample = _sample(up_to=Sample.Status.REQUESTED)
    artisan = sample.deal.artisan.user
    result = race(
        [
            lambda: services.sample_approve(user=artisan, sample=sample),
            lambda: services.sample_decline(user=artisan, sample=sample, reason="None left"),
        ],
        refused=TransitionRefused,
    )
    assert result.errors == [] and len(result.wins) == 1 and len(result.refusals) == 1
    final = Sample.objects.get(pk=sample.pk).status
    assert final in (Sample.Status.APPROVED, Sample.Status.DECLINED)
    assert result.refusals[0].message == (
        f"This sample is {Sample.Status(final).label.lower()}: it cannot be changed that way any more."
    )
    events = DealEvent.objects.filter(subject="sample").exclude(action="request")
    assert list(events.values_list("to_status", flat=True)) == [final]


def test_changes_asked_twice_at_once_open_one_next_round():
    sample = _sample(up_to=Sample.Status.DELIVERED)
    buyer = sample.deal.buyer.user
    result = race(
        [
            lambda: services.sample_ask_changes(user=buyer, sample=sample, feedback="Darker blue")
            for _ in range(3)
        ],
        refused=TransitionRefused,
    )
    assert result.errors == [] and len(result.wins) == 1 and len(result.refusals) == 2
    assert all("changes asked" in refusal.message for refusal in result.refusals)
    rounds = Sample.objects.filter(deal=sample.deal).order_by("round")
    assert [(s.round, s.status) for s in rounds] == [
        (1, Sample.Status.CHANGES_ASKED),
        (2, Sample.Status.REQUESTED),
    ]


def test_an_approved_sample_ordered_twice_at_once_makes_one_order():
    sample = _sample(up_to=Sample.Status.ACCEPTED)
    buyer = sample.deal.buyer.user

    def order(po_number: str):
        return services.order_place(
            user=buyer,
            artisan=sample.deal.artisan,
            sample=sample,
            delivery_address="NY",
            po_number=po_number,
            lines=[services.Line(quantity=10, product=sample.product)],
        )

    result = race([lambda: order("PO-1"), lambda: order("PO-2")], refused=TransitionRefused)
    assert result.errors == [] and len(result.wins) == 1 and len(result.refusals) == 1
    assert (
        result.refusals[0].message
        == "This sample is turned into an order: it cannot be changed that way any more."
    )
    assert Order.objects.filter(deal=sample.deal).count() == 1
    assert Sample.objects.get(pk=sample.pk).status == Sample.Status.ORDERED
