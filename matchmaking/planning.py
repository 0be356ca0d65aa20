"""From a scheduling session in the database to the scheduler's problem, and back.

Slots are UTC start times. Who may meet when is decided here, with zoneinfo:

- a B2B day: the venue's day (its own zone) cut into slots, breaks removed;
- a virtual window: a slot is open to a person when it lies inside their working hours
  (`day_starts`–`day_ends`, 9:00–18:00 by default) on one of the session's days, in their
  own zone (the workshop's for an artisan, the user's for a buyer). Each side's offset is
  taken on the slot's own date, so a week when only one side has changed clocks is right.

Only slots where a meeting of the program's length fits inside the program's meeting window
are offered (meetings.transitions.program_window_refusal, the rule requests follow too).

Meetings already booked stay: one of this program that sits exactly on a slot is kept as a
fixed meeting (its people, a table and its interpreter held); any other booked meeting only
makes its people unavailable in the slots it overlaps.
"""

from __future__ import annotations

import zoneinfo
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from django.db.models import Count, Q

from accounts.models import User
from artisans.models import ArtisanProfile
from catalog import visibility
from matchmaking import scheduler
from matchmaking.models import Interpreter, PlanItem, Recommendation, Session, parse_range
from meetings.models import AvailabilityException, Meeting
from meetings.selectors import program_meetings_counted
from meetings.transitions import program_window_refusal
from programs.models import Application, ProgramBuyer

# A preference counts ten times a recommendation's score, which only breaks ties (0 to 4).
PREFERENCE_SCALE = 10
TIE_BREAK_MAX = 4


@dataclass
class SessionProblem:
    session: Session
    problem: scheduler.Problem
    slots: list[datetime]
    artisans: dict[int, ArtisanProfile]
    buyers: dict[int, User]
    interpreters: dict[int, Interpreter]
    kept: dict[tuple[int, int], Meeting] = field(default_factory=dict)

    @property
    def slot_length(self) -> timedelta:
        return timedelta(minutes=self.session.slot_minutes)

    def slot_of(self, start: datetime) -> int | None:
        try:
            return self.slots.index(start.astimezone(UTC))
        except ValueError:
            return None

    def assignment_of(self, item: PlanItem) -> scheduler.Assignment:
        slot = self.slot_of(item.start_at)
        return scheduler.Assignment(
            item.artisan_id, item.buyer_user_id, -1 if slot is None else slot, item.interpreter_id, item.table,
            fixed=item.meeting_id is not None,
        )


def _days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def _local(day: date, at: time, zone: zoneinfo.ZoneInfo) -> datetime:
    return datetime.combine(day, at, tzinfo=zone)


def physical_slots(session: Session) -> list[datetime]:
    """The venue's day(s) in slots, breaks removed, as UTC starts."""
    zone = zoneinfo.ZoneInfo(session.time_zone)
    length = timedelta(minutes=session.slot_minutes)
    breaks = [parse_range(value) for value in session.breaks]
    slots = []
    for day in _days(session.first_day, session.last_day):
        start, close = _local(day, session.day_starts, zone), _local(day, session.day_ends, zone)
        while start + length <= close:
            end = start + length
            if not any(_local(day, b0, zone) < end and start < _local(day, b1, zone) for b0, b1 in breaks):
                slots.append(start.astimezone(UTC))
            start = end
    return slots


def working_slots(session: Session, zone_name: str, candidates: list[datetime]) -> frozenset[int]:
    """The candidate slots inside working hours on a session day, in the person's own zone."""
    zone = zoneinfo.ZoneInfo(zone_name or "UTC")
    length = timedelta(minutes=session.slot_minutes)
    open_slots = set()
    for index, start in enumerate(candidates):
        local_start, local_end = start.astimezone(zone), (start + length).astimezone(zone)
        day = local_start.date()
        if not session.first_day <= day <= session.last_day:
            continue
        if local_start.time() >= session.day_starts and local_end <= _local(day, session.day_ends, zone) \
                and local_end.date() == day:
            open_slots.add(index)
    return frozenset(open_slots)


def _virtual_candidates(session: Session) -> list[datetime]:
    # Every zone's session days fall between these two UTC instants (offsets are within ±14 h).
    start = datetime.combine(session.first_day - timedelta(days=1), time(0), tzinfo=UTC)
    end = datetime.combine(session.last_day + timedelta(days=2), time(0), tzinfo=UTC)
    step = timedelta(minutes=session.slot_minutes)
    candidates = []
    while start < end:
        candidates.append(start)
        start += step
    return candidates


def program_people(program_id: int) -> tuple[dict[int, ArtisanProfile], dict[int, User]]:
    """The program's accepted, approved artisans and its buyers with a profile, by id."""
    artisans = {
        a.pk: a for a in ArtisanProfile.objects.filter(
            visibility.public_artisan_q(),
            applications__program_id=program_id, applications__status=Application.Status.ACCEPTED,
        ).select_related("user")
    }
    buyers = {
        m.user.pk: m.user for m in ProgramBuyer.objects.filter(
            program_id=program_id, user__buyer_profile__isnull=False,
        ).select_related("user", "user__buyer_profile")
    }
    return artisans, buyers


def build(session: Session, *, ignore_meetings: set[int] | frozenset[int] = frozenset()) -> SessionProblem:
    """The scheduler's problem for a session, as things stand in the database now.

    `ignore_meetings`: booked meetings to leave out (a plan's own published meetings, when
    that plan's items are checked as they are).
    """
    from matchmaking.services.recommendations import preference_weights

    program = session.program
    artisans, buyers = program_people(session.program_id)
    length = timedelta(minutes=session.slot_minutes)

    if session.is_physical:
        slots = physical_slots(session)
        every = frozenset(range(len(slots)))
        available = {("a", pk): every for pk in artisans}
        available.update({("b", pk): every for pk in buyers})
    else:
        candidates = _virtual_candidates(session)
        by_zone: dict[str, frozenset[int]] = {}

        def zone_slots(zone_name: str) -> frozenset[int]:
            if zone_name not in by_zone:
                by_zone[zone_name] = working_slots(session, zone_name, candidates)
            return by_zone[zone_name]

        raw = {("a", pk): zone_slots(a.time_zone or a.user.time_zone) for pk, a in artisans.items()}
        raw.update({("b", pk): zone_slots(u.time_zone) for pk, u in buyers.items()})
        artisan_open = set().union(*(s for p, s in raw.items() if p[0] == "a")) if artisans else set()
        buyer_open = set().union(*(s for p, s in raw.items() if p[0] == "b")) if buyers else set()
        # Only the slots some artisan and some buyer share are worth a column.
        kept_indexes = sorted(artisan_open & buyer_open)
        renumber = {old: new for new, old in enumerate(kept_indexes)}
        slots = [candidates[i] for i in kept_indexes]
        available = {person: frozenset(renumber[i] for i in s if i in renumber) for person, s in raw.items()}

    # The program's meeting window: a slot whose meeting would fall outside it is no slot.
    inside = [i for i, start in enumerate(slots) if program_window_refusal(program, start, program.meeting_minutes) is None]
    if len(inside) < len(slots):
        renumbered = {old: new for new, old in enumerate(inside)}
        slots = [slots[i] for i in inside]
        available = {person: frozenset(renumbered[i] for i in s if i in renumbered) for person, s in available.items()}

    available = {person: set(s) for person, s in available.items()}
    venue_zone = zoneinfo.ZoneInfo(session.time_zone)

    # Days an artisan said they cannot meet, in the venue's calendar or their own.
    for exception in AvailabilityException.objects.filter(
        artisan_id__in=artisans, start_date__lte=session.last_day, end_date__gte=session.first_day
    ):
        artisan = artisans[exception.artisan_id]
        zone = venue_zone if session.is_physical else zoneinfo.ZoneInfo(artisan.time_zone or "UTC")
        person = ("a", artisan.pk)
        available[person] -= {
            i for i, start in enumerate(slots) if exception.start_date <= start.astimezone(zone).date() <= exception.end_date
        }

    fixed: list[scheduler.Assignment] = []
    kept: dict[tuple[int, int], Meeting] = {}
    slot_index = {start: i for i, start in enumerate(slots)}
    if slots:
        booked = Meeting.objects.filter(
            Q(artisan_id__in=artisans) | Q(buyer_user_id__in=buyers),
            status__in=Meeting.BOOKED, start_at__lt=slots[-1] + length, end_at__gt=slots[0],
        ).exclude(pk__in=ignore_meetings).order_by("start_at", "id")
        earlier = {
            item.meeting_id: item for item in
            PlanItem.objects.filter(meeting__in=booked).order_by("plan_id")
        }
        for meeting in booked:
            index = slot_index.get(meeting.start_at)
            pair = (meeting.artisan_id, meeting.buyer_user_id)
            if (meeting.program_id == program.pk and index is not None and meeting.end_at <= meeting.start_at + length
                    and meeting.artisan_id in artisans and meeting.buyer_user_id in buyers and pair not in kept):
                item = earlier.get(meeting.pk)
                fixed.append(scheduler.Assignment(
                    meeting.artisan_id, meeting.buyer_user_id, index,
                    item.interpreter_id if item else None, item.table if item else None, fixed=True,
                ))
                kept[pair] = meeting
                continue
            overlapped = {i for i, start in enumerate(slots) if start < meeting.end_at and meeting.start_at < start + length}
            for person in (("a", meeting.artisan_id), ("b", meeting.buyer_user_id)):
                if person in available:
                    available[person] -= overlapped

    # Meetings of the program outside this session count against its limits, and their
    # pairs have met already.
    live = program_meetings_counted(program).exclude(pk__in=[m.pk for m in kept.values()]).exclude(
        pk__in=ignore_meetings
    )
    used_artisan = dict(live.values_list("artisan_id").annotate(n=Count("id")))
    used_buyer = dict(live.values_list("buyer_user_id").annotate(n=Count("id")))
    met_already = set(live.values_list("artisan_id", "buyer_user_id"))
    limits: dict[scheduler.Person, int] = {}
    if program.max_meetings_per_artisan is not None:
        limits.update({("a", pk): max(program.max_meetings_per_artisan - used_artisan.get(pk, 0), 0) for pk in artisans})
    if program.max_meetings_per_buyer is not None:
        limits.update({("b", pk): max(program.max_meetings_per_buyer - used_buyer.get(pk, 0), 0) for pk in buyers})

    scores = dict(
        ((a, b), s) for a, b, s in Recommendation.objects.filter(program=program).values_list(
            "artisan_id", "buyer_user_id", "score"
        )
    )
    artisan_languages = {pk: frozenset([*a.languages_spoken, a.language]) for pk, a in artisans.items()}
    buyer_languages = {
        pk: frozenset(u.buyer_profile.languages or [u.language]) for pk, u in buyers.items()
    }
    pairs = []
    for (artisan_id, buyer_id), weight in preference_weights(program_id=program.pk).items():
        if artisan_id not in artisans or buyer_id not in buyers or weight <= 0:
            continue
        if (artisan_id, buyer_id) in met_already or (artisan_id, buyer_id) in kept:
            continue
        tie = round(min(max(scores.get((artisan_id, buyer_id), 0.0), 0.0), 100.0) / 100 * TIE_BREAK_MAX)
        pairs.append(scheduler.Pair(
            artisan_id, buyer_id, weight * PREFERENCE_SCALE + tie,
            artisan_languages[artisan_id], buyer_languages[buyer_id],
        ))

    interpreters = {
        i.pk: i for i in Interpreter.objects.filter(program=program).prefetch_related("availability")
    }
    pool = []
    for interpreter in interpreters.values():
        ranges = list(interpreter.availability.all())
        free = frozenset(
            index for index, start in enumerate(slots)
            if any(r.starts_at <= start and start + length <= r.ends_at for r in ranges)
        )
        pool.append(scheduler.Interpreter(interpreter.pk, frozenset(interpreter.languages), free))

    tables = session.tables if session.is_physical else None
    if tables is not None:
        fixed = _number_fixed_tables(fixed)
    problem = scheduler.Problem(
        n_slots=len(slots), pairs=pairs, available={p: frozenset(s) for p, s in available.items()},
        limits=limits, tables=tables, interpreters=pool, fixed=fixed,
    )
    return SessionProblem(session, problem, slots, artisans, buyers, interpreters, kept)


def _number_fixed_tables(fixed: list[scheduler.Assignment]) -> list[scheduler.Assignment]:
    taken: dict[int, set[int]] = defaultdict(set)
    for item in fixed:
        if item.table is not None:
            taken[item.slot].add(item.table)
    numbered = []
    for item in fixed:
        table = item.table
        if table is None:
            table = next(t for t in range(1, len(fixed) + 2) if t not in taken[item.slot])
            taken[item.slot].add(table)
        numbered.append(scheduler.Assignment(item.artisan, item.buyer, item.slot, item.interpreter, table, True))
    return numbered
