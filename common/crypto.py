"""Secrets kept in the database are encrypted with keys from settings, never stored in the clear.

Used for what would let someone act as another person if read from a database dump or an admin
page: outbox bodies (reset, confirmation, invitation and enrolment links) and the second factor's
data (TOTP secrets, the recovery-code seed), through `accounts.adapters.MFAAdapter`.

`ENCRYPTION_KEYS` (settings, from the environment) lists keys: the first encrypts, every one
decrypts, so a key is rotated by putting the new one first, running `manage.py reencrypt_secrets`
(ops.encryption), then dropping the old one. A key is any long random string; without the setting a key is derived from
SECRET_KEY, so changing SECRET_KEY then makes the stored secrets unreadable (SECURITY.md).
"""

from __future__ import annotations

import base64
import hashlib
import threading

from cryptography.exceptions import InvalidTag
from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives.ciphers.aead import AESSIV
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

# Fernet tokens are URL-safe base64 of a version byte 0x80 and a timestamp: they start so.
CIPHERTEXT_PREFIX = "gAAAAA"

_lock = threading.Lock()
_cached: tuple[tuple[str, ...], MultiFernet] | None = None


class DecryptionError(Exception):
    """The value was not encrypted with any of ENCRYPTION_KEYS (a wrong or rotated-out key)."""


def encryption_keys() -> tuple[str, ...]:
    keys = tuple(key for key in settings.ENCRYPTION_KEYS if key)
    if keys:
        return keys
    if not settings.SECRET_KEY:
        raise ImproperlyConfigured("ENCRYPTION_KEYS or SECRET_KEY must be set to store secrets.")
    return (f"derived-from-secret-key:{settings.SECRET_KEY}",)


def _fernet_key(key: str) -> bytes:
    # A domain prefix: the derived key is never the one Django signs cookies and links with.
    return base64.urlsafe_b64encode(hashlib.sha256(b"craftmatch-encryption-key\0" + key.encode()).digest())


def _fernet() -> MultiFernet:
    global _cached
    keys = encryption_keys()
    with _lock:
        if _cached is None or _cached[0] != keys:
            _cached = (keys, MultiFernet([Fernet(_fernet_key(key)) for key in keys]))
        return _cached[1]


def encrypt_text(text: str) -> str:
    return _fernet().encrypt(text.encode()).decode("ascii")


def decrypt_text(token: str) -> str:
    try:
        return _fernet().decrypt(token.encode("ascii")).decode()
    except (InvalidToken, UnicodeEncodeError) as error:
        raise DecryptionError("A stored secret cannot be decrypted with ENCRYPTION_KEYS.") from error


def reencrypt_text(token: str) -> str:
    """The same secret encrypted with the first key (after a new key was put first)."""
    try:
        return _fernet().rotate(token.encode("ascii")).decode("ascii")
    except (InvalidToken, UnicodeEncodeError) as error:
        raise DecryptionError("A stored secret cannot be decrypted with ENCRYPTION_KEYS.") from error


# Lookup encryption: the same text always gives the same ciphertext (AES-SIV), so a column can be
# unique and found by `filter(token=...)`, and the ciphertext of one column is refused in another
# (the column's name is authenticated with it). For random tokens only: equal values look equal.
LOOKUP_PREFIX = "s1:"


def _siv_key(key: str) -> bytes:
    return hashlib.sha512(b"craftmatch-lookup-key\0" + key.encode()).digest()


def encrypt_lookup(text: str, *, column: str) -> str:
    sealed = AESSIV(_siv_key(encryption_keys()[0])).encrypt(text.encode(), [column.encode()])
    return LOOKUP_PREFIX + base64.urlsafe_b64encode(sealed).decode("ascii").rstrip("=")


def decrypt_lookup(value: str, *, column: str) -> str:
    if not value.startswith(LOOKUP_PREFIX):
        raise DecryptionError("Not a lookup-encrypted value.")
    data = value[len(LOOKUP_PREFIX):]
    try:
        sealed = base64.urlsafe_b64decode(data + "=" * (-len(data) % 4))
    except ValueError as error:
        raise DecryptionError("Not a lookup-encrypted value.") from error
    for key in encryption_keys():
        try:
            return AESSIV(_siv_key(key)).decrypt(sealed, [column.encode()]).decode()
        except InvalidTag:
            continue
    raise DecryptionError("A stored secret cannot be decrypted with ENCRYPTION_KEYS.")


def is_encrypted(value: str) -> bool:
    """Whether a stored value looks like our ciphertext (the data migrations skip those)."""
    return value.startswith(CIPHERTEXT_PREFIX)
