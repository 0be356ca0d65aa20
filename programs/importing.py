"""Import artisans into a program from a CSV file: validate every row, report, then save on confirm.

Nothing is written until staff confirm the report. The rows are kept in the cache between the
two steps (under a random key), and validated again on confirm, inside one transaction.
"""

from __future__ import annotations

import uuid
import zoneinfo
from dataclasses import dataclass, field

from allauth.account.models import EmailAddress
from django import forms
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_countries import countries

from accounts.models import User
from artisans.models import ArtisanProfile
from artisans.services import unique_slug
from catalog.models import Craft
from common.choices import Language
from notifications.services import email_enqueue_to_user
from programs.models import Application, Program

COLUMNS = ["email", "business_name", "country", "kind", "region", "city", "crafts", "languages",
           "website", "story", "language", "time_zone"]
REQUIRED = ["email", "business_name", "country"]
CACHE_SECONDS = 3600


class ArtisanRowForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("email"))
    business_name = forms.CharField(label=gettext_lazy("business name"), max_length=160)
    country = forms.CharField(label=gettext_lazy("country"), max_length=60)
    kind = forms.ChoiceField(
        label=gettext_lazy("kind"), choices=ArtisanProfile.Kind.choices, required=False
    )
    region = forms.CharField(max_length=100, required=False)
    city = forms.CharField(max_length=100, required=False)
    crafts = forms.CharField(required=False)
    languages = forms.CharField(required=False)
    website = forms.URLField(required=False, assume_scheme="https")
    story = forms.CharField(required=False, max_length=5000)
    language = forms.ChoiceField(choices=Language.choices, required=False)
    time_zone = forms.CharField(required=False)

    def clean_email(self):
        return self.cleaned_data["email"].lower()

    def clean_country(self):
        value = self.cleaned_data["country"]
        code = countries.by_name(value) or (value.upper() if value.upper() in dict(countries) else "")
        if not code:
            raise forms.ValidationError(_("Unknown country: use a name or a two-letter code."))
        return code

    def clean_crafts(self):
        names = [part.strip() for part in self.cleaned_data["crafts"].replace("|", ";").split(";") if part.strip()]
        crafts = []
        known = {c.slug: c for c in Craft.objects.all()}
        by_name = {c.name_en.lower(): c for c in known.values()}
        for name in names:
            craft = known.get(name.lower()) or by_name.get(name.lower())
            if craft is None:
                raise forms.ValidationError(_("Unknown craft: %(name)s") % {"name": name})
            crafts.append(craft)
        return crafts

    def clean_languages(self):
        codes = [part.strip().lower() for part in self.cleaned_data["languages"].replace("|", ";").split(";") if part.strip()]
        unknown = [code for code in codes if code not in Language.values]
        if unknown:
            raise forms.ValidationError(_("Unknown language codes: %(codes)s") % {"codes": ", ".join(unknown)})
        return codes

    def clean_time_zone(self):
        value = self.cleaned_data["time_zone"] or "Europe/Madrid"
        if value not in zoneinfo.available_timezones():
            raise forms.ValidationError(_("Unknown time zone: %(zone)s") % {"zone": value})
        return value


@dataclass
class RowResult:
    line: int
    values: dict[str, str]
    errors: list[str] = field(default_factory=list)
    action: str = ""  # "create" or "add" (existing artisan joins the program)
    cleaned: dict | None = None

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass
class ImportReport:
    key: str
    rows: list[RowResult]
    missing_columns: list[str]

    @property
    def valid(self) -> list[RowResult]:
        return [row for row in self.rows if row.ok]

    @property
    def invalid(self) -> list[RowResult]:
        return [row for row in self.rows if not row.ok]


def validate_rows(rows: list[dict[str, str]]) -> tuple[list[RowResult], list[str]]:
    missing = [column for column in REQUIRED if rows and column not in rows[0]]
    results: list[RowResult] = []
    emails_seen: set[str] = set()
    existing_users = {
        user.email: user
        for user in User.objects.filter(email__in=[(r.get("email") or "").lower() for r in rows])
        .select_related("artisan_profile")
    }
    for line, values in enumerate(rows, start=2):
        result = RowResult(line=line, values={key: values.get(key, "") for key in COLUMNS})
        form = ArtisanRowForm(data=result.values)
        if not form.is_valid():
            for name, errors in form.errors.items():
                result.errors.extend(f"{name}: {error}" for error in errors)
        else:
            data = form.cleaned_data
            user = existing_users.get(data["email"])
            if data["email"] in emails_seen:
                result.errors.append(_("email: this address appears twice in the file"))
            elif user is not None and not user.is_artisan:
                result.errors.append(_("email: this address belongs to an account that is not an artisan"))
            elif user is not None and not hasattr(user, "artisan_profile"):
                result.errors.append(_("email: this artisan account has no profile yet"))
            else:
                result.action = "add" if user is not None else "create"
                result.cleaned = data
            emails_seen.add(data["email"])
        results.append(result)
    return results, missing


def import_prepare(*, program: Program, rows: list[dict[str, str]]) -> ImportReport:
    results, missing = validate_rows(rows)
    key = uuid.uuid4().hex
    cache.set(f"artisan-import:{key}", {"program": program.pk, "rows": rows}, CACHE_SECONDS)
    return ImportReport(key=key, rows=results, missing_columns=missing)


def import_load(key: str) -> tuple[int, list[dict[str, str]]] | None:
    stored = cache.get(f"artisan-import:{key}")
    if not stored:
        return None
    return stored["program"], stored["rows"]


def import_confirm(*, program: Program, key: str) -> int:
    """Save the valid rows of a prepared import. Returns how many artisans joined the program."""
    loaded = import_load(key)
    if loaded is None or loaded[0] != program.pk:
        raise ValueError("expired")
    results, _missing = validate_rows(loaded[1])
    now = timezone.now()
    count = 0
    with transaction.atomic():
        for row in results:
            if not row.ok:
                continue
            data = row.cleaned
            if row.action == "create":
                user = User.objects.create_user(
                    email=data["email"], role=User.Role.ARTISAN, full_name=data["business_name"],
                    time_zone=data["time_zone"], language=data["language"] or "en",
                )
                user.set_unusable_password()
                user.save(update_fields=["password"])
                # The agency vouches for the address; the artisan sets a password by reset link.
                EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
                profile = ArtisanProfile.objects.create(
                    user=user, slug=unique_slug(data["business_name"]), business_name=data["business_name"],
                    kind=data["kind"] or ArtisanProfile.Kind.WORKSHOP, country=data["country"],
                    region=data["region"], city=data["city"], story=data["story"],
                    language=data["language"] or "en", languages_spoken=data["languages"],
                    website=data["website"], time_zone=data["time_zone"],
                    status=ArtisanProfile.Status.APPROVED, reviewed_at=now, submitted_at=now,
                )
                profile.crafts.set(data["crafts"])
                _send_welcome(user=user, program=program)
            else:
                profile = User.objects.get(email=data["email"]).artisan_profile
            Application.objects.update_or_create(
                program=program, artisan=profile,
                defaults={"status": Application.Status.ACCEPTED, "decided_at": now},
            )
            count += 1
    cache.delete(f"artisan-import:{key}")
    return count


def _send_welcome(*, user: User, program: Program) -> None:
    from allauth.account.forms import default_token_generator
    from allauth.account.utils import user_pk_to_url_str
    from django.urls import reverse

    link = settings.SITE_URL + reverse(
        "account_reset_password_from_key",
        kwargs={"uidb36": user_pk_to_url_str(user), "key": default_token_generator.make_token(user)},
    )
    email_enqueue_to_user(
        key=f"artisan-imported:{user.pk}", user=user,
        template="artisan_imported", context={"user": user, "program": program, "link": link},
    )


def template_csv() -> str:
    example = ["taller@example.es", "Cerámica Ejemplo", "ES", "workshop", "Castilla-La Mancha", "Talavera de la Reina",
               "ceramics", "es;en", "https://example.es", "Taller familiar desde 1950.", "es", "Europe/Madrid"]
    return ",".join(COLUMNS) + "\n" + ",".join(example) + "\n"

