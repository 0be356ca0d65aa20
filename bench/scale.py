"""The catalog at several sizes: pages, the index's memory and build time, and load on two web instances.

    .venv/bin/python bench/scale.py run                      # 10,000 and 100,000 products, load at 100,000
    .venv/bin/python bench/scale.py run --sizes 10000 100000 1000000 --load-size 100000
    .venv/bin/python bench/scale.py run --skip-load

Needs a PostgreSQL and a Redis: DATABASE_URL (its server; each size gets a database of its own,
`<name>_<size>`, e.g. bench_h2_100000 for DATABASE_URL=.../bench_h2) and REDIS_URL /
CACHE_REDIS_URL. Each size runs in a fresh process that:
- builds the catalog with bench/catalog.py's generator (`build()`, one artisan per 20 products,
  as there: 500 artisans at 10,000, 5,000 at 100,000), kept for the next run;
- measures the catalog index (catalog/index.py) built from scratch: the resident memory the
  first build adds to the process (RSS delta), the peak and retained Python allocations of a
  build (tracemalloc: numpy reports its buffers there), the snapshot's own column bytes
  (bench/sizing.py's `index_bytes_per_product`), and the build time (median of 5);
- times the catalog pages with bench/catalog.py's `measure()` (django.test.Client, DEBUG off):
  warm median and p95, after a write, and a new process's first request.
Then, at `--load-size`, two web instances are started from the Procfile (`web`: gunicorn with
config/gunicorn.py, `WEB_CONCURRENCY` workers each, each worker building its index at start)
and bench/load.py's users (30 by default, one in five an artisan, think time 0.5-1.5 s) are
split between them: p95 of browsing and searching, errors, and each worker's resident memory.
Run by hand (about 15 minutes on the 2-core machine); not part of `make test`, and `make bench`
(no arguments) only prints this help.
"""

from __future__ import annotations

import argparse
import gc
import importlib.util
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
PRODUCTS_PER_ARTISAN = 20
BUYERS = 200
# Read before bench/catalog.py is imported: it points DATABASE_URL at its own database.
DATABASE_URL = os.environ.get("DATABASE_URL") or "postgres://postgres@127.0.0.1:5432/craftmatch_scale"


def _module(name: str):
    """One of the sibling bench scripts, imported as a module (they are scripts, not a package)."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(
        name, BASE_DIR / "bench" / f"{name.removeprefix('bench_')}.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def _server_and_name() -> tuple[str, str]:
    server, name = DATABASE_URL.rsplit("/", 1)
    return server, name


def database_for(size: int) -> str:
    return f"{_server_and_name()[1]}_{size}"


# --- one size, in its own process --------------------------------------------------------------


def _rss_mb() -> float:
    import psutil

    return psutil.Process().memory_info().rss / 1e6


def measure_size(size: int) -> dict:
    # bench/catalog.py configures Django when imported (DEBUG off, its database); point it at ours.
    catalog_bench = _module("bench_catalog")
    from django.conf import settings
    from django.db import connection, connections

    name = database_for(size)
    catalog_bench.BENCH_DB = name
    settings.DATABASES["default"]["NAME"] = name
    connections["default"].settings_dict["NAME"] = name
    connection.close()
    catalog_bench.ARTISANS = max(1, size // PRODUCTS_PER_ARTISAN)
    catalog_bench.PRODUCTS = size
    # Fewer runs than bench/catalog.py's own (60 / 40 / 5): sizes times cases add up.
    catalog_bench.RUNS, catalog_bench.COLD_RUNS, catalog_bench.REBUILD_RUNS = 40, 20, 3
    catalog_bench._create_database()
    started = time.perf_counter()
    catalog_bench.build(False)
    generated_s = time.perf_counter() - started

    from catalog import index
    from catalog.models import Product

    products = Product.objects.count()
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")  # the connection is open before the memory is read
    gc.collect()
    index.forget()
    before = _rss_mb()
    began = time.perf_counter()
    snapshot = index.current()
    first_build_ms = (time.perf_counter() - began) * 1000
    gc.collect()
    rss_delta_mb = _rss_mb() - before
    visible = len(snapshot.products)
    del snapshot

    import tracemalloc

    index.forget()
    gc.collect()
    tracemalloc.start()
    index.current()
    retained, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    builds = []
    for _ in range(5):
        index.forget()
        began = time.perf_counter()
        index.current()
        builds.append((time.perf_counter() - began) * 1000)
    column_bytes = _module("bench_sizing").index_bytes_per_product()

    pages = catalog_bench.measure()
    return {
        "size": size,
        "products": products,
        "visible_products": visible,
        "generated_s": round(generated_s, 1),
        "index_rss_delta_mb": round(rss_delta_mb, 1),
        "index_retained_mb": round(retained / 1e6, 1),
        "index_peak_mb": round(peak / 1e6, 1),
        "index_column_bytes_per_product": round(column_bytes, 1),
        "index_first_build_ms": round(first_build_ms, 1),
        "index_build_ms": round(statistics.median(builds), 1),
        "pages": [
            {
                "page": label,
                "median_ms": round(m, 1),
                "p95_ms": round(p, 1),
                "after_write_median_ms": round(cm, 1),
                "after_write_p95_ms": round(cp, 1),
                "new_process_ms": round(first, 1),
            }
            for label, m, p, cm, cp, first in pages
        ],
    }


# --- load through two web instances --------------------------------------------------------------


def _setup_django(database_url: str) -> dict[str, str]:
    env = {
        "DATABASE_URL": database_url,
        "REDIS_URL": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0"),
        "CACHE_REDIS_URL": os.environ.get("CACHE_REDIS_URL", "redis://127.0.0.1:6379/1"),
        "CACHE_KEY_PREFIX": "craftmatch-scale",
        "DEBUG": "0",
        "SECRET_KEY": os.environ.get("SECRET_KEY", "scale-only-secret-key-not-for-production-0123456789"),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "LOG_LEVEL": "WARNING",
        "CELERY_TASK_DEFAULT_QUEUE": "scale-test",
        # Hashed static files of our own (DEBUG off needs the manifest), not the tree's staticfiles/.
        "STATIC_ROOT": os.environ.get(
            "STATIC_ROOT", str(Path(tempfile.gettempdir()) / "craftmatch-scale-static")
        ),
    }
    os.environ.update(env)
    import django

    django.setup()
    return env


def load(size: int, users: int, duration: float, concurrency: int, warmup: float) -> dict:
    import psutil

    server, _ = _server_and_name()
    env = _setup_django(f"{server}/{database_for(size)}")
    load_bench = _module("bench_load")
    from django.core.management import call_command
    from django.db import connection

    from accounts.models import User
    from buyers.models import BuyerProfile
    from tests.cluster.processes import free_port, start, wait_for_web, wait_until

    call_command("collectstatic", "--noinput", verbosity=0)
    for n in range(BUYERS):
        user, _ = User.objects.get_or_create(
            email=f"loadbuyer{n}@load.example",
            defaults={"role": "buyer", "full_name": f"Load Buyer {n}", "time_zone": "UTC", "language": "en"},
        )
        BuyerProfile.objects.get_or_create(
            user=user,
            defaults={"organisation_name": f"Load Museum Shop {n}", "country": "US", "is_verified": True},
        )
    buyers, artisans, slugs = load_bench._sessions()
    connection.close()

    log_dir = Path(tempfile.mkdtemp(prefix="craftmatch-scale-"))
    webs = [
        start(
            "web",
            {
                **env,
                "WEB_CONCURRENCY": str(concurrency),
                "GUNICORN_ACCESS_LOG": "/dev/null",
                "LOG_LEVEL": "INFO",
            },
            log_dir,
            port=free_port(),
        )
        for _ in range(2)
    ]
    try:
        for web in webs:
            wait_for_web(web, timeout=180)
            wait_until(
                lambda web=web: web.log().count("Warm-up: catalog index") >= concurrency, 180, "warm-ups"
            )
        time.sleep(2)
        workers = [w for web in webs for w in psutil.Process(web.pid).children()]
        rss_started = [w.memory_info().rss / 1e6 for w in workers]
        warmup_ms = []
        for web in webs:
            for line in web.log().splitlines():
                if "Warm-up: catalog index" in line:
                    try:
                        warmup_ms.append(json.loads(line).get("duration_ms"))
                    except ValueError:  # a plain text line: "... built in 2674.8 ms."
                        found = re.search(r"built in ([0-9.]+) ms", line)
                        warmup_ms.append(float(found.group(1)) if found else None)
        results = load_bench.Results(record_from=time.monotonic() + warmup)
        people = []
        for n in range(users):
            base = webs[n % 2].url  # every other user on the other instance
            if n % 5 == 4:
                people.append(
                    load_bench.ArtisanUser(
                        base, artisans[n % len(artisans)], "artisan", slugs, results, n, (0.5, 1.5)
                    )
                )
            else:
                people.append(
                    load_bench.User(base, buyers[n % len(buyers)], "buyer", slugs, results, n, (0.5, 1.5))
                )
        until = time.monotonic() + warmup + duration
        with ThreadPoolExecutor(max_workers=users) as pool:
            for person in people:
                pool.submit(person.run, until)
        elapsed = time.monotonic() - results.record_from
        rss_loaded = [w.memory_info().rss / 1e6 for w in workers if w.is_running()]
        master_rss = [psutil.Process(web.pid).memory_info().rss / 1e6 for web in webs]
    finally:
        for web in webs:
            web.stop()
    timings = results.timings
    all_ = [t for ts in timings.values() for t in ts]
    browse = [t for k, ts in timings.items() if k in load_bench.BROWSE for t in ts]
    search = [t for k, ts in timings.items() if k in load_bench.SEARCH for t in ts]
    return {
        "size": size,
        "instances": 2,
        "workers_per_instance": concurrency,
        "users": users,
        "duration_s": round(elapsed, 1),
        "requests": len(all_),
        "errors": sum(results.errors.values()),
        "requests_per_s": round(len(all_) / elapsed, 1),
        "browse_p50_ms": round(statistics.median(browse), 1) if browse else None,
        "browse_p95_ms": round(load_bench._pct(browse, 0.95), 1) if browse else None,
        "search_p95_ms": round(load_bench._pct(search, 0.95), 1) if search else None,
        "all_p95_ms": round(load_bench._pct(all_, 0.95), 1) if all_ else None,
        "worker_rss_started_mb": [round(v) for v in rss_started],
        "worker_rss_loaded_mb": [round(v) for v in rss_loaded],
        "master_rss_mb": [round(v) for v in master_rss],
        "warmup_ms": warmup_ms,
        "error_samples": results.error_samples,
    }


# --- driver --------------------------------------------------------------------------------------


def _child(*args: str) -> dict:
    out = Path(tempfile.mkstemp(prefix="craftmatch-scale-", suffix=".json")[1])
    subprocess.run([sys.executable, __file__, *args, "--json", str(out)], cwd=BASE_DIR, check=True)
    return json.loads(out.read_text())


def _slope(rows: list[dict], key: str) -> tuple[float, float]:
    """Least squares through the measured sizes: (per product, fixed)."""
    xs = [r["products"] for r in rows]
    ys = [r[key] for r in rows]
    if len(rows) < 2:
        return ys[0] / max(1, xs[0]), 0.0
    mean_x, mean_y = statistics.fmean(xs), statistics.fmean(ys)
    slope = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / sum(
        (x - mean_x) ** 2 for x in xs
    )
    return slope, mean_y - slope * mean_x


def report(sizes: list[dict], loaded: dict | None, extrapolate_to: int | None) -> None:
    print(f"\nload average {os.getloadavg()[0]:.1f} {os.getloadavg()[1]:.1f} {os.getloadavg()[2]:.1f}")
    print("\nCatalog index (one web process), built from scratch")
    print(
        f"{'products':>10} {'visible':>9} {'generated s':>12} {'build ms':>9} {'RSS delta MB':>13} "
        f"{'tracemalloc kept MB':>20} {'peak MB':>8} {'column B/product':>17}"
    )
    for r in sizes:
        print(
            f"{r['products']:>10,} {r['visible_products']:>9,} {r['generated_s']:>12} {r['index_build_ms']:>9} "
            f"{r['index_rss_delta_mb']:>13} {r['index_retained_mb']:>20} {r['index_peak_mb']:>8} "
            f"{r['index_column_bytes_per_product']:>17}"
        )
    if extrapolate_to:
        row = {"products": extrapolate_to}
        parts = []
        for key in ("index_build_ms", "index_rss_delta_mb", "index_retained_mb", "index_peak_mb"):
            per, fixed = _slope(sizes, key)
            row[key] = per * extrapolate_to + fixed
            parts.append(f"{key} {row[key]:.0f}")
        print(
            f"{extrapolate_to:>10,} EXTRAPOLATED (straight line through the measured sizes, not measured): "
            + ", ".join(parts)
        )
    print("\nPages (django.test.Client, DEBUG off), ms")
    header = f"{'page':<70}" + "".join(f" {r['products']:>9,} med {'p95':>6} {'new':>6}" for r in sizes)
    print(header)
    for i, page in enumerate(sizes[0]["pages"]):
        line = f"{page['page'][:70]:<70}"
        for r in sizes:
            p = r["pages"][i]
            line += f" {p['median_ms']:>13} {p['p95_ms']:>6} {p['new_process_ms']:>6}"
        print(line)
    if loaded:
        print(
            f"\nLoad: {loaded['users']} users on 2 web instances x {loaded['workers_per_instance']} workers "
            f"({loaded['size']:,} products), {loaded['duration_s']} s"
        )
        print(
            f"requests {loaded['requests']}, errors {loaded['errors']}, {loaded['requests_per_s']} req/s; "
            f"browse p50 {loaded['browse_p50_ms']} ms, browse p95 {loaded['browse_p95_ms']} ms, "
            f"search p95 {loaded['search_p95_ms']} ms, all p95 {loaded['all_p95_ms']} ms"
        )
        print(
            f"worker RSS after warm-up {loaded['worker_rss_started_mb']} MB, after load "
            f"{loaded['worker_rss_loaded_mb']} MB, masters {loaded['master_rss_mb']} MB; "
            f"warm-ups {loaded['warmup_ms']} ms"
        )
        for sample in loaded["error_samples"]:
            print("  error:", sample)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("command", nargs="?", choices=["run"], help="run the benchmark")
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--load-size", type=int, default=100_000)
    parser.add_argument("--skip-load", action="store_true")
    parser.add_argument(
        "--extrapolate-to",
        type=int,
        default=1_000_000,
        help="print a straight-line extrapolation to this size when it was not measured",
    )
    parser.add_argument("--users", type=int, default=30)
    parser.add_argument("--duration", type=float, default=60)
    parser.add_argument("--warmup", type=float, default=10)
    parser.add_argument("--web-concurrency", type=int, default=3, help="gunicorn workers per web instance")
    parser.add_argument("--json", type=Path, help="write the figures here")
    parser.add_argument("--one-size", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--load-only", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.command is None and not (args.one_size or args.load_only):
        # `make bench` runs every script without arguments; this one needs servers and minutes.
        parser.print_help()
        return
    if args.one_size:
        result = measure_size(args.one_size)
    elif args.load_only:
        result = load(args.load_only, args.users, args.duration, args.web_concurrency, args.warmup)
    else:
        sizes = [_child("--one-size", str(size)) for size in args.sizes]
        loaded = None
        if not args.skip_load:
            if args.load_size not in args.sizes:
                _child("--one-size", str(args.load_size))
            loaded = _child(
                "--load-only",
                str(args.load_size),
                "--users",
                str(args.users),
                "--duration",
                str(args.duration),
                "--warmup",
                str(args.warmup),
                "--web-concurrency",
                str(args.web_concurrency),
            )
        extrapolate = args.extrapolate_to if args.extrapolate_to not in args.sizes else None
        result = {"sizes": sizes, "load": loaded, "load_average": os.getloadavg()}
        report(sizes, loaded, extrapolate)
    if args.json:
        args.json.write_text(json.dumps(result, indent=2))
    else:
        print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
