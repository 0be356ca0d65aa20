"""Reads with rules: an artisan's free time, and which meetings a person may see."""

from __future__ import annotations

import uuid
import zoneinfo
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from accounts.models import User
from artisans.models import ArtisanProfile
from common.limits import Limit
from meetings.models import DEFAULT_DURATIONS, AvailabilitySettings, Meeting, MeetingParticipant, Outcome
from meetings.transitions import MEETINGS, meeting_roles, program_window_refusal
from programs.models import Program

SLOT_STEP = timedelta(minutes=30)
# Nobody can be asked to meet in the next couple of hours.
MIN_NOTICE = timedelta(hours=2)
JOIN_EARLY = timedelta(minutes=15)


@dataclass(frozen=True)
class Slot:
    start: datetime  # UTC
    end: datetime


def artisan_durations(artisan: ArtisanProfile) -> list[int]:
    found = AvailabilitySettings.objects.filter(artisan=artisan).values_list("durations", flat=True).first()
    return sorted(found) if found else list(DEFAULT_DURATIONS)


def program_meetings_counted(program: Program) -> QuerySet[Meeting]:
    """The meetings that use up a program's limits: all of its meetings but declined and cancelled."""
    return Meeting.objects.filter(program=program).exclude(status__in=[Meeting.Status.DECLINED, Meeting.Status.CANCELLED])


def program_meeting_limits(*, program: Program, artisan_id: int, buyer_user_id: int) -> list[Limit]:
    """A program's limits on one more meeting of this artisan and this buyer (common.limits)."""
    counted = program_meetings_counted(program)
    return [
        Limit(key=("program-artisan-meetings", program.pk, artisan_id), maximum=program.max_meetings_per_artisan,
              counted=counted.filter(artisan_id=artisan_id)),
        Limit(key=("program-buyer-meetings", program.pk, buyer_user_id), maximum=program.max_meetings_per_buyer,
              counted=counted.filter(buyer_user_id=buyer_user_id)),
    ]


def _utc(day: date, moment: time, zone: zoneinfo.ZoneInfo) -> datetime:
    # Built per local date, so each day gets the offset in force that day (DST).
    return datetime.combine(day, moment, tzinfo=zone).astimezone(UTC)


def _merge(intervals: list[tuple[datetime, datetime]]) -> list[tuple[datetime, datetime]]:
    merged: list[tuple[datetime, datetime]] = []
    for start, end in sorted(intervals):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def artisan_open_intervals(
    artisan: ArtisanProfile, *, first_day: date, last_day: date
) -> list[tuple[datetime, datetime]]:
    """The artisan's stated windows and slots as UTC intervals, minus their exceptions."""
    zone = zoneinfo.ZoneInfo(artisan.time_zone or "UTC")
    windows: dict[int, list[tuple[time, time]]] = {}
    for window in artisan.availability_windows.all():
        windows.setdefault(window.weekday, []).append((window.start_time, window.end_time))
    slots: dict[date, list[tuple[time, time]]] = {}
    for slot in artisan.availability_slots.filter(date__range=(first_day, last_day)):
        slots.setdefault(slot.date, []).append((slot.start_time, slot.end_time))
    blocked = list(
        artisan.availability_exceptions.filter(start_date__lte=last_day, end_date__gte=first_day)
        .values_list("start_date", "end_date")
    )
    intervals = []
    day = first_day
    while day <= last_day:
        if not any(start <= day <= end for start, end in blocked):
            for start, end in windows.get(day.weekday(), []) + slots.get(day, []):
                intervals.append((_utc(day, start, zone), _utc(day, end, zone)))
        day += timedelta(days=1)
    return _merge(intervals)


def artisan_free_slots(
    *,
    artisan: ArtisanProfile,
    duration_minutes: int | None = None,
    weeks: int = 3,
    now: datetime | None = None,
    min_notice: timedelta = MIN_NOTICE,
    program: Program | None = None,
) -> list[Slot]:
    """Start times (UTC) over the next `weeks` at which a meeting of this length fits.

    Windows are expanded per local date in the artisan's zone; exceptions and the artisan's
    booked meetings are taken out. For a meeting of a program, its length is the program's and
    only slots inside the program's meeting window are offered.
    """
    now = now or timezone.now()
    if program is not None:
        duration_minutes = program.meeting_minutes
    duration = timedelta(minutes=duration_minutes or min(artisan_durations(artisan)))
    zone = zoneinfo.ZoneInfo(artisan.time_zone or "UTC")
    first_day = now.astimezone(zone).date()
    last_day = first_day + timedelta(weeks=weeks)
    open_intervals = artisan_open_intervals(artisan, first_day=first_day, last_day=last_day)
    if not open_intervals:
        return []
    # The lookups on both times leave out meetings without a time; the check says so to the types.
    busy = [
        (b_start, b_end)
        for b_start, b_end in Meeting.objects.filter(
            artisan_user_id=artisan.user_id, status__in=Meeting.BOOKED,
            start_at__lt=open_intervals[-1][1], end_at__gt=open_intervals[0][0],
        ).values_list("start_at", "end_at")
        if b_start is not None and b_end is not None
    ]
    earliest = now + min_notice
    found = []
    for open_start, open_end in open_intervals:
        start = open_start
        while start + duration <= open_end:
            end = start + duration
            if (start >= earliest and not any(b_start < end and start < b_end for b_start, b_end in busy)
                    and program_window_refusal(program, start, int(duration.total_seconds()) // 60) is None):
                found.append(Slot(start=start, end=end))
            start += SLOT_STEP
    return found


# --- meetings -----------------------------------------------------------------------------


def _has_place(user: User, **extra: object) -> Exists:
    return Exists(
        MeetingParticipant.objects.filter(meeting=OuterRef("pk"), user=user, **extra)
        .exclude(status=MeetingParticipant.Status.CANCELLED)
    )


def meetings_for_user(user: User) -> QuerySet[Meeting]:
    """Only the meetings a person takes part in (a side, or a group meeting's participant whose
    place holds); staff use the admin."""
    return Meeting.objects.filter(Q(artisan_user=user) | Q(buyer_user=user) | _has_place(user)).select_related(
        "artisan", "buyer", "artisan_user", "buyer_user", "program"
    )


def place_of(meeting: Meeting, user: User) -> MeetingParticipant | None:
    """The person's own place at a group meeting (not the lead buyer's: theirs is the meeting)."""
    return MeetingParticipant.objects.filter(meeting=meeting, user=user, lead=False).first()


def meeting_places(meeting: Meeting) -> list[MeetingParticipant]:
    """Everyone at the meeting besides its artisan, in one query (the page's list)."""
    return list(meeting.participants.select_related("user", "buyer").order_by("-lead", "pk"))


def held_meeting_for_buyer(user: User, public_id: uuid.UUID) -> Meeting | None:
    """A meeting that took place (someone said so) at which this person was a buyer, the lead
    or a group meeting's participant: a deal may start from it."""
    return (
        Meeting.objects.select_related("artisan", "program")
        .filter(public_id=public_id)
        .filter(_has_place(user, role=MeetingParticipant.Role.BUYER))
        .filter(Exists(Outcome.objects.filter(meeting=OuterRef("pk"), attendance=Outcome.Attendance.HELD)))
        .first()
    )


def buyer_was_at(meeting: Meeting, buyer_id: int) -> bool:
    """For deals: the buyer (profile) had a place at the meeting that holds."""
    return (
        MeetingParticipant.objects.filter(meeting=meeting, buyer_id=buyer_id, role=MeetingParticipant.Role.BUYER)
        .exclude(status=MeetingParticipant.Status.CANCELLED)
        .exists()
    )


def meeting_for_user(user: User, public_id: str | uuid.UUID) -> Meeting:
    meeting = meetings_for_user(user).filter(public_id=public_id).first()
    if meeting is None:
        raise Http404
    return meeting


@dataclass
class MeetingRow:
    meeting: Meeting
    other: User
    other_name: str
    other_zone: str
    needs_answer: bool
    can_join: bool


ANSWERS = frozenset({"accept", "confirm", "decline"})


def needs_answer_from(meeting: Meeting, user: User, now: datetime) -> bool:
    """The person can answer what is on the table (the transition table says so)."""
    return bool(ANSWERS & allowed_actions(meeting, user, now=now))


def can_join(meeting: Meeting, now: datetime) -> bool:
    return (
        meeting.is_virtual and meeting.is_booked and bool(meeting.video_token)
        and meeting.start_at is not None and meeting.end_at is not None
        and meeting.start_at - JOIN_EARLY <= now < meeting.end_at
    )


def meeting_row(meeting: Meeting, user: User, now: datetime) -> MeetingRow:
    is_artisan = user.pk == meeting.artisan_user_id
    return MeetingRow(
        meeting=meeting,
        other=meeting.other_party(user),
        other_name=meeting.buyer.organisation_name if is_artisan else meeting.artisan.business_name,
        other_zone=meeting.other_zone(user).key,
        needs_answer=needs_answer_from(meeting, user, now),
        can_join=can_join(meeting, now),
    )


@dataclass
class MeetingSections:
    to_answer: list[MeetingRow]
    waiting: list[MeetingRow]
    upcoming: list[MeetingRow]
    past: list[MeetingRow]


def meeting_sections(user: User, *, now: datetime | None = None, past_limit: int = 50) -> MeetingSections:
    """A person's meetings sorted into what to answer, what waits, what comes and what was."""
    now = now or timezone.now()
    sections = MeetingSections(to_answer=[], waiting=[], upcoming=[], past=[])
    open_statuses = (Meeting.Status.REQUESTED, Meeting.Status.COUNTERED)
    for meeting in meetings_for_user(user).order_by("start_at", "created_at"):
        row = meeting_row(meeting, user, now)
        if meeting.is_booked and not meeting.has_ended(now):
            sections.upcoming.append(row)
            if row.needs_answer:
                sections.to_answer.append(row)
        elif meeting.status in open_statuses:
            (sections.to_answer if row.needs_answer else sections.waiting).append(row)
        else:
            sections.past.append(row)
    sections.past.sort(key=lambda row: row.meeting.start_at or row.meeting.created_at, reverse=True)
    sections.past = sections.past[:past_limit]
    return sections


def allowed_actions(meeting: Meeting, user: User, *, now: datetime | None = None) -> set[str]:
    """What this person may do now: the rows of meetings.transitions.MEETINGS that the services
    would accept (the page shows a form for each it has one for)."""
    now = now or timezone.now()
    return MEETINGS.allowed(meeting, roles=meeting_roles(meeting, user), now=now)
