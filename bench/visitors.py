"""Visitors benchmark (issue 19): registration of many visitors, check-in scans with replays, seats.

    .venv/bin/python bench/visitors.py                 # every part
    .venv/bin/python bench/visitors.py import          # 20,000 visitors and passes as a bulk import
    .venv/bin/python bench/visitors.py signups         # concurrent sign-ups through the whole stack
    .venv/bin/python bench/visitors.py scans           # 20 scanners, 2,000 scans, a tenth replayed
    .venv/bin/python bench/visitors.py seats           # 40 sessions, seats taken by 20 threads at once

Data go into their own database, `craftmatch_bench_visitors` (on the server of DATABASE_URL when
set, else on the embedded PostgreSQL), rebuilt by each run. Requests go through django.test.Client
(middleware, sessions, CSRF off as for any test client, templates), DEBUG off, one thread and one
database connection per client; mail is rendered and recorded in the outbox, then delivered to
memory (eager tasks, locmem backend). Prints median and p95 latency, errors, and the invariants:
every scan id counted once, no session over its seats. The query counts of the agenda and counts
pages are constant in data size (visitors/tests/test_visitor_views.py), not timed here.
Targets (issue 19): scans p95 under 100 ms, 0 errors, 0 seats over capacity.
"""

from __future__ import annotations

import json
import os
import random
import statistics
import sys
import threading
import time
import uuid
from datetime import date, timedelta
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

BENCH_DB = "craftmatch_bench_visitors"
VISITORS, SCANNERS, SCANS, REPLAYS, SIGNUP_THREADS, SIGNUPS_EACH = 20_000, 20, 2_000, 0.1, 10, 30
SESSIONS, SEATS, SEAT_THREADS, SEAT_TRIES = 40, 50, 20, 150

os.environ["DEBUG"] = "0"
os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-not-for-production-0123456789")
os.environ["ALLOWED_HOSTS"] = "testserver"
os.environ["SECURE_SSL_REDIRECT"] = "0"
os.environ["REQUIRE_STAFF_MFA"] = "0"
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
os.environ["LOG_LEVEL"] = "WARNING"
os.environ["CACHE_KEY_PREFIX"] = "craftmatch-bench-visitors"
os.environ["CELERY_TASK_ALWAYS_EAGER"] = "1"
os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"
if os.environ.get("DATABASE_URL"):
    os.environ["DATABASE_URL"] = f"{os.environ['DATABASE_URL'].rsplit('/', 1)[0]}/{BENCH_DB}"
else:
    os.environ["DATABASE_NAME"] = BENCH_DB

import django  # noqa: E402

from config import embedded  # noqa: E402

embedded.ensure_started()


def _create_database() -> None:
    import psycopg2
    from django.conf import settings

    db = settings.DATABASES["default"]
    conn = psycopg2.connect(
        dbname="postgres",
        user=db.get("USER") or "postgres",
        password=db.get("PASSWORD") or None,
        host=db.get("HOST") or None,
        port=db.get("PORT") or None,
    )
    conn.autocommit = True
    with conn.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [BENCH_DB])
        if cursor.fetchone() is None:
            cursor.execute(f"CREATE DATABASE {BENCH_DB}")
    conn.close()


def _fair():
    from django.core.management import call_command

    from programs.models import Program
    from visitors.models import Gate, Room

    call_command("migrate", verbosity=0)
    Program.objects.filter(slug="bench-fair").delete()
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
    Gate.objects.bulk_create(Gate(program=program, name=f"Gate {n}") for n in range(1, 5))
    Room.objects.bulk_create(Room(program=program, name=f"Room {n}") for n in range(1, 5))
    return program


def _staff():
    from django.contrib.auth.hashers import make_password

    from accounts.models import User

    user, _ = User.objects.get_or_create(
        email="staff@bench.example",
        defaults={
            "full_name": "Bench staff",
            "role": "staff",
            "is_staff": True,
            "is_superuser": True,
            "password": make_password(None),
        },
    )
    return user


def _report(label: str, times: list[float], errors: int, extra: str = "") -> None:
    p95 = statistics.quantiles(times, n=20)[-1] if len(times) >= 20 else max(times)
    print(
        f"{label:<34} n {len(times):6d}   median {statistics.median(times):7.1f} ms   p95 {p95:7.1f} ms   "
        f"errors {errors}{('   ' + extra) if extra else ''}"
    )


def _threads(count: int, work) -> None:
    from django.db import connection

    def run(n: int) -> None:
        try:
            work(n)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def part_import(program=None) -> None:
    """20,000 visitors and their passes written as one bulk import (a CSV from a partner, say)."""
    from visitors import codes
    from visitors.models import Pass, Visitor
    from visitors.selectors import fair_days

    program = program or _fair()
    days = fair_days(program)
    started = time.perf_counter()
    visitors = Visitor.objects.bulk_create(
        (
            Visitor(
                program=program,
                kind=Visitor.Kind.PUBLIC if n % 10 else Visitor.Kind.TRADE,
                status=Visitor.Status.ACCEPTED,
                full_name=f"Visitor {n}",
                email=f"visitor{n}@bench.example",
                days=days,
            )
            for n in range(VISITORS)
        ),
        batch_size=2_000,
    )
    Pass.objects.bulk_create(
        (Pass(visitor=v, code=codes.new_random_part(), days=days) for v in visitors), batch_size=2_000
    )
    elapsed = time.perf_counter() - started
    print(
        f"{'bulk import':<34} {VISITORS:,} visitors and passes in {elapsed:.1f} s "
        f"({VISITORS / elapsed:,.0f} per second)"
    )


def part_signups(program=None) -> None:
    """Visitors registering at once through the registration page (form, rate limit, service, mail)."""
    from django.test import Client
    from django.test.utils import override_settings

    from visitors.models import Visitor

    program = program or _fair()
    times: list[float] = []
    errors = [0]
    lock = threading.Lock()
    url = f"/visitors/{program.slug}/register/"

    def work(n: int) -> None:
        client = Client()
        for i in range(SIGNUPS_EACH):
            data = {
                "kind": "public",
                "full_name": f"Signup {n}-{i}",
                "email": f"signup-{n}-{i}@bench.example",
                "language": "fr",
                "days": [program.starts_on.isoformat()],
            }
            started = time.perf_counter()
            response = client.post(url, data)
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                times.append(elapsed)
                errors[0] += response.status_code != 200

    with override_settings(VISITOR_REGISTRATION_RATE_LIMIT="100000/h"):
        started = time.perf_counter()
        _threads(SIGNUP_THREADS, work)
        wall = time.perf_counter() - started
    made = Visitor.objects.filter(program=program, email__startswith="signup-").count()
    _report(
        f"sign-ups ({SIGNUP_THREADS} at once)",
        times,
        errors[0],
        f"{made} registered, {len(times) / wall * 60:,.0f} per minute",
    )


def part_scans(program=None) -> None:
    """20 scanners sending 2,000 scans in a minute (one per request, as a phone online does), a tenth sent again."""
    from django.test import Client
    from django.utils import timezone

    from visitors import codes
    from visitors.models import Gate, Pass, Scan

    program = program or _fair()
    if not Pass.objects.filter(visitor__program=program).exists():
        part_import(program)
    staff = _staff()
    gates = list(Gate.objects.filter(program=program).values_list("pk", flat=True))
    signed = [
        codes.sign(code)
        for code in Pass.objects.filter(visitor__program=program).values_list("code", flat=True)[:SCANS]
    ]
    url = f"/visitors/{program.slug}/check-in/scans/"
    per_scanner = SCANS // SCANNERS
    times: list[float] = []
    errors = [0]
    sent_ids: set[str] = set()
    lock = threading.Lock()

    def work(n: int) -> None:
        rng = random.Random(n)
        client = Client()
        client.force_login(staff)
        mine: list[dict] = []
        # Paced as a gate is: each scanner one scan every 60 / (SCANS / SCANNERS) seconds, started
        # at a random offset, so the twenty together send SCANS a minute.
        interval = 60 / per_scanner
        next_at = time.perf_counter() + rng.random() * interval
        for i in range(per_scanner):
            time.sleep(max(0.0, next_at - time.perf_counter()))
            next_at += interval
            if mine and rng.random() < REPLAYS:
                item = rng.choice(mine)  # a replay: the same scan again, after a lost answer
            else:
                item = {
                    "id": str(uuid.uuid4()),
                    "code": signed[(n * per_scanner + i) % len(signed)],
                    "at": timezone.now().isoformat(),
                    "gate": gates[n % len(gates)],
                }
                mine.append(item)
            started = time.perf_counter()
            response = client.post(url, json.dumps({"scans": [item]}), content_type="application/json")
            elapsed = (time.perf_counter() - started) * 1000
            ok = response.status_code == 200 and response.json()["results"][0]["admitted"]
            with lock:
                times.append(elapsed)
                errors[0] += not ok
                sent_ids.add(item["id"])

    Scan.objects.filter(program=program).delete()
    started = time.perf_counter()
    _threads(SCANNERS, work)
    wall = time.perf_counter() - started
    recorded = Scan.objects.filter(program=program).count()
    _report(
        f"scans ({SCANNERS} scanners)",
        times,
        errors[0],
        f"{len(times) / wall * 60:,.0f} scans per minute; {len(sent_ids)} ids sent, {recorded} recorded"
        f" ({'each once' if recorded == len(sent_ids) else 'MISMATCH'})",
    )


def part_seats(program=None) -> None:
    """40 sessions of 50 seats; 20 threads take seats for random visitors at once (with waitlists)."""
    from django.db.models import Count, Q
    from django.utils import timezone

    from visitors import services
    from visitors.models import AgendaSession, Room, Seat, Visitor

    program = program or _fair()
    if not Visitor.objects.filter(program=program).exists():
        part_import(program)
    rooms = list(Room.objects.filter(program=program))
    start = timezone.now() + timedelta(days=1)
    sessions = AgendaSession.objects.bulk_create(
        AgendaSession(
            program=program,
            room=rooms[n % len(rooms)],
            title=f"Session {n}",
            capacity=SEATS,
            starts_at=start + timedelta(hours=n),
            ends_at=start + timedelta(hours=n, minutes=50),
        )
        for n in range(SESSIONS)
    )
    visitor_ids = list(Visitor.objects.filter(program=program).values_list("pk", flat=True)[:5_000])
    times: list[float] = []
    errors = [0]
    lock = threading.Lock()

    def work(n: int) -> None:
        rng = random.Random(100 + n)
        for _ in range(SEAT_TRIES):
            session = rng.choice(sessions)
            visitor = Visitor(pk=rng.choice(visitor_ids))
            started = time.perf_counter()
            try:
                services.seat_take(session=session, person=services.Person(visitor=visitor))
            except services.Refused:
                pass  # already registered there, or a seat at that time: refused as it should be
            except Exception:  # noqa: BLE001 (counted and reported)
                with lock:
                    errors[0] += 1
            with lock:
                times.append((time.perf_counter() - started) * 1000)

    _threads(SEAT_THREADS, work)
    over = (
        AgendaSession.objects.filter(pk__in=[s.pk for s in sessions])
        .annotate(
            taken=Count("seats", filter=Q(seats__status__in=[Seat.Status.CONFIRMED, Seat.Status.OFFERED]))
        )
        .filter(taken__gt=SEATS)
        .count()
    )
    waiting = Seat.objects.filter(session__in=sessions, status=Seat.Status.WAITING).count()
    _report(
        f"seat_take ({SEAT_THREADS} threads)",
        times,
        errors[0],
        f"{over} sessions over capacity, {waiting} places on waitlists",
    )


PARTS = {"import": part_import, "signups": part_signups, "scans": part_scans, "seats": part_seats}


def main() -> None:
    wanted = sys.argv[1:] or list(PARTS)
    django.setup()
    from django.conf import settings
    from django.test.utils import override_settings

    override_settings(
        STORAGES={
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        }
    ).enable()
    _create_database()
    program = _fair()
    for name in wanted:
        PARTS[name](program)


if __name__ == "__main__":
    main()
