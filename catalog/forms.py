"""Forms an artisan fills for products, and the admin's decline form (photo forms: common.photos.forms)."""

from __future__ import annotations

import re
from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from catalog import curation
from catalog.identifiers import normalise_digits
from catalog.models import Craft, Product
from catalog.services import PRODUCT_FIELDS
from common.text import single_line

# Commas in Latin and Arabic script, semicolons and new lines all separate items.
SEPARATORS = re.compile(r"[,،;\n]+")


def split_list(text: str, *, lower: bool = True) -> list[str]:
    """'Wool, cotton ,, WOOL' -> ['wool', 'cotton']: trimmed, single-spaced, no repeats."""
    items: list[str] = []
    seen: set[str] = set()
    for raw in SEPARATORS.split(text or ""):
        item = " ".join(single_line(raw).split())
        if lower:
            item = item.lower()
        if item and item.casefold() not in seen:
            seen.add(item.casefold())
            items.append(item)
    return items


class CommaSeparatedListField(forms.CharField):
    """A text input for a list: items separated by commas, normalised to a list of strings."""

    def __init__(self, *, max_item_length: int, max_items: int = 20, lower: bool = True, **kwargs):
        self.max_item_length = max_item_length
        self.max_items = max_items
        self.lower = lower
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", _("Separate them with commas."))
        kwargs.setdefault("max_length", 1000)
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return ", ".join(value)
        return value

    def to_python(self, value):
        text = super().to_python(value)
        # The text typed is checked as a CharField's would be (length, no NUL, which PostgreSQL
        # cannot store) before it is split: run_validators below sees only the list.
        super().run_validators(text)
        return split_list(text, lower=self.lower)

    def validate(self, value):
        if self.required and not value:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        too_long = [item for item in value if len(item) > self.max_item_length]
        if too_long:
            raise forms.ValidationError(
                _("Keep each item under %(max)s characters: “%(item)s” is too long."),
                code="item_too_long", params={"max": self.max_item_length, "item": too_long[0]},
            )
        if len(value) > self.max_items:
            raise forms.ValidationError(
                _("List at most %(max)s items."), code="too_many_items", params={"max": self.max_items}
            )

    def run_validators(self, value):
        # The CharField validators have seen the text typed, in to_python.
        return


class ProductForm(forms.ModelForm):
    materials = CommaSeparatedListField(
        label=_("Materials"), max_item_length=40, help_text=_("For example: wool, cotton, natural dyes.")
    )
    techniques = CommaSeparatedListField(
        label=_("Techniques"), max_item_length=60, help_text=_("For example: hand-woven, wheel-thrown.")
    )
    colours = CommaSeparatedListField(
        label=_("Colours"), max_item_length=30, help_text=_("For example: indigo, ochre, natural.")
    )

    # Typed with the spaces, dots or dashes people copy from a label; stored as digits (catalog.identifiers).
    gtin = forms.CharField(label=_("GTIN / EAN"), required=False, max_length=24,
                           help_text=_("The barcode number (EAN-13, UPC-12, GTIN-8 or GTIN-14), if the product "
                                       "has one."))
    hs_code = forms.CharField(label=_("HS code"), required=False, max_length=16,
                              help_text=_("The customs tariff number, 6 to 10 digits."))

    class Meta:
        model = Product
        fields = list(PRODUCT_FIELDS)
        widgets = {
            "description": forms.Textarea(attrs={"rows": 6}),
            "status": forms.RadioSelect,
        }
        help_texts = {
            "wholesale_price": _("The price per unit for shops buying at least the minimum order."),
            "retail_price": _("The price you suggest shops sell it at (optional)."),
            "status": _("Buyers see published products once the agency has approved your profile."),
        }

    def __init__(self, *args, review: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        # The artisan asks for draft or published; the review states are staff's (catalog.curation).
        status = self.fields["status"]
        status.choices = [(Product.Status.DRAFT, _("Draft")), (Product.Status.PUBLISHED, _("Published"))]
        if self.instance.pk:
            self.initial["status"] = curation.wanted_status(self.instance.status)
        if review:
            status.choices = [(Product.Status.DRAFT, _("Draft")),
                              (Product.Status.PUBLISHED, _("Published, once the agency approves it"))]
            status.help_text = _(
                "The agency reviews products before buyers see them. Publishing sends this product for "
                "review, and so does a change to the title, description, materials, techniques, colours "
                "or photos of a published product; buyers no longer see it until the agency approves it. "
                "Changes to prices and quantities need no review."
            )
        self.fields["craft"].queryset = Craft.objects.order_by("position", "name_en")
        self.fields["craft"].empty_label = _("Choose a craft")
        for name in ("width_cm", "height_cm", "depth_cm", "weight_kg", "wholesale_price", "retail_price"):
            self.fields[name].widget.attrs.update({"inputmode": "decimal", "min": "0"})
        for name in ("gtin", "hs_code"):
            self.fields[name].widget.attrs.update({"inputmode": "numeric", "autocomplete": "off"})
        self.fields["country_of_origin"].choices = [("", _("Choose a country")), *self.fields["country_of_origin"].choices[1:]]
        for name in ("min_order_qty", "lead_time_days", "monthly_capacity", "case_pack"):
            self.fields[name].widget.attrs.update({"inputmode": "numeric", "min": "1"})
        self.fields["title"].widget.attrs["autocomplete"] = "off"

    def _positive(self, name: str):
        value = self.cleaned_data.get(name)
        if value is not None and value <= 0:
            raise forms.ValidationError(_("Enter a number greater than zero."), code="not_positive")
        return value

    def clean_width_cm(self):
        return self._positive("width_cm")

    def clean_height_cm(self):
        return self._positive("height_cm")

    def clean_depth_cm(self):
        return self._positive("depth_cm")

    def clean_weight_kg(self):
        return self._positive("weight_kg")

    def clean_wholesale_price(self):
        return self._positive("wholesale_price")

    def clean_retail_price(self):
        return self._positive("retail_price")

    def clean_monthly_capacity(self):
        return self._positive("monthly_capacity")

    def clean_min_order_qty(self):
        return self._positive("min_order_qty")

    def clean_gtin(self):
        return normalise_digits(self.cleaned_data.get("gtin", ""))

    def clean_hs_code(self):
        return normalise_digits(self.cleaned_data.get("hs_code", ""))

    def clean_case_pack(self):
        return self._positive("case_pack")

    def clean_lead_time_days(self):
        value = self._positive("lead_time_days")
        if value is not None and value > 365:
            raise forms.ValidationError(_("Enter a lead time of at most 365 days."), code="too_long")
        return value

    def clean(self):
        cleaned = super().clean()
        wholesale: Decimal | None = cleaned.get("wholesale_price")
        retail: Decimal | None = cleaned.get("retail_price")
        if wholesale and retail and retail < wholesale:
            self.add_error(
                "retail_price",
                forms.ValidationError(
                    _("The suggested retail price should not be below the wholesale price."), code="retail_below"
                ),
            )
        return cleaned


class DeclineForm(forms.Form):
    """Staff decline products with a reason the artisan reads on their pages and in the email."""

    reason = forms.CharField(
        label=_("Reason, shown to the artisan"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=2000,
        help_text=_("Say what to change so the product can be published."),
    )


class OrderValueFilterForm(forms.Form):
    """The catalog's filter on an artisan's minimum order value, in US dollars (a wholesale term:
    the view offers it only to those catalog.visibility.can_see_wholesale allows)."""

    mov = forms.DecimalField(
        label=_("Minimum order value at most (USD)"), required=False, min_value=Decimal("0"),
        max_value=Decimal("999999999"), max_digits=11, decimal_places=2,
        error_messages={"invalid": _("Enter an amount in US dollars, such as 500 or 1250.50.")},
    )
