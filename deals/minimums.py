"""Minimums and pack multiples: the one rule for the quantities and values an order may carry.

Pure functions (no Django): an order below a minimum or off a pack multiple is refused with the
nearest valid quantities, never changed silently. deals.services asks them for every quote and
order line, and for the order's value against the artisan's opening or reorder minimum.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class QuantityRefusal:
    quantity: int
    minimum: int
    multiple: int
    below: int | None  # the largest valid quantity under the one asked, when there is one
    above: int  # the smallest valid quantity over the one asked


def smallest_valid(minimum: int, multiple: int) -> int:
    return -(-max(minimum, 1) // multiple) * multiple


def is_valid_quantity(quantity: int, *, minimum: int, multiple: int = 1) -> bool:
    return quantity >= max(minimum, 1) and quantity % multiple == 0


def quantity_refusal(quantity: int, *, minimum: int, multiple: int = 1) -> QuantityRefusal | None:
    """None when `quantity` may be ordered; else the nearest valid quantities on either side."""
    if multiple < 1:
        raise ValueError("a pack multiple is at least 1")
    if is_valid_quantity(quantity, minimum=minimum, multiple=multiple):
        return None
    first = smallest_valid(minimum, multiple)
    above = max(first, -(-quantity // multiple) * multiple)
    below = (quantity // multiple) * multiple
    return QuantityRefusal(
        quantity=quantity,
        minimum=minimum,
        multiple=multiple,
        below=below if below >= first and below < quantity else None,
        above=above,
    )


@dataclass(frozen=True)
class ValueRefusal:
    total: Decimal
    minimum: Decimal
    missing: Decimal


def value_refusal(total: Decimal, *, minimum: Decimal | None) -> ValueRefusal | None:
    """None when an order's total reaches the artisan's minimum (opening or reorder)."""
    if minimum is None or total >= minimum:
        return None
    return ValueRefusal(total=total, minimum=minimum, missing=minimum - total)
