from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from common.forms import DateField
from common.text import SingleLineFormField
from deals.models import Order


class ActionForm(forms.Form):
    """What an action on a deal may carry; the service says which parts an action needs."""

    reason = forms.CharField(
        label=_("Reason or message"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    code = forms.ChoiceField(
        label=_("Reason"), required=False, choices=[("", "—"), *Order.DeclineCode.choices]
    )
    ship_by = DateField(label=_("Ship by"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    carrier = SingleLineFormField(label=_("Carrier"), required=False, max_length=80)
    tracking_number = SingleLineFormField(label=_("Tracking number"), required=False, max_length=80)
