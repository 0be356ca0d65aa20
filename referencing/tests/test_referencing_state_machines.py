"""What the referencing pages offer is exactly what the services accept, for random actions by random people.

Hypothesis moves a round and its two candidates through random actions taken by staff, a member
of the retailer's committee, a verified buyer outside it, the candidates' artisan or another
artisan. Before each step the pages' offer is read (referencing.selectors.candidate_actions,
the committee page's rows, the round table's allowed actions for the admin); the service must
succeed exactly when the action was offered, and every state reached is one the table names.
"""

from __future__ import annotations

from itertools import count

import pytest
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from catalog.tests.factories import ProductFactory
from common.statemachine import TransitionRefused
from referencing import selectors, services
from referencing.models import Candidate, ReferencingRound
from referencing.tests.factories import member, referencing_round, retailer
from referencing.transitions import CANDIDATES, ROUNDS, round_roles

pytestmark = pytest.mark.django_db

ACTORS = ["staff", "member", "outsider", "artisan", "other_artisan"]
ARTICLE_NUMBERS = count(1)


def _states(machine) -> set[str]:
    return {row.target for row in machine.transitions} | {
        s for row in machine.transitions for s in row.sources
    }


@pytest.fixture
def people(staff):
    committee = member()
    product = ProductFactory(min_order_qty=1, indexed=False)
    return {
        "staff": staff,
        "member": committee.user,
        "committee": committee,
        "outsider": member().user,
        "artisan": product.artisan.user,
        "other_artisan": ProductFactory(indexed=False).artisan.user,
        "products": [product, ProductFactory(artisan=product.artisan, min_order_qty=1, indexed=False)],
    }


def _take(action: str, user, candidate: Candidate) -> None:
    if action == "score":
        criterion = candidate.round.criteria.first()
        services.score_record(user=user, candidate=candidate, marks={criterion.pk: 3})
    elif action == "withdraw":
        services.candidate_withdraw(user=user, candidate=candidate)
    elif action in ("select", "not_select"):
        services.candidate_decide(user=user, candidate=candidate, action=action, reason="Because")
    elif action == "order_trial":
        services.candidate_order_trial(user=user, candidate=candidate, quantity=1, delivery_address="Paris")
    elif action == "list":
        services.candidate_list(user=user, candidate=candidate, article_number=f"A-{next(ARTICLE_NUMBERS)}")
    else:
        raise AssertionError(action)


@settings(max_examples=30, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture])  # fmt: skip
@given(
    start=st.sampled_from(["open", "scoring", "decided"]),
    steps=st.lists(st.tuples(st.sampled_from(ACTORS), st.integers(0, 60)), min_size=1, max_size=16),
)
def test_what_a_page_offers_is_exactly_what_the_service_accepts(people, start, steps):
    sid = transaction.savepoint()
    try:
        shop = retailer(members=[people["committee"]])
        round = referencing_round(shop)
        candidates = [
            services.candidate_add(user=people["staff"], round=round, product=product)
            for product in people["products"]
        ]
        # Later starting points, reached through the services, so short walks see every state.
        if start != "open":
            services.round_move(user=people["staff"], round=round, action="start_scoring")
        if start == "decided":
            for target in candidates:
                services.candidate_decide(user=people["staff"], candidate=target, action="select")
            services.round_move(user=people["staff"], round=round, action="decide")
        for who, pick in steps:
            user = people[who]
            round.refresh_from_db()
            if pick % 3 == 0:
                action = ROUNDS.actions[pick % len(ROUNDS.actions)]
                offered = action in ROUNDS.allowed(round, roles=round_roles(user), now=timezone.now())
                try:
                    services.round_move(user=user, round=round, action=action)
                    accepted = True
                except TransitionRefused:
                    accepted = False
                assert accepted == offered, (who, "round", action, round.status)
                round.refresh_from_db()
                assert round.status in _states(ROUNDS)
                continue
            target = Candidate.objects.select_related("round__retailer", "artisan", "product").get(
                pk=candidates[pick % 2].pk
            )
            action = CANDIDATES.actions[pick % len(CANDIDATES.actions)]
            offered = action in selectors.candidate_actions(target, user)
            if who == "member":
                # The committee's page reads the same table for its rows.
                page = selectors.committee_page(round, user)
                row = (
                    next(r for r in page.rows if r.candidate.pk == target.pk)
                    if target.status != "withdrawn"
                    else None
                )
                assert row is None or (action in row.actions) == offered
            try:
                _take(action, user, target)
                accepted = True
            except TransitionRefused:
                accepted = False
            assert accepted == offered, (who, action, target.status, round.status)
            target.refresh_from_db()
            assert target.status in _states(CANDIDATES)
    finally:
        transaction.savepoint_rollback(sid)


def test_the_tables_name_every_status_of_their_models():
    assert _states(ROUNDS) == set(ReferencingRound.Status.values)
    assert _states(CANDIDATES) | {Candidate.Status.PROPOSED} == set(Candidate.Status.values)
