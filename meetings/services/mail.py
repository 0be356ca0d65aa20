"""Every email a meeting sends: transition notices, calendar invitations and cancellations
(.ics, queued as tasks after commit and resumed when a task was lost), reminders, and the
notice to buyers whose request a booking left without a free time.

meetings.tasks calls back into this package; the two import each other at module level and
only use each other's names at call time, so either may be imported first.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import CharField, Exists, F, Max, OuterRef, Prefetch, Q, Subquery, Value
from django.db.models.functions import Cast, Coalesce, Concat
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from meetings import tasks
from meetings.calendar import meeting_ics
from meetings.models import Meeting, MeetingEvent, MeetingParticipant, Reminder
from notifications.models import Email
from notifications.services import email_enqueue_to_user

Status = Meeting.Status
# What Meeting.calendar_due may owe, and how long a task may take before it counts as lost.
CALENDAR_REQUEST, CALENDAR_CANCEL = "request", "cancel"
CALENDAR_MAIL_GRACE = timedelta(minutes=5)
# Mail still missing after a day is not sent any more: by then the parties have moved on.
CALENDAR_MAIL_GIVE_UP = timedelta(days=1)
REMINDERS = (
    # kind, how long before the start it is due, and the latest point it still makes sense.
    (Reminder.Kind.DAY_BEFORE, timedelta(hours=24), timedelta(hours=1)),
    (Reminder.Kind.HOUR_BEFORE, timedelta(hours=1), timedelta(0)),
)


def _site_url(path: str) -> str:
    return f"{settings.SITE_URL}{path}"

def _notify(meeting: Meeting, event: MeetingEvent, *, recipients: Iterable[User]) -> None:
    """Tell people about a transition in their own language and zone (outbox, after commit)."""
    for recipient in recipients:
        other = meeting.other_party(recipient)
        email_enqueue_to_user(
            key=f"meeting-event:{event.pk}:{recipient.pk}", user=recipient,
            template="meeting_update",
            context={
                "meeting": meeting, "event": event, "recipient": recipient, "other": other,
                "other_zone": meeting.other_zone(recipient).key,
                "url": _site_url(reverse("meetings:detail", args=[meeting.public_id])),
            },
        )

def _owe(meeting: Meeting, kind: str) -> list[str]:
    """Mark the calendar mail this version owes; saved with the change itself (one UPDATE of the
    row: a second one would check the exclusion constraints again and can deadlock)."""
    meeting.calendar_due, meeting.calendar_due_since = kind, timezone.now()
    return ["calendar_due", "calendar_due_since"]

def _queue_invitations(meeting: Meeting) -> None:
    meeting_id, sequence = meeting.pk, meeting.sequence
    transaction.on_commit(lambda: tasks.send_meeting_invitations_task.delay(meeting_id, sequence))

def _queue_cancellations(meeting: Meeting) -> None:
    meeting_id, sequence = meeting.pk, meeting.sequence
    transaction.on_commit(lambda: tasks.send_meeting_cancellations_task.delay(meeting_id, sequence))

def _calendar_email(meeting: Meeting, recipient: User, *, key: str, template: str, method: str) -> Email:
    return email_enqueue_to_user(
        key=key, user=recipient, template=template,
        context={
            "meeting": meeting, "recipient": recipient, "other": meeting.other_party(recipient),
            "other_zone": meeting.other_zone(recipient).key,
            "url": _site_url(reverse("meetings:detail", args=[meeting.public_id])),
        },
        attachments=[("invite.ics", meeting_ics(meeting, recipient=recipient, method=method), "text/calendar")],
    )

def _others(meeting: Meeting) -> list[User]:
    """The meeting's participants besides its two sides, whose places hold (group meetings)."""
    return [
        place.user for place in MeetingParticipant.objects.filter(meeting=meeting, lead=False)
        .exclude(status=MeetingParticipant.Status.CANCELLED).select_related("user").order_by("pk")
    ]

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
            _calendar_email(
                meeting, recipient, key=f"meeting-invitation:{meeting.pk}:{recipient.pk}:seq{meeting.sequence}",
                template="meeting_invitation", method="REQUEST",
            )
            for recipient in (meeting.buyer_user, meeting.artisan_user, *_others(meeting))
        ]
    return emails

def meeting_send_cancellations(*, meeting_id: int, sequence: int) -> list[Email]:
    meeting = _load(meeting_id)
    if meeting is None or meeting.sequence != sequence or meeting.status != Status.CANCELLED:
        return []
    with transaction.atomic():
        emails = [
            _calendar_email(
                meeting, recipient, key=f"meeting-cancellation:{meeting.pk}:{recipient.pk}:seq{meeting.sequence}",
                template="meeting_cancelled", method="CANCEL",
            )
            for recipient in (meeting.buyer_user, meeting.artisan_user, *_others(meeting))
        ]
    return emails

def participant_send_cancellation(*, participant_id: int) -> Email | None:
    """The calendar cancellation for one cancelled place of a meeting that goes on, once."""
    place = (
        MeetingParticipant.objects.select_related("user", "meeting__artisan", "meeting__buyer",
                                                  "meeting__artisan_user", "meeting__buyer_user")
        .filter(pk=participant_id, status=MeetingParticipant.Status.CANCELLED).first()
    )
    if place is None or place.meeting.start_at is None:
        return None
    return _calendar_email(
        place.meeting, place.user, key=f"meeting-participant-cancellation:{place.pk}",
        template="meeting_cancelled", method="CANCEL",
    )

def meetings_resume_calendar_mail(*, now: datetime | None = None) -> int:
    """Queue again the calendar mail owed for longer than CALENDAR_MAIL_GRACE (its task was lost).

    Mail is owed by the meeting's current version (Meeting.calendar_due) while the outbox holds
    no email for it; the task enqueues both sides' emails in one transaction, so the buyer's
    stands for both. Sending is keyed per meeting, person and version, so a task that was only
    slow and now runs twice still sends each email once. Returns how many tasks were queued.
    """
    now = now or timezone.now()
    window = Meeting.objects.filter(
        calendar_due_since__lte=now - CALENDAR_MAIL_GRACE, calendar_due_since__gt=now - CALENDAR_MAIL_GIVE_UP
    )
    queued = 0
    for kind, prefix, still, task in (
        (CALENDAR_REQUEST, "meeting-invitation", Q(status__in=Meeting.BOOKED), tasks.send_meeting_invitations_task),
        (CALENDAR_CANCEL, "meeting-cancellation", Q(status=Status.CANCELLED), tasks.send_meeting_cancellations_task),
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
            .prefetch_related(Prefetch(
                "participants", to_attr="other_places",
                queryset=MeetingParticipant.objects.filter(lead=False)
                .exclude(status=MeetingParticipant.Status.CANCELLED).select_related("user").order_by("pk"),
            ), Prefetch(
                # At a program's visit the meeting's own buyer may have given up their place.
                "participants", to_attr="lead_gone",
                queryset=MeetingParticipant.objects.filter(lead=True, status=MeetingParticipant.Status.CANCELLED),
            ))
        )
        for meeting in due:
            others = [place.user for place in meeting.other_places]
            sides = [meeting.artisan_user] if meeting.lead_gone else [meeting.buyer_user, meeting.artisan_user]
            for recipient in (*sides, *others):
                with transaction.atomic():
                    reminder, created = Reminder.objects.get_or_create(
                        meeting=meeting, user=recipient, kind=kind, sequence=meeting.sequence
                    )
                    if not created:
                        continue
                    reminder.email = email_enqueue_to_user(
                        key=f"meeting-reminder:{meeting.pk}:{recipient.pk}:{kind}:seq{meeting.sequence}",
                        user=recipient,
                        template="meeting_reminder",
                        context={
                            "meeting": meeting, "recipient": recipient, "kind": kind, "now": now,
                            "other": meeting.other_party(recipient),
                            "other_zone": meeting.other_zone(recipient).key,
                            "url": _site_url(reverse("meetings:detail", args=[meeting.public_id])),
                        },
                    )
                    reminder.save(update_fields=["email"])
                    claimed += 1
    return claimed

def _booked_at() -> Coalesce:
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
        email_enqueue_to_user(
            key=f"meeting-unreachable:{request.pk}", user=recipient,
            template="meeting_unreachable",
            context={
                "meeting": request, "recipient": recipient, "other_zone": request.artisan_zone.key,
                "url": _site_url(reverse("meetings:request-create", args=[request.artisan.slug])),
                "meeting_url": _site_url(reverse("meetings:detail", args=[request.public_id])),
            },
        )

def _overlaps(start: datetime, duration_minutes: int, booked: Meeting) -> bool:
    if booked.start_at is None or booked.end_at is None:
        return False  # a meeting without a time takes none (booked ones have both: meeting_booked_has_time)
    return start < booked.end_at and booked.start_at < start + timedelta(minutes=duration_minutes)
