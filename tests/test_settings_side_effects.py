"""Importing the settings starts nothing; the deployment and migrations checks need no server."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parent.parent
SERVER_VARIABLES = {
    "DATABASE_URL", "REDIS_URL", "CACHE_REDIS_URL", "DATABASE_NAME", "DJANGO_SETTINGS_MODULE",
    "DJANGO_ALLOW_ASYNC_UNSAFE", "DEBUG", "SECRET_KEY", "ALLOWED_HOSTS",
}


def _without_servers(data_dir: Path, **extra: str) -> dict[str, str]:
    # The embedded servers' home is an empty directory: anything started would leave its files there.
    environment = {key: value for key, value in os.environ.items() if key not in SERVER_VARIABLES}
    environment.update(CRAFTMATCH_DATA_DIR=str(data_dir), **extra)
    return environment


def _started_anything(data_dir: Path) -> list[str]:
    return [
        str(path.relative_to(data_dir))
        for pattern in ("pg/postmaster.pid", "pg/PG_VERSION", "redis/redis.pid", "redis/*.aof*", "redis/appendonlydir")
        for path in data_dir.glob(pattern)
    ]


def _run(args: list[str], environment: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(args, cwd=BASE_DIR, env=environment, capture_output=True, text=True, timeout=120)


def test_importing_the_settings_without_database_or_redis_url_starts_no_server(tmp_path):
    code = (
        "import config.settings as s; "
        "print(s.DATABASES['default']['HOST']); print(s.CELERY_BROKER_URL)"
    )
    result = _run([sys.executable, "-c", code], _without_servers(tmp_path))
    assert result.returncode == 0, result.stderr
    host, broker = result.stdout.split()
    # The settings know where the servers would listen...
    assert host == str(tmp_path / "pg")
    assert broker.startswith("redis+socket://") and "redis.sock" in broker
    # ...and started none of them.
    assert _started_anything(tmp_path) == []
    assert not (tmp_path / "pg").exists()


def test_check_deploy_runs_with_no_server(tmp_path):
    environment = _without_servers(
        tmp_path, DEBUG="0", SECRET_KEY="kq8#v2!x" * 8, ALLOWED_HOSTS="craftmatch.example",
    )
    result = _run([sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"], environment)
    assert result.returncode == 0, result.stdout + result.stderr
    assert _started_anything(tmp_path) == []


def test_makemigrations_check_runs_with_no_server(tmp_path):
    result = _run([sys.executable, "manage.py", "makemigrations", "--check", "--dry-run"], _without_servers(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert _started_anything(tmp_path) == []


@pytest.mark.parametrize(("argv", "needs"), [
    (["manage.py", "check"], False),
    (["manage.py", "makemigrations", "--check"], False),
    (["manage.py", "compilemessages"], False),
    (["manage.py", "--version"], False),
    (["manage.py", "migrate"], True),
    (["manage.py", "serve"], True),
    (["manage.py", "shell"], True),
    (["manage.py", "load_demo"], True),
])
def test_manage_starts_the_servers_only_for_commands_that_use_them(argv, needs):
    import manage

    assert manage.needs_servers(argv) is needs
