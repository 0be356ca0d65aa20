from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.zones import zone_label
from programs.models import Program


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
    language = forms.TypedChoiceField(
        label=_("Language of the email"), choices=settings.LANGUAGES, initial=settings.LANGUAGE_CODE,
        required=False, empty_value=settings.LANGUAGE_CODE,
        help_text=_("The invitation is written in this language: these people have no account yet."),
    )

    def clean(self):
        data = super().clean()
        text = data.get("emails") or ""
        csv_text = ""
        upload = data.get("csv_file")
        if upload:
            if upload.size > 2 * 1024 * 1024:
                raise forms.ValidationError(_("The CSV file is larger than 2 MB."))
            try:
                csv_text = upload.read().decode("utf-8-sig")
            except UnicodeDecodeError:
                raise forms.ValidationError(_("The CSV file must be encoded in UTF-8."))
        if not (text.strip() or csv_text.strip()):
            raise forms.ValidationError(_("Paste some addresses or choose a CSV file."))
        # Kept apart, so the report's line numbers are the file's own.
        data["text"], data["csv_text"] = text, csv_text
        return data


class ImportArtisansForm(forms.Form):
    csv_file = forms.FileField(
        label=_("CSV file"),
        help_text=_("UTF-8. Columns: email, business_name, country (required), kind, region, city, "
                    "crafts (separated by ;), languages, website, story, language, time_zone."),
    )


class InviteArtisansForm(forms.Form):
    artisans = forms.ModelMultipleChoiceField(
        label=_("Artisans on CraftMatch"),
        queryset=None,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 12}),
    )
    emails = forms.CharField(
        label=_("…or email addresses of artisans not on CraftMatch yet"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        help_text=_("One per line, or separated by commas."),
    )
    language = forms.TypedChoiceField(
        label=_("Language of the email"), choices=settings.LANGUAGES, initial=settings.LANGUAGE_CODE,
        required=False, empty_value=settings.LANGUAGE_CODE,
        help_text=_("For the addresses above; artisans on CraftMatch get the call in their own language."),
    )

    def __init__(self, *args, **kwargs):
        from artisans.models import ArtisanProfile

        super().__init__(*args, **kwargs)
        self.fields["artisans"].queryset = ArtisanProfile.objects.exclude(
            status=ArtisanProfile.Status.REJECTED
        ).order_by("business_name")

    def clean_emails(self):
        from django.core.validators import validate_email

        addresses, invalid = [], []
        for part in self.cleaned_data["emails"].replace(";", ",").replace("\n", ",").split(","):
            address = part.strip().lower()
            if not address:
                continue
            try:
                validate_email(address)
            except forms.ValidationError:
                invalid.append(part.strip())
            else:
                addresses.append(address)
        if invalid:
            raise forms.ValidationError(_("Not valid email addresses: %(list)s") % {"list": ", ".join(invalid)})
        return addresses

    def clean(self):
        data = super().clean()
        if not data.get("artisans") and not data.get("emails") and not self.errors:
            raise forms.ValidationError(_("Choose artisans or enter email addresses."))
        return data


class ProgramAdminForm(forms.ModelForm):
    """The program's admin form: every field says what it does; date-times say their zone."""

    class Meta:
        model = Program
        fields = [
            "name", "slug", "kind", "organiser", "description", "status", "public_catalog", "review_products",
            "starts_on", "ends_on",
            "time_zone", "meetings_open_at", "meetings_close_at", "meeting_minutes", "max_meetings_per_artisan",
            "max_meetings_per_buyer",
        ]
        help_texts = {
            "name": _("As artisans and buyers read it in invitations, pages and the catalog PDF."),
            "slug": _("The program's part of web addresses; letters, digits and hyphens."),
            # What each kind enables is programs.kinds; the form shows only the kind's settings.
            "kind": _("Decides the program's sections and settings: meetings window and length for virtual "
                      "missions and B2B days, the public catalog and fair site for fairs, the tour for workshop "
                      "and media tours, the show for trade shows abroad. Settings of another kind are hidden "
                      "and kept."),
            "public_catalog": _("Unticked (the default): the program's artisans are shown only to the buyers who "
                                "joined it, and to staff, unless another program shows them. Ticked: everyone "
                                "sees them in the public catalog."),
            "organiser": _("The agency or body that runs the program, named in every invitation."),
            "description": _("Shown to artisans in the call for artisans and to buyers who joined."),
            "status": _("Draft: only staff see it. Open for artisans: artisans may apply. Open for buyers: "
                        "buyers who joined see its artisans and request meetings. Closed: no more requests."),
            "starts_on": _("The first day of the program, in its time zone."),
            "ends_on": _("The last day of the program, in its time zone."),
            "time_zone": _("Where the program happens: its days, the catalog PDF and reminders use this zone."),
            "meeting_minutes": _("The length of every meeting of the program; requests offer only this length."),
            "max_meetings_per_artisan": _("Confirmed meetings an artisan may hold in this program; empty: no limit."),
            "max_meetings_per_buyer": _("Confirmed meetings a buyer may hold in this program; empty: no limit."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        zone = zone_label(timezone.get_current_timezone())
        window = {
            "meetings_open_at": _("Meetings may start from this moment; empty: no earliest moment. Results "
                                  "count only meetings inside the window. In your time zone, %(zone)s."),
            "meetings_close_at": _("Meetings must end by this moment; empty: no latest moment. Results count "
                                   "only meetings inside the window. In your time zone, %(zone)s."),
        }
        for name, text in window.items():
            if name in self.fields:
                self.fields[name].help_text = text % {"zone": zone}
                self.fields[name].label = f"{self.fields[name].label} ({zone})"
