"""Load test: concurrent users against gunicorn on PostgreSQL and Redis, with 100,000 products.

    .venv/bin/python bench/load.py prepare                 # once: data, buyers, sessions
    .venv/bin/python bench/load.py run --users 30 --duration 120
    .venv/bin/python bench/load.py run --users 200 --duration 60

Needs a PostgreSQL and a Redis (defaults: the machine's, see DATABASE_URL / REDIS_URL below).
`prepare` builds the catalog with bench/catalog.py's generator (into craftmatch_bench), copies
it to craftmatch_load, and adds buyers with profiles. `run` starts gunicorn (sync workers, one
database connection each at most) and drives it with one thread per user: each user signs in by
session cookie and, with a think time between clicks, browses artisans and products, searches,
opens artisan pages; buyers request meetings and artisans answer them. It reports per kind of
page the count, errors and latency percentiles, and the most database connections seen.
Run by hand; not part of `make test`.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import secrets
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
SERVER = os.environ.get("LOAD_DATABASE_SERVER", "postgres://postgres@127.0.0.1:5432")
LOAD_DB = "craftmatch_load"
DATABASE_URL = f"{SERVER}/{LOAD_DB}"
REDIS_URL = os.environ.get("LOAD_REDIS_URL", "redis://127.0.0.1:6379/5")
CACHE_REDIS_URL = os.environ.get("LOAD_CACHE_REDIS_URL", REDIS_URL.rsplit("/", 1)[0] + "/6")
BUYERS = 200
ARTISAN_SESSIONS = 200
SEARCHES = ["poterie", "ceramica", "hand-painted bowl", "tapis berbère", "pottery", "زربية", "cuenco azul",
            "lanterne cuivre", "wool rug", "olive wood"]
BROWSE = {"artisan list", "product list", "filtered products", "artisan page", "meeting list"}
SEARCH = {"search products", "search artisans"}


def _django(database_url: str) -> None:
    os.environ.update({
        "DATABASE_URL": database_url, "REDIS_URL": REDIS_URL, "CACHE_REDIS_URL": CACHE_REDIS_URL,
        "DEBUG": "0", "SECRET_KEY": os.environ.get("SECRET_KEY", "load-only-secret-key-not-for-production-0123456789"),
        "ALLOWED_HOSTS": "127.0.0.1", "SECURE_SSL_REDIRECT": "0", "DJANGO_SETTINGS_MODULE": "config.settings",
        "LOG_LEVEL": "WARNING", "CELERY_TASK_DEFAULT_QUEUE": "load-test",
    })
    sys.path.insert(0, str(BASE_DIR))
    import django

    django.setup()


def _admin_connection():
    import psycopg2

    conn = psycopg2.connect(f"{SERVER}/postgres")
    conn.autocommit = True
    return conn


# --- prepare ----------------------------------------------------------------------------------


def prepare() -> None:
    # The catalog generator of bench/catalog.py, in a process of its own (it configures Django
    # for craftmatch_bench on import); then a copy for the load test to write into.
    code = (
        "import importlib.util, sys; "
        f"spec = importlib.util.spec_from_file_location('bench_catalog', {str(BASE_DIR / 'bench' / 'catalog.py')!r}); "
        "module = importlib.util.module_from_spec(spec); sys.modules['bench_catalog'] = module; "
        "spec.loader.exec_module(module); module._create_database(); module.build(False)"
    )
    env = {**os.environ, "DATABASE_URL": f"{SERVER}/postgres", "REDIS_URL": REDIS_URL}
    subprocess.run([sys.executable, "-c", code], cwd=BASE_DIR, env=env, check=True)
    conn = _admin_connection()
    with conn.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [LOAD_DB])
        if cursor.fetchone() is None:
            for _ in range(30):
                try:
                    cursor.execute(f"CREATE DATABASE {LOAD_DB} TEMPLATE craftmatch_bench")
                    break
                except Exception as error:  # noqa: BLE001 (someone is connected to the template)
                    print("waiting for craftmatch_bench to be free:", error)
                    time.sleep(5)
    conn.close()
    _django(DATABASE_URL)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    # DEBUG is off, as in production: pages need the hashed static files' manifest.
    call_command("collectstatic", "--noinput", verbosity=0)
    from accounts.models import User
    from buyers.models import BuyerProfile

    for n in range(BUYERS):
        user, _ = User.objects.get_or_create(
            email=f"loadbuyer{n}@load.example",
            defaults={"role": "buyer", "full_name": f"Load Buyer {n}", "time_zone": "UTC", "language": "en"},
        )
        BuyerProfile.objects.get_or_create(
            user=user, defaults={"organisation_name": f"Load Museum Shop {n}", "country": "US", "is_verified": True}
        )
    print(f"Prepared {LOAD_DB}: {User.objects.count():,} users.")


def _sessions() -> tuple[list[str], list[str], list[str]]:
    """Session cookies for buyers and artisans (made directly, as a login would), and artisan slugs."""
    from django.test import Client

    from accounts.models import User
    from artisans.models import ArtisanProfile

    def cookie(user) -> str:
        client = Client()
        client.force_login(user)
        return client.cookies["sessionid"].value

    buyers = [cookie(u) for u in User.objects.filter(email__endswith="@load.example").order_by("pk")[:BUYERS]]
    approved = ArtisanProfile.objects.filter(status="approved").select_related("user").order_by("pk")
    artisans = [cookie(a.user) for a in approved[:ARTISAN_SESSIONS]]
    slugs = list(approved.values_list("slug", flat=True)[:2000])
    return buyers, artisans, slugs


# --- run --------------------------------------------------------------------------------------


class Results:
    def __init__(self, record_from: float = 0.0) -> None:
        # Requests before this moment warm the server up (connections, templates) and are not counted.
        self.record_from = record_from
        self.lock = threading.Lock()
        self.timings: dict[str, list[float]] = defaultdict(list)
        self.errors: dict[str, int] = defaultdict(int)
        self.error_samples: list[str] = []

    def record(self, kind: str, elapsed_ms: float, ok: bool, detail: str = "") -> None:
        if time.monotonic() < self.record_from:
            return
        with self.lock:
            self.timings[kind].append(elapsed_ms)
            if not ok:
                self.errors[kind] += 1
                if len(self.error_samples) < 10:
                    self.error_samples.append(f"{kind}: {detail}")


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, int(round(q * len(ordered))) - 1))]


class User:
    def __init__(self, base: str, cookie: str, role: str, slugs: list[str], results: Results, seed: int,
                 think: tuple[float, float]) -> None:
        import requests

        self.base, self.role, self.slugs, self.results = base, role, slugs, results
        self.rng = random.Random(seed)
        self.think = think
        self.http = requests.Session()
        token = secrets.token_hex(16)
        self.http.cookies.set("sessionid", cookie)
        self.http.cookies.set("csrftoken", token)
        self.http.headers.update({"X-CSRFToken": token, "X-Request-ID": f"load-{seed:05d}-{token[:8]}"})

    def _do(self, kind: str, method: str, path: str, expect: tuple[int, ...] = (200,), **kwargs):
        started = time.perf_counter()
        try:
            response = self.http.request(method, self.base + path, timeout=60, allow_redirects=False, **kwargs)
        except Exception as error:  # noqa: BLE001 (a refused or timed-out request is an error)
            self.results.record(kind, (time.perf_counter() - started) * 1000, False, f"{path}: {error!r}")
            return None
        elapsed = (time.perf_counter() - started) * 1000
        ok = response.status_code in expect
        self.results.record(kind, elapsed, ok, f"{path}: HTTP {response.status_code}")
        return response if ok else None

    def step(self) -> None:
        rng = self.rng
        roll = rng.random()
        if roll < 0.22:
            self._do("artisan list", "GET", f"/catalog/?page={rng.randint(1, 5)}")
        elif roll < 0.44:
            self._do("product list", "GET", f"/catalog/products/?page={rng.randint(1, 5)}")
        elif roll < 0.54:
            self._do("filtered products", "GET", "/catalog/products/?craft=ceramics&country=ES&moq=50&lead=42")
        elif roll < 0.66:
            self._do("search products", "GET", "/catalog/products/", params={"q": rng.choice(SEARCHES)})
        elif roll < 0.74:
            self._do("search artisans", "GET", "/catalog/", params={"q": rng.choice(SEARCHES)})
        elif roll < 0.92:
            self._do("artisan page", "GET", f"/catalog/artisans/{rng.choice(self.slugs)}/")
        elif self.role == "buyer":
            self.request_meeting()
        else:
            self.answer_meeting()

    def request_meeting(self) -> None:
        # Only artisans someone answers for, so requests do not pile up unanswered.
        slug = self.rng.choice(self.slugs[:ARTISAN_SESSIONS])
        if self._do("meeting request form", "GET", f"/meetings/request/{slug}/") is None:
            return
        # A time nobody else is likely to pick: spread over three months, on the minute.
        start = datetime.now(UTC).replace(second=0, microsecond=0) + timedelta(
            days=self.rng.randint(3, 90), minutes=self.rng.randint(0, 60 * 24 - 1)
        )
        self._do(
            "meeting request", "POST", f"/meetings/request/{slug}/", expect=(302,),
            data={"proposed_1": start.strftime("%Y-%m-%dT%H:%M"), "duration_minutes": "30", "mode": "virtual",
                  "message": "We would like to discuss your collection for our museum shop."},
        )

    def answer_meeting(self) -> None:
        self._do("meeting list", "GET", "/meetings/")

    def run(self, until: float) -> None:
        while time.monotonic() < until:
            self.step()
            time.sleep(self.rng.uniform(*self.think))


class ArtisanUser(User):
    def answer_meeting(self) -> None:
        import re

        page = self._do("meeting list", "GET", "/meetings/")
        if page is None:
            return
        links = re.findall(r'href="/meetings/([0-9a-f-]{36})/"', page.text)
        if not links:
            return
        public_id = self.rng.choice(links)
        detail = self._do("meeting page", "GET", f"/meetings/{public_id}/")
        if detail is None:
            return
        starts = re.findall(r'name="start" value="([^"]+)"', detail.text)
        if starts:
            self._do("meeting accept", "POST", f"/meetings/{public_id}/accept/", expect=(302,),
                     data={"start": starts[0]})


def _gunicorn(workers: int, port: int, log_path: Path) -> subprocess.Popen:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    log = open(log_path, "w")  # noqa: SIM115 (kept open while gunicorn runs)
    return subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "config.wsgi", "--bind", f"127.0.0.1:{port}",
         "--workers", str(workers), "--backlog", "2048", "--timeout", "30", "--graceful-timeout", "10",
         "--max-requests", "5000", "--max-requests-jitter", "500"],
        cwd=BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )


def run(users: int, duration: float, workers: int, think: tuple[float, float], warmup: float) -> dict:
    import requests

    _django(DATABASE_URL)
    buyers, artisans, slugs = _sessions()
    from django.db import connection

    connection.close()  # only gunicorn's connections are counted
    port = int(os.environ.get("LOAD_PORT", "8765"))
    base = f"http://127.0.0.1:{port}"
    log_path = Path(tempfile.gettempdir()) / f"craftmatch-load-gunicorn-{port}.log"
    server = _gunicorn(workers, port, log_path)
    try:
        for _ in range(100):
            try:
                requests.get(base + "/catalog/", timeout=5)
                break
            except requests.ConnectionError:
                time.sleep(0.2)
        results = Results(record_from=time.monotonic() + warmup)
        connections: list[int] = []
        stop = threading.Event()

        def sample_connections() -> None:
            import psycopg2

            conn = psycopg2.connect(f"{SERVER}/postgres")
            conn.autocommit = True
            with conn.cursor() as cursor:
                while not stop.is_set():
                    cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = %s", [LOAD_DB])
                    connections.append(cursor.fetchone()[0])
                    stop.wait(0.5)
            conn.close()

        sampler = threading.Thread(target=sample_connections, daemon=True)
        sampler.start()
        people = []
        for n in range(users):
            # One in five is an artisan answering requests; the rest are buyers.
            if n % 5 == 4:
                people.append(ArtisanUser(base, artisans[n % len(artisans)], "artisan", slugs, results, n, think))
            else:
                people.append(User(base, buyers[n % len(buyers)], "buyer", slugs, results, n, think))
        until = time.monotonic() + warmup + duration
        with ThreadPoolExecutor(max_workers=users) as pool:
            for person in people:
                pool.submit(person.run, until)
        elapsed = time.monotonic() - results.record_from
        stop.set()
        sampler.join(timeout=5)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)

    rows = {}
    total = errors = 0
    for kind, timings in sorted(results.timings.items()):
        rows[kind] = {
            "requests": len(timings), "errors": results.errors[kind],
            "p50_ms": round(statistics.median(timings), 1), "p95_ms": round(_pct(timings, 0.95), 1),
            "p99_ms": round(_pct(timings, 0.99), 1), "max_ms": round(max(timings), 1),
        }
        total += len(timings)
        errors += results.errors[kind]
    browse = [t for k, ts in results.timings.items() if k in BROWSE for t in ts]
    search = [t for k, ts in results.timings.items() if k in SEARCH for t in ts]
    summary = {
        "users": users, "duration_s": round(elapsed, 1), "gunicorn_workers": workers, "think_s": list(think),
        "requests": total, "errors": errors, "requests_per_s": round(total / elapsed, 1),
        "browse_p95_ms": round(_pct(browse, 0.95), 1) if browse else None,
        "search_p95_ms": round(_pct(search, 0.95), 1) if search else None,
        "db_connections_max": max(connections) if connections else None,
        "pages": rows, "error_samples": results.error_samples,
    }
    return summary


def _print(summary: dict) -> None:
    print(f"\n{summary['users']} users, {summary['duration_s']} s, {summary['gunicorn_workers']} gunicorn workers, "
          f"think {summary['think_s'][0]}-{summary['think_s'][1]} s")
    print(f"{'page':<22} {'requests':>9} {'errors':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'max ms':>8}")
    for kind, row in summary["pages"].items():
        print(f"{kind:<22} {row['requests']:>9} {row['errors']:>7} {row['p50_ms']:>8} {row['p95_ms']:>8} "
              f"{row['p99_ms']:>8} {row['max_ms']:>8}")
    print(f"total: {summary['requests']} requests, {summary['errors']} errors, {summary['requests_per_s']} req/s; "
          f"browse p95 {summary['browse_p95_ms']} ms, search p95 {summary['search_p95_ms']} ms; "
          f"max DB connections {summary['db_connections_max']}")
    for sample in summary["error_samples"]:
        print("  error:", sample)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command")
    sub.add_parser("prepare")
    runner = sub.add_parser("run")
    runner.add_argument("--users", type=int, default=30)
    runner.add_argument("--duration", type=float, default=120)
    runner.add_argument("--workers", type=int, default=5, help="gunicorn sync workers (default 2 x cores + 1)")
    runner.add_argument("--think", type=float, nargs=2, default=[0.5, 1.5], metavar=("MIN", "MAX"))
    runner.add_argument("--warmup", type=float, default=10, help="seconds of load not counted")
    runner.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    if args.command is None:
        # `make bench` runs every script without arguments; this one needs servers and minutes.
        parser.print_help()
        return
    if args.command == "prepare":
        prepare()
        return
    summary = run(args.users, args.duration, args.workers, tuple(args.think), args.warmup)
    _print(summary)
    if args.json:
        args.json.write_text(json.dumps(summary, indent=2))


if __name__ == "__main__":
    main()
