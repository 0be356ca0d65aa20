from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class ApplicationForm(forms.Form):
    motivation = forms.CharField(
        label=_("Why do you want to take part?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        required=False,
    )


class InviteBuyersForm(forms.Form):
    emails = forms.CharField(
        label=_("Email addresses"),
        widget=forms.Textarea(attrs={"rows": 8}),
        required=False,
        help_text=_("One per line, or separated by commas."),
    )
    csv_file = forms.FileField(
        label=_("…or a CSV file"), required=False, help_text=_("UTF-8, with a column named email.")
    )

    def clean(self):
        data = super().clean()
        text = data.get("emails") or ""
        upload = data.get("csv_file")
        if upload:
            if upload.size > 2 * 1024 * 1024:
                raise forms.ValidationError(_("The CSV file is larger than 2 MB."))
            try:
                text += "\n" + upload.read().decode("utf-8-sig")
            except UnicodeDecodeError:
                raise forms.ValidationError(_("The CSV file must be encoded in UTF-8."))
        if not text.strip():
            raise forms.ValidationError(_("Paste some addresses or choose a CSV file."))
        data["text"] = text
        return data


class ImportArtisansForm(forms.Form):
    csv_file = forms.FileField(
        label=_("CSV file"),
        help_text=_("UTF-8. Columns: email, business_name, country (required), kind, region, city, "
                    "crafts (separated by ;), languages, website, story, language, time_zone."),
    )
