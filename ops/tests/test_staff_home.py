"""The admin home: what needs staff today, their programs first, in a constant number of queries."""

from __future__ import annotations

import zoneinfo
from datetime import datetime, time, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from artisans.models import ArtisanProfile
from catalog.tests.factories import ArtisanProfileFactory
from meetings.models import Meeting
from meetings.tests.factories import MeetingFactory
from notifications.models import Email
from programs.models import Application, Program
from programs.tests.factories import ProgramFactory

pytestmark = pytest.mark.django_db

NEW_YORK = zoneinfo.ZoneInfo("America/New_York")


def _new_york_today(at: time) -> datetime:
    return datetime.combine(timezone.localtime(timezone.now(), NEW_YORK).date(), at, tzinfo=NEW_YORK)


def _meeting(start: datetime, program=None) -> Meeting:
    return MeetingFactory(status=Meeting.Status.CONFIRMED, start_at=start, end_at=start + timedelta(minutes=30),
                          program=program, confirmed_at=timezone.now())


def _program_with_work(n: int) -> Program:
    program = ProgramFactory(name=f"Mission {n}")
    Application.objects.create(program=program, artisan=ArtisanProfileFactory(), status=Application.Status.APPLIED,
                               applied_at=timezone.now())
    return program


@pytest.fixture
def new_york_staff(staff):
    staff.time_zone = "America/New_York"
    staff.save(update_fields=["time_zone"])
    return staff


def _home(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("admin:index"))
    assert response.status_code == 200
    return response.content.decode(), len(queries)


def test_home_says_what_needs_staff_and_today_is_the_viewers_day(login, new_york_staff):
    program = _program_with_work(1)
    ArtisanProfileFactory(status=ArtisanProfile.Status.PENDING)
    Email.objects.create(key="home:failed", to="x@example.org", subject="Hi", body_text="Hi",
                         status=Email.Status.FAILED)
    late = _meeting(_new_york_today(time(23, 0)), program=program)  # tomorrow already in UTC
    _meeting(_new_york_today(time(0, 30)) + timedelta(days=1))  # tomorrow in New York
    page, _count = _home(login(new_york_staff))
    assert "1 artisan profile waits for review" in page
    assert "1 application to a program waits for a decision" in page
    assert "1 email could not be sent" in page
    assert "1 meeting today" in page and "New York (UTC" in page
    assert reverse("admin:meetings_meeting_change", args=[late.pk]) in page
    assert "11 p.m." in page
    # Programs come first: the home's program table, then the Programs app before the others.
    assert page.index('id="programs-home"') < page.index("app-programs") < page.index("app-artisans")
    for name in ("programs_program_invite_artisans", "programs_program_import", "programs_program_invite",
                 "programs_program_results"):
        assert reverse(f"admin:{name}", args=[program.pk]) in page


def test_home_queries_do_not_grow_with_programs_and_meetings(login, new_york_staff):
    client = login(new_york_staff)
    _meeting(_new_york_today(time(12, 0)), program=_program_with_work(1))
    _page, one = _home(client)
    for n in range(2, 6):
        _meeting(_new_york_today(time(12 + n, 0)), program=_program_with_work(n))
    page, many = _home(client)
    assert "5 meetings today" in page
    assert many == one


def test_program_change_page_links_its_working_pages(login, staff):
    program = ProgramFactory()
    page = login(staff).get(reverse("admin:programs_program_change", args=[program.pk])).content.decode()
    for name in ("programs_program_invite_artisans", "programs_program_import", "programs_program_invite",
                 "programs_program_results"):
        assert reverse(f"admin:{name}", args=[program.pk]) in page
