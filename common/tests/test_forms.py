"""Date and time fields: every value a form accepts converts to UTC and into any zone."""

from __future__ import annotations

import zoneinfo
from datetime import UTC, date, datetime

import pytest
from django import forms
from django.utils import timezone

from common.forms import DateField, DateTimeField


class When(forms.Form):
    at = DateTimeField(input_formats=["%Y-%m-%dT%H:%M"])
    day = DateField(required=False)


def _clean(zone: str, at: str, day: str = "") -> When:
    with timezone.override(zoneinfo.ZoneInfo(zone)):
        form = When({"at": at, "day": day})
        form.is_valid()
    return form


@pytest.mark.parametrize(
    ("zone", "at"),
    [
        ("America/New_York", "9999-12-31T23:00"),  # the year 10000 in UTC
        ("America/Los_Angeles", "9999-12-31T20:00"),
        ("UTC", "9999-12-31T12:00"),  # a day from the end: Tokyo could not show it
        ("Asia/Tokyo", "0001-01-01T00:00"),  # before the year 1 in UTC
        ("Pacific/Kiritimati", "0001-01-01T13:00"),
        ("UTC", "0001-01-01T05:00"),
    ],
)
def test_a_time_at_the_edge_of_the_calendar_is_a_form_error(zone, at):
    form = _clean(zone, at)
    assert form.errors["at"] == ["Enter a date between 0001-01-02 and 9999-12-30."]
    assert form.has_error("at", "out_of_range")


@pytest.mark.parametrize(("zone", "at"), [("America/New_York", "2026-03-08T02:30"), ("Europe/Madrid", "2026-10-25T02:30")])
def test_a_time_that_does_not_exist_or_happens_twice_in_the_zone_is_a_form_error(zone, at):
    form = _clean(zone, at)
    assert "at" in form.errors


@pytest.mark.parametrize(
    ("zone", "at", "expected"),
    [
        ("America/New_York", "9999-12-29T23:00", datetime(9999, 12, 30, 4, 0, tzinfo=UTC)),
        ("UTC", "0001-01-02T00:00", datetime(1, 1, 2, 0, 0, tzinfo=UTC)),
        ("Asia/Tokyo", "2026-06-01T09:00", datetime(2026, 6, 1, 0, 0, tzinfo=UTC)),
        ("America/New_York", "2026-06-01T10:00", datetime(2026, 6, 1, 14, 0, tzinfo=UTC)),
    ],
)
def test_a_time_inside_the_calendar_is_read_in_the_viewers_zone(zone, at, expected):
    form = _clean(zone, at)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["at"] == expected
    # What every later step does with it: UTC, and any other zone.
    form.cleaned_data["at"].astimezone(zoneinfo.ZoneInfo("Pacific/Kiritimati"))
    form.cleaned_data["at"].astimezone(zoneinfo.ZoneInfo("Pacific/Pago_Pago"))


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01"])
def test_a_day_at_the_edge_of_the_calendar_is_a_form_error(day):
    form = _clean("UTC", "2026-06-01T10:00", day)
    assert form.has_error("day", "out_of_range")


def test_a_day_inside_the_calendar_is_kept():
    form = _clean("UTC", "2026-06-01T10:00", "9999-12-30")
    assert form.is_valid(), form.errors
    assert form.cleaned_data["day"] == date(9999, 12, 30)
