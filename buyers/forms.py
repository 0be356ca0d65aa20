from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from buyers.models import BuyerProfile, ShortlistItem
from common.choices import Language


class BuyerProfileForm(forms.ModelForm):
    languages = forms.MultipleChoiceField(
        label=_("Languages"), choices=Language.choices, required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = BuyerProfile
        fields = [
            "organisation_kind", "organisation_name", "website", "country", "city", "job_title",
            "crafts_of_interest", "typical_order_qty", "price_min_usd", "price_max_usd", "languages",
        ]
        widgets = {"crafts_of_interest": forms.CheckboxSelectMultiple}
        help_texts = {
            "typical_order_qty": _("How many units of one item you usually order."),
            "price_min_usd": _("The wholesale unit prices you usually buy at, in US dollars."),
        }

    def clean(self):
        cleaned = super().clean()
        low, high = cleaned.get("price_min_usd"), cleaned.get("price_max_usd")
        if low is not None and high is not None and low > high:
            self.add_error("price_max_usd", _("The highest price must not be below the lowest."))
        return cleaned


class ShortlistNoteForm(forms.ModelForm):
    class Meta:
        model = ShortlistItem
        fields = ["note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}


class ShortlistTargetForm(forms.Form):
    """Which artisan (by slug) or product (by public id) a shortlist button is about."""

    artisan = forms.SlugField(required=False)
    product = forms.UUIDField(required=False)
    next = forms.CharField(required=False)

    def clean(self):
        cleaned = super().clean()
        if bool(cleaned.get("artisan")) == bool(cleaned.get("product")):
            raise forms.ValidationError(_("Choose one artisan or one product."))
        return cleaned
