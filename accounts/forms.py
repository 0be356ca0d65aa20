from __future__ import annotations

from allauth.account.adapter import get_adapter
from allauth.account.forms import AddEmailForm as AllauthAddEmailForm
from allauth.account.forms import SignupForm as AllauthSignupForm
from allauth.account.models import EmailAddress
from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User, time_zone_choices
from common.text import SingleLineFormField


class SignupForm(AllauthSignupForm):
    """allauth's sign-up plus a name and a time zone; the role comes from the view."""

    role = User.Role.BUYER
    full_name = SingleLineFormField(label=_("Your full name"), max_length=150)
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


class AddEmailForm(AllauthAddEmailForm):
    """allauth's form to add an address; the addresses the account already had are told of it."""

    def save(self, request):
        primary = EmailAddress.objects.get_primary_email(self.user)
        email_address = super().save(request)
        if email_address.pk and primary:
            get_adapter(request).send_notification_mail(
                "account/email/email_added", self.user, {"added_email": email_address.email}, email=primary,
            )
        return email_address
