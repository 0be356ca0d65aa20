"""Visitors' forms: registration (public and at the desk), typed pass codes."""

from __future__ import annotations

from datetime import date

from django import forms
from django.conf import settings
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from django_countries.fields import LazyTypedChoiceField

from programs.models import Program
from visitors.models import DailyCount, Visitor
from visitors.selectors import fair_days


class RegistrationForm(forms.Form):
    kind = forms.ChoiceField(label=_("I come as"), choices=Visitor.Kind.choices, initial=Visitor.Kind.PUBLIC)
    full_name = forms.CharField(label=_("Full name"), max_length=160)
    email = forms.EmailField(label=_("Email"), max_length=254)
    organisation = forms.CharField(
        label=_("Organisation"),
        max_length=160,
        required=False,
        help_text=_("For trade visitors, press, speakers and exhibitor staff."),
    )
    country = LazyTypedChoiceField(label=_("Country"), choices=[("", "—"), *countries], required=False)
    language = forms.ChoiceField(label=_("Language of the emails"), choices=settings.LANGUAGES)
    days = forms.TypedMultipleChoiceField(
        label=_("Days I come"),
        widget=forms.CheckboxSelectMultiple,
        coerce=lambda value: value,
    )

    def __init__(self, *args, program: Program, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].initial = (get_language() or "en")[:2]
        days = fair_days(program)
        self.fields["days"].choices = [(day.isoformat(), date_format(day, "DATE_FORMAT")) for day in days]
        self.fields["days"].initial = [day.isoformat() for day in days]
        self.fields["email"].widget.attrs.update(autocomplete="email", inputmode="email")
        self.fields["full_name"].widget.attrs.update(autocomplete="name", dir="auto")
        self.fields["organisation"].widget.attrs.update(autocomplete="organization", dir="auto")

    def clean_days(self):
        return [date.fromisoformat(value) for value in self.cleaned_data["days"]]


class WalkInForm(RegistrationForm):
    """At the desk: the address is optional (the pass is shown and the badge printed there)."""

    kind = forms.ChoiceField(label=_("Type"), choices=Visitor.Kind.choices, initial=Visitor.Kind.PUBLIC)
    email = forms.EmailField(label=_("Email"), max_length=254, required=False)


class CodeForm(forms.Form):
    code = forms.CharField(label=_("Pass code"), max_length=40)


class DailyCountForm(forms.ModelForm):
    """The admin's form for a count entered by hand; visitors.services.daily_count_enter saves it."""

    class Meta:
        model = DailyCount
        fields = ("program", "day", "gate", "place", "count")

    def clean(self) -> dict:
        data = super().clean()
        program, gate, day = data.get("program"), data.get("gate"), data.get("day")
        if program is not None and gate is not None and gate.program_id != program.pk:
            self.add_error("gate", _("This gate is not one of this fair's."))
        if program is not None and day is not None and day not in fair_days(program):
            self.add_error("day", _("This day is not a day of the fair."))
        return data
