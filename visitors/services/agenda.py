"""The agenda's seats: take one or a place on the waitlist, cancel, and freed seats offered in turn.

The rule, as the session page writes it: a session has so many seats; when they are taken, a
newcomer joins the waitlist. A seat freed (cancelled, or an offer declined or expired) is offered
by email to the first person waiting, who has the session's `offer_hours` to take it; then it is
offered to the next. Nobody holds two seats at overlapping times.

Every change takes the session's advisory lock (common.limits) and, when a seat may be taken, the
person's, then counts: seats are never counted before the lock (fifty people asking for the last
ten seats at once get ten seats and forty places on the waitlist). Offers are made under the same
lock, so a freed seat is offered once; the expiry is a conditional update, so a beat run twice
lapses an offer once.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from common.limits import limit_lock
from visitors.models import LIVE_SEAT, AgendaSession, Seat
from visitors.selectors import OCCUPYING
from visitors.services.base import Person, Refused, mail
from visitors.services.registration import pass_link

REMINDER_BEFORE = timedelta(hours=24)


def _session_key(session_id: int) -> tuple[str, int]:
    return ("agenda-session-seats", session_id)


def _person_key(person: Person) -> tuple[str, str, int]:
    return ("agenda-person-seats", *person.key)


def _seat_person(seat: Seat) -> Person:
    return Person(user=seat.user) if seat.user_id else Person(visitor=seat.visitor)


def _overlapping(person: Person, session: AgendaSession, *, exclude_seat: int | None = None) -> Seat | None:
    seats = Seat.objects.filter(person.seats_q(), status__in=OCCUPYING).filter(
        session__starts_at__lt=session.ends_at, session__ends_at__gt=session.starts_at
    )
    if exclude_seat is not None:
        seats = seats.exclude(pk=exclude_seat)
    return seats.select_related("session").first()


def _refuse_overlap(person: Person, session: AgendaSession, *, exclude_seat: int | None = None) -> None:
    other = _overlapping(person, session, exclude_seat=exclude_seat)
    if other is not None:
        raise Refused(
            _("You already have a seat in “%(title)s” at that time.") % {"title": other.session.title}
        )


def _occupied(session: AgendaSession) -> int:
    return Seat.objects.filter(session=session, status__in=OCCUPYING).count()


def seat_take(*, session: AgendaSession, person: Person, now: datetime | None = None) -> Seat:
    """A seat if one is free, else a place on the waitlist; refused if the person already has one."""
    now = now or timezone.now()
    if session.starts_at <= now:
        raise Refused(_("This session has started: registration is closed."))
    with transaction.atomic():
        limit_lock(_session_key(session.pk), _person_key(person))
        if Seat.objects.filter(person.seats_q(), session=session, status__in=LIVE_SEAT).exists():
            raise Refused(_("You are already registered for this session."))
        if _occupied(session) < session.capacity:
            _refuse_overlap(person, session)
            seat = Seat.objects.create(
                session=session,
                user=person.user,
                visitor=person.visitor,
                status=Seat.Status.CONFIRMED,
                confirmed_at=now,
            )
        else:
            seat = Seat.objects.create(
                session=session, user=person.user, visitor=person.visitor, status=Seat.Status.WAITING
            )
    return seat


def _locked_seat(seat: Seat) -> Seat:
    return (
        Seat.objects.select_for_update(of=("self",))
        .select_related("session__program", "user", "visitor")
        .get(pk=seat.pk)
    )


def seat_cancel(*, seat: Seat, now: datetime | None = None) -> Seat:
    """The person gives up their seat, offer or place; a freed seat goes to the next person waiting."""
    now = now or timezone.now()
    with transaction.atomic():
        limit_lock(_session_key(seat.session_id))
        seat = _locked_seat(seat)
        if seat.status not in (Seat.Status.CONFIRMED, Seat.Status.WAITING, Seat.Status.OFFERED):
            return seat
        freed = seat.status in OCCUPYING
        seat.status, seat.ended_at = Seat.Status.CANCELLED, now
        seat.save(update_fields=["status", "ended_at"])
        if freed:
            _offer_free_seats(seat.session, now)
    return seat


def seat_accept_offer(*, seat: Seat, now: datetime | None = None) -> Seat:
    """The person offered a freed seat takes it, while the offer lasts."""
    now = now or timezone.now()
    with transaction.atomic():
        person = _seat_person(Seat.objects.select_related("user", "visitor").get(pk=seat.pk))
        limit_lock(_session_key(seat.session_id), _person_key(person))
        seat = _locked_seat(seat)
        if seat.status == Seat.Status.CONFIRMED:
            return seat
        if seat.status != Seat.Status.OFFERED:
            raise Refused(_("This seat is no longer offered to you."))
        if seat.offer_expires_at is not None and seat.offer_expires_at <= now:
            _lapse(seat, now)
            expired = True
        else:
            _refuse_overlap(person, seat.session, exclude_seat=seat.pk)
            seat.status, seat.confirmed_at = Seat.Status.CONFIRMED, now
            seat.save(update_fields=["status", "confirmed_at"])
            expired = False
    if expired:
        raise Refused(_("This offer has expired; the seat went to the next person waiting."))
    return seat


def _lapse(seat: Seat, now: datetime) -> bool:
    """An expired offer ends and the seat goes to the next person; under the session's lock."""
    updated = Seat.objects.filter(pk=seat.pk, status=Seat.Status.OFFERED).update(
        status=Seat.Status.LAPSED, ended_at=now
    )
    if updated:
        _offer_free_seats(seat.session, now)
    return updated == 1


def _offer_free_seats(session: AgendaSession, now: datetime) -> list[Seat]:
    """Offer each free seat to the next person waiting, in the order they joined. Under the lock."""
    free = session.capacity - _occupied(session)
    if free <= 0:
        return []
    waiting = list(
        Seat.objects.filter(session=session, status=Seat.Status.WAITING)
        .select_related("user", "visitor", "session__program")
        .order_by("joined_at", "pk")[:free]
    )
    for seat in waiting:
        seat.status, seat.offered_at = Seat.Status.OFFERED, now
        seat.offer_expires_at = min(now + timedelta(hours=session.offer_hours), session.starts_at)
        seat.save(update_fields=["status", "offered_at", "offer_expires_at"])
        _mail_seat(seat, "agenda_offer", key=f"agenda-offer:{seat.pk}")
    return waiting


def offers_expire(*, now: datetime | None = None) -> int:
    """Run by beat: lapse every offer past its time and offer the seat on. Returns how many lapsed.

    Each offer is lapsed by a conditional update under its session's lock, so two runs at once (or
    a person accepting at the same moment) lapse it once and offer its seat once.
    """
    now = now or timezone.now()
    lapsed = 0
    due = list(
        Seat.objects.filter(status=Seat.Status.OFFERED, offer_expires_at__lte=now)
        .values_list("pk", "session_id")
        .order_by("offer_expires_at", "pk")
    )
    for seat_id, session_id in due:
        with transaction.atomic():
            limit_lock(_session_key(session_id))
            seat = Seat.objects.select_related("session__program").get(pk=seat_id)
            lapsed += _lapse(seat, now)
    return lapsed


def seat_link(seat: Seat) -> str:
    if seat.visitor is not None:
        live = seat.visitor.passes.filter(revoked_at__isnull=True).first()
        if live is not None:
            return pass_link(live)
    return settings.SITE_URL + reverse("visitors:my-agenda")


def _mail_seat(seat: Seat, template: str, *, key: str) -> None:
    person = _seat_person(seat)
    session = seat.session
    zone = seat.user.time_zone if seat.user is not None else session.program.time_zone
    mail(
        key=key,
        to=person.email,
        template=template,
        context={
            "seat": seat,
            "session": session,
            "name": person.name,
            "url": seat_link(seat),
            "fair_zone": session.program.time_zone,
        },
        language=person.language,
        time_zone=zone or "UTC",
    )


def reminders_send(*, now: datetime | None = None) -> int:
    """Run by beat: remind each seat holder a day before their session, once (claimed, then mailed)."""
    now = now or timezone.now()
    due = list(
        Seat.objects.filter(
            status=Seat.Status.CONFIRMED,
            reminded_at__isnull=True,
            session__starts_at__gt=now,
            session__starts_at__lte=now + REMINDER_BEFORE,
        ).values_list("pk", flat=True)
    )
    sent = 0
    for seat_id in due:
        with transaction.atomic():
            claimed = Seat.objects.filter(pk=seat_id, reminded_at__isnull=True).update(reminded_at=now)
            if not claimed:
                continue
            seat = Seat.objects.select_related("session__program", "session__room", "user", "visitor").get(
                pk=seat_id
            )
            _mail_seat(seat, "agenda_reminder", key=f"agenda-reminder:{seat.pk}")
            sent += 1
    return sent
