"""The artisan's profile form, and the admin's review form (photo forms: common.photos.forms)."""

from __future__ import annotations

from typing import Literal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from artisans.models import ArtisanProfile
from artisans.services import PROFILE_FIELDS
from catalog.forms import CommaSeparatedListField
from catalog.models import Craft
from common.choices import Incoterm, Language
from common.images import CleanImage, PhotoField, PhotoUploaderMixin

# Fields grouped as the form shows them, so a long form reads as short sections on a phone.
SECTIONS = [
    (_("Your business"), ["business_name", "kind", "crafts", "logo"]),
    (_("Where you are"), ["country", "region", "city", "time_zone"]),
    (_("Your story"), ["story", "language", "languages_spoken", "year_founded", "team_size"]),
    (_("Online"), ["website", "instagram", "facebook"]),
    (_("Selling abroad"), [
        "exported_before", "export_markets", "monthly_capacity", "lead_time_days", "min_order_value",
        "currency", "incoterms", "payment_terms", "certifications",
    ]),
]


class ArtisanProfileForm(PhotoUploaderMixin, forms.ModelForm):
    crafts = forms.ModelMultipleChoiceField(
        label=_("Your crafts"),
        queryset=Craft.objects.order_by("position", "name_en"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose one or more."),
    )
    logo = PhotoField(label=_("Logo"), required=False, keep_transparency=True, widget=forms.ClearableFileInput)
    languages_spoken = forms.MultipleChoiceField(
        label=_("Languages you speak"), choices=Language.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    incoterms = forms.MultipleChoiceField(
        label=_("Incoterms you offer"), choices=Incoterm.choices, widget=forms.CheckboxSelectMultiple,
        required=False, help_text=_("The delivery terms you can quote; ask the agency if unsure."),
    )
    certifications = CommaSeparatedListField(
        label=_("Certifications and labels"), max_item_length=80, lower=False,
        help_text=_("For example: Fair Trade, GOTS, a regional craft label. Separate them with commas."),
    )
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    instagram = forms.URLField(label=_("Instagram"), required=False, assume_scheme="https",
                               help_text=_("The address of your page, e.g. https://instagram.com/yourworkshop"))
    facebook = forms.URLField(label=_("Facebook"), required=False, assume_scheme="https")

    class Meta:
        model = ArtisanProfile
        # Fields declared above are left out: their model defaults are replaced anyway.
        fields = [name for name in PROFILE_FIELDS if name not in {
            "languages_spoken", "incoterms", "certifications", "website", "instagram", "facebook",
        }]
        widgets = {
            "story": forms.Textarea(attrs={"rows": 8}),
            "export_markets": forms.TextInput(attrs={"placeholder": _("e.g. France, United States")}),
        }
        help_texts = {
            "story": _("Who you are, how and where you work, what makes your pieces special."),
            "language": _("The language you write your story and products in."),
            "export_markets": _("Where you have sold abroad before."),
            # Translators: a plain text, not a format string.
            # xgettext:no-python-format
            "payment_terms": _("For example: 30% deposit, balance before shipping."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["logo"].initial = self.instance.logo or None
            self.initial.setdefault("crafts", list(self.instance.crafts.values_list("pk", flat=True)))
        self.fields["business_name"].widget.attrs["autocomplete"] = "organization"
        self.fields["city"].widget.attrs["autocomplete"] = "address-level2"
        self.fields["region"].widget.attrs["autocomplete"] = "address-level1"
        for name in ("year_founded", "team_size", "monthly_capacity", "lead_time_days"):
            self.fields[name].widget.attrs["inputmode"] = "numeric"
        self.fields["min_order_value"].widget.attrs["inputmode"] = "decimal"

    def sections(self):
        return [(title, [self[name] for name in names]) for title, names in SECTIONS]

    def clean_year_founded(self):
        year = self.cleaned_data.get("year_founded")
        if year is not None and not 1800 <= year <= timezone.now().year:
            raise forms.ValidationError(
                _("Enter a year between 1800 and %(year)s."), code="year", params={"year": timezone.now().year}
            )
        return year

    def clean_team_size(self):
        size = self.cleaned_data.get("team_size")
        if size is not None and not 1 <= size <= 10000:
            raise forms.ValidationError(_("Enter the number of people, at least 1."), code="team_size")
        return size

    def clean_min_order_value(self):
        value = self.cleaned_data.get("min_order_value")
        if value is not None and value < 0:
            raise forms.ValidationError(_("Enter zero or more."), code="negative")
        return value

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("exported_before") and not (cleaned.get("export_markets") or "").strip():
            self.add_error(
                "export_markets",
                forms.ValidationError(_("Tell buyers where you have exported to."), code="markets_required"),
            )
        return cleaned

    def logo_change(self) -> CleanImage | Literal[False] | None:
        """A new logo, False to remove it, or None to leave it as it is."""
        value = self.cleaned_data.get("logo")
        if isinstance(value, CleanImage) or value is False:
            return value
        return None

    def profile_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in PROFILE_FIELDS if name in self.cleaned_data}


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason, shown to the artisan"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=2000,
        help_text=_("Say what to change so the profile can be approved."),
    )
