"""Rewrite every encrypted secret with the first of ENCRYPTION_KEYS: the last step of a key change.

Outbox bodies, second-factor data, and the invitation and application tokens (which until then
are found only with the old key: a link sent before the change opens again once this ran).

Put the new key first (`ENCRYPTION_KEYS=new,old`), run `manage.py reencrypt_secrets`, then drop
the old key. Running it twice is harmless: a value already under the first key is rewritten
under it again.
"""

from __future__ import annotations

from allauth.mfa.models import Authenticator
from django.db import connection, transaction

from common.crypto import LOOKUP_PREFIX, decrypt_lookup, encrypt_lookup, reencrypt_text
from notifications.models import Email

CHUNK = 500
# Where allauth keeps encrypted values in an authenticator's data (accounts.adapters.MFAAdapter).
AUTHENTICATOR_SECRETS = ("secret", "seed")
AUTHENTICATOR_SECRET_LISTS = ("migrated_codes",)
# Token columns found by their value (common.fields.LookupEncryptedCharField): table -> field label.
LOOKUP_COLUMNS = {
    "programs_application": "programs.application.token",
    "programs_buyerinvitation": "programs.buyerinvitation.token",
}


def _authenticator_data(data: dict) -> dict:
    data = dict(data)
    for name in AUTHENTICATOR_SECRETS:
        if isinstance(data.get(name), str):
            data[name] = reencrypt_text(data[name])
    for name in AUTHENTICATOR_SECRET_LISTS:
        if isinstance(data.get(name), list):
            data[name] = [reencrypt_text(value) for value in data[name]]
    return data


def _email_columns(value: str) -> str:
    return reencrypt_text(value) if value else value


def secrets_reencrypt() -> dict[str, int]:
    """Returns how many rows were rewritten, per kind. One transaction per chunk of rows."""
    done = {"emails": 0, "authenticators": 0, "tokens": 0}
    last = 0
    while True:
        with transaction.atomic():
            # The raw columns: the field would decrypt them, and the ciphertext is what is rotated.
            rows = list(
                Email.objects.select_for_update().filter(pk__gt=last).order_by("pk")
                .values_list("pk", flat=True)[:CHUNK]
            )
            if not rows:
                break
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT id, body_text, body_html FROM notifications_email WHERE id = ANY(%s)", [rows]
                )
                for pk, text, html in cursor.fetchall():
                    cursor.execute(
                        "UPDATE notifications_email SET body_text = %s, body_html = %s WHERE id = %s",
                        [_email_columns(text), _email_columns(html), pk],
                    )
            done["emails"] += len(rows)
            last = rows[-1]
    for table, column in LOOKUP_COLUMNS.items():
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"SELECT id, token FROM {table} ORDER BY id FOR UPDATE")  # noqa: S608 (constant names)
            for pk, token in cursor.fetchall():
                if token.startswith(LOOKUP_PREFIX):
                    token = encrypt_lookup(decrypt_lookup(token, column=column), column=column)
                    cursor.execute(f"UPDATE {table} SET token = %s WHERE id = %s", [token, pk])  # noqa: S608
                    done["tokens"] += 1
    with transaction.atomic():
        for authenticator in Authenticator.objects.select_for_update().order_by("pk").iterator(chunk_size=CHUNK):
            Authenticator.objects.filter(pk=authenticator.pk).update(data=_authenticator_data(authenticator.data))
            done["authenticators"] += 1
    return done
