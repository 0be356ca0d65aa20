"""What every meeting service shares: the errors shown to people, the row lock, the check
against the transition table (meetings/transitions.py) and the history row each change writes."""

from __future__ import annotations

from datetime import UTC, datetime

from django.utils.translation import gettext as _

from accounts.models import User
from common.statemachine import Transition, TransitionRefused
from meetings.models import Meeting, MeetingEvent
from meetings.transitions import MEETINGS, meeting_roles, program_window_refusal
from programs.models import Program

Status = Meeting.Status


class MeetingError(Exception):
    """A transition that is not possible now; the message is shown to the person as is."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

class SlotTaken(MeetingError):
    """The database refused the time: one of the two people already has a meeting then."""

def _lock(meeting_id: int) -> Meeting:
    return (
        Meeting.objects.select_for_update(of=("self",))
        .select_related("artisan", "buyer", "artisan_user", "buyer_user", "program")
        .get(pk=meeting_id)
    )

def _require_party(meeting: Meeting, actor: User) -> None:
    if not meeting.is_party(actor):
        raise MeetingError(_("This meeting is not yours."))

def _require(condition: bool, message: str) -> None:
    if not condition:
        raise MeetingError(message)

def _take(
    meeting: Meeting, action: str, *, actor: User | None, now: datetime, for_both: bool = False
) -> Transition:
    """The row of the transition table this person may take now, or MeetingError saying why not.

    `for_both`: a staff action, taken by someone who is neither side (the table's staff role
    decides who may)."""
    if actor is not None and not for_both:
        _require_party(meeting, actor)
    try:
        return MEETINGS.check(meeting, action, roles=meeting_roles(meeting, actor), now=now)
    except TransitionRefused as refused:
        raise MeetingError(refused.message)


def _in_window(program: Program | None, start: datetime, minutes: int) -> None:
    refusal = program_window_refusal(program, start, minutes)
    if refusal is not None:
        raise MeetingError(refusal)

def _future(start: datetime, now: datetime) -> None:
    if start <= now:
        raise MeetingError(_("That time has already passed. Please choose a time in the future."))

def _record(
    meeting: Meeting, *, actor: User | None, action: str, from_status: str, note: str = "",
    start_at: datetime | None = None,
) -> MeetingEvent:
    return MeetingEvent.objects.create(
        meeting=meeting, actor=actor, action=action, from_status=from_status,
        to_status=meeting.status, note=note, start_at=start_at,
    )

def _normalise_start(start: datetime) -> datetime:
    # Calendars and the slot grid work in whole minutes.
    return start.astimezone(UTC).replace(second=0, microsecond=0)
