"""The artisan's changes to an order (accepted with changes): a quantity per line, a date, a note."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from common.forms import DateField
from deals.models import Order


class OrderChangesForm(forms.Form):
    """One quantity field per order line (prefilled with what was ordered), the ship-by date, a note.

    The rules (minimums, pack multiples, a date not past, something changed) are the service's.
    """

    ship_by = DateField(
        label=_("New ship-by date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    note = forms.CharField(
        label=_("Note to the buyer"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, order: Order, **kwargs) -> None:
        kwargs.setdefault("auto_id", f"changes-{order.pk}-%s")
        super().__init__(*args, **kwargs)
        self.order = order
        self.lines = list(order.lines.all())
        quantities = {
            f"quantity_{line.pk}": forms.IntegerField(
                label=_("Quantity of %(line)s") % {"line": line.description},
                min_value=1,
                max_value=1_000_000,
                initial=line.quantity,
            )
            for line in self.lines
        }
        self.fields = {**quantities, **self.fields}
        self.fields["ship_by"].initial = order.ship_by or order.wanted_by

    def quantities(self) -> dict[int, int]:
        return {line.pk: self.cleaned_data[f"quantity_{line.pk}"] for line in self.lines}
