"""Mail through an SMTP relay (EMAIL_URL) or an email API (EMAIL_BACKEND, django-anymail): the
outbox sends through whichever is set; here Postmark's API, played by a server on loopback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from notifications import services
from notifications.models import Email
from tests.cluster.processes import BASE_DIR


def _settings(**env: str) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("EMAIL_", "ANYMAIL_"))}
    code = "import json, django; django.setup(); from django.conf import settings as s; print(json.dumps([s.EMAIL_BACKEND, s.ANYMAIL]))"
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=BASE_DIR,
        env={**environment, "DJANGO_SETTINGS_MODULE": "config.settings", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_the_backend_and_its_settings_come_from_the_environment():
    result = _settings(
        EMAIL_BACKEND="anymail.backends.postmark.EmailBackend", ANYMAIL_POSTMARK_SERVER_TOKEN="tok"
    )
    assert json.loads(result.stdout) == [
        "anymail.backends.postmark.EmailBackend",
        {"POSTMARK_SERVER_TOKEN": "tok"},
    ]
    smtp = _settings(EMAIL_URL="smtp+tls://user:pw@relay.example:587")
    assert json.loads(smtp.stdout)[0] == "django.core.mail.backends.smtp.EmailBackend"
    both = _settings(EMAIL_URL="smtp://relay.example", EMAIL_BACKEND="anymail.backends.postmark.EmailBackend")
    assert both.returncode != 0 and "not both" in both.stderr


class FakePostmark(BaseHTTPRequestHandler):
    received: list[dict] = []
    status = 200

    def do_POST(self):  # noqa: N802 (http.server's name)
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        answer = {"ErrorCode": 0, "Message": "OK", "MessageID": "b7bc2f4a", "To": body["To"]}
        if self.status == 200:
            type(self).received.append(
                {"path": self.path, "token": self.headers["X-Postmark-Server-Token"], **body}
            )
        else:
            answer = {"ErrorCode": 1000, "Message": "Try later"}
        payload = json.dumps(answer).encode()
        self.send_response(self.status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args):
        """Silent: http.server would print every request the test makes to stderr."""


@pytest.fixture
def postmark(settings):
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakePostmark)
    FakePostmark.received, FakePostmark.status = [], 200
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.EMAIL_BACKEND = "anymail.backends.postmark.EmailBackend"
    settings.ANYMAIL = {
        "POSTMARK_SERVER_TOKEN": "server-token",
        "POSTMARK_API_URL": f"http://127.0.0.1:{server.server_port}/",
    }
    yield FakePostmark
    server.shutdown()


@pytest.mark.django_db
def test_the_outbox_sends_through_an_email_api(postmark, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        email = services.email_enqueue(
            key="api-test:1", to="buyer@shops.example", subject="Hello", text="Body"
        )
    email.refresh_from_db()
    assert email.status == Email.Status.SENT
    [sent] = postmark.received
    assert sent["path"] == "/email" and sent["token"] == "server-token"
    assert sent["To"] == "buyer@shops.example" and sent["Subject"] == "Hello" and sent["TextBody"] == "Body"
    assert {"Name": "X-CraftMatch-Key", "Value": "api-test:1"} in sent["Headers"]


@pytest.mark.django_db
def test_an_api_that_fails_leaves_the_email_waiting_for_a_retry(postmark):
    postmark.status = 503
    email = services.email_enqueue(key="api-test:2", to="buyer@shops.example", subject="Hello", text="Body")
    with pytest.raises(services.TRANSIENT_ERRORS):
        services.email_send(email_id=email.pk)
    email.refresh_from_db()
    assert email.status == Email.Status.WAITING and "503" in email.last_error
