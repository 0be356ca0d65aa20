"""The same batch sent by two requests at once (a phone retrying while its first send is slow).

Each scan is one row and one seat marked, and exactly one of the requests records it; the other is
answered as that one recorded it.
"""

from __future__ import annotations

import threading
import time
import uuid

import pytest
from django.db import connection, transaction
from django.utils import timezone

from accounts.tests.factories import StaffUserFactory
from common.tests.races import race
from visitors import codes, services
from visitors.models import Scan, Seat
from visitors.services import ScanIn
from visitors.tests.factories import AgendaSessionFactory, GateFactory, PassFactory, fair_program

pytestmark = pytest.mark.django_db(transaction=True)


def test_one_batch_sent_four_times_at_once_records_each_scan_once():
    program = fair_program()
    gate = GateFactory(program=program)
    session = AgendaSessionFactory(room__program=program, program=program)
    staff = StaffUserFactory()
    now = timezone.now()
    in_room = [PassFactory(visitor__program=program) for _ in range(10)]
    for pass_obj in in_room:
        Seat.objects.create(
            session=session, visitor=pass_obj.visitor, status=Seat.Status.CONFIRMED, confirmed_at=now
        )
    batch = [
        ScanIn(
            client_id=uuid.uuid4(),
            code=codes.sign(PassFactory(visitor__program=program).code),
            scanned_at=now,
            gate_id=gate.pk,
        )
        for _ in range(10)
    ] + [
        ScanIn(client_id=uuid.uuid4(), code=codes.sign(p.code), scanned_at=now, session_id=session.pk)
        for p in in_room
    ]

    result = race(
        [lambda: services.scans_record(program=program, scans=batch, staff=staff) for _ in range(4)],
        refused=services.Refused,
    )

    assert result.errors == [] and result.refusals == [] and len(result.wins) == 4
    for i, scan in enumerate(batch):
        answers = [answers[i] for answers in result.wins]
        assert {a.client_id for a in answers} == {str(scan.client_id)}
        assert all(a.admitted for a in answers)
        assert sorted(a.repeated for a in answers) == [False, True, True, True]
    assert Scan.objects.count() == 20
    assert Seat.objects.filter(session=session, attended_at=now).count() == 10


def test_a_scan_recorded_by_another_request_during_the_insert_is_answered_as_that_one():
    program = fair_program()
    gate = GateFactory(program=program)
    staff = StaffUserFactory()
    revoked = PassFactory(visitor__program=program, revoked_at=timezone.now())
    scan = ScanIn(
        client_id=uuid.uuid4(), code=codes.sign(revoked.code), scanned_at=timezone.now(), gate_id=gate.pk
    )
    inserted, release = threading.Event(), threading.Event()

    def other_request() -> None:
        # Inserts the same scan (as another outcome, to tell the rows apart) and holds it
        # uncommitted until this request's read has missed it and its insert waits on it.
        try:
            with transaction.atomic():
                Scan.objects.create(
                    client_id=scan.client_id,
                    program=program,
                    gate=gate,
                    outcome=Scan.Outcome.TAMPERED,
                    scanned_at=scan.scanned_at,
                    day=scan.scanned_at.date(),
                )
                inserted.set()
                release.wait(timeout=30)
        finally:
            connection.close()

    waited = threading.Event()

    def release_once_the_insert_waits() -> None:
        try:
            with connection.cursor() as cursor:
                for _ in range(300):
                    cursor.execute(
                        "SELECT count(*) FROM pg_stat_activity"
                        " WHERE wait_event_type = 'Lock' AND datname = current_database()"
                    )
                    if cursor.fetchone()[0]:
                        waited.set()
                        break
                    time.sleep(0.02)
        finally:
            release.set()
            connection.close()

    other = threading.Thread(target=other_request)
    other.start()
    assert inserted.wait(timeout=30)
    releaser = threading.Thread(target=release_once_the_insert_waits)
    releaser.start()
    [answer] = services.scans_record(program=program, scans=[scan], staff=staff)
    other.join(timeout=30)
    releaser.join(timeout=30)

    assert waited.is_set()  # the read missed the row and the insert met it
    assert answer.repeated and answer.outcome == Scan.Outcome.TAMPERED
    assert Scan.objects.filter(client_id=scan.client_id).count() == 1
