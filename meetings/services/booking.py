"""Meetings that book time: a buyer's request and a meeting staff schedule, and the helpers
every transition that agrees a time uses (the exclusion constraints have the last word).

The meeting belongs to the program the two people share and that program's settings apply:
its meeting length, its window and its meeting limits (counted under their locks in the
transaction that creates the meeting, common.limits).
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from artisans.models import ArtisanProfile
from catalog import visibility
from catalog.models import Product
from common.limits import LimitReached, limit_enforce
from meetings.models import Meeting, Message
from meetings.selectors import artisan_durations, program_meeting_limits
from meetings.services.base import (
    MeetingError,
    SlotTaken,
    _future,
    _in_window,
    _normalise_start,
    _record,
    _require,
)
from meetings.services.mail import (
    CALENDAR_REQUEST,
    _notify,
    _owe,
    _queue_invitations,
    _tell_unreachable_requests,
)
from programs.models import Program
from programs.selectors import shared_program

Status = Meeting.Status
MAX_PROPOSALS = 3


def _save_booking(meeting: Meeting, *, fields: list[str]) -> None:
    """Save a change that books time; the exclusion constraints have the last word."""
    try:
        with transaction.atomic():
            meeting.save(update_fields=[*fields, "updated_at"])
    except IntegrityError as error:
        constraint = getattr(getattr(error.__cause__, "diag", None), "constraint_name", "")
        if constraint == "meeting_artisan_no_overlap":
            raise SlotTaken(_("The artisan already has a confirmed meeting at this time. Please choose another time."))
        if constraint == "participant_no_overlap":
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

def _enforce_program_limits(program: Program | None, *, artisan: ArtisanProfile, buyer_user: User, message: str) -> None:
    """Inside the transaction that creates a program meeting: lock both people's limits, then count."""
    if program is None:
        return
    try:
        limit_enforce(*program_meeting_limits(program=program, artisan_id=artisan.pk, buyer_user_id=buyer_user.pk))
    except LimitReached:
        raise MeetingError(message)

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
    now = now or timezone.now()
    buyer = getattr(buyer_user, "buyer_profile", None)
    if not buyer_user.is_buyer or buyer is None:
        raise MeetingError(_("Only buyers with a profile can request meetings."))
    # The page checks this too, but the service is the rule: an artisan the buyer may not see
    # (not approved, or only in programs the buyer has not joined) cannot be asked.
    _require(visibility.artisan_visible_to(artisan, buyer_user), _("This artisan cannot be met yet."))
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
        all(p.artisan_id == artisan.pk and visibility.is_published(p) for p in products),
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
    program: Program | None = None,
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
    _require(visibility.artisan_is_public(artisan), _("This artisan cannot be met yet."))
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
            if constraint == "participant_no_overlap":
                raise SlotTaken(_("The buyer already has a confirmed meeting at this time."))
            raise
        _record(meeting, actor=actor, action="schedule", from_status="", start_at=start_at)
        _tell_unreachable_requests(meeting)
        if invite:
            _queue_invitations(meeting)
    return meeting
