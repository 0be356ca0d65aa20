"""Serve the site with a Celery worker and Celery beat: one command, one Ctrl-C stops all."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

from django.conf import settings
from django.core.management.base import BaseCommand


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
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        processes = {
            name: subprocess.Popen(command, cwd=settings.BASE_DIR, env=env)
            for name, command in commands.items()
        }
        self._banner(host, port)

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

    def _banner(self, host: str, port: str) -> None:
        from catalog.demo import DEMO_LOGINS, DEMO_PASSWORD

        lines = [
            "",
            f"CraftMatch is running at http://{host}:{port}/",
            f"Admin: http://{host}:{port}/admin/",
            "Demo logins (password for all: " + DEMO_PASSWORD + "):",
            *[f"  {role:<8} {email}" for role, email in DEMO_LOGINS],
        ]
        if settings.EMAIL_BACKEND.endswith("EmlFileBackend"):
            lines.append(f"Outgoing mail is written as .eml files to {settings.EMAIL_FILE_PATH}/")
        lines.append("Press Ctrl-C to stop.")
        self.stdout.write("\n".join(lines) + "\n")
