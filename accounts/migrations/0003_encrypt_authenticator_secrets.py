"""Encrypt the second factor's data already stored in the clear (TOTP secrets, recovery seeds).

From now on accounts.adapters.MFAAdapter encrypts what allauth stores; this rewrites the rows
written before it. A value already encrypted is left alone, so running it again changes nothing.
"""

from django.db import migrations

from common.crypto import decrypt_text, encrypt_text, is_encrypted


def _rewrite(data: dict, change) -> dict:
    data = dict(data)
    for name in ("secret", "seed"):
        if isinstance(data.get(name), str):
            data[name] = change(data[name])
    if isinstance(data.get("migrated_codes"), list):
        data["migrated_codes"] = [change(code) for code in data["migrated_codes"]]
    return data


def _encrypt(value: str) -> str:
    return value if is_encrypted(value) else encrypt_text(value)


def _decrypt(value: str) -> str:
    return decrypt_text(value) if is_encrypted(value) else value


def encrypt_existing(apps, schema_editor):
    Authenticator = apps.get_model("mfa", "Authenticator")
    for authenticator in Authenticator.objects.select_for_update().iterator():
        data = _rewrite(authenticator.data, _encrypt)
        if data != authenticator.data:
            Authenticator.objects.filter(pk=authenticator.pk).update(data=data)


def decrypt_existing(apps, schema_editor):
    Authenticator = apps.get_model("mfa", "Authenticator")
    for authenticator in Authenticator.objects.select_for_update().iterator():
        data = _rewrite(authenticator.data, _decrypt)
        if data != authenticator.data:
            Authenticator.objects.filter(pk=authenticator.pk).update(data=data)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_staff_enrolment"),
        ("mfa", "0003_authenticator_type_uniq"),
    ]

    operations = [migrations.RunPython(encrypt_existing, decrypt_existing)]
