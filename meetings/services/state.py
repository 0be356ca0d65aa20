"""The transitions of a meeting after it exists: answers, counters, confirmations,
reschedules, cancellations, completion and outcomes.

Each service asks the one transition table (meetings/transitions.py, MEETINGS) whether the
person may take the action now and moves the meeting to the row's target; pages offer what
the same table allows. The services check only the action's own arguments (a reason, a chosen
time, the program's meeting window). A rescheduling meeting still holds its confirmed time, so
the database counts it as booked. Confirming takes the meeting's row lock and lets the
exclusion constraints refuse an overlap (SlotTaken). Every transition writes a MeetingEvent.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from meetings.models import Meeting, Outcome
from meetings.services.base import _future, _in_window, _lock, _normalise_start, _record, _require, _take
from meetings.services.booking import _book, _save_booking
from meetings.services.mail import (
    CALENDAR_CANCEL,
    CALENDAR_REQUEST,
    _notify,
    _owe,
    _queue_cancellations,
    _queue_invitations,
    _tell_unreachable_requests,
)
from meetings.transitions import proposal_refusal

Status = Meeting.Status


def meeting_accept(*, meeting_id: int, actor: User, start_at: datetime, now: datetime | None = None) -> Meeting:
    """The artisan accepts one of the buyer's proposed times; the meeting is confirmed."""
    now = now or timezone.now()
    start_at = _normalise_start(start_at)
    with transaction.atomic():
        meeting = _lock(meeting_id)
        row = _take(meeting, "accept", actor=actor, now=now)
        _require(start_at in meeting.proposed_starts, _("Choose one of the proposed times."))
        refusal = proposal_refusal(meeting, start_at, now)
        _require(refusal is None, refusal or "")
        previous = meeting.status
        meeting.status = row.target
        meeting.confirmed_at = now
        _save_booking(meeting, fields=[*_book(meeting, start_at), "confirmed_at", *_owe(meeting, CALENDAR_REQUEST)])
        _record(meeting, actor=actor, action="accept", from_status=previous, start_at=start_at)
        _tell_unreachable_requests(meeting)
        _queue_invitations(meeting)
    return meeting

def meeting_decline(*, meeting_id: int, actor: User, reason: str = "", now: datetime | None = None) -> Meeting:
    """Decline a request or a counter-proposal, or turn down a proposed new time."""
    now = now or timezone.now()
    with transaction.atomic():
        meeting = _lock(meeting_id)
        row = _take(meeting, "decline", actor=actor, now=now)
        previous = meeting.status
        if previous == Status.REQUESTED:
            _require(bool(reason.strip()), _("Please give a reason, so the buyer understands."))
        meeting.status = row.target
        if previous == Status.RESCHEDULING:
            # The agreed time stands; only the proposal goes.
            meeting.proposed_starts = []
            meeting.proposed_by = None
            fields = ["status", "proposed_starts", "proposed_by"]
        else:
            meeting.decline_reason = reason.strip()
            fields = ["status", "decline_reason"]
        meeting.save(update_fields=[*fields, "updated_at"])
        event = _record(meeting, actor=actor, action="decline", from_status=previous, note=reason.strip())
        _notify(meeting, event, recipients=[meeting.other_party(actor)])
    return meeting

def meeting_counter(
    *, meeting_id: int, actor: User, start_at: datetime, note: str = "", now: datetime | None = None
) -> Meeting:
    """The artisan proposes another time instead of the buyer's."""
    now = now or timezone.now()
    start_at = _normalise_start(start_at)
    with transaction.atomic():
        meeting = _lock(meeting_id)
        row = _take(meeting, "counter", actor=actor, now=now)
        _future(start_at, now)
        _in_window(meeting.program, start_at, meeting.duration_minutes)
        previous = meeting.status
        meeting.status = row.target
        meeting.proposed_starts = [start_at]
        meeting.proposed_by = actor
        meeting.proposed_time_zone = actor.time_zone
        meeting.save(update_fields=["status", "proposed_starts", "proposed_by", "proposed_time_zone", "updated_at"])
        event = _record(meeting, actor=actor, action="counter", from_status=previous, note=note.strip(), start_at=start_at)
        _notify(meeting, event, recipients=[meeting.buyer_user])
    return meeting

def meeting_confirm(*, meeting_id: int, actor: User, now: datetime | None = None) -> Meeting:
    """Agree to the time the other side proposed (a counter or a reschedule)."""
    now = now or timezone.now()
    with transaction.atomic():
        meeting = _lock(meeting_id)
        row = _take(meeting, "confirm", actor=actor, now=now)
        previous = meeting.status
        # A counter or a reschedule puts one time on the table; the table's guard says it stands.
        start_at = meeting.proposed_starts[0]
        meeting.status = row.target
        fields = _book(meeting, start_at)
        if previous == Status.RESCHEDULING:
            meeting.sequence += 1
            fields.append("sequence")
        else:
            meeting.confirmed_at = now
            fields.append("confirmed_at")
        _save_booking(meeting, fields=[*fields, *_owe(meeting, CALENDAR_REQUEST)])
        _record(meeting, actor=actor, action="confirm", from_status=previous, start_at=start_at)
        _tell_unreachable_requests(meeting)
        _queue_invitations(meeting)
    return meeting

def meeting_reschedule(
    *, meeting_id: int, actor: User, start_at: datetime, note: str = "", now: datetime | None = None
) -> Meeting:
    """Either side proposes a new time for a confirmed meeting; the other side answers."""
    now = now or timezone.now()
    start_at = _normalise_start(start_at)
    with transaction.atomic():
        meeting = _lock(meeting_id)
        row = _take(meeting, "reschedule", actor=actor, now=now)
        _future(start_at, now)
        _require(start_at != meeting.start_at, _("That is the time already agreed."))
        _in_window(meeting.program, start_at, meeting.duration_minutes)
        previous = meeting.status
        meeting.status = row.target
        meeting.proposed_starts = [start_at]
        meeting.proposed_by = actor
        meeting.proposed_time_zone = actor.time_zone
        meeting.save(update_fields=["status", "proposed_starts", "proposed_by", "proposed_time_zone", "updated_at"])
        event = _record(meeting, actor=actor, action="reschedule", from_status=previous, note=note.strip(), start_at=start_at)
        _notify(meeting, event, recipients=[meeting.other_party(actor)])
    return meeting

def meeting_cancel(*, meeting_id: int, actor: User, reason: str, now: datetime | None = None) -> Meeting:
    """Either side calls the meeting off; calendars receive a cancellation if it was booked."""
    now = now or timezone.now()
    with transaction.atomic():
        meeting = _lock(meeting_id)
        row = _take(meeting, "cancel", actor=actor, now=now)
        previous = meeting.status
        _require(bool(reason.strip()), _("Please give a reason, so the other side understands."))
        was_booked = meeting.is_booked
        meeting.status = row.target
        meeting.cancel_reason = reason.strip()
        meeting.cancelled_by = actor
        meeting.proposed_starts = []
        fields = ["status", "cancel_reason", "cancelled_by", "proposed_starts"]
        if was_booked:
            meeting.sequence += 1
            fields += ["sequence", *_owe(meeting, CALENDAR_CANCEL)]
        meeting.save(update_fields=[*fields, "updated_at"])
        event = _record(meeting, actor=actor, action="cancel", from_status=previous, note=reason.strip())
        if was_booked:
            _queue_cancellations(meeting)
        else:
            _notify(meeting, event, recipients=[meeting.other_party(actor)])
    return meeting

def meeting_complete(*, meeting_id: int, actor: User | None = None, now: datetime | None = None) -> Meeting:
    """Mark a booked meeting completed once its end has passed. Harmless when already done."""
    now = now or timezone.now()
    with transaction.atomic():
        meeting = _lock(meeting_id)
        row = _take(meeting, "complete", actor=actor, now=now)
        if meeting.status == Status.COMPLETED:
            return meeting
        previous = meeting.status
        meeting.status = row.target
        meeting.proposed_starts = []
        meeting.save(update_fields=["status", "proposed_starts", "updated_at"])
        _record(meeting, actor=actor, action="complete", from_status=previous)
    return meeting

def outcome_record(
    *,
    meeting_id: int,
    actor: User,
    attendance: str,
    interest: int,
    next_step: str,
    estimated_order_value: Decimal | None = None,
    currency: str = "EUR",
    notes: str = "",
    now: datetime | None = None,
) -> Outcome:
    """One side's account of a meeting that has ended; recording it again updates it."""
    now = now or timezone.now()
    with transaction.atomic():
        _take(_lock(meeting_id), "outcome", actor=actor, now=now)
        meeting = meeting_complete(meeting_id=meeting_id, actor=actor, now=now)
        outcome, _created = Outcome.objects.update_or_create(
            meeting=meeting, user=actor,
            defaults={
                "attendance": attendance, "interest": interest, "next_step": next_step,
                "estimated_order_value": estimated_order_value, "currency": currency, "notes": notes.strip(),
            },
        )
    return outcome


# --- agency staff, for both sides (the admin calls these) ---------------------------------


def meeting_staff_cancel(*, meeting_id: int, actor: User, reason: str, now: datetime | None = None) -> Meeting:
    """Staff call a meeting off for both sides; both are told, by the same mail as a side's
    cancellation (a booked meeting's calendar cancellation, else the update notice)."""
    now = now or timezone.now()
    with transaction.atomic():
        meeting = _lock(meeting_id)
        row = _take(meeting, "staff_cancel", actor=actor, now=now, for_both=True)
        _require(bool(reason.strip()), _("Please give a reason, so both sides understand."))
        previous = meeting.status
        was_booked = meeting.is_booked
        meeting.status = row.target
        meeting.cancel_reason = reason.strip()
        meeting.cancelled_by = actor
        meeting.proposed_starts = []
        fields = ["status", "cancel_reason", "cancelled_by", "proposed_starts"]
        if was_booked:
            meeting.sequence += 1
            fields += ["sequence", *_owe(meeting, CALENDAR_CANCEL)]
        meeting.save(update_fields=[*fields, "updated_at"])
        event = _record(meeting, actor=actor, action="staff_cancel", from_status=previous, note=reason.strip())
        if was_booked:
            _queue_cancellations(meeting)
        else:
            _notify(meeting, event, recipients=[meeting.artisan_user, meeting.buyer_user])
    return meeting


def meeting_staff_reschedule(
    *, meeting_id: int, actor: User, start_at: datetime, note: str = "", now: datetime | None = None
) -> Meeting:
    """Staff move a booked meeting to a new time for both sides: booked at once (the exclusion
    constraints may refuse it: SlotTaken), SEQUENCE + 1, and both get the updated invitation.
    A time either side had proposed in the meantime goes."""
    now = now or timezone.now()
    start_at = _normalise_start(start_at)
    with transaction.atomic():
        meeting = _lock(meeting_id)
        row = _take(meeting, "staff_reschedule", actor=actor, now=now, for_both=True)
        _future(start_at, now)
        _require(start_at != meeting.start_at, _("That is the time already agreed."))
        _in_window(meeting.program, start_at, meeting.duration_minutes)
        previous = meeting.status
        meeting.status = row.target
        meeting.sequence += 1
        fields = [*_book(meeting, start_at), "sequence", *_owe(meeting, CALENDAR_REQUEST)]
        _save_booking(meeting, fields=fields)
        _record(meeting, actor=actor, action="staff_reschedule", from_status=previous, note=note.strip(),
                start_at=start_at)
        _tell_unreachable_requests(meeting)
        _queue_invitations(meeting)
    return meeting
