"""Forms of the pages that start a deal from the shortlist, a held meeting or an artisan's page."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from catalog.models import Product
from common.forms import DateField
from common.text import SingleLineFormField
from deals.models import DealTerms, Incoterm, ProductTerms, Unit
from deals.services.terms import PACK_MULTIPLE_MAX

_DATE = {"widget": forms.DateInput(attrs={"type": "date"})}
_MESSAGE = {"required": False, "max_length": 4000, "widget": forms.Textarea(attrs={"rows": 4})}


class _InquiryTermsForm(forms.Form):
    """What every inquiry may say beside its lines: where, when, on which terms, and a message."""

    incoterm = forms.ChoiceField(
        label=_("Wanted incoterm"), required=False, choices=[("", "—"), *Incoterm.choices]
    )
    destination_country = forms.ChoiceField(
        label=_("Destination country"), required=False, choices=lambda: [("", "—"), *countries]
    )
    wanted_by = DateField(label=_("Wanted by"), required=False, **_DATE)
    message = forms.CharField(label=_("Message to the artisan"), **_MESSAGE)


class ProductLinesInquiryForm(_InquiryTermsForm):
    """One quantity per product (0 leaves it out), then the inquiry's terms: the shortlist, a meeting."""

    unit = forms.ChoiceField(label=_("Unit"), choices=Unit.choices, initial=Unit.PIECE)

    def __init__(self, *args, products: list[Product], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.products = products
        quantities = {
            self.quantity_name(product): forms.IntegerField(
                label=_("Quantity of %(product)s") % {"product": product.title},
                min_value=0,
                max_value=1_000_000,
                initial=product.min_order_qty,
            )
            for product in products
        }
        # The quantities first, in the products' order, then the terms.
        self.fields = {**quantities, **self.fields}

    @staticmethod
    def quantity_name(product: Product) -> str:
        return f"quantity_{product.public_id.hex}"

    def clean(self):
        data = super().clean()
        if self.products and not any(data.get(self.quantity_name(product)) for product in self.products):
            raise forms.ValidationError(_("Give a quantity for at least one product."))
        return data

    def quantities(self) -> list[tuple[Product, int]]:
        """(product, quantity) for each product asked, in the form's order."""
        return [
            (product, self.cleaned_data[self.quantity_name(product)])
            for product in self.products
            if self.cleaned_data.get(self.quantity_name(product))
        ]


class MeetingDealForm(ProductLinesInquiryForm):
    """After a held meeting: a quote on the products of interest, or a specification without any."""

    specification = forms.CharField(
        label=_("What you would like quoted"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("A custom colour, size or finish; or products the meeting was about."),
    )
    specification_quantity = forms.IntegerField(
        label=_("Quantity"), required=False, min_value=1, max_value=1_000_000
    )

    def clean(self):
        data = forms.Form.clean(self)
        asked = any(data.get(self.quantity_name(product)) for product in self.products)
        if data.get("specification", "").strip() and not data.get("specification_quantity"):
            self.add_error("specification_quantity", _("How many would you need?"))
        elif not asked and not data.get("specification", "").strip():
            raise forms.ValidationError(_("Give a quantity for a product, or describe what you need."))
        return data


class MeetingSampleForm(forms.Form):
    """After a held meeting: a sample of one of the products of interest."""

    product = forms.ModelChoiceField(label=_("Product"), queryset=Product.objects.none(), empty_label=None)
    message = forms.CharField(
        label=_("Message about the sample"), **{**_MESSAGE, "widget": forms.Textarea(attrs={"rows": 3})}
    )

    def __init__(self, *args, products, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["product"].queryset = products
        self.fields["product"].to_field_name = "public_id"


class PublicSpecificationForm(forms.Form):
    """A member of the public describes what they need to an artisan of a public catalog."""

    name = SingleLineFormField(label=_("Your name"), max_length=120)
    email = forms.EmailField(label=_("Your email"), max_length=254)
    specification = forms.CharField(
        label=_("What you would like made"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The object, its colour, size, material, and anything else the artisan should know."),
    )
    quantity = forms.IntegerField(label=_("Quantity"), min_value=1, max_value=1_000_000)
    unit = forms.ChoiceField(label=_("Unit"), choices=Unit.choices, initial=Unit.PIECE)
    destination_country = forms.ChoiceField(
        label=_("Destination country"), required=False, choices=lambda: [("", "—"), *countries]
    )
    message = forms.CharField(label=_("Message to the artisan"), **_MESSAGE)


class ActForArtisanForm(forms.Form):
    """Staff's explicit switch on a deal's forms: this move is made for the artisan (and recorded so)."""

    for_artisan = forms.BooleanField(required=False)


# --- The artisan's own terms ----------------------------------------------------------------------
class DealTermsForm(forms.ModelForm):
    """An artisan's order minimums; deals.services.deal_terms_update holds the rules."""

    class Meta:
        model = DealTerms
        fields = ["currency", "opening_order_minimum", "reorder_minimum"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name in ("opening_order_minimum", "reorder_minimum"):
            self.fields[name].min_value = Decimal("0.01")
            self.fields[name].validators.append(MinValueValidator(Decimal("0.01")))
            self.fields[name].widget.attrs["min"] = "0.01"

    def clean(self):
        data = super().clean()
        opening, reorder = data.get("opening_order_minimum"), data.get("reorder_minimum")
        if opening is not None and reorder is not None and reorder > opening:
            self.add_error(
                "reorder_minimum", _("The minimum reorder cannot be above the minimum first order.")
            )
        return data


class ProductTermsForm(forms.ModelForm):
    """A product's pack size and sample policy; deals.services.product_terms_update holds the rules."""

    class Meta:
        model = ProductTerms
        fields = ["pack_multiple", "sample_policy"]
        widgets = {"sample_policy": forms.RadioSelect}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["pack_multiple"].min_value = 1
        self.fields["pack_multiple"].max_value = PACK_MULTIPLE_MAX
        self.fields["pack_multiple"].validators += [
            MinValueValidator(1),
            MaxValueValidator(PACK_MULTIPLE_MAX),
        ]
        self.fields["pack_multiple"].widget.attrs.update(min="1", max=str(PACK_MULTIPLE_MAX))
