"""Visits: the group meeting a program's feature holds at an artisan's workshop (a tour's stop).

The feature decides when a visit is definite, when it is and who comes (tours: the host
confirms the stop, the people riding its vehicle that day come), under its own state machine
(tours/transitions.py); these services keep the visit's meeting in step with it:

- visit_book: a confirmed meeting in person at the workshop, hosted by the artisan, its first
  buyer the meeting's own buyer (the lead place the trigger of 0004 keeps) and everyone else a
  confirmed place;
- visit_follow: the meeting follows the visit to a new time and to the people now on it (places
  added, the places of people no longer on it cancelled); when its lead is no longer on it, the
  meeting is cancelled and a new one booked for the people who are;
- visit_cancel: the meeting is cancelled with the visit.

The database's rules hold as for every meeting: the host's `meeting_artisan_no_overlap` and
each person's `participant_no_overlap`, across visits, one-to-one and group meetings alike; a
refusal is SlotTaken naming the person, raised inside the caller's transaction so nothing of
the change is kept. What a program's meetings otherwise check does not apply here: the tour's
kind has no meeting length or window (programs.kinds), the visit lasts the workshop's visit
length, and whether a visit may still be confirmed or moved is the feature's table's answer
(a tour's day under way can be adjusted), not the request flow's "in the future".

No mail is sent from here: the feature mails its participants (a tour's itinerary, one per
person and version, stands for the invitations; see tours.services). Reminders are sent by
reminders_send_due as for every booked meeting.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from artisans.models import ArtisanProfile
from buyers.models import BuyerProfile
from meetings.models import Meeting, MeetingParticipant
from meetings.services.base import MeetingError, SlotTaken, _lock, _normalise_start, _record, _require
from programs.models import Program

Role = MeetingParticipant.Role
PlaceStatus = MeetingParticipant.Status


@dataclass(frozen=True)
class Guest:
    """A person on a visit besides its host: a buyer (with their profile), an interpreter, a journalist."""

    user: User
    role: str = Role.BUYER
    buyer: BuyerProfile | None = None


def _constraint(error: IntegrityError) -> str:
    return getattr(getattr(error.__cause__, "diag", None), "constraint_name", "") or ""


def _busy(meeting: Meeting, users: Sequence[User], start: datetime, end: datetime) -> str:
    """Who of `users` holds another meeting overlapping start-end (for the refusal's wording only:
    the exclusion constraint has already refused)."""
    held = MeetingParticipant.objects.filter(
        user__in=[u.pk for u in users], meeting_booked=True, start_at__lt=end, end_at__gt=start
    ).exclude(status=PlaceStatus.CANCELLED)
    if meeting.pk is not None:
        held = held.exclude(meeting_id=meeting.pk)
    taken = set(held.values_list("user_id", flat=True))
    names = [u.get_full_name() or u.email for u in users if u.pk in taken]
    if names:
        return _("%(names)s already has a meeting at this time.") % {"names": ", ".join(names)}
    return _("Someone on this visit already has a meeting at this time.")


def _refusal(error: IntegrityError, meeting: Meeting, users: Sequence[User]) -> MeetingError:
    constraint = _constraint(error)
    if constraint == "meeting_artisan_no_overlap":
        return SlotTaken(_("The host already has a meeting at this time."))
    if constraint == "participant_no_overlap":
        assert meeting.start_at is not None and meeting.end_at is not None
        return SlotTaken(_busy(meeting, users, meeting.start_at, meeting.end_at))
    if constraint == "participant_once_per_meeting":
        return MeetingError(_("This person is already on this visit."))
    raise error


def _checked(guests: Sequence[Guest]) -> list[Guest]:
    seen: set[int] = set()
    checked = []
    for guest in guests:
        if guest.user.pk in seen:
            continue
        seen.add(guest.user.pk)
        _require(guest.role in Role.values, _("Choose a role."))
        if guest.role == Role.BUYER:
            _require(
                guest.buyer is not None and guest.buyer.user_id == guest.user.pk,
                _("%(name)s has no buyer profile.")
                % {"name": guest.user.get_full_name() or guest.user.email},
            )
        checked.append(guest)
    _require(any(g.role == Role.BUYER for g in checked), _("A visit needs at least one buyer on it."))
    return checked


def _add_places(meeting: Meeting, guests: Sequence[Guest]) -> None:
    """A confirmed place for each guest who has none. A place once cancelled stays so: a person
    who gave up their place is not put back on the visit because it moved."""
    placed = set(MeetingParticipant.objects.filter(meeting=meeting).values_list("user_id", flat=True))
    for guest in guests:
        if guest.user.pk in placed:
            continue
        place = MeetingParticipant(
            meeting=meeting,
            user=guest.user,
            buyer=guest.buyer if guest.role == Role.BUYER else None,
            role=guest.role,
            status=PlaceStatus.CONFIRMED,
            start_at=meeting.start_at,
            end_at=meeting.end_at,
            meeting_booked=meeting.is_booked,
        )
        try:
            with transaction.atomic():
                place.save()
        except IntegrityError as error:
            raise _refusal(error, meeting, [guest.user]) from None


def visit_book(
    *,
    artisan: ArtisanProfile,
    guests: Sequence[Guest],
    start_at: datetime,
    end_at: datetime,
    location: str,
    program: Program | None,
    actor: User | None,
    now: datetime | None = None,
) -> Meeting:
    """The visit's meeting, confirmed at once, with a place for every guest (SlotTaken if one is busy)."""
    now = now or timezone.now()
    guests = _checked(guests)
    start_at, end_at = _normalise_start(start_at), _normalise_start(end_at)
    _require(end_at > start_at, _("A visit needs a length."))
    lead = next(g for g in guests if g.role == Role.BUYER)
    assert lead.buyer is not None
    with transaction.atomic():
        meeting = Meeting(
            program=program,
            artisan=artisan,
            buyer=lead.buyer,
            artisan_user=artisan.user,
            buyer_user=lead.user,
            status=Meeting.Status.CONFIRMED,
            mode=Meeting.Mode.IN_PERSON,
            visit=True,
            location=location.strip()[:300],
            duration_minutes=int((end_at - start_at).total_seconds() // 60),
            start_at=start_at,
            end_at=end_at,
            confirmed_at=now,
            proposed_time_zone=artisan.time_zone,
        )
        try:
            with transaction.atomic():
                meeting.save()  # the trigger writes the lead's place: participant_no_overlap checks it
        except IntegrityError as error:
            raise _refusal(error, meeting, [lead.user]) from None
        _record(meeting, actor=actor, action="schedule", from_status="", start_at=start_at)
        _add_places(meeting, [g for g in guests if g is not lead])
    return meeting


def visit_follow(
    *,
    meeting_id: int,
    guests: Sequence[Guest],
    start_at: datetime,
    end_at: datetime,
    location: str,
    actor: User | None,
    reason: str,
    now: datetime | None = None,
) -> Meeting:
    """The meeting at the visit's time with its people now; returns the meeting the visit has.

    The meeting's own buyer no longer on the visit: this one is cancelled and a new one booked.
    A cancelled meeting (or one not booked) is not followed: a new one is booked.
    """
    guests = _checked(guests)
    start_at, end_at = _normalise_start(start_at), _normalise_start(end_at)
    with transaction.atomic():
        meeting = _lock(meeting_id)
        lead_stays = any(g.user.pk == meeting.buyer_user_id for g in guests)
        if not meeting.is_booked or not lead_stays:
            if meeting.is_booked:
                visit_cancel(meeting_id=meeting.pk, actor=actor, reason=reason, now=now)
                # A place once given up stays so on the visit's new meeting too.
                given_up = set(
                    MeetingParticipant.objects.filter(meeting=meeting, status=PlaceStatus.CANCELLED)
                    .exclude(cancel_reason=reason.strip())
                    .values_list("user_id", flat=True)
                )
                guests = [g for g in guests if g.user.pk not in given_up]
            return visit_book(
                artisan=meeting.artisan,
                guests=guests,
                start_at=start_at,
                end_at=end_at,
                location=location,
                program=meeting.program,
                actor=actor,
                now=now,
            )
        gone = MeetingParticipant.objects.filter(meeting=meeting, lead=False).exclude(
            Q(status=PlaceStatus.CANCELLED) | Q(user__in=[g.user.pk for g in guests])
        )
        # Places of people no longer on the visit go first, so they hold no time when it moves.
        gone.update(status=PlaceStatus.CANCELLED, cancel_reason=reason.strip(), updated_at=timezone.now())
        if (meeting.start_at, meeting.end_at) != (start_at, end_at) or meeting.location != location.strip()[
            :300
        ]:
            previous = meeting.status
            moved = (meeting.start_at, meeting.end_at) != (start_at, end_at)
            meeting.start_at, meeting.end_at = start_at, end_at
            meeting.duration_minutes = int((end_at - start_at).total_seconds() // 60)
            meeting.location = location.strip()[:300]
            meeting.status = Meeting.Status.CONFIRMED
            meeting.proposed_starts, meeting.proposed_by = [], None
            fields = [
                "start_at",
                "end_at",
                "duration_minutes",
                "location",
                "status",
                "proposed_starts",
                "proposed_by",
            ]
            if moved:
                meeting.sequence += 1
                fields.append("sequence")
            try:
                with transaction.atomic():
                    # The trigger moves every place with it: participant_no_overlap checks each.
                    meeting.save(update_fields=[*fields, "updated_at"])
            except IntegrityError as error:
                people = [meeting.buyer_user, *(g.user for g in guests)]
                raise _refusal(error, meeting, people) from None
            if moved:
                _record(
                    meeting, actor=actor, action="staff_reschedule", from_status=previous, start_at=start_at
                )
        _add_places(meeting, guests)
    return meeting


def visit_cancel(*, meeting_id: int, actor: User | None, reason: str, now: datetime | None = None) -> Meeting:
    """The visit is off: its meeting is cancelled for everyone (harmless when it already is)."""
    with transaction.atomic():
        meeting = _lock(meeting_id)
        if meeting.status not in (*Meeting.BOOKED, Meeting.Status.REQUESTED, Meeting.Status.COUNTERED):
            return meeting
        previous = meeting.status
        meeting.status = Meeting.Status.CANCELLED
        meeting.cancel_reason = reason.strip()
        meeting.cancelled_by = actor
        meeting.proposed_starts = []
        meeting.sequence += 1
        meeting.save(
            update_fields=[
                "status",
                "cancel_reason",
                "cancelled_by",
                "proposed_starts",
                "sequence",
                "updated_at",
            ]
        )
        _record(meeting, actor=actor, action="staff_cancel", from_status=previous, note=reason.strip())
    return meeting
