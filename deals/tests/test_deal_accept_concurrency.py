"""Two accepts of one quote, or of one order, at once: one wins, the other is told clearly."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from common.statemachine import TransitionRefused
from common.tests.races import race
from deals import services
from deals.models import DealEvent, Order, Quote
from deals.tests.factories import quoted_deal

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_accepts_of_one_quote_at_once_let_exactly_one_win():
    deal, quote = quoted_deal()
    buyer = deal.buyer.user
    result = race(
        [lambda: services.quote_accept(user=buyer, quote=quote) for _ in range(4)], refused=TransitionRefused
    )
    assert result.errors == []
    assert len(result.wins) == 1 and len(result.refusals) == 3
    assert all("accepted" in error.message for error in result.refusals)
    assert Quote.objects.get(pk=quote.pk).status == Quote.Status.ACCEPTED
    assert DealEvent.objects.filter(subject="quote", action="accept").count() == 1


def test_an_accept_and_a_decline_of_one_order_at_once_leave_one_answer():
    deal, quote = quoted_deal()
    services.quote_accept(user=deal.buyer.user, quote=quote)
    order = services.order_place_from_quote(user=deal.buyer.user, quote=quote, delivery_address="NY")
    artisan = deal.artisan.user
    ship_by = timezone.localdate() + timedelta(days=9)
    result = race(
        [
            lambda: services.order_accept(user=artisan, order=order, ship_by=ship_by),
            lambda: services.order_decline(user=artisan, order=order, code="capacity", reason="Full"),
            lambda: services.order_accept(user=artisan, order=order, ship_by=ship_by),
        ],
        refused=TransitionRefused,
    )
    assert result.errors == [] and len(result.wins) == 1 and len(result.refusals) == 2
    final = Order.objects.get(pk=order.pk).status
    assert (
        DealEvent.objects.filter(subject="order")
        .exclude(action="place")
        .values_list("to_status", flat=True)[0]
        == final
    )
    assert DealEvent.objects.filter(subject="order").count() == 2
    # Ordering twice from the same accepted quote is refused too.
    with pytest.raises(TransitionRefused):
        services.order_place_from_quote(user=deal.buyer.user, quote=quote, delivery_address="NY")
