"""Reads with rules in them: a tour as the planner's problem, who sees which itinerary and stop."""

from __future__ import annotations

import zoneinfo
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from uuid import UUID

from django.db.models import Count, Q, QuerySet

from accounts.models import User
from matchmaking.models import Recommendation, parse_range
from meetings.models import MeetingParticipant, Outcome
from programs import kinds
from tours import planner
from tours.models import ACTIVE_STOP, CandidateStop, Participant, PlannedStop, Tour, TourDay, TravelTime


def _minutes(at: time) -> int:
    return at.hour * 60 + at.minute


@dataclass
class TourProblem:
    tour: Tour
    problem: planner.Problem
    first_day: date
    days: dict[int, TourDay]
    zone: zoneinfo.ZoneInfo

    def to_utc(self, minutes: int) -> datetime:
        """Absolute planner minutes as a UTC time, through the day's own local date (DST-safe)."""
        day, minute = divmod(minutes, planner.DAY)
        local = datetime.combine(
            self.first_day + timedelta(days=day), time(minute // 60, minute % 60), self.zone
        )
        return local.astimezone(UTC)

    def to_minutes(self, at: datetime) -> int:
        local = at.astimezone(self.zone)
        return (local.date() - self.first_day).days * planner.DAY + local.hour * 60 + local.minute


def tour_zone(tour: Tour) -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(tour.program.time_zone or "UTC")


def tour_problem(tour: Tour) -> TourProblem:
    """The tour as the planner sees it; queries do not grow with the number of stops or buyers."""
    zone = tour_zone(tour)
    days = list(tour.days.all())
    first = days[0].date if days else tour.program.starts_on
    by_index = {(d.date - first).days: d for d in days}
    plan_days = tuple(
        planner.Day(
            index,
            _minutes(d.starts_at),
            _minutes(d.ends_at),
            tuple(sorted((_minutes(s), _minutes(e)) for s, e in (parse_range(b) for b in d.breaks))),
            planner.Point(d.start_latitude, d.start_longitude)
            if d.start_latitude is not None and d.start_longitude is not None
            else None,
        )
        for index, d in by_index.items()
    )
    candidates = list(
        CandidateStop.objects.filter(tour=tour).select_related("artisan").prefetch_related("opening_hours")
    )
    stops = []
    for c in candidates:
        hours: dict[int, list[tuple[int, int]]] = {}
        for h in c.opening_hours.all():
            for index, d in by_index.items():
                if d.date.weekday() == h.weekday:
                    hours.setdefault(index, []).append((_minutes(h.opens_at), _minutes(h.closes_at)))
        # A cooperative is one artisan profile, held to one stop by the database; a region's cap is here.
        group = c.artisan.region.strip().casefold() if tour.group_by == Tour.GroupBy.REGION else ""
        stops.append(
            planner.Stop(
                c.pk,
                planner.Point(c.latitude, c.longitude),
                c.visit_minutes,
                {i: tuple(sorted(w)) for i, w in hours.items()},
                group,
            )
        )
    buyers = list(Participant.objects.filter(tour=tour, role=Participant.Role.BUYER))
    scores: dict[tuple[int, int], float] = {
        (r.buyer_user_id, r.artisan_id): r.score
        for r in Recommendation.objects.filter(
            program_id=tour.program_id,
            buyer_user_id__in=[b.user_id for b in buyers],
            artisan_id__in=[c.artisan_id for c in candidates],
        ).only("buyer_user_id", "artisan_id", "score")
    }
    vehicles = tuple(v.pk for v in tour.vehicles.all())
    values: dict[tuple[int, int, int], int] = {}
    for c in candidates:
        for index, d in by_index.items():
            for v in vehicles:
                total = sum(
                    scores.get((b.user_id, c.artisan_id), 0.0)
                    for b in buyers
                    if b.vehicle_id == v and b.present_on(d.date)
                )
                if total > 0:
                    values[(c.pk, index, v)] = round(total * 100)
    matrix = {(t.origin_id or 0, t.destination_id): t.minutes for t in TravelTime.objects.filter(tour=tour)}
    problem = planner.Problem(
        plan_days,
        vehicles,
        tuple(stops),
        planner.Point(tour.start_latitude, tour.start_longitude),
        values,
        speed_kmh=tour.speed_kmh,
        detour=tour.detour_factor,
        matrix=matrix,
        group_cap=tour.max_stops_per_group,
    )
    return TourProblem(tour, problem, first, by_index, zone)


def _stops() -> QuerySet[PlannedStop]:
    return PlannedStop.objects.filter(
        status__in=ACTIVE_STOP, tour__program__kind__in=_tour_kinds()
    ).select_related("candidate__artisan", "day", "vehicle", "tour__program", "meeting")


def participant_for(user: User, tour_public_id: UUID) -> Participant | None:
    """The user's own place on a tour (journalists, like everyone, see only the tours they are on)."""
    if not user.is_authenticated:
        return None
    return (
        Participant.objects.select_related("tour__program", "vehicle", "user")
        .filter(user=user, tour__public_id=tour_public_id)
        .first()
    )


def itinerary(participant: Participant) -> list[PlannedStop]:
    """The stops a participant makes: their vehicle's (all when they ride none), on the days they are there."""
    stops = _stops().filter(
        tour_id=participant.tour_id,
        day__date__gte=participant.arrives_on,
        day__date__lte=participant.leaves_on,
    )
    if participant.vehicle_id is not None:
        stops = stops.filter(vehicle_id=participant.vehicle_id)
    return list(stops.order_by("arrival_at"))


def _tour_kinds() -> list[str]:
    # Lists show only programs whose kind has tours (a program's kind may change after its tour).
    return kinds.kinds_with(kinds.TOUR)


def my_tours(user: User) -> list[Participant]:
    return list(
        Participant.objects.filter(user=user, tour__program__kind__in=_tour_kinds())
        .select_related("tour__program")
        .order_by("-arrives_on")
    )


def host_stops(user: User) -> list[PlannedStop]:
    return list(_stops().filter(candidate__artisan__user=user).order_by("arrival_at"))


def host_stop(user: User, public_id: UUID) -> PlannedStop | None:
    return _stops().filter(candidate__artisan__user=user, public_id=public_id).first()


def participant_stop(user: User, public_id: UUID) -> tuple[PlannedStop, Participant] | None:
    """A stop the user makes as a participant (on its vehicle, that day), with their place on the tour."""
    stop = _stops().filter(public_id=public_id).first()
    if stop is None or not user.is_authenticated:
        return None
    participant = Participant.objects.filter(tour_id=stop.tour_id, user=user).first()
    if participant is None or not participant.present_on(stop.day.date):
        return None
    if participant.vehicle_id is not None and participant.vehicle_id != stop.vehicle_id:
        return None
    return stop, participant


def visit_place(stop: PlannedStop, user: User) -> MeetingParticipant | None:
    """The user's place at the stop's meeting (none before the host confirmed, or when cancelled)."""
    if stop.meeting_id is None:
        return None
    return (
        MeetingParticipant.objects.filter(meeting_id=stop.meeting_id, user=user)
        .exclude(status=MeetingParticipant.Status.CANCELLED)
        .first()
    )


def visit_outcome(stop: PlannedStop, user: User) -> Outcome | None:
    """What the user recorded the visit led to (their outcome at its meeting)."""
    if stop.meeting_id is None:
        return None
    return Outcome.objects.filter(meeting_id=stop.meeting_id, user=user).first()


def map_links(latitude: float, longitude: float) -> dict[str, Any]:
    return {
        "geo": f"geo:{latitude:.6f},{longitude:.6f}",
        "osm": f"https://www.openstreetmap.org/?mlat={latitude:.6f}&mlon={longitude:.6f}#map=18/{latitude:.6f}/{longitude:.6f}",
    }


def host_candidacies(user: User) -> list[CandidateStop]:
    """The artisan's workshops on tours, each with whether a visit is planned there yet."""
    return list(
        CandidateStop.objects.filter(artisan__user=user, tour__program__kind__in=_tour_kinds())
        .select_related("tour__program")
        .annotate(planned_count=Count("planned", filter=Q(planned__status__in=ACTIVE_STOP)))
        .order_by("-tour__program__starts_on", "id")
    )


def host_candidacy(user: User, public_id: UUID) -> CandidateStop | None:
    return (
        CandidateStop.objects.select_related("tour__program")
        .filter(artisan__user=user, public_id=public_id)
        .first()
    )
