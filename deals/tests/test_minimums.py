"""The one rule for quantities: refused with the nearest valid quantities, checked against brute force."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from deals.minimums import is_valid_quantity, quantity_refusal, value_refusal


@given(quantity=st.integers(0, 500), minimum=st.integers(0, 120), multiple=st.integers(1, 24))
def test_nearest_valid_quantities_match_a_brute_force_search(quantity, minimum, multiple):
    valid = [n for n in range(1, 2000) if n >= minimum and n % multiple == 0]
    refusal = quantity_refusal(quantity, minimum=minimum, multiple=multiple)
    if quantity in valid:
        assert refusal is None
        return
    assert refusal is not None
    assert refusal.above == min(n for n in valid if n > quantity)
    lower = [n for n in valid if n < quantity]
    assert refusal.below == (max(lower) if lower else None)
    assert is_valid_quantity(refusal.above, minimum=minimum, multiple=multiple)


def test_a_quantity_off_the_pack_multiple_names_both_neighbours():
    refusal = quantity_refusal(25, minimum=10, multiple=6)
    assert (refusal.below, refusal.above) == (24, 30)


def test_below_the_minimum_only_the_smallest_valid_quantity_is_offered():
    refusal = quantity_refusal(4, minimum=10, multiple=6)
    assert (refusal.below, refusal.above) == (None, 12)


def test_an_order_value_below_the_minimum_says_how_much_is_missing():
    assert value_refusal(Decimal("300"), minimum=Decimal("500")).missing == Decimal("200")
    assert value_refusal(Decimal("500"), minimum=Decimal("500")) is None
    assert value_refusal(Decimal("1"), minimum=None) is None
