"""Who must answer: "waiting for you" is read from the transition tables, and the deal list pages.

The sets in deals.transitions.AWAITED are derived from the tables' rows; these tests check them
against what the tables allow each side on a real object in each state, and against the states
the dashboards counted before they were derived (and the three the hand-written copy had missed).
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from catalog.tests.factories import ProductFactory
from deals import selectors, services, views
from deals.models import Deal, Inquiry, Order, Quote, Sample
from deals.tests.factories import quoted_deal, verified_buyer
from deals.transitions import ARTISAN, AWAITED, BUYER, MACHINES, NOT_AWAITED

pytestmark = pytest.mark.django_db


def _allowed(model, status: str, role: str) -> set[str]:
    """What the table lets `role` do on an unsaved object of `model` in `status`, waiting moves only."""
    obj = model(status=status)
    if model is Quote:
        obj.valid_until = timezone.localdate() + timedelta(days=1)
    return MACHINES[model].allowed(obj, roles=frozenset({role}), now=timezone.now()) - NOT_AWAITED[model]


@pytest.mark.parametrize("model", [Inquiry, Quote, Sample, Order])
def test_awaited_states_are_those_where_only_that_side_may_move_on(model):
    for role, other in ((ARTISAN, BUYER), (BUYER, ARTISAN)):
        expected = {
            status
            for status in model.Status.values
            if _allowed(model, status, role) and not _allowed(model, status, other)
        }
        assert AWAITED[model][role] == expected


def test_awaited_states_say_who_must_answer_at_each_step():
    IS, QS, SS, OS = Inquiry.Status, Quote.Status, Sample.Status, Order.Status
    assert AWAITED[Inquiry] == {ARTISAN: {IS.OPEN}, BUYER: set()}
    assert AWAITED[Quote] == {ARTISAN: set(), BUYER: {QS.SENT}}
    assert AWAITED[Sample] == {ARTISAN: {SS.REQUESTED, SS.APPROVED}, BUYER: {SS.SHIPPED, SS.DELIVERED}}
    # Beyond the hand-written copy: an accepted order waits for the artisan to ship it, a
    # disputed one for the buyer to receive it.
    assert AWAITED[Order] == {
        ARTISAN: {OS.PLACED, OS.ACCEPTED, OS.IN_PRODUCTION},
        BUYER: {OS.CHANGES_PROPOSED, OS.SHIPPED, OS.DISPUTED},
    }


def test_waiting_for_counts_what_the_tables_await_of_each_side():
    product = ProductFactory(indexed=False, min_order_qty=1)
    buyer = verified_buyer()
    deal, quote = quoted_deal(buyer_user=buyer, product=product)
    services.inquiry_send(
        user=buyer,
        artisan=product.artisan,
        source=Deal.Source.PRODUCT,
        lines=[services.Line(quantity=5, product=product)],
    )
    assert selectors.waiting_for(buyer) == {"inquiries": 0, "quotes": 1, "orders": 0, "samples": 0}
    assert selectors.waiting_for(product.artisan.user) == {
        "inquiries": 1,
        "quotes": 0,
        "orders": 0,
        "samples": 0,
    }
    services.quote_accept(user=buyer, quote=quote)
    order = services.order_place_from_quote(user=buyer, quote=quote, delivery_address="1 Main St")
    assert selectors.waiting_for(product.artisan.user)["orders"] == 1
    services.order_accept(
        user=product.artisan.user, order=order, ship_by=timezone.localdate() + timedelta(days=9)
    )
    # Accepted: still the artisan's move (production, shipping), not the buyer's.
    assert selectors.waiting_for(product.artisan.user)["orders"] == 1
    assert selectors.waiting_for(buyer)["orders"] == 0


def _list_queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_deal_list_pages_in_constant_queries(monkeypatch):
    monkeypatch.setattr(views, "DEALS_PER_PAGE", 3)
    product = ProductFactory(indexed=False, min_order_qty=1)
    buyer = verified_buyer()
    client = Client()
    client.force_login(buyer)
    for _ in range(2):
        quoted_deal(buyer_user=buyer, product=product)
    url = reverse("deals:list")
    one_page = _list_queries(client, url)
    for _ in range(5):
        quoted_deal(buyer_user=buyer, product=product)
    assert _list_queries(client, url) == one_page
    assert _list_queries(client, url + "?page=2") == one_page
    newest_first = [
        reverse("deals:detail", args=[deal.public_id]) for deal in Deal.objects.order_by("-updated_at", "-pk")
    ]
    first = client.get(url).content.decode()
    assert [link for link in newest_first if link in first] == newest_first[:3]
    assert "Page 1 of 3" in first and 'rel="next" href="?page=2"' in first
    last = client.get(url + "?page=3").content.decode()
    assert [link for link in newest_first if link in last] == newest_first[6:]
    assert 'rel="prev" href="?page=2"' in last and 'rel="next"' not in last
    # A page past the end, or no number, shows the last or the first page rather than failing.
    assert client.get(url + "?page=99").status_code == 200
    assert client.get(url + "?page=x").status_code == 200
