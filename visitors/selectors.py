"""Reads with rules in them: which fairs take visitors, a pass from its code, the agenda, the counts."""

from __future__ import annotations

import zoneinfo
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, F, Q, QuerySet
from django.db.models.functions import Greatest
from django.utils import timezone

from common.statements import Statement
from programs import kinds
from programs.models import Program
from visitors import codes
from visitors.models import AgendaSession, Gate, Pass, Scan, Seat

# A fair takes visitors while it is open for artisans or buyers and not over.
OPEN_STATUSES = (Program.Status.OPEN_ARTISANS, Program.Status.OPEN_BUYERS)
OCCUPYING = (Seat.Status.CONFIRMED, Seat.Status.OFFERED)


def fair_programs() -> QuerySet[Program]:
    """Fairs whose agenda and registration pages exist (closed ones keep their agenda)."""
    return Program.objects.filter(kind__in=kinds.kinds_with(kinds.VISITORS)).exclude(
        status=Program.Status.DRAFT
    )


def agenda_sessions_visible() -> QuerySet[AgendaSession]:
    """Sessions whose pages are public: those of the fairs above."""
    return AgendaSession.objects.filter(program__in=fair_programs())


def registration_open(program: Program) -> bool:
    return (
        kinds.enables(program, kinds.VISITORS)
        and program.status in OPEN_STATUSES
        and program.ends_on >= timezone.localdate()
    )


def fair_days(program: Program) -> list[date]:
    return [
        program.starts_on + timedelta(days=n) for n in range((program.ends_on - program.starts_on).days + 1)
    ]


def pass_for_code(text: str) -> Pass | None:
    """The pass a genuine code names (live or revoked), with its visitor and program; None otherwise."""
    random_part = codes.verify(text)
    if random_part is None:
        return None
    return Pass.objects.select_related("visitor__program").filter(code=random_part).first()


def agenda(program: Program) -> QuerySet[AgendaSession]:
    """The program's sessions with their rooms and how many seats are taken or offered (one query)."""
    return (
        AgendaSession.objects.filter(program=program)
        .select_related("room")
        .annotate(
            occupied=Count("seats", filter=Q(seats__status__in=OCCUPYING)),
            waiting=Count("seats", filter=Q(seats__status=Seat.Status.WAITING)),
        )
        .annotate(free_seats=Greatest(F("capacity") - F("occupied"), 0))
        .order_by("starts_at", "pk")
    )


def seats_of(q: Q) -> QuerySet[Seat]:
    """A person's live and past seats, with their sessions, rooms and programs."""
    return (
        Seat.objects.filter(q)
        .select_related("session__room", "session__program")
        .order_by("session__starts_at", "pk")
    )


def waiting_position(seat: Seat) -> int:
    """Where a waiting seat stands in its session's queue (1 = next to be offered)."""
    return (
        Seat.objects.filter(session_id=seat.session_id, status=Seat.Status.WAITING)
        .filter(Q(joined_at__lt=seat.joined_at) | Q(joined_at=seat.joined_at, pk__lt=seat.pk))
        .count()
        + 1
    )


@dataclass(frozen=True)
class PlaceCount:
    name: str
    kind: str  # "gate" or "session"
    place_id: int
    scans: int
    people: int
    capacity: int | None = None


def live_counts(program: Program, day: date) -> list[PlaceCount]:
    """Admitted scans and distinct passes per gate and per session on one day: three queries."""
    rows = (
        Scan.objects.filter(program=program, day=day, outcome=Scan.Outcome.ADMITTED)
        .values("gate_id", "session_id")
        .annotate(scans=Count("id"), people=Count("pass_obj", distinct=True))
    )
    by_gate = {row["gate_id"]: row for row in rows if row["gate_id"]}
    by_session = {row["session_id"]: row for row in rows if row["session_id"]}
    counts = [
        PlaceCount(
            gate.name,
            "gate",
            gate.pk,
            by_gate.get(gate.pk, {}).get("scans", 0),
            by_gate.get(gate.pk, {}).get("people", 0),
        )
        for gate in Gate.objects.filter(program=program).order_by("name")
    ]
    for session in AgendaSession.objects.filter(program=program).select_related("room").order_by("starts_at"):
        row = by_session.get(session.pk, {})
        counts.append(
            PlaceCount(
                f"{session.title} ({session.room.name})",
                "session",
                session.pk,
                row.get("scans", 0),
                row.get("people", 0),
                session.capacity,
            )
        )
    return counts


@dataclass(frozen=True)
class Training:
    fair: str
    session: str
    day: date


# On every artisan's public page: compiled once per process (common.statements).
_TRAININGS = Statement(
    lambda user_id: Seat.objects.filter(
        user_id=user_id,
        session__kind=AgendaSession.Kind.TRAINING,
        session__program__in=fair_programs(),
        attended_at__isnull=False,
    )
    .order_by("session__starts_at", "pk")
    .values_list("session__program__name", "session__title", "session__starts_at", "session__program__time_zone"),
    "user_id",
)


def trainings_attended(user_id: int | None) -> list[Training]:
    """The training sessions an account attended (scanned in the room, so it has a certificate),
    at fairs whose agenda is public: the mark on an artisan's public page. One query."""
    if user_id is None:
        return []
    return [
        Training(fair, title, starts_at.astimezone(zoneinfo.ZoneInfo(zone or "UTC")).date())
        for fair, title, starts_at, zone in _TRAININGS.rows(user_id=user_id)
    ]
