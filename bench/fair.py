"""Fair benchmarks (issue 19): one function per part, each printing its figures.

    .venv/bin/python bench/fair.py allocation [--seeds 3]
    .venv/bin/python bench/fair.py directory [--requests 300]
    .venv/bin/python bench/fair.py pages [--requests 300]
    .venv/bin/python bench/fair.py scans [--scanners 20] [--scans 2000] [--per-minute 2000]
                                         [--replays 0.1] [--workers 3]
    .venv/bin/python bench/fair.py signups [--signups 300] [--concurrency 30] [--workers 3]
                                           (--signups 20000 for the issue's fair)
    .venv/bin/python bench/fair.py            (every part)

- allocation: the stand allocator (`fairs.allocator`, pure, no database) on 260 stands in two
  halls (zones by craft, a third of the stands with water, half with power) and 260 applications
  (a zone wished by most, a neighbour by a quarter, a third kept apart from competitors): time,
  exhibitors placed, wishes met against the bound (the lower of CP-SAT's and the assignment
  bound's; the assignment bound alone, which needs no CP-SAT, beside it), and first come, first
  served.
- directory: the public exhibitor directory of a fair of 260 exhibitors (cooperatives with
  members, products with prices), requested through Django's test client against the database:
  median and p95 latency, queries per request, errors. Target p95 under 50 ms. The lists are
  cached (fairs.cache): each page is requested a few times first, so the figures are of warm
  pages (a cold render is printed apart), with the load average beside them.
- pages: the same fair's other public pages: exhibitor pages (a cooperative with its members
  and products, stand, prices shown) and a guest country's delegation page (a tenth of the
  exhibitors), timed as the directory is.
- scans: check-in through gunicorn (sync workers, its own database `bench_fair_scans` on the
  server of DATABASE_URL, rebuilt each run) over HTTP, as the scanning page's phones send them:
  `--scanners` threads, each signed in as staff with a CSRF token, each scan one POST to the
  scans endpoint, paced so that together they send `--per-minute`, a share `--replays` sent
  again (a lost answer). Prints the client's median and p95 and gunicorn's own time per request
  (its access log), errors (anything but 200 and admitted), and whether every scan id was
  recorded exactly once. Target p95 under 100 ms, 0 errors.
- signups: visitors signing up through gunicorn (its own database `bench_fair_signups`, rebuilt
  each run): `--signups` phones, `--concurrency` at a time, each with its own cookies and CSRF
  token, open the public registration page, post it, confirm their address (the link of the
  confirmation mail, made from the visitor's id as the mail's is: the mail is rendered and kept
  in the outbox, its task left on a queue of its own, dropped after the run) and take a seat in
  one of `--sessions` sessions of `--seats` seats (most are waitlisted). Prints the client's
  median and p95 per step and gunicorn's for the registration page, errors, visitors
  registered, and how many sessions went over capacity (0 expected).

Query counts are constant in data size: proven by fairs/tests/test_fair_site.py, not timed here.
Helper parts for visitors and scans are added as functions of their own (`PARTS`).
"""

from __future__ import annotations

import contextlib
import os
import random
import statistics
import sys
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CRAFTS = 8
# Requests per page before timing: the cache filled, the process's code and templates loaded.
WARM_UP = 5


def allocation_problem(seed: int, stands: int = 260, applications: int = 260):
    from fairs.allocator import Application, Problem, Stand

    rng = random.Random(seed)
    built = []
    per_hall = stands // 2
    # Each hall: rows of 13 stands of 3 × 3 m, back to back in pairs of rows, aisles between.
    for hall in (1, 2):
        for i in range(per_hall):
            row, col = divmod(i, 13)
            y = row * 3 + (row // 2) * 4
            zone = hall * 100 + row // 2
            # Hall 1's zones are for crafts 1-4, hall 2's for 5-8; the last zone of each is open.
            zone_craft = (hall - 1) * 4 + row // 2 + 1 if row // 2 < 4 else None
            services = set()
            if rng.random() < 0.5:
                services.add("power")
            if rng.random() < 0.33:
                services.add("water")
            if rng.random() < 0.2:
                services.add("storage")
            width = rng.choice((3, 3, 3, 4.5))
            built.append(
                Stand(
                    id=len(built) + 1,
                    hall=hall,
                    x=col * 4.5,
                    y=y,
                    w=width,
                    h=3,
                    size=width * 3,
                    zone=zone,
                    zone_craft=zone_craft,
                    services=frozenset(services),
                )
            )
    zones = sorted({s.zone for s in built})
    craft_zone = {s.zone_craft: s.zone for s in built if s.zone_craft is not None}
    apps = []
    for e in range(1, applications + 1):
        craft = rng.randint(1, CRAFTS)
        wanted = set()
        if rng.random() < 0.3:
            wanted.add("power")
        if rng.random() < 0.1:
            wanted.add("water")
        apps.append(
            Application(
                exhibitor=e,
                crafts=frozenset({craft}),
                # Most wish their craft's zone, some another (the open one, or near a friend).
                zone=(craft_zone[craft] if rng.random() < 0.8 else rng.choice(zones))
                if rng.random() < 0.8
                else None,
                min_size=rng.choice((0, 0, 9, 12)),
                services=frozenset(wanted),
                next_to=rng.randint(1, applications) if rng.random() < 0.25 else None,
                apart=rng.random() < 0.33,
            )
        )
    return Problem(stands=built, applications=apps)


def allocation(seeds: int = 3) -> None:
    from fairs.allocator import assignment_bound, placed_weight, solve, violations

    print("## Stand allocation: 260 stands, 260 applications")
    print(
        "| seed | time (s) | placed | bound | wishes met | bound | asked | assignment bound: placed | wishes "
        "| first come: placed | wishes | violations |"
    )
    print(
        "|-----:|---------:|-------:|------:|-----------:|------:|------:|-------------------------:|-------:"
        "|-------------------:|-------:|-----------:|"
    )
    for seed in range(1, seeds + 1):
        problem = allocation_problem(seed)
        started = time.perf_counter()
        result = solve(problem)
        seconds = time.perf_counter() - started
        broken = len(violations(problem, result.plan))
        alone = assignment_bound(problem, per_placed=placed_weight(problem)) // placed_weight(problem)
        alone_wishes = assignment_bound(problem, per_placed=0)
        print(
            f"| {seed} | {seconds:.2f} | {result.placed} | {result.placed_bound} | {result.wishes_met} | {result.wishes_bound} | "
            f"{result.wishes_asked} | {alone} | {alone_wishes} | {result.greedy_placed} | {result.greedy_wishes_met} | {broken} |"
        )


def _django() -> None:
    os.environ["DEBUG"] = "0"
    os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-not-for-production-0123456789")
    os.environ["ALLOWED_HOSTS"] = "testserver"
    os.environ["SECURE_SSL_REDIRECT"] = "0"
    os.environ["LOG_LEVEL"] = "WARNING"
    # A prefix of its own per run: a new database reuses ids, so an older run's lists would match.
    os.environ["CACHE_KEY_PREFIX"] = f"craftmatch-bench-fair-{os.getpid()}-{time.time_ns()}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    import django

    from config import embedded

    embedded.ensure_started()
    django.setup()
    from django.conf import settings
    from django.test.utils import override_settings

    # A database of its own (never a test run's), and static files resolved from static/.
    settings.DATABASES["default"]["TEST"]["NAME"] = "bench_fair"
    # Hundreds of accounts are made: a fast hasher, as the test settings use.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    override_settings(
        STORAGES={
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        }
    ).enable()


def directory(requests: int = 300) -> None:
    """Build a fair in a throwaway test database, then time the directory pages."""
    _django()
    from django.test.runner import DiscoverRunner
    from django.test.utils import setup_test_environment

    from fairs.tests.factories import big_fair

    setup_test_environment()
    runner = DiscoverRunner(verbosity=0, interactive=False)
    old = runner.setup_databases()
    try:
        from django.test import Client

        program = big_fair(exhibitors=260, members=2, products=4)
        client = Client()
        pages = [
            f"/fairs/{program.slug}/",
            f"/fairs/{program.slug}/?by=craft",
            f"/fairs/{program.slug}/?by=region",
            f"/fairs/{program.slug}/?by=country",
            f"/fairs/{program.slug}/plan/",
        ]
        _time_pages(client, pages, requests)
    finally:
        runner.teardown_databases(old)


def _time_pages(client, pages: list[str], requests: int) -> None:
    for page in pages:
        started = time.perf_counter()
        client.get(page)
        cold = (time.perf_counter() - started) * 1000
        for _ in range(WARM_UP):
            client.get(page)
        print(f"{page}: first (cold) request {cold:.1f} ms")
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    for page in pages:
        timings, errors = [], 0
        for _ in range(max(requests // len(pages), 1)):
            started = time.perf_counter()
            response = client.get(page)
            timings.append((time.perf_counter() - started) * 1000)
            errors += response.status_code != 200
        timings.sort()
        p95 = timings[max(int(len(timings) * 0.95) - 1, 0)]
        print(
            f"{page}: median {statistics.median(timings):.1f} ms, p95 {p95:.1f} ms, "
            f"{errors} errors, {len(timings)} requests"
        )
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


def pages(requests: int = 300) -> None:
    """The exhibitor pages and a delegation's page of the directory's fair."""
    _django()
    from django.test.runner import DiscoverRunner
    from django.test.utils import setup_test_environment

    from fairs.tests.factories import big_fair

    setup_test_environment()
    runner = DiscoverRunner(verbosity=0, interactive=False)
    old = runner.setup_databases()
    try:
        from django.test import Client
        from django.urls import reverse

        from fairs.models import Delegation, Exhibitor

        program = big_fair(exhibitors=260, members=2, products=4)
        guests = Delegation.objects.create(
            program=program, country="SN", name="Senegal", slug="senegal", guest_of_honour=True
        )
        shown = list(Exhibitor.objects.filter(program=program).order_by("pk").select_related("artisan"))
        Exhibitor.objects.filter(pk__in=[e.pk for e in shown[::10]]).update(delegation=guests)
        urls = [reverse("fairs:exhibitor", args=[program.slug, e.artisan.slug]) for e in shown[::65][:4]]
        urls.append(reverse("fairs:delegation", args=[program.slug, guests.slug]))
        _time_pages(Client(), urls, requests)
    finally:
        runner.teardown_databases(old)


def _bench_database(name: str) -> str:
    """A fresh database `name` for a part; its URL (the server of DATABASE_URL, else the local one)."""
    import psycopg2

    server = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres").rsplit("/", 1)[0]
    conn = psycopg2.connect(f"{server}/postgres")
    conn.autocommit = True
    with conn.cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        cursor.execute(f"CREATE DATABASE {name}")
    conn.close()
    return f"{server}/{name}"


def _served_django(name: str, **extra: str) -> None:
    """Django set up on a fresh database `name`, migrated, with the environment gunicorn inherits."""
    os.environ.update(
        {
            "DATABASE_URL": _bench_database(name),
            "DEBUG": "0",
            "SECRET_KEY": os.environ.get("SECRET_KEY", "bench-only-secret-key-not-for-production-0123456789"),
            "ALLOWED_HOSTS": "127.0.0.1",
            "SECURE_SSL_REDIRECT": "0",
            "REQUIRE_STAFF_MFA": "0",
            "LOG_LEVEL": "WARNING",
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "CACHE_KEY_PREFIX": f"craftmatch-bench-{name}-{os.getpid()}",
            **extra,
        }
    )
    import django

    from config import embedded

    embedded.ensure_started()
    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


@contextlib.contextmanager
def _gunicorn(name: str, workers: int) -> Iterator[tuple[str, Path]]:
    """gunicorn (sync workers) on a free port until the block ends: its base URL and access log."""
    import subprocess
    import tempfile

    import requests

    port = 18000 + os.getpid() % 1000
    access = Path(tempfile.gettempdir()) / f"craftmatch-bench-{name}-{port}.log"
    errors_log = access.with_suffix(".err")
    server = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
        [sys.executable, "-m", "gunicorn", "config.wsgi", "--bind", f"127.0.0.1:{port}",
         "--workers", str(workers), "--backlog", "2048", "--timeout", "30",
         "--access-logfile", str(access), "--access-logformat", "%(D)s %(s)s %(U)s"],
        cwd=ROOT, env={**os.environ, "PYTHONUNBUFFERED": "1"}, stdout=errors_log.open("w"),
        stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            if server.poll() is not None:
                raise RuntimeError(f"gunicorn stopped: {errors_log.read_text()[-3000:]}")
            # Not listening yet: ask again in half a second.
            with contextlib.suppress(requests.RequestException):
                if requests.get(f"{base}/visitors/check-in-worker.js", timeout=10).status_code == 200:
                    break
            time.sleep(0.5)
        yield base, access
    finally:
        server.terminate()
        server.wait(20)


def _served_ms(access: Path, suffix: str) -> list[float]:
    """Gunicorn's own time per request (ms) for the paths ending with `suffix`, from its access log."""
    return [
        int(line.split()[0]) / 1000
        for line in access.read_text().splitlines()
        if line.strip().endswith(suffix)
    ]


def _load() -> str:
    return f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}"


def _together(calls: list) -> float:
    """Run the calls on threads of their own at once; the seconds until the last ended, the load
    average printed before and after."""
    import threading

    print(_load())
    started = time.perf_counter()
    threads = [threading.Thread(target=call) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    print(_load())
    return wall


def _scan_fair(passes: int):
    """A live fair with four gates and `passes` accepted visitors with passes; a staff user."""
    from datetime import date, timedelta

    from accounts.models import User
    from programs.models import Program
    from visitors import codes
    from visitors.models import Gate, Pass, Visitor
    from visitors.selectors import fair_days

    today = date.today()
    program = Program.objects.create(
        slug="bench-fair",
        name="Bench fair",
        organiser="Bench",
        kind=Program.Kind.TRADE_FAIR,
        status=Program.Status.OPEN_BUYERS,
        starts_on=today,
        ends_on=today + timedelta(days=3),
        time_zone="Africa/Casablanca",
    )
    gates = Gate.objects.bulk_create(Gate(program=program, name=f"Gate {n}") for n in range(1, 5))
    days = fair_days(program)
    visitors = Visitor.objects.bulk_create(
        Visitor(
            program=program,
            kind=Visitor.Kind.PUBLIC,
            status=Visitor.Status.ACCEPTED,
            full_name=f"Visitor {n}",
            email=f"visitor{n}@bench.example",
            days=days,
        )
        for n in range(passes)
    )
    made = Pass.objects.bulk_create(
        Pass(visitor=v, code=codes.new_random_part(), days=days) for v in visitors
    )
    staff = User.objects.create_user(
        email="staff@bench.example", password=None, full_name="Bench staff", role="staff"
    )
    User.objects.filter(pk=staff.pk).update(is_staff=True, is_superuser=True)
    staff.refresh_from_db()
    return program, [g.pk for g in gates], [codes.sign(p.code) for p in made], staff


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * len(ordered)) - 1))]


def scans(
    scanners: int = 20, total: int = 2000, per_minute: int = 2000, replays: float = 0.1, workers: int = 3
):
    """Check-in scans through gunicorn, paced as gates send them, with replays."""
    import json
    import threading
    import uuid

    import requests

    _served_django("bench_fair_scans")
    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    from visitors.models import Scan

    program, gates, signed, staff = _scan_fair(passes=total + 4 * workers)
    client = Client()
    client.force_login(staff)
    session = client.cookies["sessionid"].value
    connection.close()

    with _gunicorn("scans", workers) as (base, access):
        endpoint = f"{base}/visitors/{program.slug}/check-in/scans/"
        times: list[float] = []
        errors: list[str] = []
        sent: set[str] = set()
        lock = threading.Lock()
        each = total // scanners

        def scanner(n: int) -> None:
            rng = random.Random(n)
            http = requests.Session()
            token = uuid.uuid4().hex
            http.cookies.set("sessionid", session)
            http.cookies.set("csrftoken", token)
            http.headers.update({"X-CSRFToken": token, "Content-Type": "application/json"})
            # Each scanner's share of the minute, from a random offset.
            interval = 60 / (per_minute / scanners)
            next_at = time.perf_counter() + rng.random() * interval
            mine: list[dict] = []
            for i in range(each):
                time.sleep(max(0.0, next_at - time.perf_counter()))
                next_at += interval
                if mine and rng.random() < replays:
                    item = rng.choice(mine)
                else:
                    item = {
                        "id": str(uuid.uuid4()),
                        "code": signed[n * each + i],
                        "at": timezone.now().isoformat(),
                        "gate": gates[n % len(gates)],
                    }
                    mine.append(item)
                started = time.perf_counter()
                try:
                    response = http.post(endpoint, data=json.dumps({"scans": [item]}), timeout=30)
                    ok = response.status_code == 200 and response.json()["results"][0]["admitted"]
                    detail = f"{response.status_code} {response.text[:120]}"
                except requests.RequestException as error:
                    ok, detail = False, repr(error)
                elapsed = (time.perf_counter() - started) * 1000
                with lock:
                    times.append(elapsed)
                    sent.add(item["id"])
                    if not ok:
                        errors.append(detail)

        # A scan per worker and more first, of passes of their own: code loaded, connections made.
        warm = requests.Session()
        warm.cookies.set("sessionid", session)
        warm.cookies.set("csrftoken", "w" * 32)
        warm.headers.update({"X-CSRFToken": "w" * 32, "Content-Type": "application/json"})
        for code in signed[total:]:
            item = {"id": str(uuid.uuid4()), "code": code, "at": timezone.now().isoformat(), "gate": gates[0]}
            warm.post(endpoint, data=json.dumps({"scans": [item]}), timeout=30).raise_for_status()
        Scan.objects.filter(program=program).delete()
        connection.close()
        wall = _together([lambda n=n: scanner(n) for n in range(scanners)])
    served = _served_ms(access, "/check-in/scans/")
    recorded = Scan.objects.filter(program=program).count()
    print(
        f"scans ({scanners} scanners, {workers} gunicorn workers): {len(times)} requests in {wall:.1f} s "
        f"({len(times) / wall * 60:,.0f} a minute), {len(errors)} errors"
    )
    print(
        f"  client: median {statistics.median(times):.1f} ms, p95 {_percentile(times, 0.95):.1f} ms, "
        f"max {max(times):.1f} ms"
    )
    if served:
        print(
            f"  gunicorn: median {statistics.median(served):.1f} ms, p95 {_percentile(served, 0.95):.1f} ms "
            f"({len(served)} logged)"
        )
    print(
        f"  {len(sent)} scan ids sent, {recorded} recorded ({'each once' if recorded == len(sent) else 'MISMATCH'})"
    )
    for sample in errors[:5]:
        print(f"  error: {sample}")
    access.unlink(missing_ok=True)


def signups(clients: int = 300, concurrency: int = 30, workers: int = 3, sessions: int = 4, seats: int = 10):
    """Visitors signing up on the public registration page at once through gunicorn, then confirming
    and taking a seat in a session with few seats (so most are waitlisted)."""
    import threading
    import uuid
    from datetime import timedelta

    import redis
    import requests

    queue = f"bench-fair-signups-{os.getpid()}"
    # Any number of sign-ups from this one address; mail queued on a queue of its own, dropped after.
    _served_django(
        "bench_fair_signups", VISITOR_REGISTRATION_RATE_LIMIT="1000000/h", CELERY_TASK_DEFAULT_QUEUE=queue
    )
    from django.conf import settings
    from django.db import connection
    from django.db.models import Count, F, Q
    from django.utils import timezone

    from visitors.models import AgendaSession, Room, Seat, Visitor
    from visitors.services.registration import confirm_token

    program, _, _, _ = _scan_fair(passes=0)
    room = Room.objects.create(program=program, name="Room 1")
    start = timezone.now() + timedelta(days=1)
    agenda = AgendaSession.objects.bulk_create(
        AgendaSession(
            program=program,
            room=room,
            title=f"Session {n}",
            capacity=seats,
            starts_at=start + timedelta(hours=n),
            ends_at=start + timedelta(hours=n, minutes=50),
        )
        for n in range(sessions)
    )
    day = program.starts_on.isoformat()
    connection.close()
    times: dict[str, list[float]] = {"page": [], "sign-up": [], "confirm": [], "seat": []}
    errors: list[str] = []
    lock = threading.Lock()
    todo: Iterator[int] = iter(())  # client numbers; the negative ones warm the workers up, untimed

    def one(http: requests.Session, base: str, n: int) -> None:
        register = f"{base}/visitors/{program.slug}/register/"
        email = f"signup-{n}@bench.example" if n >= 0 else f"warm-up{-n}@bench.example"
        form = {
            "kind": "public",
            "full_name": f"Visitor {n}",
            "email": email,
            "language": "fr",
            "days": [day],
        }
        steps: list[tuple[str, float, bool, str]] = []

        def timed(name: str, call, ok) -> requests.Response | None:
            began = time.perf_counter()
            try:
                response = call()
                good, detail = ok(response), f"{name}: {response.status_code} {response.text[:120]}"
            except requests.RequestException as error:
                response, good, detail = None, False, f"{name}: {error!r}"
            steps.append((name, (time.perf_counter() - began) * 1000, good, detail))
            return response if good else None

        if timed("page", lambda: http.get(register, timeout=30), lambda r: r.status_code == 200) and timed(
            "sign-up", lambda: http.post(register, data=form, timeout=30), lambda r: r.status_code == 200
        ):
            # The link the confirmation mail carries (the mail itself is in the outbox, unsent).
            token = confirm_token(Visitor.objects.get(program=program, email=email))
            confirmed = timed(
                "confirm",
                lambda: http.post(f"{base}/visitors/confirm/{token}/", allow_redirects=False, timeout=30),
                lambda r: r.status_code == 302 and "/visitors/pass/" in r.headers.get("Location", ""),
            )
            if confirmed is not None:
                signed = confirmed.headers["Location"].rstrip("/").rsplit("/", 1)[1]
                session = agenda[n % len(agenda)]
                timed(
                    "seat",
                    lambda: http.post(
                        f"{base}/visitors/agenda/{session.public_id}/take/",
                        data={"pass": signed},
                        allow_redirects=False,
                        timeout=30,
                    ),
                    lambda r: r.status_code == 302,
                )
        if n < 0:
            return
        with lock:
            for name, ms, good, detail in steps:
                times[name].append(ms)
                if not good:
                    errors.append(detail)

    def client_loop(base: str) -> None:
        try:
            while True:
                with lock:
                    n = next(todo, None)
                if n is None:
                    return
                http = requests.Session()  # one phone: its own cookies and CSRF token
                token = uuid.uuid4().hex
                http.cookies.set("csrftoken", token)
                http.headers.update({"X-CSRFToken": token})
                one(http, base, n)
        finally:
            connection.close()

    with _gunicorn("signups", workers) as (base, access):
        # Warm-up: a few sign-ups of their own, one after the other (code loaded, connections made).
        todo = iter(range(-2 * workers, 0))
        client_loop(base)
        todo = iter(range(clients))
        Seat.objects.all().delete()
        connection.close()
        wall = _together([lambda: client_loop(base)] * min(concurrency, clients))
    redis.Redis.from_url(settings.CELERY_BROKER_URL).delete(queue)
    served = _served_ms(access, "/register/")
    registered = Visitor.objects.filter(program=program, email__startswith="signup-").count()
    held = Q(seats__status__in=[Seat.Status.CONFIRMED, Seat.Status.OFFERED])
    counted = AgendaSession.objects.filter(program=program).annotate(taken=Count("seats", filter=held))
    over = counted.filter(taken__gt=F("capacity")).count()
    waiting = Seat.objects.filter(session__program=program, status=Seat.Status.WAITING).count()
    print(
        f"sign-ups ({clients} visitors, {min(concurrency, clients)} at once, {workers} gunicorn workers): "
        f"{wall:.1f} s, {clients / wall * 60:,.0f} visitors a minute, {len(errors)} errors"
    )
    for name, values in times.items():
        if values:
            print(
                f"  {name} (client): median {statistics.median(values):.1f} ms, "
                f"p95 {_percentile(values, 0.95):.1f} ms ({len(values)})"
            )
    if served:
        print(
            f"  registration page (gunicorn): median {statistics.median(served):.1f} ms, "
            f"p95 {_percentile(served, 0.95):.1f} ms ({len(served)} logged)"
        )
    print(
        f"  {registered} visitors registered; {sessions} sessions of {seats} seats: {over} over capacity, "
        f"{waiting} on waitlists"
    )
    for sample in errors[:5]:
        print(f"  error: {sample}")
    access.unlink(missing_ok=True)


PARTS = {"allocation": allocation, "directory": directory, "pages": pages, "scans": scans, "signups": signups}


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("part", nargs="?", choices=sorted(PARTS))
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--scanners", type=int, default=20)
    parser.add_argument("--scans", type=int, default=2000)
    parser.add_argument("--per-minute", type=int, default=2000)
    parser.add_argument("--replays", type=float, default=0.1)
    parser.add_argument("--workers", type=int, default=3, help="gunicorn sync workers")
    parser.add_argument(
        "--signups", type=int, default=300, help="visitors signing up (20000: the issue's fair)"
    )
    parser.add_argument("--concurrency", type=int, default=30, help="sign-ups under way at once")
    parser.add_argument("--sessions", type=int, default=4)
    parser.add_argument("--seats", type=int, default=10, help="seats per session")
    args = parser.parse_args()
    for name in [args.part] if args.part else list(PARTS):
        if name == "allocation":
            allocation(args.seeds)
        elif name in ("directory", "pages"):
            PARTS[name](args.requests)
        elif name == "scans":
            scans(args.scanners, args.scans, args.per_minute, args.replays, args.workers)
        elif name == "signups":
            signups(args.signups, args.concurrency, args.workers, args.sessions, args.seats)
        else:
            PARTS[name]()
