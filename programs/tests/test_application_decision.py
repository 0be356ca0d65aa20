from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from catalog.tests.factories import ArtisanProfileFactory
from notifications.models import Email
from programs import services
from programs.models import Application, Program
from programs.tests.factories import ProgramFactory

pytestmark = pytest.mark.django_db


def _applied(language: str = "es") -> Application:
    program = ProgramFactory(status=Program.Status.OPEN_ARTISANS, name="Misión Museos")
    profile = ArtisanProfileFactory()
    profile.user.language = language
    profile.user.save(update_fields=["language"])
    return services.application_submit(program=program, artisan=profile, motivation="Nos encantaría.")


def _decide(client, application: Application, action: str):
    return client.post(
        reverse("admin:programs_application_changelist"),
        {"action": action, "_selected_action": [application.pk]},
    )


def test_accepting_mails_the_artisan_once_in_their_language(login, staff, django_capture_on_commit_callbacks):
    application = _applied("es")
    client = login(staff)
    with django_capture_on_commit_callbacks(execute=True):
        _decide(client, application, "accept")
    with django_capture_on_commit_callbacks(execute=True):
        _decide(client, application, "accept")  # a double submit: the same decision
    assert [m.to for m in mail.outbox] == [[application.artisan.user.email]]
    message = mail.outbox[0]
    assert "Misión Museos" in message.subject
    assert "aceptada" in message.subject
    assert reverse("programs:artisan-programs") in message.body
    assert Email.objects.filter(key__startswith=f"application-decided:{application.pk}:accepted:").count() == 1


def test_declining_after_accepting_is_a_new_decision_and_a_new_mail(
    login, staff, django_capture_on_commit_callbacks
):
    application = _applied("en")
    client = login(staff)
    with django_capture_on_commit_callbacks(execute=True):
        _decide(client, application, "accept")
    with django_capture_on_commit_callbacks(execute=True):
        _decide(client, application, "decline")
    assert [m.subject for m in mail.outbox] == [
        "Your application to Misión Museos is accepted",
        "Your application to Misión Museos was not accepted",
    ]


def test_the_declined_artisan_reads_one_status_wording(login, staff, django_capture_on_commit_callbacks):
    application = _applied("en")
    _decide(login(staff), application, "decline")
    page = login(application.artisan.user).get(reverse("programs:artisan-programs")).content.decode()
    assert page.count("Declined") == 2  # the table and the program's card say the same word
    assert "Application sent" not in page
