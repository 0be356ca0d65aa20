"""The Procfile's `web`: gunicorn with config/gunicorn.py, the catalog index built as each worker
starts, JSON access lines with the request id, static files by WhiteNoise (hashed, gzip, a year)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
import requests
from django.db import connection

from catalog.tests.factories import ProductFactory
from ops.health import heartbeat_write
from tests.cluster.processes import BASE_DIR, free_port, start, wait_for_web, wait_until

pytestmark = pytest.mark.django_db(transaction=True)

PRODUCTION = {"DEBUG": "0", "SECRET_KEY": "kq8#v2!x" * 8, "ALLOWED_HOSTS": "craftmatch.example,127.0.0.1"}


def json_lines(text: str) -> list[dict]:
    lines = []
    for line in text.splitlines():
        if line.startswith("{"):
            lines.append(json.loads(line))
    return lines


def test_each_worker_builds_the_catalog_index_before_its_first_request_and_logs_json(tmp_path):
    ProductFactory.create_batch(3)
    env = {"DATABASE_NAME": connection.settings_dict["NAME"], "LOG_FORMAT": "json", "WEB_CONCURRENCY": "2"}
    web = start("web", env, tmp_path, port=free_port())
    try:
        wait_for_web(web)
        wait_until(lambda: web.log().count("Warm-up: catalog index") >= 2, 30, "both workers to warm up")
        answer = requests.get(web.url + "/health/", headers={"X-Request-ID": "probe-0123456789"}, timeout=10)
        requests.get(web.url + "/accounts/password/reset/key/1-set-password-secret/", timeout=10)
        wait_until(
            lambda: "set-password" not in web.log() and web.log().count('"gunicorn.access"') >= 3,
            10,
            "the access lines",
        )
    finally:
        web.stop()
    lines = json_lines(web.log())
    warm = [line for line in lines if line["logger"] == "ops.warmup" and "products" in line]
    assert len(warm) == 2, web.log()
    # Then each worker froze what it started with, so full collections do not walk it.
    frozen = [line for line in lines if line["logger"] == "ops.warmup" and "frozen" in line]
    assert {line["pid"] for line in frozen} == {line["pid"] for line in warm}
    assert all(line["frozen"] > 10_000 for line in frozen), frozen
    assert {line["products"] for line in warm} == {3}
    access = [line for line in lines if line["logger"] == "gunicorn.access"]
    # Each worker built its index before it answered anything.
    for line in access:
        assert lines.index(next(w for w in warm if w["pid"] == line["pid"])) < lines.index(line)
    probe = next(line for line in access if line["request_id"] == "probe-0123456789")
    assert probe["path"] == "/health/" and probe["method"] == "GET" and probe["status"] == answer.status_code
    assert answer.headers["X-Request-ID"] == "probe-0123456789"
    assert isinstance(probe["duration_ms"], float)
    reset = [line for line in access if line["path"].startswith("/accounts/password/reset/key/")]
    assert reset and all(line["path"] == "/accounts/password/reset/key/[redacted]/" for line in reset)
    assert "set-password-secret" not in web.log()


def test_production_serves_hashed_compressed_static_files_cached_for_a_year(tmp_path):
    """DEBUG off, HTTPS redirect on, behind a proxy that says https; the image's health check
    command (python -m ops.healthcheck) speaks plain HTTP and is not redirected."""
    static_root = tmp_path / "static"
    env = {**os.environ, **PRODUCTION, "STATIC_ROOT": str(static_root)}
    collected = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert collected.returncode == 0, collected.stderr
    manifest = json.loads((static_root / "staticfiles.json").read_text())["paths"]
    hashed = manifest["css/app.css"]
    assert hashed != "css/app.css" and (static_root / (hashed + ".gz")).exists()

    heartbeat_write()  # a worker's, as /health/ wants one
    port = free_port()
    web_env = {
        **PRODUCTION,
        "STATIC_ROOT": str(static_root),
        "WEB_CONCURRENCY": "1",
        "DATABASE_NAME": connection.settings_dict["NAME"],
        "SECURE_PROXY_SSL_HEADER": "X-Forwarded-Proto",
    }
    web = start("web", web_env, tmp_path, port=port)
    proxy = {"Host": "craftmatch.example", "X-Forwarded-Proto": "https"}
    try:
        wait_for_web(web)
        answer = requests.get(
            f"{web.url}/static/{hashed}", headers={**proxy, "Accept-Encoding": "gzip"}, timeout=10
        )
        plain = requests.get(f"{web.url}/static/css/app.css", headers=proxy, timeout=10)
        page = requests.get(f"{web.url}/accounts/login/", headers=proxy, timeout=10)
        insecure = requests.get(
            f"{web.url}/accounts/login/",
            headers={"Host": "craftmatch.example"},
            timeout=10,
            allow_redirects=False,
        )
        check = subprocess.run(
            [sys.executable, "-m", "ops.healthcheck"],
            cwd=BASE_DIR,
            env={**os.environ, **web_env, "PORT": str(port)},
            capture_output=True,
            text=True,
            timeout=30,
        )
    finally:
        web.stop()
    assert answer.status_code == 200
    assert answer.headers["Content-Encoding"] == "gzip"
    cache_control = answer.headers["Cache-Control"]
    assert "max-age=315360000" in cache_control and "immutable" in cache_control
    assert answer.text == (static_root / hashed).read_text()  # requests undid the gzip
    # The unhashed name still answers, briefly cached; pages link the hashed one.
    assert plain.status_code == 200 and "immutable" not in plain.headers["Cache-Control"]
    assert page.status_code == 200 and f"/static/{hashed}" in page.text
    assert insecure.status_code == 301 and insecure.headers["Location"].startswith("https://")
    assert check.returncode == 0, check.stderr + web.log()[-2000:]
