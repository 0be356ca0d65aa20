"""The interface in French, Spanish and Arabic: pages, emails, and catalogs that stay complete."""

from __future__ import annotations

import ast
import gettext
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail

from accounts.tests.factories import ArtisanUserFactory, BuyerUserFactory, StaffUserFactory
from artisans.models import ArtisanProfile
from artisans.services import artisan_approve
from catalog.tests.factories import ArtisanProfileFactory
from notifications.emails import render_email

LOCALE_DIR = Path(settings.BASE_DIR) / "locale"
TRANSLATED = ["fr", "es", "ar"]
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")


@dataclass
class Entry:
    msgid: str = ""
    msgid_plural: str | None = None
    msgctxt: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)

    @property
    def is_header(self) -> bool:
        return self.msgid == "" and self.msgctxt is None


def parse_po(path: Path) -> list[Entry]:
    """A small .po reader: enough for msgfmt's output of makemessages (no obsolete entries)."""
    entries: list[Entry] = []
    entry = Entry()
    target: tuple[str, int] | None = None
    started = False

    def close():
        nonlocal entry, started
        if started:
            entries.append(entry)
        entry, started = Entry(), False

    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line:
            close()
            target = None
        elif line.startswith("#~"):
            continue
        elif line.startswith("#,"):
            if started:
                close()
            entry.flags.update(flag.strip() for flag in line[2:].split(","))
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            value = ast.literal_eval(line)
            name, index = target
            if name == "msgstr":
                entry.msgstr[index] += value
            else:
                setattr(entry, name, (getattr(entry, name) or "") + value)
        else:
            keyword, _, rest = line.partition(" ")
            if keyword in ("msgctxt", "msgid") and entry.msgstr:
                close()
            started = True
            value = ast.literal_eval(rest)
            if keyword.startswith("msgstr["):
                target = ("msgstr", int(keyword[7:-1]))
                entry.msgstr[target[1]] = value
            elif keyword == "msgstr":
                target = ("msgstr", 0)
                entry.msgstr[0] = value
            else:
                target = (keyword, 0)
                setattr(entry, keyword, value)
    close()
    return entries


def po_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / "django.po"


# Pages in another language


@pytest.mark.django_db
def test_home_page_in_arabic_is_right_to_left_and_arabic(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"
    content = client.get("/").content.decode()
    assert 'lang="ar"' in content and 'dir="rtl"' in content
    assert "تصفح الكتالوج" in content
    assert "Browse the catalog" not in content


@pytest.mark.django_db
def test_home_page_in_english_is_left_to_right(client):
    content = client.get("/").content.decode()
    assert 'dir="rtl"' not in content
    assert "Browse the catalog" in content


@pytest.mark.django_db
def test_navigation_in_french_for_a_french_speaking_buyer(login):
    buyer = BuyerUserFactory(language="fr")
    content = login(buyer).get("/").content.decode()
    assert 'lang="fr"' in content
    for label in ("Catalogue", "Mon tableau de bord", "Rendez-vous", "Paramètres", "Se déconnecter"):
        assert f">{label}<" in content
    assert ">Sign out<" not in content


@pytest.mark.django_db
def test_navigation_in_spanish_for_a_spanish_speaking_artisan(login):
    artisan = ArtisanUserFactory(language="es")
    content = login(artisan).get("/").content.decode()
    assert 'lang="es"' in content
    for label in ("Catálogo", "Mi taller", "Reuniones", "Disponibilidad", "Cerrar sesión"):
        assert f">{label}<" in content
    assert ">My workshop<" not in content


@pytest.mark.django_db
def test_anonymous_visitor_gets_the_browsers_language(client):
    content = client.get("/", headers={"accept-language": "es-ES,es;q=0.9"}).content.decode()
    assert ">Iniciar sesión<" in content and ">Registrarse<" in content


# Emails in the recipient's language


@pytest.mark.django_db
def test_approval_email_to_a_french_artisan_is_in_french(django_capture_on_commit_callbacks):
    user = ArtisanUserFactory(language="fr", full_name="Youssef Alami", time_zone="Africa/Casablanca")
    profile = ArtisanProfileFactory(
        user=user, business_name="Atelier Bleu", status=ArtisanProfile.Status.PENDING
    )
    with django_capture_on_commit_callbacks(execute=True):
        artisan_approve(profile=profile, reviewer=StaffUserFactory())
    (message,) = mail.outbox
    assert message.subject == "Votre profil « Atelier Bleu » est approuvé"
    assert "Bonne nouvelle\u00a0: l’agence a approuvé le profil de Atelier Bleu." in message.body
    assert "L’équipe CraftMatch" in message.body
    assert "Good news" not in message.body


@pytest.mark.django_db
def test_rendered_email_follows_the_language_argument():
    user = ArtisanUserFactory(full_name="Lucía Moreno")
    profile = ArtisanProfileFactory(user=user, business_name="Cerámica Moreno")
    context = {"profile": profile, "user": user, "site_url": "https://craftmatch.example"}
    spanish = render_email("artisan_approved", context, language="es", time_zone="Europe/Madrid")
    arabic = render_email("artisan_approved", context, language="ar", time_zone="Africa/Casablanca")
    english = render_email("artisan_approved", context)
    assert spanish.subject == "Su perfil «Cerámica Moreno» está aprobado"
    assert "El equipo de CraftMatch" in spanish.text
    assert arabic.subject == "تمت الموافقة على ملفك التعريفي «Cerámica Moreno»"
    assert english.subject == "Your profile “Cerámica Moreno” is approved"


# The catalogs themselves


@pytest.mark.parametrize("language", TRANSLATED)
def test_catalog_has_no_untranslated_or_fuzzy_entry(language):
    entries = [entry for entry in parse_po(po_path(language)) if not entry.is_header]
    assert len(entries) > 900
    untranslated = [entry.msgid for entry in entries if not all(entry.msgstr.values())]
    fuzzy = [entry.msgid for entry in entries if "fuzzy" in entry.flags]
    assert untranslated == [], f"{len(untranslated)} untranslated: run makemessages and translate them"
    assert fuzzy == [], f"{len(fuzzy)} fuzzy: check and translate them"


@pytest.mark.parametrize("language", TRANSLATED)
def test_translations_keep_every_placeholder(language):
    for entry in parse_po(po_path(language)):
        if entry.is_header:
            continue
        source = sorted(PLACEHOLDER.findall(entry.msgid_plural or entry.msgid))
        for index, text in entry.msgstr.items():
            assert sorted(PLACEHOLDER.findall(text)) == source, (entry.msgid, index, text)


@pytest.mark.parametrize(("language", "forms"), [("fr", 2), ("es", 3), ("ar", 6)])
def test_plural_entries_have_every_form_of_the_language(language, forms):
    entries = parse_po(po_path(language))
    header = next(entry for entry in entries if entry.is_header).msgstr[0]
    assert f"nplurals={forms};" in header.replace(" ", "")
    plurals = [entry for entry in entries if entry.msgid_plural]
    assert plurals
    assert all(sorted(entry.msgstr) == list(range(forms)) for entry in plurals)


@pytest.mark.parametrize("language", TRANSLATED)
def test_compiled_catalog_matches_the_po_file(language):
    # Compare contents, not modification times: a fresh clone gives every file the checkout time.
    with open(LOCALE_DIR / language / "LC_MESSAGES" / "django.mo", "rb") as handle:
        compiled = gettext.GNUTranslations(handle)._catalog
    stale = []
    for entry in parse_po(po_path(language)):
        if entry.is_header:
            continue
        key = entry.msgid if entry.msgctxt is None else f"{entry.msgctxt}\x04{entry.msgid}"
        if entry.msgid_plural:
            found = {index: compiled.get((key, index)) for index in entry.msgstr}
        else:
            found = {0: compiled.get(key)}
        if found != entry.msgstr:
            stale.append(entry.msgid)
    assert stale == [], f"{len(stale)} entries differ from django.mo: run compilemessages"
