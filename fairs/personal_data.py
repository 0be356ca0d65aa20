"""Fairs: the stand moves and allocator runs a staff member made.

An exhibitor is an artisan profile (the artisans app answers for it). What fairs keep of a
person is who moved a stand, ran the allocator or entered an exhibitor's stand application for
them: exported; on deletion the rows stay for the
fair's history, pointing at the account's tombstone like every other history row.
"""

from __future__ import annotations

from typing import Any

from accounts.models import User
from common.personal_data import PersonalData, iso
from fairs.models import AllocationRun, StandApplication, StandApplicationEntry, StandEvent


def _stand_moves(user: User) -> list[dict[str, Any]]:
    return [
        {
            "stand": event.stand.code,
            "action": event.action,
            "from": event.from_status,
            "to": event.to_status,
            "note": event.note,
            "at": iso(event.at),
        }
        for event in StandEvent.objects.filter(by=user).select_related("stand").order_by("at", "pk")
    ]


def _allocation_runs(user: User) -> list[dict[str, Any]]:
    return [
        {"program": run.program.name, "at": iso(run.at), "status": run.status, "placed": run.placed}
        for run in AllocationRun.objects.filter(by=user).select_related("program").order_by("at", "pk")
    ]


def _applications_entered(user: User) -> list[dict[str, Any]]:
    entries = StandApplicationEntry.objects.filter(by=user).select_related("application__exhibitor__artisan")
    last_entered = StandApplication.objects.filter(entered_by=user).values_list("pk", flat=True)
    last = set(last_entered)
    return [
        {
            "application": entry.application_id,
            "exhibitor": str(entry.application.exhibitor),
            "new_application": entry.created,
            "last_entered_by_you": entry.application_id in last,
            "at": iso(entry.at),
        }
        for entry in entries.order_by("at", "pk")
    ]


PERSONAL_DATA = PersonalData(
    app_label="fairs",
    models=(
        "fairs.StandEvent",
        "fairs.AllocationRun",
        "fairs.StandApplication",
        "fairs.StandApplicationEntry",
    ),
    sections={
        "fair_stand_moves": _stand_moves,
        "fair_allocation_runs": _allocation_runs,
        "fair_stand_applications_entered": _applications_entered,
    },
)
