"""A fair's visitor figures for the program's results: registrations, attendance, counts.

Definitions (the same on the page, in the CSV and in the tests):
- registered: registrations whose address was confirmed, or walk-ins (every status but
  "email not confirmed yet"); accepted: those staff (or the public type's own rule) accepted;
- per day: accepted registrations valid on that fair day (a visitor coming three days counts
  on each);
- attendance per session: seats taken and seats whose holder was scanned in the room (scanned);
- attendance per gate and day: distinct passes admitted there (scanned), and the count staff
  entered for that gate and day (declared) where they entered one;
- visitors per day: distinct passes admitted at the gates whose day has no declared count, plus
  the declared counts (a declared count replaces the scans of its gate that day: staff counted
  the whole day there).
A fixed handful of queries, whatever the number of visitors.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from programs.models import Program
from visitors.models import AgendaSession, DailyCount, Gate, Scan, Seat, Visitor
from visitors.selectors import fair_days

SCANNED = "scanned"
DECLARED = "declared"


@dataclass
class KindRow:
    kind: str
    label: str
    registered: int = 0
    accepted: int = 0
    per_day: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class SessionRow:
    title: str
    kind: str
    room: str
    starts_at: object
    capacity: int
    seats: int
    attended: int


@dataclass(frozen=True)
class PlaceDay:
    place: str
    day: date
    scanned: int | None  # None: no gate there (a place counted by hand only)
    declared: int | None  # None: nobody entered a count

    @property
    def source(self) -> str:
        return DECLARED if self.declared is not None else SCANNED

    @property
    def figure(self) -> int:
        return self.declared if self.declared is not None else (self.scanned or 0)


@dataclass(frozen=True)
class DayTotal:
    day: date
    scanned: int
    declared: int
    has_declared: bool

    @property
    def total(self) -> int:
        return self.scanned + self.declared


@dataclass
class VisitorResults:
    days: list[date]
    per_kind: list[KindRow]
    registered: int
    accepted: int
    accepted_per_day: list[int]
    sessions: list[SessionRow]
    places: list[PlaceDay]
    per_day: list[DayTotal]


def visitor_results(program: Program) -> VisitorResults:
    days = fair_days(program)
    counted = ~Q(status=Visitor.Status.UNCONFIRMED)
    accepted = Q(status=Visitor.Status.ACCEPTED)
    per_day = {
        f"day_{i}": Count("pk", filter=accepted & Q(days__contains=[day])) for i, day in enumerate(days)
    }
    rows = {
        row["kind"]: row
        for row in Visitor.objects.filter(program=program)
        .values("kind")
        .annotate(registered=Count("pk", filter=counted), accepted=Count("pk", filter=accepted), **per_day)
        .order_by()
    }
    per_kind = []
    for kind, label in Visitor.Kind.choices:
        row = rows.get(kind, {})
        per_kind.append(
            KindRow(
                kind,
                str(label),
                row.get("registered", 0),
                row.get("accepted", 0),
                [row.get(f"day_{i}", 0) for i in range(len(days))],
            )
        )

    sessions = [
        SessionRow(s.title, s.get_kind_display(), s.room.name, s.starts_at, s.capacity, s.taken, s.attended)
        for s in AgendaSession.objects.filter(program=program)
        .select_related("room")
        .annotate(
            taken=Count("seats", filter=Q(seats__status=Seat.Status.CONFIRMED)),
            attended=Count("seats", filter=Q(seats__attended_at__isnull=False)),
        )
        .order_by("starts_at", "pk")
    ]

    admitted = Scan.objects.filter(program=program, outcome=Scan.Outcome.ADMITTED, gate__isnull=False)
    scanned = {
        (row["gate_id"], row["day"]): row["people"]
        for row in admitted.values("gate_id", "day")
        .annotate(people=Count("pass_obj", distinct=True))
        .order_by()
    }
    declared = list(DailyCount.objects.filter(program=program).values("gate_id", "place", "day", "count"))
    declared_gate = {(d["gate_id"], d["day"]): d["count"] for d in declared if d["gate_id"]}
    places: list[PlaceDay] = []
    for gate in Gate.objects.filter(program=program).order_by("name"):
        for day in days:
            places.append(
                PlaceDay(gate.name, day, scanned.get((gate.pk, day), 0), declared_gate.get((gate.pk, day)))
            )
    for d in sorted((d for d in declared if not d["gate_id"]), key=lambda d: (d["place"], d["day"])):
        places.append(PlaceDay(d["place"], d["day"], None, d["count"]))

    # Distinct people per day over the gates without a declared count that day.
    undeclared = admitted
    for gate_id, day in declared_gate:
        undeclared = undeclared.exclude(gate_id=gate_id, day=day)
    people = {
        row["day"]: row["people"]
        for row in undeclared.values("day").annotate(people=Count("pass_obj", distinct=True)).order_by()
    }
    totals = [
        DayTotal(
            day,
            people.get(day, 0),
            sum(d["count"] for d in declared if d["day"] == day),
            any(d["day"] == day for d in declared),
        )
        for day in days
    ]
    return VisitorResults(
        days=days,
        per_kind=per_kind,
        registered=sum(row.registered for row in per_kind),
        accepted=sum(row.accepted for row in per_kind),
        accepted_per_day=[sum(row.per_day[i] for row in per_kind) for i in range(len(days))],
        sessions=sessions,
        places=places,
        per_day=totals,
    )


def csv_rows(figures: VisitorResults) -> list[tuple[object, object, object, object]]:
    """The results CSV's rows: (section, name, value, scanned or declared)."""
    rows: list[tuple[object, object, object, object]] = []
    for row in figures.per_kind:
        rows.append((_("registrations"), row.label, row.registered, ""))
        rows.append((_("accepted registrations"), row.label, row.accepted, ""))
        for day, n in zip(figures.days, row.per_day, strict=True):
            rows.append((_("accepted for %(day)s") % {"day": day.isoformat()}, row.label, n, ""))
    for session in figures.sessions:
        rows.append((_("session seats taken"), session.title, session.seats, ""))
        rows.append((_("session attendance"), session.title, session.attended, _("scanned")))
    for place in figures.places:
        label = _("visitors on %(day)s") % {"day": place.day.isoformat()}
        if place.scanned is not None:
            rows.append((label, place.place, place.scanned, _("scanned")))
        if place.declared is not None:
            rows.append((label, place.place, place.declared, _("declared")))
    for day in figures.per_day:
        rows.append((_("visitors per day"), day.day.isoformat(), day.scanned, _("scanned")))
        if day.has_declared:
            rows.append((_("visitors per day"), day.day.isoformat(), day.declared, _("declared")))
    return rows
