from __future__ import annotations

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.models import User
from artisans.models import ArtisanProfile
from programs.models import Application
from programs.tests.factories import ProgramFactory

pytestmark = pytest.mark.django_db

GOOD_AND_BAD = (
    "email,business_name,country,kind,region,city,crafts,languages,website,story,language,time_zone\n"
    "alfareria@example.es,Alfarería Ruiz,ES,workshop,Castilla-La Mancha,Talavera de la Reina,ceramics,es;en,,"
    "Cerámica de Talavera pintada a mano.,es,Europe/Madrid\n"
    "tapis@example.ma,Coopérative Tifawin,Morocco,cooperative,Drâa-Tafilalet,Tazenakht,carpets,fr;ar,,"
    "Tapis tissés par des femmes.,fr,Africa/Casablanca\n"
    "not-an-email,Nadie,ES,,,,,,,,,\n"
    "cuchillos@example.es,Cuchillería,Atlantis,,,,,,,,,\n"
    "otro@example.es,Otro,ES,,,,glassblowing,,,,,\n"
    "alfareria@example.es,Duplicate,ES,,,,,,,,,\n"
)


def _upload(client, program, content: bytes | str, name="artisans.csv"):
    data = content.encode() if isinstance(content, str) else content
    return client.post(
        reverse("admin:programs_program_import", args=[program.pk]),
        {"csv_file": SimpleUploadedFile(name, data, content_type="text/csv")},
    )


def test_report_lists_each_bad_row_and_saves_nothing(login, staff):
    program = ProgramFactory()
    response = _upload(login(staff), program, GOOD_AND_BAD)
    assert response.status_code == 200
    report = response.context["report"]
    assert [row.line for row in report.valid] == [2, 3]
    errors = {row.line: " ".join(row.errors) for row in report.invalid}
    assert "email" in errors[4]
    assert "Unknown country" in errors[5]
    assert "Unknown craft" in errors[6]
    assert "twice" in errors[7]
    assert not ArtisanProfile.objects.exists()
    assert not User.objects.filter(role=User.Role.ARTISAN).exists()


def test_confirm_saves_valid_rows_accepted_into_program(login, staff, django_capture_on_commit_callbacks):
    program = ProgramFactory()
    client = login(staff)
    key = _upload(client, program, GOOD_AND_BAD).context["report"].key
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("admin:programs_program_import", args=[program.pk]), {"confirm": "1", "key": key})
    assert response.status_code == 302
    profiles = ArtisanProfile.objects.order_by("business_name")
    assert [p.business_name for p in profiles] == ["Alfarería Ruiz", "Coopérative Tifawin"]
    assert all(p.status == ArtisanProfile.Status.APPROVED for p in profiles)
    assert Application.objects.filter(program=program, status=Application.Status.ACCEPTED).count() == 2
    assert profiles[1].country.code == "MA"
    # Each new artisan is told, with a link to choose a password.
    assert sorted(m.to[0] for m in mail.outbox) == ["alfareria@example.es", "tapis@example.ma"]
    assert "/accounts/password/reset/key/" in mail.outbox[0].body
    # The same key cannot be replayed.
    client.post(reverse("admin:programs_program_import", args=[program.pk]), {"confirm": "1", "key": key})
    assert ArtisanProfile.objects.count() == 2


def test_bad_encoding_is_refused_clearly(login, staff):
    program = ProgramFactory()
    response = _upload(login(staff), program, "email,business_name,country\nñ@x.es,Cerámica,ES\n".encode("latin-1"))
    assert response.status_code == 200
    assert "UTF-8" in response.content.decode()
    assert response.context["report"] is None


@pytest.mark.parametrize("persona", ["anonymous", "artisan", "buyer"])
def test_import_and_invite_pages_are_staff_only(request, persona, login):
    program = ProgramFactory()
    client = request.getfixturevalue("client") if persona == "anonymous" else login(request.getfixturevalue(persona))
    for name in ["admin:programs_program_import", "admin:programs_program_invite"]:
        response = client.get(reverse(name, args=[program.pk]))
        assert response.status_code == 302
        assert "/admin/login/" in response.url
