from __future__ import annotations

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from accounts.tests.factories import ArtisanUserFactory
from artisans import services as artisan_services
from catalog.tests.factories import ArtisanProfileFactory
from programs.models import Application, Program
from programs.tests.factories import ProgramFactory

pytestmark = pytest.mark.django_db


def test_staff_invite_existing_and_new_artisans_each_emailed_once(login, staff, django_capture_on_commit_callbacks):
    program = ProgramFactory(status=Program.Status.OPEN_ARTISANS)
    existing = ArtisanProfileFactory()
    url = reverse("admin:programs_program_invite_artisans", args=[program.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = login(staff).post(url, {"artisans": [existing.pk], "emails": "new@taller.example, bad@"})
    assert response.status_code == 200  # the invalid address is refused, nothing saved
    assert "bad@" in response.content.decode()
    assert not Application.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = login(staff).post(url, {"artisans": [existing.pk], "emails": "new@taller.example"})
    assert response.status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        login(staff).post(url, {"artisans": [existing.pk], "emails": "new@taller.example"})
    assert sorted(m.to[0] for m in mail.outbox) == sorted([existing.user.email, "new@taller.example"])
    assert Application.objects.filter(program=program, status="invited").count() == 2


def test_invited_by_email_then_signs_up_applies_and_is_accepted(login, artisan, staff):
    program = ProgramFactory(status=Program.Status.OPEN_ARTISANS)
    Application.objects.create(program=program, email=artisan.email)
    profile = artisan_services.artisan_profile_create(
        user=artisan, data={"business_name": "Taller Nuevo", "country": "ES", "story": "Cerámica."}
    )
    application = Application.objects.get(program=program)
    assert application.artisan == profile

    client = login(artisan)
    page = client.get(reverse("programs:artisan-programs"))
    assert program.name in page.content.decode()
    response = client.post(reverse("programs:apply", args=[program.slug]), {"motivation": "Nos encantaría."})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == Application.Status.APPLIED

    response = login(staff).post(
        reverse("admin:programs_application_changelist"),
        {"action": "accept", "_selected_action": [application.pk]},
    )
    application.refresh_from_db()
    assert application.status == Application.Status.ACCEPTED


def test_applying_to_a_closed_call_is_refused(login, artisan):
    program = ProgramFactory(status=Program.Status.CLOSED)
    artisan_services.artisan_profile_create(user=artisan, data={"business_name": "Taller", "country": "ES"})
    response = login(artisan).post(reverse("programs:apply", args=[program.slug]), {"motivation": ""}, follow=True)
    assert "not taking applications" in response.content.decode()
    assert not Application.objects.exists()


@pytest.mark.parametrize("persona", ["buyer", "staff"])
def test_program_pages_for_artisans_only(request, login, persona):
    response = login(request.getfixturevalue(persona)).get(reverse("programs:artisan-programs"))
    assert response.status_code == 403


def test_anonymous_is_sent_to_login(client):
    response = client.get(reverse("programs:artisan-programs"))
    assert response.status_code == 302
    assert reverse("account_login") in response.url


def test_call_by_email_binds_only_to_an_address_the_account_verified():
    # Like a buyer's invitation: the call belongs to whoever holds the address, not whoever types it.
    program = ProgramFactory(status=Program.Status.OPEN_ARTISANS)
    Application.objects.create(program=program, email="taller@ceramica.example")
    user = ArtisanUserFactory(email="taller@ceramica.example", verified=False)
    EmailAddress.objects.create(user=user, email="taller@ceramica.example", verified=False, primary=True)
    artisan_services.artisan_profile_create(user=user, data={"business_name": "Taller", "country": "ES"})
    application = Application.objects.get(program=program)
    assert application.artisan is None
    assert application.email == "taller@ceramica.example"


def test_call_by_email_binds_a_second_verified_address_of_the_account(artisan):
    program = ProgramFactory(status=Program.Status.OPEN_ARTISANS)
    Application.objects.create(program=program, email="old@taller.example")
    Application.objects.create(program=program, email=artisan.email)
    EmailAddress.objects.create(user=artisan, email="old@taller.example", verified=True, primary=False)
    profile = artisan_services.artisan_profile_create(user=artisan, data={"business_name": "Taller", "country": "ES"})
    # One application per program and artisan; the other stays an invitation by email.
    assert Application.objects.filter(program=program, artisan=profile).count() == 1
    assert Application.objects.filter(program=program, artisan__isnull=True).count() == 1


def test_a_decided_call_by_email_is_not_taken_at_sign_up(artisan):
    program = ProgramFactory(status=Program.Status.OPEN_ARTISANS)
    Application.objects.create(program=program, email=artisan.email, status=Application.Status.DECLINED)
    artisan_services.artisan_profile_create(user=artisan, data={"business_name": "Taller", "country": "ES"})
    assert Application.objects.get(program=program).artisan is None
