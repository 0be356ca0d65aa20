"""The program's admin pages as agency staff read them."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from catalog.tests.factories import ArtisanProfileFactory
from programs.admin import ProgramAdmin
from programs.forms import ProgramAdminForm
from programs.models import Application, BuyerInvitation, Program
from programs.tests.factories import ProgramFactory

pytestmark = pytest.mark.django_db


def _form_fields() -> list[str]:
    return [name for _title, options in ProgramAdmin.fieldsets for name in options["fields"]
            if name not in ProgramAdmin.readonly_fields]


def test_every_program_field_has_help_text():
    form = ProgramAdminForm()
    missing = [name for name in _form_fields() if not form.fields[name].help_text]
    assert missing == []


def test_the_meeting_window_says_its_zone(login, staff):
    staff.time_zone = "America/New_York"
    staff.save(update_fields=["time_zone"])
    page = login(staff).get(reverse("admin:programs_program_add")).content.decode()
    assert "Meetings possible from (New York (UTC" in page
    assert "In your time zone, New York (UTC" in page
    # The common zones come first, in words with their offset.
    assert page.index("Madrid (UTC") < page.index("Africa/Abidjan")


def test_the_program_page_shows_each_applications_motivation(login, staff):
    program = ProgramFactory(status=Program.Status.OPEN_ARTISANS)
    Application.objects.create(program=program, artisan=ArtisanProfileFactory(), status=Application.Status.APPLIED,
                               motivation="Queremos vender en museos de Nueva York.", applied_at=timezone.now())
    page = login(staff).get(reverse("admin:programs_program_change", args=[program.pk])).content.decode()
    assert "Queremos vender en museos de Nueva York." in page


def test_invitation_statuses_are_words(login, staff):
    program = ProgramFactory()
    BuyerInvitation.objects.create(program=program, email="ana@shop.example")
    page = login(staff).get(reverse("admin:programs_buyerinvitation_changelist")).content.decode()
    assert "Waiting to be sent" in page
    assert ">queued<" not in page
