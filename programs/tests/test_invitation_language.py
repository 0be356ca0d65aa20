"""Invitations to people without an account go out in the language staff chose for them."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from accounts.tests.factories import ArtisanUserFactory
from catalog.tests.factories import ArtisanProfileFactory
from programs.models import Application, BuyerInvitation, Program
from programs.tests.factories import ProgramFactory

pytestmark = pytest.mark.django_db


def _to(address: str):
    (message,) = [m for m in mail.outbox if m.to == [address]]
    return message


def test_buyer_invitations_are_written_in_the_chosen_language(login, staff, django_capture_on_commit_callbacks):
    program = ProgramFactory(name="Feria Textil")
    url = reverse("admin:programs_program_invite", args=[program.pk])
    with django_capture_on_commit_callbacks(execute=True):
        login(staff).post(url, {"emails": "compras@tienda.example", "language": "es"})
    assert BuyerInvitation.objects.get(email="compras@tienda.example").language == "es"
    message = _to("compras@tienda.example")
    assert message.subject == "Está invitado a Feria Textil"
    assert message.extra_headers["Content-Language"] == "es"
    (html,) = [content for content, mimetype in message.alternatives if mimetype == "text/html"]
    assert '<html lang="es" dir="ltr">' in html


def test_the_call_for_artisans_uses_the_chosen_language_or_the_accounts_own(
    login, staff, django_capture_on_commit_callbacks
):
    program = ProgramFactory(name="Salon Artisanal", status=Program.Status.OPEN_ARTISANS)
    with_account = ArtisanProfileFactory(user=ArtisanUserFactory(language="ar"))
    url = reverse("admin:programs_program_invite_artisans", args=[program.pk])
    with django_capture_on_commit_callbacks(execute=True):
        login(staff).post(url, {"artisans": [with_account.pk], "emails": "atelier@poterie.example", "language": "fr"})
    assert Application.objects.get(email="atelier@poterie.example").language == "fr"
    assert _to("atelier@poterie.example").subject == "Candidatez à Salon Artisanal"
    assert _to("atelier@poterie.example").extra_headers["Content-Language"] == "fr"
    assert _to(with_account.user.email).extra_headers["Content-Language"] == "ar"


def test_the_invite_pages_offer_the_language(login, staff):
    program = ProgramFactory()
    client = login(staff)
    for name in ("admin:programs_program_invite", "admin:programs_program_invite_artisans"):
        page = client.get(reverse(name, args=[program.pk])).content.decode()
        assert 'name="language"' in page and '<option value="ar"' in page
