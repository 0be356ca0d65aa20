"""Fifty people ask for the last ten seats at once: ten seats, forty places on the waitlist.

Real threads, each on its own database connection (common.tests.races); the session's advisory
lock (common.limits) serialises the count and the insert, so no count is read before the lock.
"""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.tests.factories import StaffUserFactory
from common.tests.races import race
from notifications.models import Email
from visitors import codes, services
from visitors.models import Scan, Seat
from visitors.services import Person
from visitors.tests.factories import (
    AgendaSessionFactory,
    GateFactory,
    PassFactory,
    VisitorFactory,
    fair_program,
)

pytestmark = pytest.mark.django_db(transaction=True)


def test_fifty_people_taking_the_last_ten_seats_at_once_get_ten_seats_and_forty_waitlist_places():
    program = fair_program()
    session = AgendaSessionFactory(room__program=program, program=program, capacity=30)
    early = VisitorFactory.create_batch(20, program=program)
    for visitor in early:
        services.seat_take(session=session, person=Person(visitor=visitor))
    late = VisitorFactory.create_batch(50, program=program)
    calls = [(lambda v=v: services.seat_take(session=session, person=Person(visitor=v))) for v in late]
    result = race(calls, refused=services.Refused)
    assert result.errors == [] and result.refusals == []
    statuses = [seat.status for seat in result.wins]
    assert statuses.count(Seat.Status.CONFIRMED) == 10
    assert statuses.count(Seat.Status.WAITING) == 40
    assert Seat.objects.filter(session=session, status=Seat.Status.CONFIRMED).count() == 30
    # The waitlist's order is the order the places were taken in: a strict order, no ties lost.
    waiting = list(
        Seat.objects.filter(session=session, status=Seat.Status.WAITING).order_by("joined_at", "pk")
    )
    assert len({seat.visitor_id for seat in waiting}) == 40


def test_one_person_asking_for_two_overlapping_sessions_at_once_gets_one_seat():
    program = fair_program()
    start = timezone.now() + timedelta(days=3)
    sessions = [
        AgendaSessionFactory(
            room__program=program,
            program=program,
            starts_at=start + timedelta(minutes=10 * n),
            ends_at=start + timedelta(minutes=10 * n + 60),
        )
        for n in range(5)
    ]
    visitor = VisitorFactory(program=program)
    calls = [(lambda s=s: services.seat_take(session=s, person=Person(visitor=visitor))) for s in sessions]
    result = race(calls, refused=services.Refused)
    assert result.errors == []
    assert len(result.wins) == 1 and len(result.refusals) == 4
    assert all("already have a seat" in refusal.message for refusal in result.refusals)
    assert Seat.objects.filter(visitor=visitor, status=Seat.Status.CONFIRMED).count() == 1


def test_cancellations_and_sign_ups_racing_never_exceed_the_capacity():
    program = fair_program()
    session = AgendaSessionFactory(room__program=program, program=program, capacity=5)
    holders = VisitorFactory.create_batch(5, program=program)
    seats = [services.seat_take(session=session, person=Person(visitor=v)) for v in holders]
    newcomers = VisitorFactory.create_batch(10, program=program)
    calls = [(lambda s=s: services.seat_cancel(seat=s)) for s in seats[:3]]
    calls += [(lambda v=v: services.seat_take(session=session, person=Person(visitor=v))) for v in newcomers]
    result = race(calls, refused=services.Refused)
    assert result.errors == []
    occupied = Seat.objects.filter(
        session=session, status__in=[Seat.Status.CONFIRMED, Seat.Status.OFFERED]
    ).count()
    assert occupied == 5


def test_the_same_scan_sent_by_ten_requests_at_once_counts_once():
    program = fair_program()
    gate = GateFactory(program=program)
    staff = StaffUserFactory()
    pass_obj = PassFactory(visitor__program=program)
    scan = services.ScanIn(
        client_id=uuid.uuid4(), code=codes.sign(pass_obj.code), scanned_at=timezone.now(), gate_id=gate.pk
    )
    calls = [(lambda: services.scans_record(program=program, scans=[scan], staff=staff)) for _ in range(10)]
    result = race(calls, refused=services.Refused)
    assert result.errors == []
    answers = [answers[0] for answers in result.wins]
    assert all(answer.admitted for answer in answers)
    assert sum(not answer.repeated for answer in answers) == 1
    assert Scan.objects.count() == 1


def test_two_beats_and_an_acceptance_at_once_settle_an_expired_offer_once():
    program = fair_program()
    session = AgendaSessionFactory(room__program=program, program=program, capacity=1, offer_hours=1)
    held, offered, next_one = (
        services.seat_take(session=session, person=Person(visitor=v))
        for v in VisitorFactory.create_batch(3, program=program)
    )
    services.seat_cancel(seat=held)
    later = timezone.now() + timedelta(hours=2)
    calls = [
        lambda: services.offers_expire(now=later),
        lambda: services.offers_expire(now=later),
        lambda: services.seat_accept_offer(seat=offered, now=later),
    ]
    result = race(calls, refused=services.Refused)
    assert result.errors == []
    # Exactly one of the three lapsed the offer: a beat (counting it) or the late acceptance.
    lapsed_by_beats = sum(win for win in result.wins if isinstance(win, int))
    lapsed_by_acceptance = sum("expired" in refusal.message for refusal in result.refusals)
    assert len(result.refusals) == 1
    assert lapsed_by_beats + lapsed_by_acceptance == 1
    offered.refresh_from_db()
    next_one.refresh_from_db()
    assert offered.status == Seat.Status.LAPSED
    assert next_one.status == Seat.Status.OFFERED
    assert Email.objects.filter(key=f"agenda-offer:{next_one.pk}").count() == 1
