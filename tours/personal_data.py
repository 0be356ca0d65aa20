"""Tours: the places a person holds on workshop tours and what they recorded of the visits.

Export: each place (tour, role, stay) and each visit outcome with its notes. Deletion: a place
goes with the account (CASCADE: the itinerary was theirs only); the outcomes' notes are the
person's words and go too (the rows cascade). Stop events name who changed a stop (SET_NULL):
the agency keeps the history, not the person. The planner runs staff started name them too
(exported; SET_NULL).
"""

from __future__ import annotations

from typing import Any

from accounts.models import User
from common.personal_data import Erasure, PersonalData, iso
from tours.models import Participant, StopEvent, StopOutcome, TourPlanRun


def _places(user: User) -> list[dict[str, Any]]:
    return [
        {
            "tour": str(p.tour.program.name),
            "role": p.role,
            "arrives_on": p.arrives_on.isoformat(),
            "leaves_on": p.leaves_on.isoformat(),
        }
        for p in Participant.objects.filter(user=user).select_related("tour__program").order_by("arrives_on")
    ]


def _outcomes(user: User) -> list[dict[str, Any]]:
    return [
        {
            "workshop": o.stop.candidate.artisan.business_name,
            "held": o.held,
            "interest": o.interest,
            "notes": o.notes,
            "recorded_at": iso(o.recorded_at),
        }
        for o in StopOutcome.objects.filter(user=user).select_related("stop__candidate__artisan")
    ]


def _plan_runs(user: User) -> list[dict[str, Any]]:
    return [
        {"tour": str(run.tour.program.name), "status": run.status, "at": iso(run.created_at)}
        for run in TourPlanRun.objects.filter(by=user)
        .select_related("tour__program")
        .order_by("created_at", "pk")
    ]


def _erase(erasure: Erasure) -> None:
    StopOutcome.objects.filter(user=erasure.user).delete()
    StopEvent.objects.filter(by=erasure.user).update(by=None)
    TourPlanRun.objects.filter(by=erasure.user).update(by=None)


PERSONAL_DATA = PersonalData(
    app_label="tours",
    models=("tours.Participant", "tours.StopOutcome", "tours.StopEvent", "tours.TourPlanRun"),
    sections={"tour_places": _places, "tour_visit_outcomes": _outcomes, "tour_plan_runs": _plan_runs},
    erase=_erase,
)
