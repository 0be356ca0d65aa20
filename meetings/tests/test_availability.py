"""Free slots in UTC from windows stated in the artisan's zone, across DST changes."""

from __future__ import annotations

import zoneinfo
from datetime import UTC, date, datetime, time, timedelta

import pytest
from django.utils import timezone

from meetings import services
from meetings.forms import ExceptionForm, MeetingRequestForm
from meetings.models import AvailabilityException, AvailabilitySettings, AvailabilitySlot, Meeting
from meetings.selectors import artisan_free_slots
from meetings.tests.factories import AvailabilityWindowFactory, MeetingFactory

pytestmark = pytest.mark.django_db

MADRID = zoneinfo.ZoneInfo("Europe/Madrid")
NEW_YORK = zoneinfo.ZoneInfo("America/New_York")
# Monday 19 October 2026: Madrid leaves summer time on 25 October, New York on 1 November.
NOW = datetime(2026, 10, 19, 12, 0, tzinfo=UTC)


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


@pytest.fixture
def wednesday_mornings(workshop):
    # Wednesdays 10:00–12:00 in Madrid.
    return AvailabilityWindowFactory(artisan=workshop, weekday=2, start_time=time(10), end_time=time(12))


def _starts(slots, day: date):
    return [slot.start for slot in slots if slot.start.date() == day]


def test_weekly_window_follows_the_artisans_dst(workshop, wednesday_mornings):
    slots = artisan_free_slots(artisan=workshop, duration_minutes=60, weeks=3, now=NOW)
    # Summer time (UTC+2), winter time (UTC+1) from 25 October, and still winter on 4 November.
    assert _starts(slots, date(2026, 10, 21)) == [utc(2026, 10, 21, 8), utc(2026, 10, 21, 8, 30), utc(2026, 10, 21, 9)]
    assert _starts(slots, date(2026, 10, 28)) == [utc(2026, 10, 28, 9), utc(2026, 10, 28, 9, 30), utc(2026, 10, 28, 10)]
    assert _starts(slots, date(2026, 11, 4))[0] == utc(2026, 11, 4, 9)
    for slot in slots:
        local = slot.start.astimezone(MADRID)
        assert local.weekday() == 2 and time(10) <= local.time() <= time(11)
        assert slot.end - slot.start == timedelta(minutes=60)


def test_madrid_and_new_york_are_five_hours_apart_for_one_week(workshop, wednesday_mornings):
    slots = artisan_free_slots(artisan=workshop, duration_minutes=60, weeks=3, now=NOW)
    first_each_week = [_starts(slots, day)[0] for day in (date(2026, 10, 21), date(2026, 10, 28), date(2026, 11, 4))]
    seen_in_new_york = [start.astimezone(NEW_YORK).strftime("%H:%M") for start in first_each_week]
    assert seen_in_new_york == ["04:00", "05:00", "04:00"]


def test_longer_meetings_have_fewer_starts(workshop, wednesday_mornings):
    slots = artisan_free_slots(artisan=workshop, duration_minutes=90, weeks=1, now=NOW)
    assert _starts(slots, date(2026, 10, 21)) == [utc(2026, 10, 21, 8), utc(2026, 10, 21, 8, 30)]


def test_exceptions_block_whole_local_days(workshop, wednesday_mornings):
    AvailabilityException.objects.create(artisan=workshop, start_date=date(2026, 10, 27), end_date=date(2026, 10, 29),
                                         reason="Feria de Sevilla")
    slots = artisan_free_slots(artisan=workshop, duration_minutes=60, weeks=3, now=NOW)
    assert _starts(slots, date(2026, 10, 28)) == []
    assert _starts(slots, date(2026, 10, 21)) and _starts(slots, date(2026, 11, 4))


def test_dated_slots_add_time_in_the_artisans_zone(workshop):
    AvailabilitySlot.objects.create(artisan=workshop, date=date(2026, 10, 24), start_time=time(17), end_time=time(18))
    slots = artisan_free_slots(artisan=workshop, duration_minutes=30, weeks=1, now=NOW)
    assert [s.start for s in slots] == [utc(2026, 10, 24, 15), utc(2026, 10, 24, 15, 30)]


def test_booked_meetings_are_taken_out_but_requests_are_not(workshop, shop, wednesday_mornings):
    MeetingFactory(artisan=workshop, buyer=shop, status=Meeting.Status.CONFIRMED,
                   start_at=utc(2026, 10, 28, 9), end_at=utc(2026, 10, 28, 10), proposed_starts=[])
    MeetingFactory(artisan=workshop, buyer=shop, status=Meeting.Status.REQUESTED,
                   proposed_starts=[utc(2026, 10, 21, 8)])
    slots = artisan_free_slots(artisan=workshop, duration_minutes=60, weeks=3, now=NOW)
    assert _starts(slots, date(2026, 10, 28)) == [utc(2026, 10, 28, 10)]
    assert utc(2026, 10, 21, 8) in _starts(slots, date(2026, 10, 21))


def test_nothing_too_soon_is_offered(workshop):
    today = NOW.astimezone(MADRID).date()
    AvailabilitySlot.objects.create(artisan=workshop, date=today, start_time=time(14), end_time=time(20))
    slots = artisan_free_slots(artisan=workshop, duration_minutes=60, weeks=1, now=NOW)
    # 14:00 Madrid is 12:00 UTC, i.e. now: the first offer is two hours later.
    assert slots[0].start == NOW + timedelta(hours=2)


def test_default_length_is_the_shortest_accepted(workshop, wednesday_mornings):
    AvailabilitySettings.objects.create(artisan=workshop, durations=[45, 60])
    slots = artisan_free_slots(artisan=workshop, weeks=1, now=NOW)
    assert slots[0].end - slots[0].start == timedelta(minutes=45)


def test_buyer_proposal_before_the_dst_change_lands_at_both_local_times(workshop, shop, buyer, artisan):
    """Requested on 19 October in New York for 28 October: after Madrid's change, before New York's."""
    with timezone.override(NEW_YORK):
        form = MeetingRequestForm(
            {"proposed_1": "2026-10-28T05:00", "duration_minutes": "60", "mode": "virtual"},
            artisan=workshop, now=NOW,
        )
        assert form.is_valid(), form.errors
    meeting = services.meeting_request(
        buyer_user=buyer, artisan=workshop, proposed_starts=form.cleaned_data["starts"],
        duration_minutes=60, mode="virtual", now=NOW,
    )
    assert meeting.proposed_starts == [utc(2026, 10, 28, 9)]
    meeting = services.meeting_accept(meeting_id=meeting.pk, actor=artisan, start_at=utc(2026, 10, 28, 9), now=NOW)
    assert meeting.start_at.astimezone(NEW_YORK).strftime("%H:%M") == "05:00"
    assert meeting.start_at.astimezone(MADRID).strftime("%H:%M") == "10:00"


def test_slot_choice_shows_the_buyers_time_and_the_artisans(workshop, wednesday_mornings):
    with timezone.override(NEW_YORK):
        form = MeetingRequestForm(artisan=workshop, now=NOW)
        groups = dict(form.fields["slot"].choices[1:])
    day = [label for label in groups if "28" in label][0]
    first_value, first_label = groups[day][0]
    assert first_value == utc(2026, 10, 28, 9).isoformat()
    assert first_label.startswith("05:00") and "10:00" in first_label


def test_picked_slot_must_fit_the_length(workshop, wednesday_mornings):
    with timezone.override(NEW_YORK):
        form = MeetingRequestForm(
            {"slot": utc(2026, 10, 28, 10).isoformat(), "duration_minutes": "60", "mode": "virtual"},
            artisan=workshop, now=NOW,
        )
        assert form.is_valid(), form.errors
        AvailabilitySettings.objects.create(artisan=workshop, durations=[60, 90])
        form = MeetingRequestForm(
            {"slot": utc(2026, 10, 28, 10).isoformat(), "duration_minutes": "90", "mode": "virtual"},
            artisan=workshop, now=NOW,
        )
        assert not form.is_valid()
        assert "slot" in form.errors


def test_slot_and_proposals_together_or_neither_are_refused(workshop, wednesday_mornings):
    with timezone.override(NEW_YORK):
        both = MeetingRequestForm(
            {"slot": utc(2026, 10, 28, 9).isoformat(), "proposed_1": "2026-10-29T10:00",
             "duration_minutes": "60", "mode": "virtual"}, artisan=workshop, now=NOW)
        neither = MeetingRequestForm({"duration_minutes": "60", "mode": "virtual"}, artisan=workshop, now=NOW)
        assert not both.is_valid() and not neither.is_valid()
        assert both.non_field_errors() and neither.non_field_errors()


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01"])
def test_an_exception_at_the_edge_of_the_calendar_is_refused(day):
    form = ExceptionForm({"start_date": "2026-06-01", "end_date": day, "reason": "Fair"})
    assert form.has_error("end_date", "out_of_range")
