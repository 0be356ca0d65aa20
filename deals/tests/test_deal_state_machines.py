"""What a deal page offers is exactly what the services accept, for random actions by random people.

Hypothesis drives a deal through random (subject, action) pairs taken by the buyer, the artisan,
staff acting for the artisan, staff alone, or a stranger. Before each step the page's offer
(deals.selectors.allowed_actions) is read; the service must succeed exactly when the action was
offered, and every state reached must be one the table can reach.
"""

from __future__ import annotations

import inspect
from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from buyers.tests.factories import BuyerProfileFactory
from catalog.tests.factories import ProductFactory
from common.statemachine import TransitionRefused
from deals import services
from deals.models import Inquiry, Order, Quote, Sample
from deals.selectors import MACHINES, allowed_actions
from deals.tests.factories import quoted_deal, verified_buyer
from deals.views import _calls

pytestmark = pytest.mark.django_db

ACTORS = ["buyer", "artisan", "staff_for_artisan", "staff", "stranger"]
ARGUMENTS = {
    "reason": "Because",
    "code": Order.DeclineCode.CAPACITY,
    "carrier": "DHL",
    "tracking_number": "1",
    "ship_by": None,
    "photos": [],  # a dispute's photos (none)
}


def _reachable(machine) -> set[str]:
    return {row.target for row in machine.transitions} | {
        source for row in machine.transitions for source in row.sources
    }


@pytest.fixture
def people(staff):
    product = ProductFactory(min_order_qty=1, indexed=False)
    buyer = verified_buyer()
    return {
        "product": product,
        "buyer": buyer,
        "artisan": product.artisan.user,
        "staff": staff,
        "stranger": BuyerProfileFactory(is_verified=True).user,
    }


def _subjects(deal):
    return [
        *Inquiry.objects.filter(deal=deal),
        *Quote.objects.filter(deal=deal),
        *Order.objects.filter(deal=deal),
        *Sample.objects.filter(deal__buyer=deal.buyer),
    ]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(st.tuples(st.sampled_from(ACTORS), st.integers(0, 40)), min_size=1, max_size=12))
def test_what_a_page_offers_is_exactly_what_the_service_accepts(people, steps):
    sid = transaction.savepoint()
    try:
        deal, quote = quoted_deal(buyer_user=people["buyer"], product=people["product"])
        services.quote_accept(user=people["buyer"], quote=quote)
        services.order_place_from_quote(user=people["buyer"], quote=quote, delivery_address="NY")
        services.sample_request(user=people["buyer"], product=people["product"])
        for who, pick in steps:
            user = people["staff"] if who.startswith("staff") else people[who]
            for_artisan = who == "staff_for_artisan"
            items = _subjects(deal)
            item = items[pick % len(items)]
            item.refresh_from_db()
            machine = MACHINES[type(item)]
            kind = type(item).__name__.lower()
            action = machine.actions[pick % len(machine.actions)]
            if _calls(kind, action) is None:
                continue
            offered = action in allowed_actions(item, user, for_artisan=for_artisan)
            service, arguments = _calls(kind, action)
            data = {**ARGUMENTS, "ship_by": timezone.localdate() + timedelta(days=5)}
            extra = (
                {"for_artisan": True}
                if for_artisan and "for_artisan" in inspect.signature(service).parameters
                else {}
            )
            try:
                service(user=user, **{kind: item}, **arguments(data), **extra)
                accepted = True
            except TransitionRefused:
                accepted = False
            assert accepted == offered, (who, kind, action, item.status)
            item.refresh_from_db()
            assert item.status in _reachable(machine)
    finally:
        transaction.savepoint_rollback(sid)
