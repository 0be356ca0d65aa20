"""Form fields every app's forms share, so a rule about typed input lives in one place."""

from __future__ import annotations

from datetime import UTC, date, datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# A day inside the calendar Python can hold (years 1 to 9999): a time in this range can be shown
# in any zone (at most 26 hours from UTC) and moved by a day without leaving the calendar.
EARLIEST_DATE = date(1, 1, 2)
LATEST_DATE = date(9999, 12, 30)
EARLIEST = datetime(1, 1, 2, tzinfo=UTC)
LATEST = datetime(9999, 12, 30, 23, 59, 59, tzinfo=UTC)

OUT_OF_RANGE = _("Enter a date between %(earliest)s and %(latest)s.")


def _range_params() -> dict[str, str]:
    return {"earliest": EARLIEST_DATE.isoformat(), "latest": LATEST_DATE.isoformat()}


class DateTimeField(forms.DateTimeField):
    """A date and time read in the viewer's zone (Django does that) that converts to UTC.

    9999-12-31 23:00 in New York is in the year 10000 in UTC, and 0001-01-01 00:00 in Tokyo
    before the year 1: Python cannot hold either, so every later step (the service's UTC
    arithmetic, the database adapter, a page showing it in another zone) would fail. Django
    already refuses times that do not exist or are ambiguous in the zone (DST gaps and folds).
    """

    default_error_messages = {"out_of_range": OUT_OF_RANGE}

    def to_python(self, value):
        result = super().to_python(value)
        if result is None:
            return result
        try:
            in_utc = result.astimezone(UTC) if timezone.is_aware(result) else result.replace(tzinfo=UTC)
            inside = EARLIEST <= in_utc <= LATEST
        except OverflowError:
            inside = False
        if not inside:
            raise forms.ValidationError(self.error_messages["out_of_range"], code="out_of_range",
                                        params=_range_params())
        return result


class DateField(forms.DateField):
    """A day one can add a day to, or make a time of in any zone, and stay in the calendar."""

    default_error_messages = {"out_of_range": OUT_OF_RANGE}

    def to_python(self, value):
        result = super().to_python(value)
        if result is not None and not EARLIEST_DATE <= result <= LATEST_DATE:
            raise forms.ValidationError(self.error_messages["out_of_range"], code="out_of_range",
                                        params=_range_params())
        return result
