"""The tours part of the security matrices' world (tests/security/world.py calls it).

Tour A (its own workshop-tour program): buyer A rides the van as a buyer; artisan A hosts a
confirmed visit (its group meeting booked, buyer A's outcome recorded: held). Tour B: buyer B
is on it as a journalist; artisan B hosts a proposed visit.
Nobody else is on either tour. Artisan A is also a candidate on tour B, with no visit planned.
"""

from __future__ import annotations

import datetime as dt
from datetime import UTC, datetime, time
from typing import Any

from programs.models import Program
from programs.tests.factories import ProgramFactory
from tours import services
from tours.models import (
    CandidateStop,
    OpeningHours,
    Participant,
    PlannedStop,
    StopOutcome,
    Tour,
    TourDay,
    TourPlanRun,
    Vehicle,
)


def _tour(w: Any, side: str, role: str, status: str) -> dict[str, Any]:
    day = dt.date(2026, 10, 6)
    program = ProgramFactory(
        slug=f"tour-{side.lower()}",
        name=f"Tour {side}",
        kind=Program.Kind.WORKSHOP_TOUR,
        time_zone="Africa/Casablanca",
        starts_on=day,
        ends_on=day,
    )
    tour = Tour.objects.create(
        program=program, start_name="Bab Boujloud", start_latitude=34.06, start_longitude=-4.97
    )
    tour_day = TourDay.objects.create(tour=tour, date=day, breaks=["13:00-14:00"])
    van = Vehicle.objects.create(tour=tour, name="Van", seats=8)
    participant = Participant.objects.create(
        tour=tour,
        user=w.users[f"buyer_{side.lower()}"],
        role=role,
        vehicle=van,
        arrives_on=day,
        leaves_on=day,
    )
    candidate = CandidateStop.objects.create(
        tour=tour, artisan=w.artisans[side], address="Derb Talaa", latitude=34.065, longitude=-4.975
    )
    OpeningHours.objects.create(
        candidate=candidate, weekday=day.weekday(), opens_at=time(9), closes_at=time(18)
    )
    arrival = datetime(2026, 10, 6, 9, 30, tzinfo=UTC)
    stop = PlannedStop.objects.create(
        tour=tour,
        candidate=candidate,
        day=tour_day,
        vehicle=van,
        arrival_at=arrival,
        departure_at=arrival + dt.timedelta(hours=1),
    )
    if status == PlannedStop.Status.CONFIRMED:
        # Confirmed by its host: the visit's group meeting is booked, and its buyer said it was held.
        stop = services.planned_stop_confirm(stop=stop, by=w.artisans[side].user)
        services.stop_outcome_record(
            stop=stop, user=participant.user, held=True, interest=2, next_step="none"
        )
        # An answer recorded before visits were meetings: kept, read-only (its admin pages).
        StopOutcome.objects.create(stop=stop, user=participant.user, interest=StopOutcome.Interest.SOME)
    # A run of the planner, done (its page is staff's); tour A's host answered, so no new run starts.
    run = TourPlanRun.objects.create(
        tour=tour,
        by=w.users["superuser"],
        status=TourPlanRun.Status.DONE,
        stops=1,
        value=100,
        baseline_value=80,
    )
    return {"tour": tour, "stop": stop, "participant": participant, "run": run}


def build_tours(w: Any) -> None:
    w.misc["tours"] = {
        "A": _tour(w, "A", Participant.Role.BUYER, PlannedStop.Status.CONFIRMED),
        "B": _tour(w, "B", Participant.Role.JOURNALIST, PlannedStop.Status.PROPOSED),
    }
    # Artisan A is also a candidate on tour B, not planned yet: A may still place the workshop.
    w.misc["tours"]["A_place"] = CandidateStop.objects.create(
        tour=w.misc["tours"]["B"]["tour"],
        artisan=w.artisans["A"],
        address="Derb Sidi",
        latitude=34.06,
        longitude=-4.98,
    )
