"""The follow-up answer: what a held meeting led to, and its value."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from common.choices import Currency
from deals.models import FollowUp


class FollowUpForm(forms.Form):
    answer = forms.ChoiceField(label=_("What did the meeting lead to?"), choices=FollowUp.Answer.choices,
                               widget=forms.RadioSelect)
    value = forms.DecimalField(label=_("Its value (optional)"), required=False, min_value=0,
                               max_digits=12, decimal_places=2)
    currency = forms.ChoiceField(label=_("currency"), choices=Currency.choices, initial=Currency.EUR)

    def clean(self):
        data = super().clean()
        if data.get("answer") == FollowUp.Answer.NOTHING and data.get("value") is not None:
            self.add_error("value", _("Leave the value empty when the meeting led to nothing yet."))
        return data
