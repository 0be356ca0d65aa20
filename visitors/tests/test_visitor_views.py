"""The pages: registration on a phone, the pass, the agenda, badges and certificates, staff pages."""

from __future__ import annotations

import io
import re
import uuid
from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.utils import timezone
from icalendar import Calendar
from pypdf import PdfReader

from accounts.tests.factories import ArtisanUserFactory, UserFactory
from visitors import codes, services
from visitors.models import Scan, Seat, Visitor
from visitors.pdf import badge_pdf, certificate_pdf
from visitors.services import Person
from visitors.tests.factories import (
    AgendaSessionFactory,
    GateFactory,
    PassFactory,
    RoomFactory,
    VisitorFactory,
    fair_program,
)

pytestmark = pytest.mark.django_db


def test_registering_on_the_page_confirming_and_opening_the_pass(client, django_capture_on_commit_callbacks):
    program = fair_program(slug="fes-crafts")
    page = client.get("/visitors/fes-crafts/register/")
    assert page.status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/visitors/fes-crafts/register/",
            {
                "kind": "public",
                "full_name": "Salma Idrissi",
                "email": "salma@example.org",
                "language": "ar",
                "days": [program.starts_on.isoformat()],
            },
        )
    assert response.status_code == 200 and "sent" in response.context
    link = re.search(r"(/visitors/confirm/[^/\s]+/)", mail.outbox[-1].body).group(1)
    assert client.get(link).status_code == 200
    assert Visitor.objects.get().status == Visitor.Status.UNCONFIRMED
    with django_capture_on_commit_callbacks(execute=True):
        confirmed = client.post(link)
    assert confirmed.status_code == 302
    pass_page = client.get(confirmed["Location"])
    assert pass_page.status_code == 200
    body = pass_page.content.decode()
    assert "<svg" in body and codes.sign(Visitor.objects.get().passes.get().code) in body
    assert pass_page["Cache-Control"] == "private, no-store"


def test_a_registration_without_days_is_refused_beside_the_form(client):
    fair_program(slug="fes-crafts")
    response = client.post(
        "/visitors/fes-crafts/register/",
        {"kind": "public", "full_name": "A", "email": "a@x.org", "language": "en"},
    )
    assert response.status_code == 400
    assert not Visitor.objects.exists()


def test_a_visitor_takes_a_seat_from_the_pass_page_and_the_calendar_file_has_the_session(client):
    program = fair_program()
    session = AgendaSessionFactory(room__program=program, program=program, title="Zellige today")
    pass_obj = PassFactory(visitor__program=program)
    signed = codes.sign(pass_obj.code)
    response = client.post(f"/visitors/agenda/{session.public_id}/take/", {"pass": signed})
    assert response.status_code == 302 and response["Location"] == f"/visitors/pass/{signed}/"
    assert Seat.objects.get().visitor == pass_obj.visitor
    ics = Calendar.from_ical(client.get(f"/visitors/agenda/{session.public_id}/calendar.ics").content)
    event = ics.walk("VEVENT")[0]
    assert str(event["SUMMARY"]) == "Zellige today"
    assert event["UID"] == f"agenda-session-{session.public_id}@craftmatch"


def test_the_session_page_writes_the_waitlist_rule_and_times_in_both_zones(client):
    program = fair_program(time_zone="Africa/Casablanca")
    session = AgendaSessionFactory(room__program=program, program=program, offer_hours=6)
    user = ArtisanUserFactory(time_zone="America/New_York")
    client.force_login(user)
    body = client.get(f"/visitors/agenda/{session.public_id}/").content.decode()
    assert "6 hours to take it" in body
    assert "fair time" in body and "for you" in body


def test_the_agenda_page_runs_the_same_queries_for_three_sessions_and_thirty(
    client, django_assert_max_num_queries
):
    program = fair_program(slug="big-fair")
    room = RoomFactory(program=program)
    visitors = VisitorFactory.create_batch(5, program=program)
    start = timezone.now() + timedelta(days=2)
    for n in range(3):
        session = AgendaSessionFactory(
            room=room,
            program=program,
            starts_at=start + timedelta(hours=2 * n),
            ends_at=start + timedelta(hours=2 * n + 1),
        )
        for visitor in visitors:
            services.seat_take(session=session, person=Person(visitor=visitor))
    with django_assert_max_num_queries(8) as few:
        client.get("/visitors/big-fair/agenda/")
    for _ in range(27):
        AgendaSessionFactory(room=RoomFactory(program=program), program=program)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get("/visitors/big-fair/agenda/")
    assert response.status_code == 200 and len(response.context["sessions"]) == 30


def _staff_with(*codenames: str):
    user = UserFactory(role="staff", is_staff=True)
    user.user_permissions.add(*Permission.objects.filter(codename__in=codenames))
    return user


def test_the_counts_page_runs_the_same_queries_for_few_scans_and_many(
    client, settings, django_assert_max_num_queries
):
    settings.REQUIRE_STAFF_MFA = False
    program = fair_program(slug="count-fair")
    gates = [GateFactory(program=program) for _ in range(2)]
    AgendaSessionFactory(room__program=program, program=program)
    client.force_login(_staff_with("view_scan"))
    staff = _staff_with("add_scan")

    def scan_many(count: int) -> None:
        passes = PassFactory.create_batch(count, visitor__program=program)
        services.scans_record(
            program=program,
            staff=staff,
            scans=[
                services.ScanIn(
                    client_id=uuid.uuid4(),
                    code=codes.sign(p.code),
                    scanned_at=timezone.now(),
                    gate_id=gates[n % 2].pk,
                )
                for n, p in enumerate(passes)
            ],
        )

    scan_many(2)
    with django_assert_max_num_queries(10) as few:
        client.get("/visitors/count-fair/counts/")
    scan_many(40)
    for _ in range(5):
        GateFactory(program=program)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get("/visitors/count-fair/counts/", {"format": "json"})
    places = response.json()["places"]
    assert sum(place["scans"] for place in places if place["kind"] == "gate") == 42
    assert Scan.objects.count() == 42


def test_the_walk_in_desk_issues_a_pass_and_shows_it(client, settings):
    settings.REQUIRE_STAFF_MFA = False
    program = fair_program(slug="desk-fair")
    client.force_login(_staff_with("add_visitor"))
    response = client.post(
        "/visitors/desk-fair/desk/",
        {
            "kind": "press",
            "full_name": "ليلى بناني",
            "language": "ar",
            "days": [program.starts_on.isoformat()],
        },
    )
    assert response.status_code == 302
    visitor = Visitor.objects.get()
    assert visitor.status == Visitor.Status.ACCEPTED and visitor.registered_by is not None
    assert response["Location"] == f"/visitors/pass/{codes.sign(visitor.passes.get().code)}/"


def test_an_arabic_name_is_drawn_shaped_on_the_badge():
    pass_obj = PassFactory(visitor__full_name="يوسف العلوي", visitor__kind=Visitor.Kind.SPEAKER)
    pdf = badge_pdf(pass_obj)
    assert pdf.startswith(b"%PDF")
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    # Shaped: joined presentation forms (U+FE70–U+FEFF), not the bare letters of the database.
    assert any(0xFE70 <= ord(char) <= 0xFEFF for char in text)


def test_a_training_certificate_needs_recorded_attendance(client):
    program = fair_program()
    past = timezone.now() - timedelta(hours=3)
    training = AgendaSessionFactory(
        room__program=program,
        program=program,
        kind="training",
        starts_at=past,
        ends_at=past + timedelta(hours=1),
    )
    pass_obj = PassFactory(visitor__program=program)
    seat = Seat.objects.create(session=training, visitor=pass_obj.visitor, status=Seat.Status.CONFIRMED)
    signed = codes.sign(pass_obj.code)
    assert (
        client.get(f"/visitors/seats/{seat.public_id}/certificate.pdf", {"pass": signed}).status_code == 404
    )
    Seat.objects.filter(pk=seat.pk).update(attended_at=past)
    response = client.get(f"/visitors/seats/{seat.public_id}/certificate.pdf", {"pass": signed})
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    seat.refresh_from_db()
    assert certificate_pdf(seat, name="Ana").startswith(b"%PDF")
