from __future__ import annotations

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from common.attachments import DOCUMENTS, clean_attachment
from shows.services import SAMPLE_QUANTITY_MAX


class DecisionForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=2000
    )
    motivation = forms.CharField(
        label=_("Why this show"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=4000
    )


class DocumentForm(forms.Form):
    file = forms.FileField(label=_("File (PDF, JPEG or PNG)"))

    def __init__(self, *args, uploader=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.uploader = uploader

    def clean_file(self):
        return clean_attachment(self.cleaned_data["file"], allowed=DOCUMENTS, uploader=self.uploader)


class LeadForm(forms.Form):
    code = forms.CharField(label=_("Badge code (scanned or typed)"), required=False, max_length=64)
    full_name = forms.CharField(label=_("Name on the card"), required=False, max_length=160)
    email = forms.EmailField(label=_("Email"), required=False)
    organisation = forms.CharField(label=_("Organisation"), required=False, max_length=160)
    note = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=2000
    )

    def clean(self):
        data = super().clean()
        if not data.get("code") and not data.get("full_name"):
            raise forms.ValidationError(_("Scan a badge or type the name on the card."))
        return data


class StandMeetingForm(forms.Form):
    """A time at the stand, typed as the show's local time (shows.services reads it in its zone)."""

    day = forms.DateField(label=_("Day"), widget=forms.DateInput(attrs={"type": "date"}))
    time = forms.TimeField(label=_("Time at the show"), widget=forms.TimeInput(attrs={"type": "time"}))


class LeadInquiryForm(forms.Form):
    """The buyer's request for a quote, as the lead asked for it at the stand: one product, a quantity."""

    product = forms.ModelChoiceField(label=_("Product"), queryset=None, empty_label=None)
    quantity = forms.IntegerField(label=_("Quantity"), min_value=1, max_value=1_000_000)
    message = forms.CharField(
        label=_("Message"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=4000,
        help_text=_("Empty: the note taken at the stand."),
    )

    def __init__(self, *args, products=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["product"].queryset = products


class SamplesForm(forms.Form):
    """A quantity for each of the SME's catalog products: 0 (or empty) leaves it out of the samples
    list. Only the products given have a field, so another business's product cannot be posted in."""

    def __init__(self, *args, products, quantities: dict[int, int], default_origin: str = "", **kwargs):
        kwargs.setdefault("auto_id", "samples-%s")
        super().__init__(*args, **kwargs)
        self.products = list(products)
        for product in self.products:
            field = forms.IntegerField(
                label=product.title,
                min_value=0,
                max_value=SAMPLE_QUANTITY_MAX,
                required=False,
                initial=quantities.get(product.pk, 0),
                help_text=gettext("HS code: %(hs_code)s · origin: %(origin)s")
                % {
                    "hs_code": product.hs_code or gettext("none yet"),
                    # As the samples list says it (shows.selectors.samples_list).
                    "origin": product.country_of_origin.code or default_origin,
                },
                widget=forms.NumberInput(attrs={"inputmode": "numeric", "class": "quantity"}),
            )
            self.fields[self.field_name(product.pk)] = field

    @staticmethod
    def field_name(product_id: int) -> str:
        return f"product-{product_id}"

    def quantities(self) -> dict[int, int]:
        return {p.pk: self.cleaned_data.get(self.field_name(p.pk)) or 0 for p in self.products}
