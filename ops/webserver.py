"""gunicorn's logger: its error log and access log as the project's JSON lines (ops.logging).

Used by config/gunicorn.py. An access line carries the request id the application answered
with (X-Request-ID), so it joins the application's own log lines; its path is redacted like
every log line (no reset, confirmation, invitation or enrolment link in a log).
"""

from __future__ import annotations

import logging
import os

from django.apps import apps
from gunicorn import glogging

from ops.logging import JsonFormatter, RedactSecretsFilter, redact_secrets


class _RedactOnceLoaded(RedactSecretsFilter):
    # The master process never loads Django (the URLs the redaction reads); its lines hold no path.
    def filter(self, record: logging.LogRecord) -> bool:
        return super().filter(record) if apps.ready else True


class JsonLogger(glogging.Logger):
    def setup(self, cfg) -> None:
        super().setup(cfg)
        for log in (self.error_log, self.access_log):
            for handler in log.handlers:
                handler.setFormatter(JsonFormatter())
                handler.addFilter(_RedactOnceLoaded())

    def access(self, resp, req, environ, request_time) -> None:
        if not self.access_log_enabled:
            return
        headers = {name.lower(): value for name, value in (resp.headers or [])}
        path = environ.get("PATH_INFO", "")
        path = redact_secrets(path) if apps.ready else path
        status = resp.status.split(None, 1)[0] if isinstance(resp.status, str) else resp.status
        fields = {
            "method": environ.get("REQUEST_METHOD", ""),
            "path": path,
            "status": int(status),
            "bytes": getattr(resp, "sent", None) or int(headers.get("content-length") or 0),
            "duration_ms": round(request_time.total_seconds() * 1000, 1),
            "remote_addr": environ.get("REMOTE_ADDR", ""),
            "user_agent": environ.get("HTTP_USER_AGENT", ""),
            "request_id": headers.get("x-request-id", ""),
            "pid": os.getpid(),
        }
        try:
            self.access_log.log(
                logging.INFO, "%s %s %s", fields["method"], fields["path"], fields["status"], extra=fields
            )
        except Exception:  # noqa: BLE001 (a log line never fails a request)
            self.error_log.exception("Access log line failed")
