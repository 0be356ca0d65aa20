"""Forms of the tour pages: staff moving a stop, a host proposing a time, a buyer's outcome and deal."""

from __future__ import annotations

import zoneinfo
from datetime import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from meetings.models import Outcome
from tours.models import Vehicle

_LOCAL = {"widget": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")}


class _LocalTimeForm(forms.Form):
    """A time typed in the tour's own zone (the workshop's), whatever the browser's."""

    def __init__(self, *args, zone: zoneinfo.ZoneInfo, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.zone = zone

    def _aware(self, value: datetime | None) -> datetime | None:
        return value.replace(tzinfo=self.zone) if value is not None else None


class MoveForm(_LocalTimeForm):
    arrival = forms.DateTimeField(
        label=_("New arrival (local time)"), input_formats=["%Y-%m-%dT%H:%M"], **_LOCAL
    )
    vehicle = forms.TypedChoiceField(label=_("Vehicle"), coerce=int, required=False, empty_value=None)

    def __init__(self, *args, vehicles: list[Vehicle], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # The tour's vehicles, read once for every row of the plan page.
        self.vehicles = {v.pk: v for v in vehicles}
        self.fields["vehicle"].choices = [("", "—"), *((v.pk, v.name) for v in vehicles)]

    def clean_arrival(self) -> datetime | None:
        return self._aware(self.cleaned_data.get("arrival"))

    def clean_vehicle(self) -> Vehicle | None:
        pk = self.cleaned_data.get("vehicle")
        return self.vehicles.get(pk) if pk is not None else None


class ProposeForm(_LocalTimeForm):
    at = forms.DateTimeField(label=_("Another time (local)"), input_formats=["%Y-%m-%dT%H:%M"], **_LOCAL)
    note = forms.CharField(
        label=_("Note to the organisers"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean_at(self) -> datetime | None:
        return self._aware(self.cleaned_data.get("at"))


class OutcomeForm(forms.Form):
    """A person's outcome of a visit: the fields of their outcome at the visit's meeting."""

    held = forms.BooleanField(label=_("The visit took place"), required=False, initial=True)
    interest = forms.TypedChoiceField(
        label=_("Interest"), choices=Outcome.Interest.choices, coerce=int, initial=Outcome.Interest.MEDIUM
    )
    next_step = forms.ChoiceField(
        label=_("Next step"), choices=Outcome.NextStep.choices, initial=Outcome.NextStep.NONE
    )
    notes = forms.CharField(
        label=_("Notes"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )


class StopDealForm(forms.Form):
    specification = forms.CharField(
        label=_("What you would like to order"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    quantity = forms.IntegerField(label=_("Quantity"), min_value=1, max_value=1_000_000)
    message = forms.CharField(
        label=_("Message to the artisan"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class LocateForm(forms.Form):
    """The artisan's own workshop address and map point (from a maps app: latitude, longitude)."""

    address = forms.CharField(
        label=_("Workshop address"), max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )
    latitude = forms.FloatField(label=_("Latitude"), min_value=-90, max_value=90)
    longitude = forms.FloatField(label=_("Longitude"), min_value=-180, max_value=180)
