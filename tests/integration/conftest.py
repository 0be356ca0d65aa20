"""Real processes for integration tests: an SMTP sink on loopback and a Celery worker over Redis."""

from __future__ import annotations

import contextlib
import email
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from django.conf import settings
from django.db import connection

BASE_DIR = Path(settings.BASE_DIR)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class SmtpSink:
    """Counts what a real SMTP server on loopback receives."""

    def __init__(self) -> None:
        self.messages: list[email.message.Message] = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's hook name)
        with self.lock:
            self.messages.append(email.message_from_bytes(envelope.content))
        return "250 OK"

    def wait_for(self, count: int, timeout: float = 30) -> list[email.message.Message]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.lock:
                if len(self.messages) >= count:
                    return list(self.messages)
            time.sleep(0.05)
        raise AssertionError(f"expected {count} messages, received {len(self.messages)}")


@pytest.fixture
def smtp_sink():
    sink = SmtpSink()
    port = free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    sink.url = f"smtp://127.0.0.1:{port}"
    yield sink
    controller.stop()


def stop_process_group(process: subprocess.Popen, sig: int = signal.SIGTERM, timeout: float = 15) -> None:
    """Signal a process started in its own session, and whatever it started (an embedded beat)."""
    # Also after the leader exited: a child it started may still be running.
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, sig)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=5)


@pytest.fixture
def celery_worker_process(transactional_db, settings) -> Callable[..., subprocess.Popen]:
    """Start a real Celery worker (solo pool) on the test database and a private queue.

    The queue name is unique per test so concurrent test runs sharing a Redis never take each
    other's tasks. Returns a function `start(env={...}, args=[...])`; workers are stopped after
    the test. Each worker runs in its own session (so a test can kill it with whatever it
    started) and logs to a file, `process.log_path`: a pipe nobody reads would fill up and stall
    a busy worker.
    """
    from config.celery import app

    queue = f"test-{uuid.uuid4().hex[:10]}"
    app.conf.task_always_eager = False
    settings.CELERY_TASK_ALWAYS_EAGER = False
    previous_queue = app.conf.task_default_queue
    app.conf.task_default_queue = queue
    processes: list[subprocess.Popen] = []

    log_dir = Path(tempfile.mkdtemp(prefix="cm-worker-"))

    def start(env: dict[str, str] | None = None, args: list[str] | None = None) -> subprocess.Popen:
        environment = {
            **os.environ,
            "DATABASE_NAME": connection.settings_dict["NAME"],
            "CELERY_TASK_DEFAULT_QUEUE": queue,
            "PYTHONUNBUFFERED": "1",
            **(env or {}),
        }
        log_path = log_dir / f"worker-{len(processes)}.log"
        with open(log_path, "w") as log:
            process = subprocess.Popen(
                [
                    sys.executable, "-m", "celery", "-A", "config", "worker",
                    "--pool", "solo", "--queues", queue, "--loglevel", "INFO",
                    "--without-gossip", "--without-mingle", "--without-heartbeat",
                    *(args or []),
                ],
                cwd=BASE_DIR,
                env=environment,
                stdout=log,
                stderr=subprocess.STDOUT,
                text=True,
                start_new_session=True,
            )
        process.log_path = log_path
        process.queue = queue
        processes.append(process)
        return process

    yield start

    for process in processes:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
    for process in processes:
        stop_process_group(process)
    app.conf.task_default_queue = previous_queue
    # Leave nothing behind in the shared broker.
    with app.connection_for_write() as conn:
        conn.default_channel.queue_delete(queue)
