"""The processes of a deployment, started from the Procfile: the tests run the commands it names.

`Procfile` is the one list of process commands; compose.yaml and the systemd units run the same
ones (tests/cluster/test_packaging.py compares them). A test starts `web`, `worker` or `beat`
with this virtualenv's Python (`python -m gunicorn ...`), in its own session so that it can be
signalled with everything it started, logging to a file.
"""

from __future__ import annotations

import contextlib
import os
import shlex
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]
PROCFILE = BASE_DIR / "Procfile"


def procfile() -> dict[str, list[str]]:
    commands = {}
    for line in PROCFILE.read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            name, command = line.split(":", 1)
            commands[name.strip()] = shlex.split(command)
    return commands


def argv(name: str, *extra: str) -> list[str]:
    """The Procfile's command for `name`, run by this interpreter."""
    program, *args = procfile()[name]
    if program == "python":
        return [sys.executable, *args, *extra]
    return [sys.executable, "-m", program, *args, *extra]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Process:
    def __init__(self, name: str, popen: subprocess.Popen, log_path: Path, url: str = "") -> None:
        self.name, self.popen, self.log_path, self.url = name, popen, log_path, url

    @property
    def pid(self) -> int:
        return self.popen.pid

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def alive(self) -> bool:
        return self.popen.poll() is None

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 20) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.popen.pid, sig)
        try:
            self.popen.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.popen.pid, signal.SIGKILL)
            self.popen.wait(timeout=5)

    def kill(self) -> None:
        self.stop(signal.SIGKILL, timeout=10)


def start(name: str, env: dict[str, str], log_dir: Path, *extra: str, port: int | None = None) -> Process:
    environment = {**os.environ, "PYTHONUNBUFFERED": "1", **env}
    url = ""
    if port is not None:
        environment["GUNICORN_BIND"] = f"127.0.0.1:{port}"
        url = f"http://127.0.0.1:{port}"
    log_path = log_dir / f"{name}-{port or len(list(log_dir.glob(name + '-*')))}.log"
    with open(log_path, "w") as log:
        popen = subprocess.Popen(
            argv(name, *extra),
            cwd=BASE_DIR,
            env=environment,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    return Process(name, popen, log_path, url)


def wait_until(condition: Callable[[], object], timeout: float, what: str, interval: float = 0.1) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


def wait_for_web(process: Process, timeout: float = 60) -> None:
    import requests

    def answers() -> bool:
        if not process.alive():
            raise AssertionError(f"{process.name} exited:\n{process.log()[-3000:]}")
        try:
            requests.get(process.url + "/health/", timeout=2)
        except (requests.ConnectionError, requests.Timeout):
            return False
        return True

    wait_until(answers, timeout, f"{process.url} to answer", interval=0.2)
