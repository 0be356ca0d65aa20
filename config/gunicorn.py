"""gunicorn's configuration: `gunicorn -c config/gunicorn.py config.wsgi`.

The one web command: the Procfile, the Dockerfile, the systemd unit and the cluster tests run it
(docs/deploy.md). Every value can be changed from the environment.
https://docs.gunicorn.org/en/stable/settings.html
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import tempfile

from config.env import env_int

# Every interface by default (a container, or behind the proxy on a private network); PORT as Heroku-likes set it.
_host = os.environ.get("HOST", "0.0.0.0")  # noqa: S104
bind = os.environ.get("GUNICORN_BIND") or f"{_host}:{os.environ.get('PORT', '8000')}"
# Sync workers, the classic 2 x cores + 1: a page is mostly database and rendering, each worker
# holds one persistent database connection (CONN_MAX_AGE), so this also bounds the connections.
workers = env_int("WEB_CONCURRENCY", 2 * multiprocessing.cpu_count() + 1)
worker_class = "sync"
# A request still running after this is killed (and logged); the slowest page is under a second.
timeout = env_int("GUNICORN_TIMEOUT", 30)
# SIGTERM: finish the requests in flight for this long, then stop (deploys, scale-in).
graceful_timeout = env_int("GUNICORN_GRACEFUL_TIMEOUT", 30)
keepalive = env_int("GUNICORN_KEEPALIVE", 5)
# A worker is replaced after this many requests (jittered), so a slow leak cannot grow for ever;
# the new one builds its catalog index before it takes a request (post_worker_init).
max_requests = env_int("GUNICORN_MAX_REQUESTS", 5000)
max_requests_jitter = env_int("GUNICORN_MAX_REQUESTS_JITTER", 500)
# Behind the TLS proxy: its address is the only one allowed to set X-Forwarded-* (SECURITY.md).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# Worker heartbeat files in memory, not on a disk that may stall (containers' overlay fs).
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None  # noqa: S108
# Logs on stderr/stdout as JSON lines (ops.webserver); the application logs there too.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
logger_class = "ops.webserver.JsonLogger"
proc_name = "craftmatch-web"
# gunicornc's control socket sits at one path per user: two instances on one host would share it.
control_socket_disable = True

# Prometheus counters of all workers, summed at scrape time (ops.metrics): one directory per server.
_own_metrics_dir = not os.environ.get("PROMETHEUS_MULTIPROC_DIR")
if _own_metrics_dir:
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = tempfile.mkdtemp(prefix="craftmatch-metrics-")


def post_worker_init(worker) -> None:
    # The application is loaded in this worker; build the catalog index before the first request.
    from ops.warmup import freeze_startup_objects, warm_up

    warm_up()
    freeze_startup_objects()


def child_exit(server, worker) -> None:
    # A dead worker's live gauges leave the sums (its counters stay, as Prometheus expects).
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)


def on_exit(server) -> None:
    if _own_metrics_dir:
        shutil.rmtree(os.environ["PROMETHEUS_MULTIPROC_DIR"], ignore_errors=True)
