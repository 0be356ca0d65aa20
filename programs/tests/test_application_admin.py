"""The applications in the admin: times named with their zone; the call's message in plural forms."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import ngettext

from catalog.tests.factories import ArtisanProfileFactory
from programs.models import Application, Program
from programs.tests.factories import ProgramFactory

pytestmark = pytest.mark.django_db


def test_application_times_are_shown_in_the_viewers_zone_and_named(login, staff):
    staff.time_zone = "America/New_York"
    staff.save(update_fields=["time_zone"])
    program = ProgramFactory()
    # 15:00 UTC is 11:00 in New York in summer time, 10:00 after the autumn change.
    Application.objects.create(program=program, artisan=ArtisanProfileFactory(business_name="Taller Uno"),
                               status=Application.Status.APPLIED, applied_at=datetime(2026, 10, 1, 15, 0, tzinfo=UTC))
    Application.objects.create(program=program, artisan=ArtisanProfileFactory(business_name="Taller Dos"),
                               status=Application.Status.APPLIED, applied_at=datetime(2026, 11, 16, 15, 0, tzinfo=UTC))
    client = login(staff)
    html = client.get(reverse("admin:programs_application_changelist")).content.decode()
    assert "11 a.m. (New York (UTC\u221204:00))" in html
    assert "10 a.m. (New York (UTC\u221205:00))" in html
    page = client.get(reverse("admin:programs_program_change", args=[program.pk])).content.decode()
    assert "10 a.m. (New York (UTC\u221205:00))" in page


def test_invited_artisans_message_has_plural_forms(login, staff):
    program = ProgramFactory(status=Program.Status.OPEN_ARTISANS)
    url = reverse("admin:programs_program_invite_artisans", args=[program.pk])
    response = login(staff).post(url, {"emails": "one@taller.example"}, follow=True)
    assert "1 artisan invited to apply." in response.content.decode()
    response = login(staff).post(url, {"emails": "two@taller.example, three@taller.example"}, follow=True)
    assert "2 artisans invited to apply." in response.content.decode()


@pytest.mark.parametrize(
    ("language", "count", "expected"),
    [
        ("fr", 1, "1 artisan invité à candidater."),
        ("fr", 2, "2 artisans invités à candidater."),
        ("es", 1, "1 artesano invitado a presentar solicitud."),
        ("es", 5, "5 artesanos invitados a presentar solicitud."),
        ("ar", 1, "تمت دعوة حِرفي واحد للتقديم (1)."),
        ("ar", 2, "تمت دعوة حِرفيَّين للتقديم (2)."),
        ("ar", 3, "تمت دعوة 3 حِرفيين للتقديم."),
        ("ar", 11, "تمت دعوة 11 حِرفيًا للتقديم."),
        ("ar", 100, "تمت دعوة 100 حِرفي للتقديم."),
    ],
)
def test_invited_artisans_message_in_each_language_plural_form(language, count, expected):
    with translation.override(language):
        message = ngettext("%(count)d artisan invited to apply.", "%(count)d artisans invited to apply.", count)
    assert message % {"count": count} == expected
