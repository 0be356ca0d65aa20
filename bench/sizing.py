"""Sizes for docs/deploy.md: a web worker's memory and requests a second, a worker's mails a minute.

    .venv/bin/python bench/sizing.py

Runs the Procfile's processes (tests/cluster/processes.py) on a database of its own,
`craftmatch_sizing` (the server of DATABASE_URL, else the embedded one), with the demo data
(`load_demo --renditions none`):
- web: gunicorn with 2 workers (config/gunicorn.py); each worker's resident memory after its
  warm-up and after the load; 8 client threads for 20 s over the product list, the artisan
  list and product pages: requests a second, median and p95 (/health/ is left out: without a
  worker it answers 503);
- mail: one worker (the Procfile's, one process) sending 300 outbox emails to an SMTP server
  on loopback: mails a minute.
Also the catalog index's own size per product (its numpy columns' bytes), to say what a web
process needs per 100,000 products. Run by hand; not part of `make test`.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

DB = "craftmatch_sizing"
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
os.environ["DATABASE_NAME"] = DB
os.environ.setdefault("LOG_LEVEL", "WARNING")


def prepare() -> None:
    from config import embedded

    embedded.ensure_started()
    import psycopg2

    from config.settings import DATABASES

    db = DATABASES["default"]
    conn = psycopg2.connect(
        dbname="postgres",
        user=db.get("USER") or "postgres",
        host=db.get("HOST"),
        port=db.get("PORT") or None,
        password=db.get("PASSWORD") or None,
    )
    conn.autocommit = True
    with conn.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DB])
        exists = cursor.fetchone()
        if not exists:
            cursor.execute(f"CREATE DATABASE {DB}")
    conn.close()
    base = Path(__file__).resolve().parent.parent
    for command in (["migrate", "--noinput"], ["load_demo", "--renditions", "none"]):
        subprocess.run(
            [sys.executable, "manage.py", *command], cwd=base, check=True, stdout=subprocess.DEVNULL
        )


def rss_mb(pid: int) -> float:
    import psutil

    return psutil.Process(pid).memory_info().rss / 1e6


def web(log_dir: Path) -> dict:
    import psutil
    import requests

    from catalog.models import Product
    from tests.cluster.processes import free_port, start, wait_for_web, wait_until

    process = start(
        "web", {"WEB_CONCURRENCY": "2", "GUNICORN_ACCESS_LOG": "/dev/null"}, log_dir, port=free_port()
    )
    try:
        wait_for_web(process, timeout=120)
        wait_until(
            lambda: process.log().count("Warm-up") >= 2 or len(psutil.Process(process.pid).children()) >= 1,
            60,
            "warm-up",
        )
        time.sleep(3)
        master = psutil.Process(process.pid)
        # The Procfile runs `python -m gunicorn`: the master is the child of nothing else.
        workers = master.children()
        after_start = [rss_mb(w.pid) for w in workers]
        ids = list(Product.objects.values_list("public_id", flat=True)[:40])
        urls = ["/catalog/products/", "/catalog/"] + [f"/catalog/products/{pid}/" for pid in ids]
        timings: list[float] = []
        errors = 0
        stop_at = time.monotonic() + 20
        lock = threading.Lock()

        def client(n: int) -> None:
            nonlocal errors
            session = requests.Session()
            i = n
            while time.monotonic() < stop_at:
                url = process.url + urls[i % len(urls)]
                i += 1
                started = time.perf_counter()
                answer = session.get(url, timeout=30)
                elapsed = time.perf_counter() - started
                with lock:
                    timings.append(elapsed)
                    errors += answer.status_code >= 500

        threads = [threading.Thread(target=client, args=(n,)) for n in range(8)]
        began = time.monotonic()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        duration = time.monotonic() - began
        after_load = [rss_mb(w.pid) for w in workers]
        master_mb = rss_mb(process.pid)
    finally:
        process.stop()
    timings.sort()
    return {
        "requests": len(timings),
        "errors": errors,
        "per_second": len(timings) / duration,
        "median_ms": statistics.median(timings) * 1000,
        "p95_ms": timings[int(len(timings) * 0.95)] * 1000,
        "worker_mb_started": after_start,
        "worker_mb_loaded": after_load,
        "master_mb": master_mb,
        "products": Product.objects.count(),
    }


def mail(log_dir: Path) -> dict:
    from aiosmtpd.controller import Controller

    from config.celery import app
    from notifications import services
    from tests.cluster.processes import free_port, start, wait_until

    received: list[float] = []

    class Sink:
        async def handle_DATA(self, server, session, envelope):  # noqa: N802
            received.append(time.monotonic())
            return "250 OK"

    port = free_port()
    controller = Controller(Sink(), hostname="127.0.0.1", port=port)
    controller.start()
    queue = f"sizing-{uuid.uuid4().hex[:8]}"
    app.conf.task_default_queue = queue
    worker = start(
        "worker",
        {
            "CELERY_TASK_DEFAULT_QUEUE": queue,
            "EMAIL_URL": f"smtp://127.0.0.1:{port}",
            "CELERY_WORKER_CONCURRENCY": "1",
        },
        log_dir,
    )
    try:
        wait_until(lambda: "ready." in worker.log(), 120, "the worker")
        run = uuid.uuid4().hex[:8]
        for n in range(300):
            services.email_enqueue(
                key=f"sizing:{run}:{n}",
                to=f"buyer{n}@shops.example",
                subject="Sizing",
                text="A message of a typical invitation's length. " * 20,
            )
        wait_until(lambda: len(received) >= 300, 600, "300 mails")
    finally:
        worker.stop()
        controller.stop()
        with app.connection_for_write() as conn:
            conn.default_channel.queue_delete(queue)
    span = received[-1] - received[0]
    return {"mails": len(received), "per_minute": (len(received) - 1) / span * 60, "worker_mb": None}


def index_bytes_per_product() -> float:
    from catalog import index

    snapshot = index.current()
    tables = (snapshot.products, snapshot.artisans)
    total = 0
    for table in tables:
        total += table.id.nbytes + sum(c.nbytes for c in table.columns.values())
        total += sum(r.codes.nbytes + r.ptr.nbytes for r in table.lists.values())
    return total / max(1, len(snapshot.products))


def main() -> None:
    prepare()
    import django

    django.setup()
    log_dir = Path(tempfile.mkdtemp(prefix="cm-sizing-"))
    figures = web(log_dir)
    print(
        f"web: {figures['products']} products, 2 sync workers, 8 client threads for 20 s: "
        f"{figures['requests']} requests, {figures['errors']} errors, {figures['per_second']:.1f} req/s, "
        f"median {figures['median_ms']:.1f} ms, p95 {figures['p95_ms']:.1f} ms"
    )
    print(
        f"web: worker memory after warm-up {', '.join(f'{m:.0f}' for m in figures['worker_mb_started'])} MB; "
        f"after the load {', '.join(f'{m:.0f}' for m in figures['worker_mb_loaded'])} MB; "
        f"master {figures['master_mb']:.0f} MB"
    )
    print(f"catalog index: {index_bytes_per_product():.0f} bytes per product (numpy columns)")
    sent = mail(log_dir)
    print(
        f"mail: one worker process, {sent['mails']} mails to an SMTP server on loopback: "
        f"{sent['per_minute']:.0f} a minute"
    )
    print(f"load average: {', '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
