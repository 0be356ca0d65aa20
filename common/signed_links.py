"""Signed, expiring links: the one way a mailed link carries who or what it is for.

A token is `django.core.signing`'s (a compact JSON value, a timestamp and an HMAC keyed by
SECRET_KEY) with the link's purpose as its salt. The purpose being the salt is what refuses a token
of one purpose to another: a visitor's confirmation and an inquiry's both sign a bare id, and
without it the one would confirm the other. Each purpose is registered once, at import, so two
callers cannot pick the same one by accident; the purposes are the salts the callers used before
this module, so links already mailed keep working.

A token is stateless: until it expires, reading it twice gives the same value. A caller whose link
must act once (a confirmation, an answer) checks the state of its own row under a lock or with a
conditional UPDATE, as `inquiry_confirm`, `visitor_confirm` and `followup_answer` do.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core import signing

_PURPOSES: set[str] = set()


class Invalid(Exception):
    """Not a token of this purpose: tampered with, truncated, or made for another purpose."""


class Expired(Invalid):
    """A genuine token of this purpose, older than the reader accepts."""


def register(purpose: str) -> str:
    """Claim a purpose for one kind of link; returns it, to keep as the caller's constant."""
    if not purpose or purpose in _PURPOSES:
        raise ValueError(f"signed link purpose {purpose!r} is empty or already registered")
    _PURPOSES.add(purpose)
    return purpose


def _known(purpose: str) -> str:
    # A misspelt purpose would refuse every link without saying why: make it a programming error.
    if purpose not in _PURPOSES:
        raise ValueError(f"signed link purpose {purpose!r} is not registered")
    return purpose


def make(purpose: str, value: Any) -> str:
    """A URL-safe token holding `value` (anything JSON can hold) for this purpose, timestamped now."""
    return signing.dumps(value, salt=_known(purpose))


def read(purpose: str, token: str, *, max_age: int | timedelta) -> Any:
    """The value of a token made for this purpose at most `max_age` (seconds) ago.

    Raises Expired when it is genuine but older, Invalid for anything else.
    """
    try:
        return signing.loads(token, salt=_known(purpose), max_age=max_age)
    except signing.SignatureExpired:
        raise Expired(purpose)
    except signing.BadSignature:
        raise Invalid(purpose)
