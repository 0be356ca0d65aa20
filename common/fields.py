"""Model fields shared by the apps."""

from __future__ import annotations

from django.db import models

from common.crypto import LOOKUP_PREFIX, decrypt_lookup, decrypt_text, encrypt_lookup, encrypt_text


class EncryptedTextField(models.TextField):
    """Text stored encrypted (common.crypto) and read back in the clear; "" stays "".

    The column holds ciphertext, so it cannot be searched, filtered or ordered on: keep it for
    what only the code that uses it reads (an outbox body), never for what staff look things up by.
    """

    def from_db_value(self, value, expression, connection):
        if value is None or value == "":
            return value
        return decrypt_text(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return encrypt_text(value)


class LookupEncryptedCharField(models.CharField):
    """A random token stored encrypted, still unique and found by `filter(field=token)`.

    Read back in the clear, so code and templates use it as before; the column holds
    `common.crypto.encrypt_lookup` of it, bound to this model and field. Only exact and `in`
    lookups work. After a key change rows are found again once `manage.py reencrypt_secrets` ran.
    """

    @property
    def column_label(self) -> str:
        return f"{self.model._meta.label_lower}.{self.name}"

    def from_db_value(self, value, expression, connection):
        if not value or not value.startswith(LOOKUP_PREFIX):
            return value
        return decrypt_lookup(value, column=self.column_label)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if not value:
            return value
        return encrypt_lookup(value, column=self.column_label)
