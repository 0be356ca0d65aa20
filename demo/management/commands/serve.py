"""Serve the site with a Celery worker and Celery beat: one command, one Ctrl-C stops all."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

from django.conf import settings
from django.core.management.base import BaseCommand

from demo import DEMO_LOGINS, DEMO_PASSWORD

WILDCARD_HOSTS = {"0.0.0.0", "::", "[::]"}  # noqa: S104 (recognised, not bound)


def served_at(host: str, port: str, environ) -> dict[str, str]:
    """The environment web, worker and beat share, so links in mail and .ics lead where we serve.

    SITE_URL set by hand (a proxy in front, https) wins; otherwise it is the address served on,
    with `localhost` for a wildcard host, and that host is allowed when ALLOWED_HOSTS is not set.
    """
    name = "localhost" if host in WILDCARD_HOSTS else host
    if ":" in name and not name.startswith("["):
        name = f"[{name}]"
    env = {"SITE_URL": environ.get("SITE_URL") or f"http://{name}:{port}"}
    if not environ.get("ALLOWED_HOSTS") and name not in {"localhost", "127.0.0.1", "[::1]"}:
        env["ALLOWED_HOSTS"] = f"localhost,127.0.0.1,[::1],{name}"
    return env


class Command(BaseCommand):
    help = "Run the web server, a Celery worker and Celery beat together (development)."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", default="8000")

    def handle(self, *args, host: str, port: str, **options):
        python = sys.executable
        beat_schedule = settings.BASE_DIR / ".data" / "celerybeat-schedule"
        beat_schedule.parent.mkdir(parents=True, exist_ok=True)
        commands = {
            "web": [python, "manage.py", "runserver", f"{host}:{port}", "--noreload"],
            "worker": [python, "-m", "celery", "-A", "config", "worker", "--loglevel", "INFO", "--concurrency", "2"],
            "beat": [python, "-m", "celery", "-A", "config", "beat", "--loglevel", "INFO", "--schedule", str(beat_schedule)],
        }
        env = {**os.environ, "PYTHONUNBUFFERED": "1", **served_at(host, port, os.environ)}
        processes = {
            name: subprocess.Popen(command, cwd=settings.BASE_DIR, env=env)
            for name, command in commands.items()
        }
        self._banner(env["SITE_URL"])

        stopping = False

        def stop(signum, frame):
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGTERM, stop)
        try:
            while not stopping:
                for name, process in processes.items():
                    if process.poll() is not None:
                        self.stderr.write(f"{name} exited with code {process.returncode}; stopping the others.")
                        stopping = True
                time.sleep(0.5)
        finally:
            for process in processes.values():
                if process.poll() is None:
                    # SIGTERM: the worker finishes its current tasks (warm shutdown).
                    process.send_signal(signal.SIGTERM)
            for process in processes.values():
                try:
                    process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    process.kill()
            self.stdout.write("Stopped web, worker and beat. `make stop` stops PostgreSQL and Redis.")

    def _banner(self, site_url: str) -> None:
        lines = [
            "",
            f"CraftMatch is running at {site_url}/",
            f"Admin: {site_url}/admin/",
            "Demo logins (password for all: " + DEMO_PASSWORD + "):",
            *[f"  {role:<8} {email}" for role, email in DEMO_LOGINS],
        ]
        if settings.EMAIL_BACKEND.endswith("EmlFileBackend"):
            lines.append(f"Outgoing mail is written as .eml files to {settings.EMAIL_FILE_PATH}/")
        lines.append("Press Ctrl-C to stop.")
        self.stdout.write("\n".join(lines) + "\n")
