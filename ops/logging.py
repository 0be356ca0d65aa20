"""Log records carry the request id, and no secret link; LOG_FORMAT=json writes one JSON object per line."""

from __future__ import annotations

import functools
import json
import logging
import re
from datetime import UTC, datetime

from ops.context import request_id

# Attributes every LogRecord has; anything else was passed with `extra=` and is kept.
_STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime", "request_id"}


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id.get() or "-"
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        # The filter writes "-" for the plain format; JSON says null.
        rid = getattr(record, "request_id", "")
        rid = (rid if rid != "-" else "") or request_id.get() or None
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": rid,
        }
        for key, value in vars(record).items():
            if key not in _STANDARD and not key.startswith("_"):
                # A repr (the request Django's loggers attach) shows the path: redacted too.
                entry[key] = value if isinstance(value, str | int | float | bool | None) else redact_secrets(repr(value))
        if record.exc_text or record.exc_info:
            entry["exception"] = record.exc_text or self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


# The pages whose address carries a secret: a password reset, an email confirmation, a program
# invitation, a staff enrolment link. A log line with one of these paths (Django's "Forbidden:",
# "Not Found:" warnings, a traceback) would hand the link to whoever reads the logs.
SECRET_URLS = (
    ("account_reset_password_from_key", ("uidb36", "key")),
    ("account_confirm_email", ("key",)),
    ("programs:join", ("token",)),
    ("accounts:staff-enrol-link", ("token",)),
)
_PLACEHOLDER = "Zz9"
REDACTED = "[redacted]"


def _secret_paths() -> re.Pattern[str]:
    from django.conf import settings
    from django.urls import get_urlconf

    # Per URL configuration: a test (or a request) with another one must not fix the pattern.
    return _secret_paths_for(get_urlconf() or settings.ROOT_URLCONF)


@functools.cache
def _secret_paths_for(urlconf) -> re.Pattern[str]:
    from django.urls import NoReverseMatch, reverse

    prefixes = []
    for name, arguments in SECRET_URLS:
        try:
            url = reverse(name, urlconf=urlconf, kwargs=dict.fromkeys(arguments, _PLACEHOLDER))
        except NoReverseMatch:
            continue
        prefixes.append(re.escape(url[: url.index(_PLACEHOLDER)]))
    if not prefixes:
        # No secret page in this configuration: an empty alternation would match every word.
        return re.compile(r"()(?!)")
    return re.compile(rf"({'|'.join(prefixes)})[^/\s?#\"'<>]+")


def redact_secrets(text: str) -> str:
    """The text with the secret part of every secret-bearing path replaced by [redacted]."""
    return _secret_paths().sub(rf"\1{REDACTED}", text)


class RedactSecretsFilter(logging.Filter):
    """Applied to every handler: the message, string extras and any traceback are redacted."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = redact_secrets(message)
        if redacted != message:
            record.msg, record.args = redacted, None
        for key, value in list(vars(record).items()):
            if key not in _STANDARD and isinstance(value, str):
                setattr(record, key, redact_secrets(value))
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact_secrets(record.exc_text)
        return True
