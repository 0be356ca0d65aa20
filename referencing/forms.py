"""Forms of referencing: a committee member's marks, a trial order, a reorder, staff's decision."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from common.text import single_line
from referencing.models import Criterion

MARKS = [("", _("Not scored")), *[(str(n), str(n)) for n in range(1, 6)]]


class ScoreForm(forms.Form):
    """One 1-5 mark per criterion of the round (each optional; at least one)."""

    def __init__(
        self, *args, criteria: list[Criterion], initial_marks: dict[int, int] | None = None, **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for criterion in criteria:
            name = f"criterion_{criterion.pk}"
            self.fields[name] = forms.TypedChoiceField(
                label=criterion.name,
                choices=MARKS,
                coerce=int,
                empty_value=None,
                required=False,
                initial=(initial_marks or {}).get(criterion.pk),
            )

    def clean(self):
        cleaned = super().clean()
        if not any(cleaned.get(f"criterion_{c.pk}") for c in self.criteria):
            raise forms.ValidationError(_("Give at least one score."), code="no_marks")
        return cleaned

    def marks(self) -> dict[int, int]:
        return {
            c.pk: self.cleaned_data[f"criterion_{c.pk}"]
            for c in self.criteria
            if self.cleaned_data.get(f"criterion_{c.pk}")
        }


class DeliveryForm(forms.Form):
    delivery_address = forms.CharField(
        label=_("Delivery address"), widget=forms.Textarea(attrs={"rows": 3}), max_length=1000
    )
    po_number = forms.CharField(label=_("Purchase order number"), max_length=60, required=False)
    wanted_by = forms.DateField(
        label=_("Wanted by"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean_po_number(self):
        return single_line(self.cleaned_data.get("po_number", ""))


class TrialOrderForm(DeliveryForm):
    quantity = forms.IntegerField(label=_("Quantity"), min_value=1, max_value=100000)

    field_order = ["quantity", "delivery_address", "po_number", "wanted_by"]


class ReorderForm(forms.Form):
    """A quantity per listed product (empty: not this time); where and when is a DeliveryForm beside it."""

    def __init__(self, *args, listings: list, **kwargs):
        super().__init__(*args, **kwargs)
        self.listing_fields = []
        for row in listings:
            name = f"listing_{row.listing.pk}"
            self.fields[name] = forms.IntegerField(
                label=row.listing.product.title, min_value=1, max_value=100000, required=False
            )
            self.listing_fields.append((row, name))

    def clean(self):
        cleaned = super().clean()
        if not any(cleaned.get(name) for _row, name in self.listing_fields):
            raise forms.ValidationError(_("Give a quantity for at least one product."), code="no_quantity")
        return cleaned

    def quantities(self) -> dict[int, int]:
        return {
            row.listing.pk: self.cleaned_data[name]
            for row, name in self.listing_fields
            if self.cleaned_data.get(name)
        }


class TickForm(forms.Form):
    done = forms.TypedChoiceField(choices=[("1", "1"), ("0", "0")], coerce=lambda v: v == "1")


ACTION_LABELS = {
    "select": _("Select"),
    "not_select": _("Do not select"),
    "list": _("List with the retailer's article number"),
}


class CandidateActForm(forms.Form):
    """Staff's decision on a candidate: only the actions its table allows now are offered."""

    action = forms.ChoiceField(label=_("Decision"), widget=forms.RadioSelect)
    reason = forms.CharField(
        label=_("Reason, shown to the artisan"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
    )
    article_number = forms.CharField(label=_("Retailer's article number"), max_length=40, required=False)

    def __init__(self, *args, allowed: set[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [(a, label) for a, label in ACTION_LABELS.items() if a in allowed]

    def clean_article_number(self):
        return single_line(self.cleaned_data.get("article_number", ""))
