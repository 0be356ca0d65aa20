"""/metrics/: Prometheus text for staff or a token; counters summed over gunicorn's workers; the
backlog read at scrape time. Sentry: errors reach the DSN's server when one is set."""

from __future__ import annotations

import gzip
import os
import re
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import requests
from django.db import connection

from notifications.models import Email
from tests.cluster.processes import BASE_DIR, free_port, start, wait_for_web


def value(text: str, name: str, **labels: str) -> float:
    total, found = 0.0, False
    for line in text.splitlines():
        match = re.match(rf"^{name}(?:\{{(.*)\}})? (\S+)$", line)
        if not match:
            continue
        present = dict(re.findall(r'(\w+)="([^"]*)"', match.group(1) or ""))
        if all(present.get(k) == v for k, v in labels.items()):
            total, found = total + float(match.group(2)), True
    assert found, f"{name} {labels} not in the metrics"
    return total


@pytest.mark.django_db
def test_staff_read_the_backlog_and_request_counts(client, staff):
    Email.objects.create(
        key="m:1", to="a@example.org", subject="s", body_text="b", status=Email.Status.FAILED
    )
    Email.objects.create(key="m:2", to="a@example.org", subject="s", body_text="b")
    client.force_login(staff)
    client.get("/health/")
    text = client.get("/metrics/").content.decode()
    assert value(text, "craftmatch_outbox_emails", status="failed") == 1
    assert value(text, "craftmatch_outbox_emails", status="queued") == 1
    assert value(text, "craftmatch_outbox_failed_emails") == 1
    assert value(text, "craftmatch_outbox_oldest_unsent_seconds") >= 0
    assert value(text, "craftmatch_celery_queue_length") >= 0
    assert value(text, "craftmatch_http_requests_total", view="ops:health") >= 1
    assert value(text, "craftmatch_http_request_duration_seconds_count", view="ops:health") >= 1


@pytest.mark.django_db
def test_a_scraper_needs_the_token(client, settings):
    settings.METRICS_TOKEN = "s3cret-token"
    assert client.get("/metrics/").status_code == 403
    assert client.get("/metrics/", HTTP_AUTHORIZATION="Bearer wrong").status_code == 403
    answer = client.get("/metrics/", HTTP_AUTHORIZATION="Bearer s3cret-token")
    assert answer.status_code == 200 and answer["Content-Type"].startswith("text/plain")


@pytest.mark.django_db(transaction=True)
def test_counters_of_every_gunicorn_worker_are_summed(tmp_path):
    env = {
        "DATABASE_NAME": connection.settings_dict["NAME"],
        "WEB_CONCURRENCY": "2",
        "METRICS_TOKEN": "tok-123",
    }
    web = start("web", env, tmp_path, port=free_port())
    try:
        wait_for_web(web)
        for _ in range(30):
            requests.get(web.url + "/health/", timeout=10)
        # Each scrape is answered by one worker; both count.
        texts = [
            requests.get(web.url + "/metrics/", headers={"Authorization": "Bearer tok-123"}, timeout=10).text
            for _ in range(4)
        ]
    finally:
        web.stop()
    # Whichever worker answers, the count is every worker's: 30 checks and the startup probes.
    assert all(value(text, "craftmatch_http_requests_total", view="ops:health") >= 30 for text in texts)


class Sink(BaseHTTPRequestHandler):
    envelopes: list[bytes] = []

    def do_POST(self):  # noqa: N802
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        if self.headers.get("Content-Encoding") == "gzip":
            body = gzip.decompress(body)
        type(self).envelopes.append(body)
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        """Silent: http.server would print every request the test makes to stderr."""


def test_errors_go_to_sentry_when_a_dsn_is_set():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Sink)
    Sink.envelopes = []
    threading.Thread(target=server.serve_forever, daemon=True).start()
    code = (
        "import django, sentry_sdk; django.setup()\n"
        "try:\n    1 / 0\nexcept ZeroDivisionError as error:\n    sentry_sdk.capture_exception(error)\n"
        "sentry_sdk.flush(5)\n"
    )
    try:
        result = subprocess.run(
            [sys.executable, "-c", code],
            cwd=BASE_DIR,
            env={
                **os.environ,
                "DJANGO_SETTINGS_MODULE": "config.settings",
                "SENTRY_DSN": f"http://publickey@127.0.0.1:{server.server_port}/42",
            },
            capture_output=True,
            text=True,
            timeout=60,
        )
    finally:
        server.shutdown()
    assert result.returncode == 0, result.stderr
    assert any(b"ZeroDivisionError" in envelope for envelope in Sink.envelopes)
