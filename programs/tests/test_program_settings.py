"""Program settings mean what they say: the meeting window and length, and "public catalog"."""

from __future__ import annotations

import datetime as dt
from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse

from catalog.tests.factories import ArtisanProfileFactory
from matchmaking import planning
from matchmaking.models import Preference
from matchmaking.services import scheduling
from matchmaking.tests.factories import SessionFactory, join, wish
from meetings import services
from meetings.forms import MeetingRequestForm
from meetings.models import AvailabilitySettings, AvailabilityWindow, Meeting
from meetings.tests.factories import BuyerProfileFactory, in_days
from programs.models import Application, Program, ProgramBuyer
from programs.tests.factories import ProgramFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def mission():
    """Meetings from day 5 to day 10, 45 minutes each."""
    return ProgramFactory(meetings_open_at=in_days(5, 0), meetings_close_at=in_days(10, 0), meeting_minutes=45)


@pytest.fixture
def pair(mission):
    buyer, artisan = BuyerProfileFactory(), ArtisanProfileFactory()
    ProgramBuyer.objects.create(program=mission, user=buyer.user)
    Application.objects.create(program=mission, artisan=artisan, status=Application.Status.ACCEPTED)
    # The artisan offers 30 and 60 minutes on their own; the program's 45 prevails in it.
    AvailabilitySettings.objects.create(artisan=artisan, durations=[30, 60])
    return buyer, artisan


def _request(pair, starts, minutes=45):
    buyer, artisan = pair
    return services.meeting_request(buyer_user=buyer.user, artisan=artisan, proposed_starts=starts,
                                    duration_minutes=minutes, mode=Meeting.Mode.VIRTUAL)


def test_a_request_inside_the_window_at_the_programs_length_belongs_to_the_program(pair, mission):
    meeting = _request(pair, [in_days(6), in_days(9, 23, 15)])
    assert meeting.program == mission and meeting.duration_minutes == 45


@pytest.mark.parametrize("start", [in_days(3), in_days(11), in_days(9, 23, 30)])
def test_a_proposed_time_outside_the_programs_window_is_refused(pair, start):
    with pytest.raises(services.MeetingError, match="take place between"):
        _request(pair, [in_days(6), start])
    assert not Meeting.objects.exists()


def test_a_length_other_than_the_programs_is_refused(pair):
    with pytest.raises(services.MeetingError, match="last 45 minutes"):
        _request(pair, [in_days(6)], minutes=60)


def test_counters_and_reschedules_stay_inside_the_window(pair):
    buyer, artisan = pair
    meeting = _request(pair, [in_days(6)])
    with pytest.raises(services.MeetingError, match="take place between"):
        services.meeting_counter(meeting_id=meeting.pk, actor=artisan.user, start_at=in_days(12))
    services.meeting_counter(meeting_id=meeting.pk, actor=artisan.user, start_at=in_days(7))
    services.meeting_confirm(meeting_id=meeting.pk, actor=buyer.user)
    with pytest.raises(services.MeetingError, match="take place between"):
        services.meeting_reschedule(meeting_id=meeting.pk, actor=buyer.user, start_at=in_days(4))
    services.meeting_reschedule(meeting_id=meeting.pk, actor=buyer.user, start_at=in_days(8))
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.RESCHEDULING and meeting.proposed_starts == [in_days(8)]


def test_once_the_window_is_over_a_counter_is_neither_offered_nor_accepted(pair, mission):
    from meetings.selectors import allowed_actions

    buyer, artisan = pair
    meeting = _request(pair, [in_days(6)])
    after = mission.meetings_close_at + timedelta(hours=1)
    meeting.refresh_from_db()
    assert allowed_actions(meeting, artisan.user, now=after) == {"decline", "cancel"}
    with pytest.raises(services.MeetingError, match="window is over"):
        services.meeting_counter(meeting_id=meeting.pk, actor=artisan.user, start_at=after + timedelta(days=1),
                                 now=after)


def test_the_request_form_offers_the_programs_length_and_slots_inside_its_window(pair, mission):
    buyer, artisan = pair
    for weekday in range(7):
        AvailabilityWindow.objects.create(artisan=artisan, weekday=weekday, start_time=dt.time(9),
                                          end_time=dt.time(17))
    form = MeetingRequestForm(artisan=artisan, program=mission)
    assert [value for value, _label in form.fields["duration_minutes"].choices] == [45]
    assert form.slots
    assert all(mission.meetings_open_at <= s.start and s.end <= mission.meetings_close_at for s in form.slots)
    assert all(s.end - s.start == timedelta(minutes=45) for s in form.slots)


def test_the_scheduler_plans_only_inside_the_window_and_publishes_at_the_programs_length():
    # The B2B day runs 9:00-12:00 in Fez; the program's meetings are possible from 10:00 only.
    session = SessionFactory(first_day=dt.date.today() + timedelta(days=7), last_day=dt.date.today() + timedelta(days=7),
                             time_zone="UTC")
    program = session.program
    day = session.first_day
    program.meetings_open_at = datetime.combine(day, dt.time(10), tzinfo=UTC)
    program.meetings_close_at = datetime.combine(day, dt.time(11, 45), tzinfo=UTC)
    program.meeting_minutes = 25
    program.save()
    artisans = [ArtisanProfileFactory() for _ in range(2)]
    buyers = [BuyerProfileFactory().user for _ in range(2)]
    join(program, artisans=artisans, buyers=buyers)
    for artisan in artisans:
        for buyer in buyers:
            wish(program, artisan, buyer, level=Preference.Level.MUST)
    built = planning.build(session)
    assert built.slots == [datetime.combine(day, at, tzinfo=UTC) for at in (dt.time(10), dt.time(10, 30),
                                                                            dt.time(11))]
    plan = scheduling.schedule_run(plan_id=scheduling.schedule_run_request(session=session, actor=None).pk)
    report = scheduling.plan_publish(plan_id=plan.pk, actor=None)
    assert report.created == 4
    meetings = Meeting.objects.filter(program=program)
    assert {m.duration_minutes for m in meetings} == {25}
    assert all(program.meetings_open_at <= m.start_at and m.end_at <= program.meetings_close_at for m in meetings)


def test_a_session_slot_shorter_than_the_programs_meetings_is_refused():
    from django.core.exceptions import ValidationError

    session = SessionFactory.build(program=ProgramFactory(meeting_minutes=45), slot_minutes=30)
    with pytest.raises(ValidationError, match="meeting length"):
        session.clean()


def test_staff_choose_in_the_program_form_whether_its_artisans_are_public(login, staff, settings):
    settings.REQUIRE_STAFF_MFA = False
    client = login(staff)
    page = client.get(reverse("admin:programs_program_add"))
    assert b'name="public_catalog"' in page.content
    response = client.post(reverse("admin:programs_program_add"), {
        "name": "Fez fair", "slug": "fez-fair", "kind": Program.Kind.TRADE_FAIR, "organiser": "Agency",
        "status": Program.Status.DRAFT, "public_catalog": "on", "starts_on": "2026-12-09", "ends_on": "2026-12-10",
        "time_zone": "Africa/Casablanca", "meeting_minutes": "30",
        "applications-TOTAL_FORMS": "0", "applications-INITIAL_FORMS": "0",
    })
    assert response.status_code == 302, response.content[:3000]
    assert Program.objects.get(slug="fez-fair").public_catalog is True
