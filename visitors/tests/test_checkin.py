"""Check-in: each scan counted once by its client id; tampered, revoked, unknown, wrong-day passes refused."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.utils import timezone

from accounts.tests.factories import StaffUserFactory, UserFactory
from visitors import codes, services
from visitors.models import Scan, Seat
from visitors.selectors import live_counts
from visitors.services import Person, ScanIn
from visitors.services.base import fair_day
from visitors.tests.factories import AgendaSessionFactory, GateFactory, PassFactory, fair_program

pytestmark = pytest.mark.django_db


@pytest.fixture
def fair():
    program = fair_program()
    return program, GateFactory(program=program), StaffUserFactory()


def _scan(code: str, gate, *, at=None, client_id=None) -> ScanIn:
    return ScanIn(
        client_id=client_id or uuid.uuid4(), code=code, scanned_at=at or timezone.now(), gate_id=gate.pk
    )


def _today(program):
    return fair_day(program, timezone.now())


def test_a_valid_pass_is_admitted_with_the_visitors_name(fair):
    program, gate, staff = fair
    pass_obj = PassFactory(visitor__program=program, visitor__full_name="Khadija Amrani")
    [answer] = services.scans_record(
        program=program, scans=[_scan(codes.sign(pass_obj.code), gate)], staff=staff
    )
    assert answer.admitted and answer.outcome == "admitted"
    assert "Khadija Amrani" in answer.message and not answer.repeated


def test_the_same_scan_sent_twice_counts_once(fair):
    program, gate, staff = fair
    pass_obj = PassFactory(visitor__program=program)
    scan = _scan(codes.sign(pass_obj.code), gate)
    services.scans_record(program=program, scans=[scan], staff=staff)
    [again] = services.scans_record(program=program, scans=[scan], staff=staff)
    assert again.admitted and again.repeated
    assert Scan.objects.count() == 1
    [count] = live_counts(program, _today(program))
    assert (count.scans, count.people) == (1, 1)


def test_an_offline_queue_replayed_after_a_partial_send_counts_each_scan_once(fair):
    program, gate, staff = fair
    passes = PassFactory.create_batch(3, visitor__program=program)
    earlier = timezone.now() - timedelta(minutes=20)
    queue = [_scan(codes.sign(p.code), gate, at=earlier + timedelta(minutes=n)) for n, p in enumerate(passes)]
    # The first send reached the server but its answer was lost; the device sends everything again.
    services.scans_record(program=program, scans=queue[:2], staff=staff)
    answers = services.scans_record(program=program, scans=queue, staff=staff)
    assert [a.repeated for a in answers] == [True, True, False]
    assert Scan.objects.filter(outcome="admitted").count() == 3
    # The device's time of the scan is kept, not the time it arrived.
    assert Scan.objects.get(client_id=queue[0].client_id).scanned_at == earlier


def test_a_tampered_code_is_refused_with_a_clear_message(fair):
    program, gate, staff = fair
    signed = codes.sign(PassFactory(visitor__program=program).code)
    tampered = ("B" if signed[0] != "B" else "C") + signed[1:]
    [answer] = services.scans_record(program=program, scans=[_scan(tampered, gate)], staff=staff)
    assert not answer.admitted and answer.outcome == "tampered"
    assert "not a valid pass" in answer.message


def test_a_revoked_pass_is_refused(fair):
    program, gate, staff = fair
    pass_obj = PassFactory(visitor__program=program)
    services.pass_revoke(pass_obj=pass_obj, staff=staff)
    [answer] = services.scans_record(
        program=program, scans=[_scan(codes.sign(pass_obj.code), gate)], staff=staff
    )
    assert answer.outcome == "revoked" and "revoked" in answer.message


def test_a_pass_for_other_days_is_refused_naming_its_days(fair):
    program, gate, staff = fair
    tomorrow = _today(program) + dt.timedelta(days=1)
    pass_obj = PassFactory(visitor__program=program, days=[tomorrow])
    [answer] = services.scans_record(
        program=program, scans=[_scan(codes.sign(pass_obj.code), gate)], staff=staff
    )
    assert answer.outcome == "wrong_day" and "not valid today" in answer.message


def test_a_genuine_code_of_another_fair_is_unknown_here(fair):
    program, gate, staff = fair
    other = PassFactory()
    [answer] = services.scans_record(
        program=program, scans=[_scan(codes.sign(other.code), gate)], staff=staff
    )
    assert answer.outcome == "unknown"


def test_a_gate_of_another_fair_is_refused(fair):
    program, _gate, staff = fair
    with pytest.raises(services.Refused):
        services.scans_record(program=program, scans=[_scan("x", GateFactory())], staff=staff)


def test_a_scan_in_a_session_marks_the_visitors_seat_attended(fair):
    program, _gate, staff = fair
    session = AgendaSessionFactory(room__program=program, program=program)
    pass_obj = PassFactory(visitor__program=program)
    seat = services.seat_take(session=session, person=Person(visitor=pass_obj.visitor))
    scan = ScanIn(
        client_id=uuid.uuid4(),
        code=codes.sign(pass_obj.code),
        scanned_at=timezone.now(),
        session_id=session.pk,
    )
    services.scans_record(program=program, scans=[scan], staff=staff)
    seat.refresh_from_db()
    assert seat.attended_at is not None and seat.status == Seat.Status.CONFIRMED


def _scanner_client(program) -> Client:
    user = UserFactory(role="staff", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="add_scan"))
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    return client


def test_the_scan_endpoint_needs_the_csrf_token_and_answers_each_scan(fair, settings):
    settings.REQUIRE_STAFF_MFA = False
    program, gate, _staff = fair
    pass_obj = PassFactory(visitor__program=program)
    client = _scanner_client(program)
    url = f"/visitors/{program.slug}/check-in/scans/"
    body = {
        "scans": [
            {
                "id": str(uuid.uuid4()),
                "code": codes.sign(pass_obj.code),
                "at": timezone.now().isoformat(),
                "gate": gate.pk,
            }
        ]
    }
    assert client.post(url, json.dumps(body), content_type="application/json").status_code == 403
    page = client.get(f"/visitors/{program.slug}/check-in/", {"gate": gate.pk})
    assert page["Permissions-Policy"].startswith("camera=(self)")
    token = page.cookies["csrftoken"].value
    response = client.post(url, json.dumps(body), content_type="application/json", HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 200
    assert response.json()["results"][0]["admitted"] is True
    again = client.post(url, json.dumps(body), content_type="application/json", HTTP_X_CSRFTOKEN=token)
    assert again.json()["results"][0]["repeated"] is True
    assert Scan.objects.count() == 1
    bad = client.post(
        url, json.dumps({"scans": [{"id": "x"}]}), content_type="application/json", HTTP_X_CSRFTOKEN=token
    )
    assert bad.status_code == 400
