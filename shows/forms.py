from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from common.attachments import DOCUMENTS, clean_attachment


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
