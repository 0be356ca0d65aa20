"""A candidate's score from its committee's marks: the pure core (no Django), tested by hand.

Each criterion's mark is the mean of the members who marked it; the candidate's score is the
mean of those, weighted by the criteria's weights, over the criteria marked at least once (an
unmarked criterion neither helps nor hurts). Marks are 1 to 5, so a score is too, or None when
nobody marked anything yet. Exact fractions, rounded once at the end to two decimals.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction


def weighted_score(weights: Mapping[int, int], marks: Iterable[tuple[int, int]]) -> Decimal | None:
    """`weights`: criterion -> weight; `marks`: (criterion, value) from every member."""
    by_criterion: dict[int, list[int]] = defaultdict(list)
    for criterion, value in marks:
        if criterion in weights:
            by_criterion[criterion].append(value)
    if not by_criterion:
        return None
    total = sum(Fraction(weights[c], 1) * Fraction(sum(v), len(v)) for c, v in by_criterion.items())
    weight = sum(weights[c] for c in by_criterion)
    exact = total / weight
    return (Decimal(exact.numerator) / Decimal(exact.denominator)).quantize(Decimal("0.01"), ROUND_HALF_UP)


def scores_by_candidate(
    weights: Mapping[int, int], marks: Iterable[tuple[int, int, int]]
) -> dict[int, Decimal | None]:
    """(candidate, criterion, value) rows -> each candidate's weighted score."""
    grouped: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for candidate, criterion, value in marks:
        grouped[candidate].append((criterion, value))
    return {candidate: weighted_score(weights, rows) for candidate, rows in grouped.items()}
