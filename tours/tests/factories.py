"""A small workshop tour in Fez: two days, vehicles, buyers with matchmaking scores, workshops."""

from __future__ import annotations

import datetime as dt
from datetime import time

from django.contrib.auth.models import Permission
from django.utils import timezone

from accounts.tests.factories import BuyerUserFactory, UserFactory
from buyers.tests.factories import BuyerProfileFactory
from catalog.tests.factories import ArtisanProfileFactory
from matchmaking.models import Recommendation
from programs.models import Program
from programs.tests.factories import ProgramFactory
from tours import services
from tours.models import CandidateStop, OpeningHours, Participant, Tour, TourDay, TourPlanRun, Vehicle

FEZ = (34.0617, -4.9732)
FIRST_DAY = dt.date(2026, 10, 6)  # a Tuesday


def make_tour(
    *,
    artisans: int = 4,
    buyers: int = 3,
    vehicles: int = 1,
    days: int = 2,
    program=None,
    seats: int = 8,
    artisan_profiles=None,
    buyer_users=None,
) -> Tour:
    program = program or ProgramFactory(
        kind=Program.Kind.WORKSHOP_TOUR,
        time_zone="Africa/Casablanca",
        starts_on=FIRST_DAY,
        ends_on=FIRST_DAY + dt.timedelta(days=days - 1),
    )
    tour = Tour.objects.create(
        program=program,
        start_name="Bab Boujloud",
        start_latitude=FEZ[0],
        start_longitude=FEZ[1],
        speed_kmh=20,
    )
    for d in range(days):
        TourDay.objects.create(
            tour=tour,
            date=FIRST_DAY + dt.timedelta(days=d),
            starts_at=time(9),
            ends_at=time(17),
            breaks=["13:00-14:00"],
        )
    fleet = [Vehicle.objects.create(tour=tour, name=f"Van {v + 1}", seats=seats) for v in range(vehicles)]
    people = buyer_users or [BuyerUserFactory() for _ in range(buyers)]
    for user in people:
        if not hasattr(user, "buyer_profile"):
            BuyerProfileFactory(user=user)
        Participant.objects.create(
            tour=tour,
            user=user,
            role=Participant.Role.BUYER,
            arrives_on=FIRST_DAY,
            leaves_on=FIRST_DAY + dt.timedelta(days=days - 1),
        )
    profiles = artisan_profiles or [
        ArtisanProfileFactory(region="Fès-Meknès", indexed=False) for _ in range(artisans)
    ]
    now = timezone.now()
    for n, artisan in enumerate(profiles):
        candidate = CandidateStop.objects.create(
            tour=tour,
            artisan=artisan,
            address=f"{n + 1} Derb Talaa, Fès",
            latitude=FEZ[0] + 0.002 * (n + 1),
            longitude=FEZ[1] + 0.001 * (n % 3),
            visit_minutes=60,
        )
        for weekday in range(7):
            OpeningHours.objects.create(
                candidate=candidate, weekday=weekday, opens_at=time(9), closes_at=time(18)
            )
        for m, user in enumerate(people):
            Recommendation.objects.update_or_create(
                program=program,
                buyer_user=user,
                artisan=artisan,
                defaults={"score": 40 + (n * 7 + m * 11) % 50, "computed_at": now},
            )
    assert fleet
    return tour


def staff_planner():
    user = UserFactory(role="staff", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="change_plannedstop"))
    return user


def plan_now(tour: Tour, by=None, *, seconds: float = 0.5) -> TourPlanRun:
    """Start a planner run and solve it here, as its task would (the test's transaction never commits)."""
    run = services.tour_plan_request(tour=tour, by=by)
    done = services.tour_plan_run(run_id=run.pk, seconds=seconds)
    assert done is not None and done.status == TourPlanRun.Status.DONE, done and done.error
    return done
