"""Samples (in rounds) and orders under random actions by random people: the tables hold.

test_deal_state_machines.py walks a quoted deal with one pick deciding both the object and the
action; here the person, the object and the action are drawn independently, over a sample's
rounds and two orders (one direct, one from an accepted quote), including the two rows the deal
page offers through their own forms (deals.views.OWN_PAGES: an artisan's changes to an order, an
approved sample turned into an order). Three steps in four take an action offered to someone (not
always the one acting), so runs reach deep states; `--hypothesis-show-statistics` lists the
actions taken and refused. For every step:
- the service succeeds exactly when deals.selectors.allowed_actions offered the action;
- every change recorded in the history is a row of its table (that action, from one of its
  sources, to its target): no state is reached any other way.
At the end of each run the rendered deal pages of the buyer and the artisan offer exactly the
allowed actions that have a page (deals.views.has_page: the generic action forms and the own
forms of OWN_PAGES), no more and no fewer.
"""

from __future__ import annotations

import inspect
import re
from datetime import timedelta

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from buyers.tests.factories import BuyerProfileFactory
from catalog.tests.factories import ProductFactory
from common.statemachine import TransitionRefused
from deals import services
from deals.models import Deal, DealEvent, Inquiry, Order, Quote, Sample
from deals.selectors import MACHINES, allowed_actions
from deals.tests.factories import quoted_deal, verified_buyer
from deals.views import OWN_PAGES, _calls, has_page

pytestmark = pytest.mark.django_db

ACTORS = ["buyer", "artisan", "staff_for_artisan", "staff", "stranger"]
KINDS = {Inquiry: "inquiry", Quote: "quote", Sample: "sample", Order: "order"}
ACTION_URL = re.compile(r"/deals/[0-9a-f-]{36}/(inquiry|quote|sample|order)/(\d+)/(\w+)/")
# The rows with a form of their own on the deal page, by the address the form posts to.
OWN_PAGE_URLS = {
    ("order", "propose_changes"): re.compile(r"/deals/[0-9a-f-]{36}/orders/(\d+)/changes/"),
    ("sample", "order"): re.compile(r"/deals/[0-9a-f-]{36}/samples/(\d+)/order/"),
}


def _form_data() -> dict:
    return {
        "reason": "Because",
        "code": Order.DeclineCode.CAPACITY,
        "carrier": "DHL",
        "tracking_number": "1",
        "ship_by": timezone.localdate() + timedelta(days=5),
        "photos": [],
    }


# The table's rows that no generic action form offers, called as their own pages or services would.
def _propose_changes(user, order, extra):
    return services.order_propose_changes(
        user=user,
        order=order,
        quantities={},
        ship_by=timezone.localdate() + timedelta(days=40),
        reason="Kiln",
        **extra,
    )


def _order_sample(user, sample, extra):
    return services.order_place(
        user=user,
        artisan=sample.deal.artisan,
        sample=sample,
        delivery_address="NY",
        lines=[services.Line(quantity=10, product=sample.product)],
    )


OTHER_CALLS = {("order", "propose_changes"): _propose_changes, ("sample", "order"): _order_sample}


def _call(kind: str, action: str, user, item, for_artisan: bool):
    if (kind, action) in OTHER_CALLS:
        service = services.order_propose_changes if action == "propose_changes" else services.order_place
        extra = (
            {"for_artisan": True}
            if for_artisan and "for_artisan" in inspect.signature(service).parameters
            else {}
        )
        return OTHER_CALLS[(kind, action)](user, item, extra)
    service, arguments = _calls(kind, action)
    extra = (
        {"for_artisan": True}
        if for_artisan and "for_artisan" in inspect.signature(service).parameters
        else {}
    )
    return service(user=user, **{kind: item}, **arguments(_form_data()), **extra)


def _has_call(kind: str, action: str) -> bool:
    return (kind, action) in OTHER_CALLS or _calls(kind, action) is not None


def test_every_row_called_on_its_own_has_its_own_page():
    assert set(OTHER_CALLS) == OWN_PAGES == set(OWN_PAGE_URLS)


@pytest.fixture
def people(staff):
    product = ProductFactory(min_order_qty=5, indexed=False)
    return {
        "product": product,
        "buyer": verified_buyer(),
        "artisan": product.artisan.user,
        "staff": staff,
        "stranger": BuyerProfileFactory(is_verified=True).user,
    }


def _user(people, actor: str):
    return people["staff"] if actor.startswith("staff") else people[actor]


def _subjects(deals: list[Deal]) -> tuple[list[Sample], list[Order]]:
    return (
        list(Sample.objects.filter(deal__in=deals).order_by("pk")),
        list(Order.objects.filter(deal__in=deals).order_by("pk")),
    )


def _recorded_changes_follow_the_tables(deals: list[Deal]) -> None:
    models = {kind: model for model, kind in KINDS.items()}
    for change in DealEvent.objects.filter(deal__in=deals).exclude(from_status=""):
        machine = MACHINES[models[change.subject]]
        rows = [
            r for r in machine.transitions if r.action == change.action and change.from_status in r.sources
        ]
        assert len(rows) == 1 and rows[0].target == change.to_status, str(change)


def _page_offers(client, user, deal: Deal) -> set[tuple[str, int, str]]:
    client.force_login(user)
    page = client.get(reverse("deals:detail", args=[deal.public_id]))
    assert page.status_code == 200
    html = page.content.decode()
    offers = {(kind, int(pk), action) for kind, pk, action in ACTION_URL.findall(html)}
    for (kind, action), url in OWN_PAGE_URLS.items():
        offers |= {(kind, int(pk), action) for pk in url.findall(html)}
    return offers


def _allowed_with_a_page(user, deal: Deal) -> set[tuple[str, int, str]]:
    items = [
        *Inquiry.objects.filter(deal=deal),
        *Quote.objects.filter(deal=deal),
        *Sample.objects.filter(deal=deal),
        *Order.objects.filter(deal=deal),
    ]
    return {
        (KINDS[type(item)], item.pk, action)
        for item in items
        for action in allowed_actions(item, user)
        if has_page(KINDS[type(item)], action)
    }


# One run through every row, whatever the random runs reach: a sample's two rounds (changes asked,
# then approved and turned into an order), the direct order changed by the artisan, confirmed,
# made, shipped, disputed, received and closed; the quote's order accepted then cancelled; the
# sample's order declined. (Guided steps: the acting person comes with the offer picked.)
FULL_WALK = [
    ("artisan", 0, 0, 1), ("artisan", 0, 0, 1), ("buyer", 0, 0, 1), ("buyer", 0, 1, 1),
    ("staff_for_artisan", 2, 2, 1), ("artisan", 2, 0, 1), ("buyer", 2, 0, 1), ("buyer", 2, 0, 1),
    ("buyer", 2, 0, 1), ("artisan", 1, 2, 1), ("buyer", 1, 1, 1), ("artisan", 1, 2, 1), ("artisan", 1, 0, 1),
    ("buyer", 1, 0, 1), ("buyer", 1, 0, 1), ("artisan", 1, 0, 1), ("artisan", 3, 0, 1), ("buyer", 3, 3, 1),
    ("artisan", 5, 1, 1),
]  # fmt: skip


@example(steps=FULL_WALK)
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    steps=st.lists(
        st.tuples(st.sampled_from(ACTORS), st.integers(0, 30), st.integers(0, 30), st.integers(0, 3)),
        min_size=1,
        max_size=16,
    )
)
def test_samples_and_orders_move_only_by_their_tables_and_pages_offer_what_services_accept(
    people, client, steps
):
    sid = transaction.savepoint()
    try:
        buyer, artisan, product = people["buyer"], people["artisan"], people["product"]
        sample_deal = services.sample_request(user=buyer, product=product).deal
        direct = services.order_place(
            user=buyer,
            artisan=product.artisan,
            delivery_address="NY",
            lines=[services.Line(quantity=5, product=product)],
        ).deal
        quoted, quote = quoted_deal(buyer_user=buyer, product=product)
        services.quote_accept(user=buyer, quote=quote)
        services.order_place_from_quote(user=buyer, quote=quote, delivery_address="NY")
        deals = [sample_deal, direct, quoted]
        for who, pick_item, pick_action, guided in steps:
            # Samples or orders alike often, then one of that kind (rounds and orders are added).
            family = _subjects(deals)[pick_item % 2]
            item = family[(pick_item // 2) % len(family)]
            kind = KINDS[type(item)]
            machine = MACHINES[type(item)]
            action = machine.actions[pick_action % len(machine.actions)]
            if guided:  # 1, 2 or 3
                # Three steps in four take something offered to someone, so runs get deep into the tables.
                offers = sorted(
                    (actor, offer)
                    for actor in ACTORS
                    for offer in allowed_actions(
                        item, _user(people, actor), for_artisan=actor == "staff_for_artisan"
                    )
                )
                if offers:
                    who, action = offers[pick_action % len(offers)]
            if not _has_call(kind, action):
                continue
            user, for_artisan = _user(people, who), who == "staff_for_artisan"
            offered = action in allowed_actions(item, user, for_artisan=for_artisan)
            try:
                _call(kind, action, user, item, for_artisan)
                accepted = True
            except TransitionRefused:
                accepted = False
            assert accepted == offered, (who, kind, action, item.status)
            event(f"{kind} {action} {'taken' if accepted else 'refused'}")  # --hypothesis-show-statistics
        _recorded_changes_follow_the_tables(deals)
        for person in (buyer, artisan):
            for deal in deals:
                assert _page_offers(client, person, deal) == _allowed_with_a_page(person, deal)
    finally:
        transaction.savepoint_rollback(sid)
