from __future__ import annotations

from django import forms

from matchmaking.models import Preference


class PreferenceForm(forms.Form):
    program = forms.IntegerField(min_value=1)
    other = forms.IntegerField(min_value=1)
    level = forms.TypedChoiceField(choices=Preference.Level.choices, coerce=int)
    next = forms.CharField(required=False)
