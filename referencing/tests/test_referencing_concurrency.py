"""Two committee members placing the trial order of one candidate at once, two staff listing two products
under one article number at once: one wins, the other is told clearly (threads, separate connections)."""

from __future__ import annotations

import pytest

from accounts.tests.factories import StaffUserFactory
from common.statemachine import TransitionRefused
from common.tests.races import race
from deals.models import Order
from referencing import services
from referencing.models import Candidate, Listing, ReferencingRound
from referencing.tests.factories import candidate, member, ready_product, referencing_round, retailer

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_trial_orders_of_one_candidate_at_once_make_one_order():
    committee = [member() for _ in range(3)]
    shop = retailer(members=committee)
    round = referencing_round(shop, status=ReferencingRound.Status.DECIDED)
    selected = candidate(round, ready_product(min_order_qty=1), status=Candidate.Status.SELECTED)
    result = race(
        [
            lambda who=who: services.candidate_order_trial(
                user=who.user, candidate=selected, quantity=2, delivery_address="Paris"
            )
            for who in committee
        ],
        refused=TransitionRefused,
    )
    assert result.errors == [] and len(result.wins) == 1 and len(result.refusals) == 2
    assert all("trial order placed" in error.message for error in result.refusals)
    assert Order.objects.count() == 1
    assert Candidate.objects.get(pk=selected.pk).trial_order_id == Order.objects.get().pk


def test_one_article_number_given_to_two_products_at_once_is_kept_once():
    shop = retailer()
    round = referencing_round(shop, status=ReferencingRound.Status.DECIDED)
    targets = [candidate(round, ready_product(), status=Candidate.Status.SELECTED) for _ in range(3)]
    staff = StaffUserFactory(email="listing.staff@example.org")
    result = race(
        [
            lambda target=target: services.candidate_list(user=staff, candidate=target, article_number="GL-1")
            for target in targets
        ],
        refused=TransitionRefused,
    )
    assert result.errors == [] and len(result.wins) == 1 and len(result.refusals) == 2
    assert Listing.objects.filter(retailer=shop, article_number="GL-1").count() == 1
    assert Candidate.objects.filter(status=Candidate.Status.LISTED).count() == 1
