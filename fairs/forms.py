"""The exhibitor's stand application and the admin's "move to a stand" form."""

from __future__ import annotations

from django import forms
from django.core.validators import MaxValueValidator
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from fairs import services
from fairs.models import Exhibitor, Stand, StandApplication, Zone


class StandApplicationForm(forms.ModelForm):
    class Meta:
        model = StandApplication
        fields = [
            "zone",
            "min_size_m2",
            "needs_power",
            "needs_water",
            "needs_storage",
            "next_to",
            "keep_apart",
        ]
        help_texts = {
            "zone": _("The part of the fair you would like to be in. We try; it is not promised."),
            "next_to": _("Another exhibitor you would like to be beside. We try; it is not promised."),
            "keep_apart": _("Tick to have no neighbour of your own craft."),
        }

    def __init__(self, *args, exhibitor: Exhibitor, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["zone"].queryset = Zone.objects.filter(
            hall__venue__program=exhibitor.program
        ).select_related("hall")
        self.fields["next_to"].queryset = (
            Exhibitor.objects.filter(program=exhibitor.program)
            .exclude(pk=exhibitor.pk)
            .select_related("artisan")
        )
        self.fields["min_size_m2"].validators.append(MaxValueValidator(1000))
        self.exhibitor = exhibitor

    def submit(self, *, entered_by: User | None = None) -> StandApplication:
        """Hand the valid wishes to fairs.services (the exhibitor's own page, or staff entering them)."""
        return services.stand_application_submit(
            exhibitor=self.exhibitor,
            **{name: self.cleaned_data[name] for name in self.Meta.fields},
            entered_by=entered_by,
        )


class StandMoveForm(forms.Form):
    stand = forms.ModelChoiceField(label=_("Stand"), queryset=Stand.objects.none())
    note = forms.CharField(label=_("Note"), required=False, max_length=300)

    def __init__(self, *args, exhibitor: Exhibitor, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stand"].queryset = Stand.objects.filter(
            program=exhibitor.program, status=Stand.Status.AVAILABLE
        ).select_related("hall")
