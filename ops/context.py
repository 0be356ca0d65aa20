"""The request id of the work in progress: an HTTP request, or a task that request queued."""

from __future__ import annotations

import re
import uuid
from contextvars import ContextVar

request_id: ContextVar[str] = ContextVar("request_id", default="")

# Ids from a proxy or a client are kept when they look like ids, never echoed otherwise.
_SANE = re.compile(r"^[A-Za-z0-9._:-]{8,64}$")


def clean_request_id(value: str | None) -> str:
    if value and _SANE.match(value):
        return value
    return uuid.uuid4().hex
