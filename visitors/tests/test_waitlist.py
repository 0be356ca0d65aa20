"""A freed seat is offered once, to the first person waiting, for a while; then to the next."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.tests.factories import ArtisanUserFactory
from notifications.models import Email
from visitors import services, tasks
from visitors.models import Seat
from visitors.services import Person
from visitors.tests.factories import AgendaSessionFactory, VisitorFactory, fair_program

pytestmark = pytest.mark.django_db


@pytest.fixture
def full_session():
    program = fair_program()
    session = AgendaSessionFactory(room__program=program, program=program, capacity=1, offer_hours=2)
    holder, first, second = VisitorFactory.create_batch(3, program=program)
    seats = [services.seat_take(session=session, person=Person(visitor=v)) for v in (holder, first, second)]
    return session, seats


def _status(seat):
    seat.refresh_from_db()
    return seat.status


def _offers(seat) -> int:
    return Email.objects.filter(key=f"agenda-offer:{seat.pk}").count()


def test_a_freed_seat_is_offered_to_the_first_waiting_only_once(full_session):
    session, (held, first, second) = full_session
    assert [held.status, first.status, second.status] == ["confirmed", "waiting", "waiting"]
    services.seat_cancel(seat=held)
    services.seat_cancel(seat=held)
    assert _status(first) == Seat.Status.OFFERED
    assert _status(second) == Seat.Status.WAITING
    assert _offers(first) == 1 and _offers(second) == 0
    assert first.offer_expires_at == first.offered_at + timedelta(hours=2)


def test_an_expired_offer_goes_to_the_next_person_once_however_often_beat_runs(full_session):
    session, (held, first, second) = full_session
    services.seat_cancel(seat=held)
    later = timezone.now() + timedelta(hours=2, minutes=1)
    assert services.offers_expire(now=timezone.now()) == 0
    assert services.offers_expire(now=later) == 1
    assert services.offers_expire(now=later) == 0
    assert _status(first) == Seat.Status.LAPSED
    assert _status(second) == Seat.Status.OFFERED
    assert _offers(second) == 1
    # The task is the same service: running it again changes nothing more.
    assert tasks.expire_seat_offers_task() == 0


def test_the_person_offered_takes_the_seat_in_time(full_session):
    session, (held, first, second) = full_session
    services.seat_cancel(seat=held)
    seat = services.seat_accept_offer(seat=first)
    assert seat.status == Seat.Status.CONFIRMED
    assert _status(second) == Seat.Status.WAITING


def test_taking_an_expired_offer_is_refused_and_the_seat_moves_on(full_session):
    session, (held, first, second) = full_session
    services.seat_cancel(seat=held)
    with pytest.raises(services.Refused, match="expired"):
        services.seat_accept_offer(seat=first, now=timezone.now() + timedelta(hours=3))
    assert _status(first) == Seat.Status.LAPSED
    assert _status(second) == Seat.Status.OFFERED


def test_declining_an_offer_offers_it_to_the_next(full_session):
    session, (held, first, second) = full_session
    services.seat_cancel(seat=held)
    services.seat_cancel(seat=first)
    assert _status(second) == Seat.Status.OFFERED


def test_an_offer_never_outlasts_the_session_start():
    program = fair_program()
    soon = timezone.now() + timedelta(minutes=30)
    session = AgendaSessionFactory(
        room__program=program,
        program=program,
        capacity=1,
        offer_hours=12,
        starts_at=soon,
        ends_at=soon + timedelta(hours=1),
    )
    held, waiting = (
        services.seat_take(session=session, person=Person(visitor=v))
        for v in VisitorFactory.create_batch(2, program=program)
    )
    services.seat_cancel(seat=held)
    waiting.refresh_from_db()
    assert waiting.offer_expires_at == session.starts_at


def test_an_account_holds_no_two_overlapping_seats_and_no_second_seat_in_a_session():
    program = fair_program()
    start = timezone.now() + timedelta(days=2)
    first = AgendaSessionFactory(
        room__program=program, program=program, starts_at=start, ends_at=start + timedelta(hours=1)
    )
    overlapping = AgendaSessionFactory(
        room__program=program,
        program=program,
        starts_at=start + timedelta(minutes=30),
        ends_at=start + timedelta(hours=2),
    )
    after = AgendaSessionFactory(
        room__program=program,
        program=program,
        starts_at=start + timedelta(hours=1),
        ends_at=start + timedelta(hours=2),
    )
    person = Person(user=ArtisanUserFactory())
    services.seat_take(session=first, person=person)
    with pytest.raises(services.Refused, match="already registered"):
        services.seat_take(session=first, person=person)
    with pytest.raises(services.Refused, match="already have a seat"):
        services.seat_take(session=overlapping, person=person)
    assert services.seat_take(session=after, person=person).status == Seat.Status.CONFIRMED


def test_a_started_session_takes_no_one():
    program = fair_program()
    past = timezone.now() - timedelta(minutes=5)
    session = AgendaSessionFactory(
        room__program=program, program=program, starts_at=past, ends_at=past + timedelta(hours=1)
    )
    with pytest.raises(services.Refused, match="started"):
        services.seat_take(session=session, person=Person(visitor=VisitorFactory(program=program)))


def test_reminders_go_once_to_seats_of_sessions_within_a_day():
    program = fair_program()
    soon = timezone.now() + timedelta(hours=20)
    tomorrow = AgendaSessionFactory(
        room__program=program, program=program, starts_at=soon, ends_at=soon + timedelta(hours=1)
    )
    later = AgendaSessionFactory(room__program=program, program=program)
    visitor = VisitorFactory(program=program)
    near = services.seat_take(session=tomorrow, person=Person(visitor=visitor))
    services.seat_take(session=later, person=Person(visitor=VisitorFactory(program=program)))
    assert services.reminders_send() == 1
    assert services.reminders_send() == 0
    assert tasks.send_session_reminders_task() == 0
    assert Email.objects.filter(key__startswith="agenda-reminder:").count() == 1
    assert Email.objects.get(key=f"agenda-reminder:{near.pk}").to == visitor.email
