from __future__ import annotations

from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User, time_zone_choices


class SignupForm(AllauthSignupForm):
    """allauth's sign-up plus a name and a time zone; the role comes from the view."""

    role = User.Role.BUYER
    full_name = forms.CharField(label=_("Your full name"), max_length=150)
    time_zone = forms.ChoiceField(
        label=_("Your time zone"),
        choices=time_zone_choices,
        initial="UTC",
        help_text=_("Meeting times are shown to you in this zone."),
    )
    field_order = ["full_name", "email", "password1", "password2", "time_zone"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["time_zone"].widget.attrs["data-detect-time-zone"] = "true"
        self.fields["full_name"].widget.attrs["autocomplete"] = "name"


class PreferencesForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["full_name", "language", "time_zone"]
