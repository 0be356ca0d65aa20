"""A candidate's committee score against a hand-computed fixture."""

from __future__ import annotations

from decimal import Decimal

import pytest

from referencing import selectors
from referencing.models import Criterion, Score
from referencing.scoring import weighted_score
from referencing.tests.factories import candidate, member, ready_product, referencing_round, retailer


def test_weighted_score_of_two_members_on_two_criteria_by_hand():
    # Design (weight 3): 4 and 5 -> 4.5; Price (weight 1): 2 and 3 -> 2.5.
    # (3 * 4.5 + 1 * 2.5) / 4 = 16 / 4 = 4.00
    assert weighted_score({1: 3, 2: 1}, [(1, 4), (1, 5), (2, 2), (2, 3)]) == Decimal("4.00")


def test_an_unmarked_criterion_neither_helps_nor_hurts():
    # Only Design marked: its mean is the score, whatever Price's weight.
    assert weighted_score({1: 3, 2: 5}, [(1, 4), (1, 3)]) == Decimal("3.50")


def test_thirds_round_half_up_once_at_the_end():
    # (2 * (5+4+4)/3 + 1 * 1) / 3 = (26/3 + 1) / 3 = 29/9 = 3.2222...
    assert weighted_score({1: 2, 2: 1}, [(1, 5), (1, 4), (1, 4), (2, 1)]) == Decimal("3.22")


def test_nobody_marked_is_no_score_not_zero():
    assert weighted_score({1: 1}, []) is None
    # A mark for a criterion of another round does not count.
    assert weighted_score({1: 1}, [(99, 5)]) is None


@pytest.mark.django_db
def test_round_scores_per_candidate_match_the_hand_count():
    alice, bruno = member(), member()
    shop = retailer(members=[alice, bruno])
    round = referencing_round(shop, status="scoring", criteria=[("Design", 3), ("Price", 1)])
    design, price = Criterion.objects.filter(round=round).order_by("position")
    first, second, unmarked = (candidate(round, ready_product()) for _ in range(3))
    for who, target, criterion, value in [
        (alice, first, design, 4), (bruno, first, design, 5), (alice, first, price, 2), (bruno, first, price, 3),
        (alice, second, design, 1), (alice, second, price, 5),
    ]:  # fmt: skip
        Score.objects.create(candidate=target, member=who, criterion=criterion, value=value)
    scores = selectors.round_scores(round)
    assert scores[first.pk] == Decimal("4.00")
    # (3 * 1 + 1 * 5) / 4 = 2.00
    assert scores[second.pk] == Decimal("2.00")
    assert unmarked.pk not in scores
