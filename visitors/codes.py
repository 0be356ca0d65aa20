"""Pass codes: a random part and a short HMAC of it, written so a person can type it.

`ABCD-EFGH-JKLM-NPQR-STUV`: twelve random characters (60 bits), then eight of an HMAC (40 bits)
keyed by SECRET_KEY. The QR code holds exactly this text, so a pass carries no personal data and
means nothing without the database. A code whose check does not match (a typo, a forged or edited
code) is refused without a lookup; a matching one is then found by its random part.
"""

from __future__ import annotations

import base64
import secrets

from django.utils.crypto import constant_time_compare, salted_hmac

# Crockford's alphabet: no I, L, O or U, which people misread.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
RANDOM_LENGTH = 12
CHECK_LENGTH = 8
SALT = "visitors.pass-code"
_STANDARD = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
_TO_CROCKFORD = str.maketrans(_STANDARD, ALPHABET)
# What people type for what they meant.
_READ_AS = str.maketrans({"O": "0", "I": "1", "L": "1", "U": "V"})


def _check(random_part: str) -> str:
    digest = salted_hmac(SALT, random_part, algorithm="sha256").digest()
    return base64.b32encode(digest).decode("ascii").translate(_TO_CROCKFORD)[:CHECK_LENGTH]


def new_random_part() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(RANDOM_LENGTH))


def sign(random_part: str) -> str:
    """The full code of a pass, grouped by four for reading aloud and typing."""
    whole = random_part + _check(random_part)
    return "-".join(whole[i : i + 4] for i in range(0, len(whole), 4))


def normalise(text: str) -> str:
    """A typed or scanned code as compared: upper case, without spaces or dashes, misreadings mapped."""
    return "".join(ch for ch in (text or "").upper() if ch.isalnum()).translate(_READ_AS)


def verify(text: str) -> str | None:
    """The random part of a genuine code, or None when its check does not match."""
    code = normalise(text)
    if len(code) != RANDOM_LENGTH + CHECK_LENGTH or any(ch not in ALPHABET for ch in code):
        return None
    random_part, check = code[:RANDOM_LENGTH], code[RANDOM_LENGTH:]
    if not constant_time_compare(check, _check(random_part)):
        return None
    return random_part
