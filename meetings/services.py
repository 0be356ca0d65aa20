"""Every write to a meeting: its state machine, messages, reminders and outcomes.

The state machine is one table, meetings/transitions.py (MEETINGS): each service below asks it
whether the person may take the action now (their role, the meeting's state, guards such as
"before the end") and moves the meeting to the row's target; pages offer what the same table
allows. The services check only the action's own arguments (a reason, a chosen time, the
program's meeting window and length). A rescheduling meeting still holds its confirmed
time, so the database counts it as booked. Confirming takes the meeting's row lock late in the
transaction and lets the exclusion constraints refuse an overlap (SlotTaken). Every transition
writes a MeetingEvent. Invitations and cancellations (.ics) are queued as tasks after commit;
other notices are recorded in the outbox in the same transaction.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import CharField, Exists, F, Max, OuterRef, Q, Subquery, Value
from django.db.models.functions import Cast, Coalesce, Concat
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from artisans.models import ArtisanProfile
from catalog.models import Product
from common.limits import LimitReached, limit_enforce
from common.statemachine import Transition, TransitionRefused
from meetings.models import Meeting, MeetingEvent, Message, Outcome, Reminder
from meetings.selectors import program_meeting_limits
from meetings.transitions import MEETINGS, meeting_roles, program_window_refusal, proposal_refusal
from notifications.emails import render_email
from notifications.models import Email
from notifications.services import email_enqueue

Status = Meeting.Status
# What Meeting.calendar_due may owe, and how long a task may take before it counts as lost.
CALENDAR_REQUEST, CALENDAR_CANCEL = "request", "cancel"
CALENDAR_MAIL_GRACE = timedelta(minutes=5)
# Mail still missing after a day is not sent any more: by then the parties have moved on.
CALENDAR_MAIL_GIVE_UP = timedelta(days=1)

MAX_PROPOSALS = 3
# A burst of messages sends the other side at most one email per bucket.
MESSAGE_EMAIL_BUCKET = timedelta(minutes=10)
REMINDERS = (
    # kind, how long before the start it is due, and the latest point it still makes sense.
    (Reminder.Kind.DAY_BEFORE, timedelta(hours=24), timedelta(hours=1)),
    (Reminder.Kind.HOUR_BEFORE, timedelta(hours=1), timedelta(0)),
)
NO_OVERLAP_CONSTRAINTS = {"meeting_artisan_no_overlap", "meeting_buyer_no_overlap"}


class MeetingError(Exception):
    """A transition that is not possible now; the message is shown to the person as is."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class SlotTaken(MeetingError):
    """The database refused the time: one of the two people already has a meeting then."""


# --- helpers ------------------------------------------------------------------------------


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


def _take(meeting: Meeting, action: str, *, actor: User | None, now: datetime) -> Transition:
    """The row of the transition table this person may take now, or MeetingError saying why not."""
    if actor is not None:
        _require_party(meeting, actor)
    try:
        return MEETINGS.check(meeting, action, roles=meeting_roles(meeting, actor), now=now)
    except TransitionRefused as refused:
        raise MeetingError(refused.message)


def _in_window(program, start: datetime, minutes: int) -> None:
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


def _save_booking(meeting: Meeting, *, fields: list[str]) -> None:
    """Save a change that books time; the exclusion constraints have the last word."""
    try:
        with transaction.atomic():
            meeting.save(update_fields=[*fields, "updated_at"])
    except IntegrityError as error:
        constraint = getattr(getattr(error.__cause__, "diag", None), "constraint_name", "")
        if constraint == "meeting_artisan_no_overlap":
            raise SlotTaken(_("The artisan already has a confirmed meeting at this time. Please choose another time."))
        if constraint == "meeting_buyer_no_overlap":
            raise SlotTaken(_("The buyer already has a confirmed meeting at this time. Please choose another time."))
        raise


def _book(meeting: Meeting, start: datetime) -> list[str]:
    meeting.start_at = start
    meeting.end_at = start + timedelta(minutes=meeting.duration_minutes)
    meeting.proposed_starts = []
    meeting.proposed_by = None
    fields = ["status", "start_at", "end_at", "proposed_starts", "proposed_by"]
    if meeting.is_virtual and not meeting.video_token:
        # Unguessable: the room link is the only key to the call.
        meeting.video_token = secrets.token_urlsafe(24)
        fields.append("video_token")
    return fields


def _site_url(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def _notify(meeting: Meeting, event: MeetingEvent, *, recipients: Iterable[User]) -> None:
    """Tell people about a transition in their own language and zone (outbox, after commit)."""
    for recipient in recipients:
        other = meeting.other_party(recipient)
        rendered = render_email(
            "meeting_update",
            {
                "meeting": meeting, "event": event, "recipient": recipient, "other": other,
                "other_zone": meeting.other_zone(recipient).key,
                "url": _site_url(reverse("meetings:detail", args=[meeting.public_id])),
            },
            language=recipient.language, time_zone=recipient.time_zone,
        )
        email_enqueue(
            key=f"meeting-event:{event.pk}:{recipient.pk}", to=recipient.email,
            subject=rendered.subject, text=rendered.text, html=rendered.html, language=rendered.language,
        )


def _owe(meeting: Meeting, kind: str) -> list[str]:
    """Mark the calendar mail this version owes; saved with the change itself (one UPDATE of the
    row: a second one would check the exclusion constraints again and can deadlock)."""
    meeting.calendar_due, meeting.calendar_due_since = kind, timezone.now()
    return ["calendar_due", "calendar_due_since"]


def _queue_invitations(meeting: Meeting) -> None:
    from meetings.tasks import send_meeting_invitations_task

    meeting_id, sequence = meeting.pk, meeting.sequence
    transaction.on_commit(lambda: send_meeting_invitations_task.delay(meeting_id, sequence))


def _queue_cancellations(meeting: Meeting) -> None:
    from meetings.tasks import send_meeting_cancellations_task

    meeting_id, sequence = meeting.pk, meeting.sequence
    transaction.on_commit(lambda: send_meeting_cancellations_task.delay(meeting_id, sequence))


def _enforce_program_limits(program, *, artisan: ArtisanProfile, buyer_user: User, message: str) -> None:
    """Inside the transaction that creates a program meeting: lock both people's limits, then count."""
    if program is None:
        return
    try:
        limit_enforce(*program_meeting_limits(program=program, artisan_id=artisan.pk, buyer_user_id=buyer_user.pk))
    except LimitReached:
        raise MeetingError(message)


def _normalise_start(start: datetime) -> datetime:
    # Calendars and the slot grid work in whole minutes.
    return start.astimezone(UTC).replace(second=0, microsecond=0)


# --- the request --------------------------------------------------------------------------


def meeting_request(
    *,
    buyer_user: User,
    artisan: ArtisanProfile,
    proposed_starts: list[datetime],
    duration_minutes: int,
    mode: str,
    location: str = "",
    message: str = "",
    products: Iterable[Product] = (),
    now: datetime | None = None,
) -> Meeting:
    """A buyer asks an approved artisan for a meeting at one of up to three times.

    The meeting belongs to the program the two share (the buyer joined it, the artisan was
    accepted), and that program's settings apply: its meeting length (instead of the lengths
    the artisan offers), its meeting window for every proposed time, and its meeting limits,
    counted under their locks in the transaction that creates the meeting (common.limits), so
    requests at once cannot pass them.
    """
    from meetings.selectors import artisan_durations
    from programs.selectors import shared_program

    now = now or timezone.now()
    buyer = getattr(buyer_user, "buyer_profile", None)
    _require(buyer_user.is_buyer and buyer is not None, _("Only buyers with a profile can request meetings."))
    _require(artisan.is_approved, _("This artisan cannot be met yet."))
    starts = sorted({_normalise_start(start) for start in proposed_starts})
    _require(0 < len(starts) <= MAX_PROPOSALS, _("Propose between one and three times."))
    for start in starts:
        _future(start, now)
    program = shared_program(buyer_user=buyer_user, artisan=artisan)
    if program is not None:
        _require(duration_minutes == program.meeting_minutes, _(
            "Meetings of %(program)s last %(minutes)s minutes.") % {
                "program": program.name, "minutes": program.meeting_minutes})
        for start in starts:
            _in_window(program, start, duration_minutes)
    else:
        _require(duration_minutes in artisan_durations(artisan),
                 _("The artisan does not accept meetings of this length."))
    _require(mode in Meeting.Mode.values, _("Choose a video call or a meeting in person."))
    _require(mode != Meeting.Mode.IN_PERSON or bool(location.strip()), _("Say where you will meet in person."))
    products = list(products)
    _require(
        all(p.artisan_id == artisan.pk and p.status == Product.Status.PUBLISHED for p in products),
        _("Choose products from this artisan's catalog."),
    )
    with transaction.atomic():
        _enforce_program_limits(program, artisan=artisan, buyer_user=buyer_user, message=_(
            "The program's limit of meetings for this artisan or for you is reached."))
        meeting = Meeting.objects.create(
            program=program,
            artisan=artisan, buyer=buyer, artisan_user=artisan.user, buyer_user=buyer_user,
            status=Status.REQUESTED, mode=mode, location=location.strip(), duration_minutes=duration_minutes,
            proposed_starts=starts, proposed_by=buyer_user, proposed_time_zone=buyer_user.time_zone,
        )
        if products:
            meeting.products.set(products)
        if message.strip():
            Message.objects.create(meeting=meeting, author=buyer_user, body=message.strip())
        event = _record(meeting, actor=buyer_user, action="request", from_status="", note=message.strip())
        _notify(meeting, event, recipients=[meeting.artisan_user])
    return meeting


def meeting_schedule(
    *,
    artisan: ArtisanProfile,
    buyer_user: User,
    start_at: datetime,
    duration_minutes: int,
    mode: str,
    location: str = "",
    program=None,
    actor: User | None = None,
    invite: bool = True,
    now: datetime | None = None,
) -> Meeting:
    """Staff place a meeting both sides asked for (a published schedule): confirmed at once.

    The exclusion constraints refuse an overlap with either person's booked meetings
    (SlotTaken), and the program's meeting limits are counted under their locks, as for a
    request. With `invite`, each side gets the calendar invitation after commit, as on a
    confirmation; a published schedule passes False and sends one agenda per person instead.
    """
    now = now or timezone.now()
    start_at = _normalise_start(start_at)
    buyer = getattr(buyer_user, "buyer_profile", None)
    _require(buyer_user.is_buyer and buyer is not None, _("Only buyers with a profile can be given meetings."))
    _require(artisan.is_approved, _("This artisan cannot be met yet."))
    _require(mode in Meeting.Mode.values, _("Choose a video call or a meeting in person."))
    _require(mode != Meeting.Mode.IN_PERSON or bool(location.strip()), _("Say where you will meet in person."))
    _require(duration_minutes > 0, _("A meeting needs a length."))
    _future(start_at, now)
    if program is not None:
        _require(duration_minutes == program.meeting_minutes, _(
            "Meetings of %(program)s last %(minutes)s minutes.") % {
                "program": program.name, "minutes": program.meeting_minutes})
        _in_window(program, start_at, duration_minutes)
    with transaction.atomic():
        _enforce_program_limits(program, artisan=artisan, buyer_user=buyer_user, message=_(
            "The program's limit of meetings for this artisan or for this buyer is reached."))
        meeting = Meeting(
            program=program, artisan=artisan, buyer=buyer, artisan_user=artisan.user, buyer_user=buyer_user,
            status=Status.CONFIRMED, mode=mode, location=location.strip(), duration_minutes=duration_minutes,
            confirmed_at=now, proposed_time_zone=buyer_user.time_zone,
        )
        _book(meeting, start_at)
        if invite:
            _owe(meeting, CALENDAR_REQUEST)
        try:
            with transaction.atomic():
                meeting.save()
        except IntegrityError as error:
            constraint = getattr(getattr(error.__cause__, "diag", None), "constraint_name", "")
            if constraint == "meeting_artisan_no_overlap":
                raise SlotTaken(_("The artisan already has a confirmed meeting at this time."))
            if constraint == "meeting_buyer_no_overlap":
                raise SlotTaken(_("The buyer already has a confirmed meeting at this time."))
            raise
        _record(meeting, actor=actor, action="schedule", from_status="", start_at=start_at)
        _tell_unreachable_requests(meeting)
        if invite:
            _queue_invitations(meeting)
    return meeting


# --- answers ------------------------------------------------------------------------------


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


# --- the thread ---------------------------------------------------------------------------


def message_post(*, meeting_id: int, author: User, body: str, now: datetime | None = None) -> Message:
    """Add a message to the thread and tell the other side, at most once per ten minutes."""
    now = now or timezone.now()
    body = body.strip()
    _require(bool(body), _("Write a message first."))
    meeting = Meeting.objects.select_related("artisan", "buyer", "artisan_user", "buyer_user").get(pk=meeting_id)
    _require_party(meeting, author)
    recipient = meeting.other_party(author)
    bucket = int(now.timestamp() // MESSAGE_EMAIL_BUCKET.total_seconds())
    with transaction.atomic():
        message = Message.objects.create(meeting=meeting, author=author, body=body)
        rendered = render_email(
            "meeting_message",
            {
                "meeting": meeting, "message": message, "author": author, "recipient": recipient,
                "url": _site_url(reverse("meetings:detail", args=[meeting.public_id])),
            },
            language=recipient.language, time_zone=recipient.time_zone,
        )
        email_enqueue(
            key=f"meeting-message:{meeting.pk}:{recipient.pk}:{bucket}", to=recipient.email,
            subject=rendered.subject, text=rendered.text, html=rendered.html, language=rendered.language,
        )
    return message


# --- invitations and reminders (called by tasks) -----------------------------------------


def _invitation_email(meeting: Meeting, recipient: User, *, template: str, method: str) -> dict:
    from meetings.calendar import meeting_ics

    rendered = render_email(
        template,
        {
            "meeting": meeting, "recipient": recipient, "other": meeting.other_party(recipient),
            "other_zone": meeting.other_zone(recipient).key,
            "url": _site_url(reverse("meetings:detail", args=[meeting.public_id])),
        },
        language=recipient.language, time_zone=recipient.time_zone,
    )
    ics = meeting_ics(meeting, recipient=recipient, method=method)
    return {
        "to": recipient.email, "subject": rendered.subject, "text": rendered.text, "html": rendered.html,
        "language": rendered.language,
        "attachments": [("invite.ics", ics, "text/calendar")],
    }


def _load(meeting_id: int) -> Meeting | None:
    return (
        Meeting.objects.select_related("artisan", "buyer", "artisan_user", "buyer_user")
        .filter(pk=meeting_id)
        .first()
    )


def meeting_send_invitations(*, meeting_id: int, sequence: int) -> list[Email]:
    """Email both sides the calendar invitation for this version of the meeting, once."""
    meeting = _load(meeting_id)
    # A later reschedule or a cancellation has its own emails; this version is stale.
    if meeting is None or meeting.sequence != sequence or not meeting.is_booked:
        return []
    with transaction.atomic():
        emails = [
            email_enqueue(
                key=f"meeting-invitation:{meeting.pk}:{recipient.pk}:seq{meeting.sequence}",
                **_invitation_email(meeting, recipient, template="meeting_invitation", method="REQUEST"),
            )
            for recipient in (meeting.buyer_user, meeting.artisan_user)
        ]
    return emails


def meeting_send_cancellations(*, meeting_id: int, sequence: int) -> list[Email]:
    meeting = _load(meeting_id)
    if meeting is None or meeting.sequence != sequence or meeting.status != Status.CANCELLED:
        return []
    with transaction.atomic():
        emails = [
            email_enqueue(
                key=f"meeting-cancellation:{meeting.pk}:{recipient.pk}:seq{meeting.sequence}",
                **_invitation_email(meeting, recipient, template="meeting_cancelled", method="CANCEL"),
            )
            for recipient in (meeting.buyer_user, meeting.artisan_user)
        ]
    return emails


def meetings_resume_calendar_mail(*, now: datetime | None = None) -> int:
    """Queue again the calendar mail owed for longer than CALENDAR_MAIL_GRACE (its task was lost).

    Mail is owed by the meeting's current version (Meeting.calendar_due) while the outbox holds
    no email for it; the task enqueues both sides' emails in one transaction, so the buyer's
    stands for both. Sending is keyed per meeting, person and version, so a task that was only
    slow and now runs twice still sends each email once. Returns how many tasks were queued.
    """
    from meetings.tasks import send_meeting_cancellations_task, send_meeting_invitations_task

    now = now or timezone.now()
    window = Meeting.objects.filter(
        calendar_due_since__lte=now - CALENDAR_MAIL_GRACE, calendar_due_since__gt=now - CALENDAR_MAIL_GIVE_UP
    )
    queued = 0
    for kind, prefix, still, task in (
        (CALENDAR_REQUEST, "meeting-invitation", Q(status__in=Meeting.BOOKED), send_meeting_invitations_task),
        (CALENDAR_CANCEL, "meeting-cancellation", Q(status=Status.CANCELLED), send_meeting_cancellations_task),
    ):
        key = Concat(
            Value(f"{prefix}:"), Cast(OuterRef("pk"), CharField()), Value(":"),
            Cast(OuterRef("buyer_user_id"), CharField()), Value(":seq"), Cast(OuterRef("sequence"), CharField()),
        )
        owed = window.filter(still, calendar_due=kind).exclude(Exists(Email.objects.filter(key=key)))
        for meeting_id, sequence in owed.values_list("pk", "sequence"):
            task.delay(meeting_id, sequence)
            queued += 1
    return queued


def reminders_send_due(*, now: datetime | None = None) -> int:
    """Claim and queue the reminders that are due. Returns how many were claimed by this call.

    The Reminder row and the outbox Email are written in one transaction: either both exist
    (and the outbox sends exactly once) or neither does and the next beat tries again.
    """
    now = now or timezone.now()
    claimed = 0
    for kind, lead, latest in REMINDERS:
        due = (
            Meeting.objects.filter(status__in=Meeting.BOOKED, start_at__gt=now + latest, start_at__lte=now + lead)
            .annotate(booked_at=_booked_at())
            # Booked after the reminder's moment (a meeting set up 70 minutes ahead has no "24 hours"
            # reminder): the people know it is coming, and the reminder would misstate the time left.
            .filter(Q(booked_at__isnull=True) | Q(booked_at__lte=F("start_at") - lead))
            .select_related("artisan", "buyer", "artisan_user", "buyer_user")
        )
        for meeting in due:
            for recipient in (meeting.buyer_user, meeting.artisan_user):
                with transaction.atomic():
                    reminder, created = Reminder.objects.get_or_create(
                        meeting=meeting, user=recipient, kind=kind, sequence=meeting.sequence
                    )
                    if not created:
                        continue
                    rendered = render_email(
                        "meeting_reminder",
                        {
                            "meeting": meeting, "recipient": recipient, "kind": kind, "now": now,
                            "other": meeting.other_party(recipient),
                            "other_zone": meeting.other_zone(recipient).key,
                            "url": _site_url(reverse("meetings:detail", args=[meeting.public_id])),
                        },
                        language=recipient.language, time_zone=recipient.time_zone,
                    )
                    reminder.email = email_enqueue(
                        key=f"meeting-reminder:{meeting.pk}:{recipient.pk}:{kind}:seq{meeting.sequence}",
                        to=recipient.email, subject=rendered.subject, text=rendered.text, html=rendered.html, language=rendered.language,
                    )
                    reminder.save(update_fields=["email"])
                    claimed += 1
    return claimed


def _booked_at():
    """When the meeting's current time was agreed: its last booking event at that time, else confirmed_at."""
    agreed = (
        MeetingEvent.objects.filter(meeting=OuterRef("pk"), to_status=Status.CONFIRMED, start_at=OuterRef("start_at"))
        .values("meeting").annotate(last=Max("created_at")).values("last")
    )
    return Coalesce(Subquery(agreed), F("confirmed_at"))


def _tell_unreachable_requests(meeting: Meeting) -> None:
    """A booking just took the artisan's time: tell the buyers of other open requests to this
    artisan whose every proposed time is now taken (or past), once per request, in the outbox."""
    if meeting.start_at is None:
        return
    now = timezone.now()
    candidates = [
        request for request in Meeting.objects.filter(artisan_id=meeting.artisan_id, status=Status.REQUESTED)
        .exclude(pk=meeting.pk).select_related("artisan", "buyer_user")
        if any(_overlaps(start, request.duration_minutes, meeting) for start in request.proposed_starts)
    ]
    if not candidates:
        return
    booked = list(
        Meeting.objects.filter(artisan_id=meeting.artisan_id, status__in=Meeting.BOOKED).only("start_at", "end_at")
    )
    for request in candidates:
        if not all(
            start <= now or any(_overlaps(start, request.duration_minutes, other) for other in booked)
            for start in request.proposed_starts
        ):
            continue
        recipient = request.buyer_user
        rendered = render_email(
            "meeting_unreachable",
            {
                "meeting": request, "recipient": recipient, "other_zone": request.artisan_zone.key,
                "url": _site_url(reverse("meetings:request-create", args=[request.artisan.slug])),
                "meeting_url": _site_url(reverse("meetings:detail", args=[request.public_id])),
            },
            language=recipient.language, time_zone=recipient.time_zone,
        )
        email_enqueue(
            key=f"meeting-unreachable:{request.pk}", to=recipient.email,
            subject=rendered.subject, text=rendered.text, html=rendered.html, language=rendered.language,
        )


def _overlaps(start: datetime, duration_minutes: int, booked: Meeting) -> bool:
    return start < booked.end_at and booked.start_at < start + timedelta(minutes=duration_minutes)
