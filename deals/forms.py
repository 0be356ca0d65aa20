from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from catalog.models import Product
from common.attachments import PHOTOS, AttachmentsField, AttachmentUploaderMixin
from common.choices import Currency
from common.forms import DateField
from common.text import SingleLineFormField
from deals.models import FollowUp, Incoterm, Order, Unit


class ActionForm(AttachmentUploaderMixin, forms.Form):
    """What an action on a deal may carry; the service says which parts an action needs.

    `uploader=` the signed-in account, whom the photos (of a dispute) count against.
    """

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
    photos = AttachmentsField(label=_("Photos of the goods (optional)"), allowed=PHOTOS)


class MessageForm(AttachmentUploaderMixin, forms.Form):
    """A message in a deal's thread: text, files, or both (`uploader=` the signed-in account)."""

    body = forms.CharField(
        label=_("Your message"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 4})
    )
    attachments = AttachmentsField(label=_("Attach files (optional)"))

    def clean(self):
        data = super().clean()
        if not self.errors and not data.get("body", "").strip() and not data.get("attachments"):
            self.add_error("body", _("Write a message or attach a file first."))
        return data


# --- Starting a deal from a product page, and the artisan's quote ---------------------------------

_DATE = {"widget": forms.DateInput(attrs={"type": "date"})}


class InquiryForm(forms.Form):
    """A signed-in buyer's request for a quote on one product."""

    quantity = forms.IntegerField(label=_("Quantity"), min_value=1, max_value=1_000_000)
    unit = forms.ChoiceField(label=_("Unit"), choices=Unit.choices, initial=Unit.PIECE)
    incoterm = forms.ChoiceField(
        label=_("Wanted incoterm"), required=False, choices=[("", "—"), *Incoterm.choices]
    )
    destination_country = forms.ChoiceField(
        label=_("Destination country"), required=False, choices=lambda: [("", "—"), *countries]
    )
    wanted_by = DateField(label=_("Wanted by"), required=False, **_DATE)
    target_price = forms.DecimalField(
        label=_("Target unit price"),
        required=False,
        min_value=Decimal("0.01"),
        max_digits=10,
        decimal_places=2,
    )
    currency = forms.ChoiceField(label=_("Currency"), choices=Currency.choices, initial=Currency.USD)
    message = forms.CharField(
        label=_("Message to the artisan"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class SampleRequestForm(forms.Form):
    message = forms.CharField(
        label=_("Message about the sample"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class OrderForm(forms.Form):
    """A verified buyer's direct order of one product at its wholesale price."""

    quantity = forms.IntegerField(label=_("Quantity to order"), min_value=1, max_value=1_000_000)
    delivery_address = forms.CharField(
        label=_("Delivery address"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )
    po_number = SingleLineFormField(label=_("Purchase order number"), required=False, max_length=60)
    wanted_by = DateField(label=_("Wanted by"), required=False, **_DATE)


class QuoteOrderForm(forms.Form):
    """The buyer orders an accepted quote as quoted."""

    delivery_address = forms.CharField(
        label=_("Delivery address"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )
    po_number = SingleLineFormField(label=_("Purchase order number"), required=False, max_length=60)
    wanted_by = DateField(label=_("Wanted by"), required=False, **_DATE)


class QuoteForm(forms.Form):
    """The artisan's terms for a quote version; its lines are QuoteLineFormSet."""

    currency = forms.ChoiceField(label=_("Currency"), choices=Currency.choices)
    incoterm = forms.ChoiceField(label=_("Incoterm"), choices=Incoterm.choices, initial=Incoterm.FCA)
    named_place = SingleLineFormField(label=_("Named place"), required=False, max_length=120)
    payment_terms = SingleLineFormField(label=_("Payment terms"), required=False, max_length=200)
    lead_time_days = forms.IntegerField(label=_("Lead time (days)"), min_value=0, max_value=3650)
    valid_until = DateField(label=_("Valid until"), **_DATE)
    notes = forms.CharField(
        label=_("Notes"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )


class QuoteLineForm(forms.Form):
    description = SingleLineFormField(label=_("Description"), max_length=200)
    product = forms.ModelChoiceField(
        queryset=Product.objects.none(), required=False, widget=forms.HiddenInput
    )
    quantity = forms.IntegerField(label=_("Quantity"), min_value=1, max_value=1_000_000)
    unit_price = forms.DecimalField(
        label=_("Unit price"), min_value=Decimal("0.01"), max_digits=10, decimal_places=2
    )
    pack_multiple = forms.IntegerField(label=_("Sold in packs of"), min_value=1, max_value=100_000, initial=1)
    minimum_quantity = forms.IntegerField(
        label=_("Minimum quantity"), min_value=1, max_value=1_000_000, initial=1
    )

    def __init__(self, *args, products=None, **kwargs):
        super().__init__(*args, **kwargs)
        if products is not None:
            self.fields["product"].queryset = products


QuoteLineFormSet = forms.formset_factory(
    QuoteLineForm, extra=0, min_num=1, validate_min=True, max_num=50, validate_max=True
)


class PublicInquiryForm(forms.Form):
    """A member of the public asks from a public catalog; the address is confirmed by a link."""

    name = SingleLineFormField(label=_("Your name"), max_length=120)
    email = forms.EmailField(label=_("Your email"), max_length=254)
    quantity = forms.IntegerField(label=_("Quantity"), min_value=1, max_value=1_000_000)
    message = forms.CharField(
        label=_("Message to the artisan"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class FollowUpForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("What did the meeting lead to?"), choices=FollowUp.Answer.choices, widget=forms.RadioSelect
    )
    value = forms.DecimalField(
        label=_("Its value (optional)"), required=False, min_value=0, max_digits=12, decimal_places=2
    )
    currency = forms.ChoiceField(label=_("currency"), choices=Currency.choices, initial=Currency.EUR)

    def clean(self):
        data = super().clean()
        if data.get("answer") == FollowUp.Answer.NOTHING and data.get("value") is not None:
            self.add_error("value", _("Leave the value empty when the meeting led to nothing yet."))
        return data
