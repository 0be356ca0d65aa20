"""Visitor counts staff enter by hand where passes are not scanned (an open-air area, a gate whose
scanner was down): one per day and place, entered again to correct it."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from accounts.models import User
from programs.models import Program
from visitors.models import DailyCount, Gate
from visitors.selectors import fair_days
from visitors.services.base import Refused


def daily_count_enter(
    *,
    program: Program,
    day: date,
    count: int,
    staff: User,
    gate: Gate | None = None,
    place: str = "",
) -> DailyCount:
    """Record (or correct) the count for a day at a gate or a named place of the fair."""
    place = place.strip()
    if (gate is None) == (not place):
        raise Refused(_("Give either a gate or a place, not both."))
    if gate is not None and gate.program_id != program.pk:
        raise Refused(_("This gate is not one of this fair's."))
    if day not in fair_days(program):
        raise Refused(_("This day is not a day of the fair."))
    if count < 0:
        raise Refused(_("A count cannot be negative."))
    where: dict[str, Any] = {"gate": gate} if gate is not None else {"gate": None, "place": place}
    for _attempt in range(2):
        try:
            with transaction.atomic():
                record, _created = DailyCount.objects.update_or_create(
                    defaults={"count": count, "entered_by": staff}, program=program, day=day, **where
                )
                return record
        except IntegrityError:
            # Two staff entered the same day and place at once: the second one corrects the first.
            continue
    raise Refused(_("This count could not be saved. Please try again."))
