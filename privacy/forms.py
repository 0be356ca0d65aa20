from __future__ import annotations

from allauth.account.adapter import get_adapter
from django import forms
from django.utils.translation import gettext_lazy as _


class AccountDeleteForm(forms.Form):
    """Deleting an account asks for the password again: a borrowed session is not enough.

    The password is checked by allauth's reauthentication, so a wrong one counts against the
    same throttle as a failed login (ACCOUNT_RATE_LIMITS["login_failed"]: per IP and per account).
    """

    password = forms.CharField(
        label=_("Your password"), strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        # Raises "too many attempts" itself once the throttle is reached, right or wrong password.
        if not get_adapter().reauthenticate(self.user, password):
            raise forms.ValidationError(_("This password is not correct."), code="password_mismatch")
        return password
