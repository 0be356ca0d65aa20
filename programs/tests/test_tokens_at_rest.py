"""Invitation tokens are encrypted in their columns and still found by the link (LookupEncryptedCharField)."""

from __future__ import annotations

import importlib

import pytest
from django.db import IntegrityError, connection, transaction
from django.urls import reverse

from programs.models import Application, BuyerInvitation
from programs.services import invitation_by_token
from programs.tests.factories import ProgramFactory

pytestmark = pytest.mark.django_db

migration = importlib.import_module("programs.migrations.0005_encrypt_tokens")


def _stored(table: str, pk: int) -> str:
    """The column as a database dump would show it."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT token FROM {table} WHERE id = %s", [pk])  # noqa: S608 (constant names)
        return cursor.fetchone()[0]


def test_an_invitation_token_is_not_stored_in_the_clear_and_the_link_still_works(client):
    invitation = BuyerInvitation.objects.create(program=ProgramFactory(), email="buyer@example.org")
    token = invitation.token

    assert token not in _stored("programs_buyerinvitation", invitation.pk)
    assert BuyerInvitation.objects.get(pk=invitation.pk).token == token
    assert invitation_by_token(token).pk == invitation.pk
    assert BuyerInvitation.objects.filter(token__in=[token, "other"]).count() == 1
    assert client.get(reverse("programs:join", args=[token])).status_code == 200
    assert client.get(reverse("programs:join", args=[token[:-1]])).status_code == 404


def test_tokens_stay_unique_and_a_ciphertext_means_nothing_in_another_column():
    program = ProgramFactory()
    first = BuyerInvitation.objects.create(program=program, email="a@example.org")
    with pytest.raises(IntegrityError), transaction.atomic():
        BuyerInvitation.objects.create(program=program, email="b@example.org", token=first.token)
    application = Application.objects.create(program=program, email="c@example.org", token=first.token)
    # The same token under another column is another ciphertext.
    assert _stored("programs_application", application.pk) != _stored("programs_buyerinvitation", first.pk)


def test_the_migration_encrypts_tokens_stored_in_the_clear_and_is_harmless_twice():
    invitation = BuyerInvitation.objects.create(program=ProgramFactory(), email="buyer@example.org")
    token = invitation.token
    with connection.cursor() as cursor:  # as the rows were before the field encrypted
        cursor.execute("UPDATE programs_buyerinvitation SET token = %s WHERE id = %s", [token, invitation.pk])

    with connection.schema_editor() as editor:
        migration.encrypt_existing(None, editor)
        once = _stored("programs_buyerinvitation", invitation.pk)
        migration.encrypt_existing(None, editor)

    assert _stored("programs_buyerinvitation", invitation.pk) == once
    assert token not in once
    assert invitation_by_token(token).pk == invitation.pk
