"""Catalog writers at once: 20 artisans saving their products, commits per second.

    .venv/bin/python bench/catalog_writers.py [--seconds 10] [--work-ms 0,5]

Each of 20 threads (one connection each) saves one of its artisan's products again and again
through the product service (`catalog.services.product_update`, a new price each time), in a
transaction that may do `--work-ms` of further work after the write before it commits, as a
request does (photos, mail queued, other rows). Measured twice: "before", with 0004's trigger
put back for the run (one advisory lock per writing transaction, until commit), and "after",
with the triggers as migrated (no common lock). Data go into their own database,
`craftmatch_bench_writers`, created and migrated on first use.
"""

from __future__ import annotations

import argparse
import os
import sys
import threading
import time
from decimal import Decimal
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

BENCH_DB = "craftmatch_bench_writers"
WRITERS = 20
# 0004's lock, as it was, for the "before" run.
OLD_LOCK_KEY = 7236001
TABLES = ["catalog_product", "artisans_artisanprofile", "artisans_artisanprofile_crafts"]

os.environ["DEBUG"] = "0"
os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-not-for-production-0123456789")
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
os.environ["LOG_LEVEL"] = "WARNING"
os.environ["CACHE_KEY_PREFIX"] = "craftmatch-bench-writers"
if os.environ.get("DATABASE_URL"):
    os.environ["DATABASE_URL"] = f"{os.environ['DATABASE_URL'].rsplit('/', 1)[0]}/{BENCH_DB}"
else:
    os.environ["DATABASE_NAME"] = BENCH_DB

import django  # noqa: E402

from config import embedded  # noqa: E402

# Importing the settings starts no server: without DATABASE_URL/REDIS_URL, start the embedded ones.
embedded.ensure_started()
django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection, transaction  # noqa: E402


def _create_database() -> None:
    import psycopg2

    db = settings.DATABASES["default"]
    conn = psycopg2.connect(dbname="postgres", user=db.get("USER") or "postgres", password=db.get("PASSWORD") or None,
                            host=db.get("HOST") or None, port=db.get("PORT") or None)
    conn.autocommit = True
    with conn.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [BENCH_DB])
        if cursor.fetchone() is None:
            cursor.execute(f"CREATE DATABASE {BENCH_DB}")
    conn.close()


def _products() -> list[int]:
    from django.core.management import call_command

    from catalog.models import Product
    from catalog.tests.factories import ArtisanProfileFactory, ProductFactory

    call_command("migrate", verbosity=0)
    ids = list(Product.objects.filter(artisan__business_name__startswith="Bench writer ").order_by("pk")
               .values_list("pk", flat=True))
    for n in range(len(ids), WRITERS):
        ids.append(ProductFactory(artisan=ArtisanProfileFactory(business_name=f"Bench writer {n}")).pk)
    return ids[:WRITERS]


def _old_lock(on: bool) -> None:
    with connection.cursor() as cursor:
        if on:
            cursor.execute(f"""
CREATE OR REPLACE FUNCTION bench_catalog_write_lock() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock({OLD_LOCK_KEY});
  RETURN NULL;
END $$;""")
        for table in TABLES:
            cursor.execute(f"DROP TRIGGER IF EXISTS bench_catalog_lock ON {table}")
            if on:
                cursor.execute(f"CREATE TRIGGER bench_catalog_lock BEFORE INSERT OR UPDATE OR DELETE ON {table} "
                               "FOR EACH STATEMENT EXECUTE FUNCTION bench_catalog_write_lock()")
        if not on:
            cursor.execute("DROP FUNCTION IF EXISTS bench_catalog_write_lock()")


def _run(product_ids: list[int], seconds: float, work_ms: int) -> float:
    from catalog import services
    from catalog.models import Product

    start = threading.Barrier(len(product_ids) + 1)
    stop = threading.Event()
    commits = [0] * len(product_ids)

    def writer(slot: int, product_id: int) -> None:
        try:
            product = Product.objects.get(pk=product_id)
            start.wait()
            n = 0
            while not stop.is_set():
                n += 1
                with transaction.atomic():
                    services.product_update(product=product, data={"wholesale_price": Decimal(10 + n % 50)})
                    if work_ms:
                        with connection.cursor() as cursor:
                            cursor.execute("SELECT pg_sleep(%s)", [work_ms / 1000])
                commits[slot] += 1
        finally:
            connection.close()

    threads = [threading.Thread(target=writer, args=(slot, pk)) for slot, pk in enumerate(product_ids)]
    for thread in threads:
        thread.start()
    start.wait()
    began = time.perf_counter()
    time.sleep(seconds)
    stop.set()
    for thread in threads:
        thread.join()
    return sum(commits) / (time.perf_counter() - began)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--work-ms", default="0,5")
    args = parser.parse_args()
    _create_database()
    product_ids = _products()
    print(f"{WRITERS} writers, {args.seconds:g} s a run, PostgreSQL {connection.pg_version}")
    print("| work after the write (ms) | before: one lock (commits/s) | after: no lock (commits/s) | after / before |")
    print("|---:|---:|---:|---:|")
    for work_ms in [int(x) for x in args.work_ms.split(",")]:
        _old_lock(True)
        try:
            before = _run(product_ids, args.seconds, work_ms)
        finally:
            _old_lock(False)
        after = _run(product_ids, args.seconds, work_ms)
        print(f"| {work_ms} | {before:,.0f} | {after:,.0f} | {after / before:.1f} × |")


if __name__ == "__main__":
    main()
