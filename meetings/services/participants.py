"""Group meetings: the people at a meeting besides its artisan (meetings.models.MeetingParticipant).

The meeting's own buyer is its lead participant, kept by the database trigger; these services
add the others (staff), let each confirm or cancel their own place, and record each one's
outcome. A place holds the meeting's time for its person (participant_no_overlap: the database
refuses a person in two meetings at once, SlotTaken here). Cancelling one place leaves the
meeting and the other places as they are; the lead cancels the meeting itself (meeting_cancel),
except at a program's visit (Meeting.visit), whose lead gives up their place like anyone.
Mail: each place is in the meeting's invitation (one per person and version, keyed as the two
sides' are), and a cancelled place gets its own cancellation once.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from buyers.models import BuyerProfile
from meetings import tasks
from meetings.models import Meeting, MeetingParticipant, Outcome
from meetings.services.base import MeetingError, SlotTaken, _lock, _require
from meetings.services.mail import _queue_invitations

Role = MeetingParticipant.Role
PlaceStatus = MeetingParticipant.Status
# A place may be added while the meeting can still happen.
ADDABLE = (
    Meeting.Status.REQUESTED,
    Meeting.Status.COUNTERED,
    Meeting.Status.CONFIRMED,
    Meeting.Status.RESCHEDULING,
)
STAFF_PERMISSION = "meetings.change_meeting"


def _require_staff(actor: User) -> None:
    _require(actor.is_staff and actor.has_perm(STAFF_PERMISSION), _("Only agency staff may do this."))


def _lock_place(participant_id: int) -> MeetingParticipant:
    place = MeetingParticipant.objects.select_related("meeting").get(pk=participant_id)
    meeting = _lock(place.meeting_id)  # the meeting first, as every meeting service locks it
    place = MeetingParticipant.objects.select_for_update().get(pk=participant_id)
    place.meeting = meeting
    return place


def participant_add(
    *, meeting_id: int, actor: User, user: User, role: str = Role.BUYER, buyer: BuyerProfile | None = None
) -> MeetingParticipant:
    """Staff add a person to a meeting; a booked meeting's time becomes theirs at once."""
    _require_staff(actor)
    _require(role in Role.values, _("Choose a role."))
    if role == Role.BUYER:
        buyer = buyer or BuyerProfile.objects.filter(user=user).first()
        _require(buyer is not None and buyer.user_id == user.pk, _("This person has no buyer profile."))
    else:
        buyer = None
    with transaction.atomic():
        meeting = _lock(meeting_id)
        _require(meeting.status in ADDABLE, _("This meeting is over; no one can join it now."))
        _require(user.pk != meeting.artisan_user_id, _("The artisan hosts this meeting."))
        # Asked first, under the meeting's lock: a second place at the same meeting would also
        # overlap the first, and which constraint PostgreSQL reports first is not fixed.
        _require(
            not MeetingParticipant.objects.filter(meeting=meeting, user=user).exists(),
            _("This person is already at this meeting."),
        )
        place = MeetingParticipant(
            meeting=meeting,
            user=user,
            buyer=buyer,
            role=role,
            status=PlaceStatus.INVITED,
            start_at=meeting.start_at,
            end_at=meeting.end_at,
            meeting_booked=meeting.is_booked,
        )
        try:
            with transaction.atomic():
                place.save()
        except IntegrityError as error:
            constraint = getattr(getattr(error.__cause__, "diag", None), "constraint_name", "")
            if constraint == "participant_no_overlap":
                raise SlotTaken(_("This person already has a meeting at this time."))
            if constraint == "participant_once_per_meeting":
                raise MeetingError(_("This person is already at this meeting."))
            raise
        if meeting.is_booked:
            _queue_invitations(meeting)
    return place


def participant_confirm(*, participant_id: int, actor: User) -> MeetingParticipant:
    """The person confirms they will come."""
    with transaction.atomic():
        place = _lock_place(participant_id)
        _require(place.user_id == actor.pk, _("This place is not yours."))
        _require(place.status == PlaceStatus.INVITED, _("There is nothing to confirm."))
        _require(place.meeting.status in ADDABLE, _("This meeting is over."))
        place.status = PlaceStatus.CONFIRMED
        place.save(update_fields=["status", "updated_at"])
    return place


def participant_cancel(*, participant_id: int, actor: User, reason: str) -> MeetingParticipant:
    """The person (or staff) cancels one place; the meeting and everyone else's places stay."""
    with transaction.atomic():
        place = _lock_place(participant_id)
        if place.user_id != actor.pk:
            _require_staff(actor)
        # A visit's own buyer is only the first on board: they give up their place like the others.
        _require(not place.lead or place.meeting.visit, _("The meeting's own buyer cancels the meeting itself."))
        _require(place.status != PlaceStatus.CANCELLED, _("This place is already cancelled."))
        _require(place.meeting.status in ADDABLE, _("This meeting is over."))
        _require(bool(reason.strip()), _("Please give a reason, so the others understand."))
        was_holding = place.holds_time
        place.status = PlaceStatus.CANCELLED
        place.cancel_reason = reason.strip()
        place.save(update_fields=["status", "cancel_reason", "updated_at"])
        # A program's visit sent no invitation of its own (its program's mail stands for it).
        if was_holding and not place.meeting.visit:
            place_id = place.pk
            transaction.on_commit(lambda: tasks.send_participant_cancellation_task.delay(place_id))
    return place


def participant_outcome_record(
    *,
    participant_id: int,
    actor: User,
    attendance: str,
    interest: int,
    next_step: str,
    estimated_order_value: Decimal | None = None,
    currency: str = "EUR",
    notes: str = "",
    now: datetime | None = None,
) -> Outcome:
    """One participant's own account of a group meeting that has ended (one per person)."""
    now = now or timezone.now()
    with transaction.atomic():
        place = _lock_place(participant_id)
        meeting = place.meeting
        _require(place.user_id == actor.pk, _("This place is not yours."))
        _require(place.status != PlaceStatus.CANCELLED, _("You cancelled your place at this meeting."))
        _require(
            meeting.status
            in (Meeting.Status.CONFIRMED, Meeting.Status.RESCHEDULING, Meeting.Status.COMPLETED)
            and meeting.has_ended(now),
            _("An outcome can be recorded once the meeting has ended."),
        )
        _require(attendance in Outcome.Attendance.values, _("Choose whether the meeting took place."))
        outcome, _created = Outcome.objects.update_or_create(
            meeting=meeting,
            user=actor,
            defaults={
                "attendance": attendance,
                "interest": interest,
                "next_step": next_step,
                "estimated_order_value": estimated_order_value,
                "currency": currency,
                "notes": notes.strip(),
            },
        )
    return outcome
