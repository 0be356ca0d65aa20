"""Model fields shared by the apps."""

from __future__ import annotations

from django.db import models

from common.crypto import decrypt_text, encrypt_text


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
