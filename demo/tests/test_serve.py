"""`make run HOST=… PORT=…` (manage.py serve): links in mail and .ics lead to the address served on."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from demo.management.commands import serve


class _Exited:
    returncode = 0

    def poll(self):
        return 0

    def wait(self, timeout=None):
        return 0


def _run(monkeypatch, environ: dict[str, str], *args: str) -> list[dict]:
    started: list[dict] = []

    def popen(command, cwd=None, env=None):
        started.append(env)
        return _Exited()

    for name in ("SITE_URL", "ALLOWED_HOSTS"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr(serve.subprocess, "Popen", popen)
    monkeypatch.setattr(serve.signal, "signal", lambda signum, handler: None)
    call_command("serve", *args, stdout=io.StringIO(), stderr=io.StringIO())
    return started


def test_web_worker_and_beat_get_the_served_address(monkeypatch):
    started = _run(monkeypatch, {}, "--host", "127.0.0.1", "--port", "8123")
    assert len(started) == 3
    assert {env["SITE_URL"] for env in started} == {"http://127.0.0.1:8123"}


def test_a_wildcard_host_links_to_localhost_and_another_host_is_allowed(monkeypatch):
    assert serve.served_at("0.0.0.0", "9000", {})  # noqa: S104 == {"SITE_URL": "http://localhost:9000"}
    assert serve.served_at("192.168.1.20", "80", {}) == {
        "SITE_URL": "http://192.168.1.20:80", "ALLOWED_HOSTS": "localhost,127.0.0.1,[::1],192.168.1.20",
    }


@pytest.mark.parametrize("given", ["https://craft.example.org"])
def test_a_site_url_set_by_hand_wins(monkeypatch, given):
    started = _run(monkeypatch, {"SITE_URL": given}, "--port", "8123")
    assert {env["SITE_URL"] for env in started} == {given}
