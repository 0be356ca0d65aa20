"""The fair's visitor figures in the program results, against a fixture counted by hand.

Three fair days D0..D2, gates North and South. Registrations: two public visitors (D0+D1, D1), an
unconfirmed one (not counted), a trade visitor accepted (D0) and one pending, a press visitor
refused. Scans: D0 the first public visitor twice and the trade visitor at North, the trade
visitor at South (whose day staff counted by hand: 50); D1 both public visitors at North, the
trade visitor refused there (his pass is for D0); the open-air market counted by hand on D1: 120.
"""

from __future__ import annotations

import csv
import io
import uuid
from datetime import datetime, time, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.tests.factories import ArtisanUserFactory, UserFactory
from programs.models import Program
from programs.tests.factories import ProgramFactory
from visitors import codes, services
from visitors.models import AgendaSession, DailyCount, Seat, Visitor
from visitors.results import visitor_results
from visitors.services.base import program_zone
from visitors.tests.factories import (
    AgendaSessionFactory,
    GateFactory,
    PassFactory,
    RoomFactory,
    VisitorFactory,
    fair_program,
)

pytestmark = pytest.mark.django_db


def _at(program, day, hour=11):
    return datetime.combine(day, time(hour), tzinfo=program_zone(program))


def _scan(program, staff, pass_obj, day, *, gate=None, session=None):
    at = _at(program, day)
    return services.scans_record(
        program=program,
        staff=staff,
        now=at + timedelta(minutes=1),
        scans=[
            services.ScanIn(
                client_id=uuid.uuid4(),
                code=codes.sign(pass_obj.code),
                scanned_at=at,
                gate_id=gate.pk if gate else None,
                session_id=session.pk if session else None,
            )
        ],
    )[0]


def _fair(extra_visitors: int = 0):
    program = fair_program()
    program.ends_on = program.starts_on + timedelta(days=2)
    program.save()
    d0, d1, d2 = (
        program.starts_on,
        program.starts_on + timedelta(days=1),
        program.starts_on + timedelta(days=2),
    )
    staff = UserFactory(is_staff=True)
    north, south = GateFactory(program=program, name="North"), GateFactory(program=program, name="South")
    first = VisitorFactory(program=program, days=[d0, d1])
    second = VisitorFactory(program=program, days=[d1])
    VisitorFactory(program=program, status=Visitor.Status.UNCONFIRMED)
    trade = VisitorFactory(program=program, kind=Visitor.Kind.TRADE, days=[d0])
    VisitorFactory(program=program, kind=Visitor.Kind.TRADE, status=Visitor.Status.PENDING, days=[d0])
    VisitorFactory(program=program, kind=Visitor.Kind.PRESS, status=Visitor.Status.REFUSED, days=[d2])
    passes = {v: PassFactory(visitor=v) for v in (first, second, trade)}
    _scan(program, staff, passes[first], d0, gate=north)
    _scan(program, staff, passes[first], d0, gate=north)
    _scan(program, staff, passes[trade], d0, gate=north)
    _scan(program, staff, passes[trade], d0, gate=south)
    _scan(program, staff, passes[first], d1, gate=north)
    _scan(program, staff, passes[second], d1, gate=north)
    assert not _scan(program, staff, passes[trade], d1, gate=north).admitted
    services.daily_count_enter(program=program, day=d0, gate=south, count=50, staff=staff)
    services.daily_count_enter(program=program, day=d1, place="Open-air market", count=120, staff=staff)
    # A training on D1: the first visitor scanned in, an artisan booked and did not come, the
    # second visitor cancelled.
    room = RoomFactory(program=program, name="Stage")
    training = AgendaSessionFactory(
        room=room,
        program=program,
        kind=AgendaSession.Kind.TRAINING,
        title="Natural dyes",
        starts_at=_at(program, d1, 10),
        ends_at=_at(program, d1, 12),
    )
    Seat.objects.create(session=training, visitor=first, status=Seat.Status.CONFIRMED)
    Seat.objects.create(session=training, user=ArtisanUserFactory(), status=Seat.Status.CONFIRMED)
    Seat.objects.create(session=training, visitor=second, status=Seat.Status.CANCELLED)
    _scan(program, staff, passes[first], d1, session=training)
    for _ in range(extra_visitors):
        extra = VisitorFactory(program=program, days=[d0])
        _scan(program, staff, PassFactory(visitor=extra), d0, gate=north)
    return program, staff


def test_the_figures_are_those_counted_by_hand():
    program, _staff = _fair()
    figures = visitor_results(program)
    by_kind = {row.kind: (row.registered, row.accepted, row.per_day) for row in figures.per_kind}
    assert by_kind == {
        "public": (2, 2, [1, 2, 0]),
        "trade": (2, 1, [1, 0, 0]),
        "press": (1, 0, [0, 0, 0]),
        "speaker": (0, 0, [0, 0, 0]),
        "exhibitor_staff": (0, 0, [0, 0, 0]),
    }
    assert (figures.registered, figures.accepted, figures.accepted_per_day) == (5, 3, [2, 2, 0])
    assert [(s.title, s.seats, s.attended) for s in figures.sessions] == [("Natural dyes", 2, 1)]
    d0, d1, d2 = figures.days
    places = [(p.place, p.day, p.scanned, p.declared, p.figure, p.source) for p in figures.places]
    assert places == [
        ("North", d0, 2, None, 2, "scanned"),
        ("North", d1, 2, None, 2, "scanned"),
        ("North", d2, 0, None, 0, "scanned"),
        ("South", d0, 1, 50, 50, "declared"),
        ("South", d1, 0, None, 0, "scanned"),
        ("South", d2, 0, None, 0, "scanned"),
        ("Open-air market", d1, None, 120, 120, "declared"),
    ]
    # D0: North's two people scanned (South's scans give way to its declared 50); D1: 2 + 120.
    assert [(t.day, t.scanned, t.declared, t.total) for t in figures.per_day] == [
        (d0, 2, 50, 52),
        (d1, 2, 120, 122),
        (d2, 0, 0, 0),
    ]


def test_a_count_entered_again_corrects_it_and_keeps_who_entered_it():
    program, staff = _fair()
    other = UserFactory(is_staff=True)
    south = program.gates.get(name="South")
    services.daily_count_enter(program=program, day=program.starts_on, gate=south, count=64, staff=other)
    count = DailyCount.objects.get(program=program, gate=south)
    assert (count.count, count.entered_by) == (64, other)
    assert DailyCount.objects.filter(program=program).count() == 2


@pytest.mark.parametrize(
    "where",
    [{"place": ""}, {"place": "Market", "gate": "North"}],
    ids=["nowhere", "both"],
)
def test_a_count_needs_a_gate_or_a_place(where):
    program, staff = _fair()
    if "gate" in where:
        where = {**where, "gate": program.gates.get(name="North")}
    with pytest.raises(services.Refused):
        services.daily_count_enter(program=program, day=program.starts_on, count=3, staff=staff, **where)


def test_a_count_outside_the_fair_or_at_another_fairs_gate_is_refused():
    program, staff = _fair()
    with pytest.raises(services.Refused):
        services.daily_count_enter(
            program=program, day=program.starts_on - timedelta(days=1), place="Market", count=3, staff=staff
        )
    with pytest.raises(services.Refused):
        services.daily_count_enter(
            program=program, day=program.starts_on, gate=GateFactory(), count=3, staff=staff
        )


def _results_page(client, program):
    superuser = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(superuser)
    return client.get(reverse("admin:programs_program_results", args=[program.pk]))


def test_the_results_page_and_its_csv_show_the_fair_figures_scanned_and_declared(client, settings):
    settings.REQUIRE_STAFF_MFA = False
    program, _staff = _fair()
    page = _results_page(client, program).content.decode()
    assert "Registrations per type and day" in page
    assert "Natural dyes" in page and "Open-air market" in page
    assert "Inquiries per stand" in page  # the fairs section, registered by fairs/admin.py
    response = client.get(reverse("admin:programs_program_results_csv", args=[program.pk]))
    rows = list(csv.reader(io.StringIO(response.content.decode().lstrip("\ufeff"))))
    assert rows[0][-1] == "scanned or declared"
    assert ["visitors per day", program.starts_on.isoformat(), "50", "", "", "", "", "", "declared"] in rows
    assert ["session attendance", "Natural dyes", "1", "", "", "", "", "", "scanned"] in rows
    assert ["registrations", "Trade visitor", "2", "", "", "", "", "", ""] in rows


def test_another_kind_of_program_has_no_fair_section(client, settings):
    settings.REQUIRE_STAFF_MFA = False
    page = _results_page(client, ProgramFactory(kind=Program.Kind.VIRTUAL_MISSION)).content.decode()
    assert "Registrations per type and day" not in page


def test_the_results_page_runs_the_same_queries_for_one_visitor_and_many(client, settings):
    settings.REQUIRE_STAFF_MFA = False
    small, _ = _fair()
    big, _ = _fair(extra_visitors=25)
    _results_page(client, small)
    with CaptureQueriesContext(connection) as few:
        assert _results_page(client, small).status_code == 200
    with CaptureQueriesContext(connection) as many:
        assert _results_page(client, big).status_code == 200
    assert len(many.captured_queries) == len(few.captured_queries)


def test_the_program_admin_links_the_agenda_desk_check_in_and_counts(client, settings):
    settings.REQUIRE_STAFF_MFA = False
    program, _staff = _fair()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    wanted = [
        reverse("visitors:agenda", args=[program.slug]),
        reverse("visitors:desk", args=[program.slug]),
        reverse("visitors:check-in", args=[program.slug]),
        reverse("visitors:counts", args=[program.slug]),
        f"{reverse('admin:visitors_dailycount_changelist')}?program__id__exact={program.pk}",
    ]
    change = client.get(reverse("admin:programs_program_change", args=[program.pk])).content.decode()
    listed = client.get(reverse("admin:programs_program_changelist")).content.decode()
    for url in wanted:
        assert f'href="{url}"' in change and f'href="{url}"' in listed
        assert client.get(url).status_code == 200
    mission = ProgramFactory(kind=Program.Kind.VIRTUAL_MISSION)
    page = client.get(reverse("admin:programs_program_change", args=[mission.pk])).content.decode()
    assert reverse("visitors:agenda", args=[mission.slug]) not in page


def test_staff_enter_a_count_in_the_admin_through_the_service(client, settings):
    settings.REQUIRE_STAFF_MFA = False
    program, _staff = _fair()
    staff = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(staff)
    url = reverse("admin:visitors_dailycount_add")
    day = (program.starts_on + timedelta(days=2)).isoformat()
    response = client.post(url, {"program": program.pk, "day": day, "place": "Car park", "count": 300})
    assert response.status_code == 302
    count = DailyCount.objects.get(program=program, place="Car park")
    assert (count.count, count.entered_by) == (300, staff)
    outside = (program.starts_on - timedelta(days=1)).isoformat()
    refused = client.post(url, {"program": program.pk, "day": outside, "place": "Car park", "count": 3})
    assert refused.status_code == 200 and "not a day of the fair" in refused.content.decode()
