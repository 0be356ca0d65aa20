from __future__ import annotations

from datetime import datetime

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from artisans.models import ArtisanProfile
from catalog import visibility
from catalog.models import Product
from common.forms import DateField, DateTimeField
from common.text import SingleLineFormField
from meetings.models import (
    DURATION_CHOICES,
    AvailabilityException,
    AvailabilitySlot,
    AvailabilityWindow,
    Meeting,
    MeetingParticipant,
    Outcome,
)
from meetings.selectors import Slot, artisan_durations, artisan_free_slots

LOCAL_INPUT = "%Y-%m-%dT%H:%M"


class LocalDateTimeField(DateTimeField):
    """A datetime-local input, read in the viewer's time zone (activated per request)."""

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format=LOCAL_INPUT)

    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", [LOCAL_INPUT, "%Y-%m-%d %H:%M"])
        super().__init__(**kwargs)


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%H:%M")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


# --- availability -------------------------------------------------------------------------


class DurationsForm(forms.Form):
    durations = forms.TypedMultipleChoiceField(
        label=_("Meeting lengths you accept"), choices=DURATION_CHOICES, coerce=int,
        widget=forms.CheckboxSelectMultiple,
    )


class WindowForm(forms.ModelForm):
    class Meta:
        model = AvailabilityWindow
        fields = ["weekday", "start_time", "end_time"]
        widgets = {"start_time": TimeInput(), "end_time": TimeInput()}

    def clean(self):
        data = super().clean()
        if data.get("start_time") and data.get("end_time") and data["start_time"] >= data["end_time"]:
            self.add_error("end_time", _("The window must end after it starts."))
        return data


class SlotForm(forms.ModelForm):
    class Meta:
        model = AvailabilitySlot
        fields = ["date", "start_time", "end_time"]
        field_classes = {"date": DateField}
        widgets = {"date": DateInput(), "start_time": TimeInput(), "end_time": TimeInput()}

    def clean(self):
        data = super().clean()
        if data.get("start_time") and data.get("end_time") and data["start_time"] >= data["end_time"]:
            self.add_error("end_time", _("The slot must end after it starts."))
        if data.get("date") and data["date"] < timezone.localdate():
            self.add_error("date", _("Choose a date that has not passed."))
        return data


class ExceptionForm(forms.ModelForm):
    class Meta:
        model = AvailabilityException
        fields = ["start_date", "end_date", "reason"]
        field_classes = {"start_date": DateField, "end_date": DateField}
        widgets = {"start_date": DateInput(), "end_date": DateInput()}

    def clean(self):
        data = super().clean()
        if data.get("start_date") and data.get("end_date") and data["start_date"] > data["end_date"]:
            self.add_error("end_date", _("The last day cannot be before the first day."))
        return data


# --- the request --------------------------------------------------------------------------


def _slot_choices(slots: list[Slot], artisan_zone: str) -> list:
    """Free slots grouped by the viewer's local day, the artisan's local time beside each."""
    import zoneinfo

    zone = zoneinfo.ZoneInfo(artisan_zone)
    groups: dict[str, list[tuple[str, str]]] = {}
    for slot in slots:
        local = timezone.localtime(slot.start)
        theirs = slot.start.astimezone(zone)
        day = date_format(local, "LONG_DATE_FORMAT")
        label = _("%(time)s (%(theirs)s for the artisan)") % {
            "time": date_format(local, "H:i"), "theirs": date_format(theirs, "WEEKDAY_TIME_FORMAT"),
        }
        groups.setdefault(day, []).append((slot.start.isoformat(), label))
    return [("", _("No free slot: I propose times below"))] + list(groups.items())


class MeetingRequestForm(forms.Form):
    slot = forms.ChoiceField(label=_("A free slot of the artisan"), required=False)
    proposed_1 = LocalDateTimeField(label=_("Or propose a time"), required=False)
    proposed_2 = LocalDateTimeField(label=_("A second time (optional)"), required=False)
    proposed_3 = LocalDateTimeField(label=_("A third time (optional)"), required=False)
    duration_minutes = forms.TypedChoiceField(label=_("Length"), coerce=int)
    mode = forms.ChoiceField(
        label=_("How you will meet"), choices=Meeting.Mode.choices, initial=Meeting.Mode.VIRTUAL,
        widget=forms.RadioSelect,
    )
    location = SingleLineFormField(
        label=_("Place (for a meeting in person)"), required=False, max_length=300,
        help_text=_("A fair's stand or table, or the workshop's address."),
    )
    products = forms.ModelMultipleChoiceField(
        label=_("Products you would like to discuss"), queryset=Product.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    message = forms.CharField(
        label=_("Message to the artisan"), widget=forms.Textarea(attrs={"rows": 4}), max_length=4000,
        required=False,
    )

    def __init__(self, *args, artisan: ArtisanProfile, now: datetime | None = None, program=None, **kwargs):
        """`program`: the one the buyer and the artisan share; its length and window apply."""
        super().__init__(*args, **kwargs)
        self.artisan = artisan
        self.program = program
        self.now = now or timezone.now()
        self.slots = artisan_free_slots(artisan=artisan, now=self.now, program=program)
        self.fields["slot"].choices = _slot_choices(self.slots, artisan.time_zone or "UTC")
        durations = dict(DURATION_CHOICES)
        lengths = [program.meeting_minutes] if program is not None else artisan_durations(artisan)
        self.fields["duration_minutes"].choices = [
            (d, durations.get(d) or _("%(minutes)s minutes") % {"minutes": d}) for d in lengths]
        self.fields["products"].queryset = artisan.products.filter(visibility.published_q()).order_by("title")
        self.fields["products"].label_from_instance = lambda product: product.title

    def clean(self):
        data = super().clean()
        proposals = [data.get(f"proposed_{n}") for n in (1, 2, 3)]
        proposals = [p for p in proposals if p]
        slot = data.get("slot")
        if slot and proposals:
            raise forms.ValidationError(_("Choose a free slot or propose times, not both."))
        if not slot and not proposals:
            raise forms.ValidationError(_("Choose a free slot or propose at least one time."))
        for name in ("proposed_1", "proposed_2", "proposed_3"):
            if data.get(name) and data[name] <= self.now:
                self.add_error(name, _("Choose a time in the future."))
        if slot and data.get("duration_minutes"):
            fitting = {
                s.start.isoformat()
                for s in artisan_free_slots(
                    artisan=self.artisan, duration_minutes=data["duration_minutes"], now=self.now,
                    program=self.program,
                )
            }
            if slot not in fitting:
                self.add_error("slot", _("This slot is not free for a meeting of this length."))
        if data.get("mode") == Meeting.Mode.IN_PERSON and not data.get("location", "").strip():
            self.add_error("location", _("Say where you will meet in person."))
        data["starts"] = [datetime.fromisoformat(slot)] if slot else proposals
        return data


# --- answers and the thread ---------------------------------------------------------------


class AcceptForm(forms.Form):
    start = DateTimeField(widget=forms.HiddenInput)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)


class OptionalReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (optional)"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000, required=False
    )


class ProposeTimeForm(forms.Form):
    start = LocalDateTimeField(label=_("New time"), help_text=_("In your time zone."))
    note = forms.CharField(label=_("Note (optional)"), required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 2}))


class MessageForm(forms.Form):
    body = forms.CharField(label=_("Your message"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000)


class OutcomeForm(forms.ModelForm):
    class Meta:
        model = Outcome
        fields = ["attendance", "interest", "next_step", "estimated_order_value", "currency", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}


class ParticipantAddForm(forms.Form):
    """Staff add a person to a meeting by their account's email (a buyer, an interpreter, a journalist)."""

    email = forms.EmailField(label=_("Email of the person's account"))
    role = forms.ChoiceField(label=_("Role"), choices=MeetingParticipant.Role.choices)

    def clean_email(self):
        user = User.objects.filter(email__iexact=self.cleaned_data["email"], is_active=True).first()
        if user is None:
            raise forms.ValidationError(_("No account has this email."))
        self.user = user
        return self.cleaned_data["email"]
