"""Fair benchmarks (issue 19): one function per part, each printing its figures.

    .venv/bin/python bench/fair.py allocation [--seeds 3]
    .venv/bin/python bench/fair.py directory [--requests 300]
    .venv/bin/python bench/fair.py            (every part)

- allocation: the stand allocator (`fairs.allocator`, pure, no database) on 260 stands in two
  halls (zones by craft, a third of the stands with water, half with power) and 260 applications
  (a zone wished by most, a neighbour by a quarter, a third kept apart from competitors): time,
  exhibitors placed, wishes met against the proven bound, and first come, first served.
- directory: the public exhibitor directory of a fair of 260 exhibitors (cooperatives with
  members, products with prices), requested through Django's test client against the database:
  median and p95 latency, queries per request, errors. Target p95 under 50 ms. The lists are
  cached (fairs.cache): each page is requested a few times first, so the figures are of warm
  pages (a cold render is printed apart), with the load average beside them.

Query counts are constant in data size: proven by fairs/tests/test_fair_site.py, not timed here.
Helper parts for visitors and scans are added as functions of their own (`PARTS`).
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import time
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
    from fairs.allocator import solve, violations

    print("## Stand allocation: 260 stands, 260 applications")
    print(
        "| seed | time (s) | placed | bound | wishes met | bound | asked | first come: placed | wishes | violations |"
    )
    print(
        "|-----:|---------:|-------:|------:|-----------:|------:|------:|-------------------:|-------:|-----------:|"
    )
    for seed in range(1, seeds + 1):
        problem = allocation_problem(seed)
        started = time.perf_counter()
        result = solve(problem)
        seconds = time.perf_counter() - started
        broken = len(violations(problem, result.plan))
        print(
            f"| {seed} | {seconds:.2f} | {result.placed} | {result.placed_bound} | {result.wishes_met} | {result.wishes_bound} | "
            f"{result.wishes_asked} | {result.greedy_placed} | {result.greedy_wishes_met} | {broken} |"
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
            for _ in range(requests // len(pages)):
                started = time.perf_counter()
                response = client.get(page)
                timings.append((time.perf_counter() - started) * 1000)
                errors += response.status_code != 200
            timings.sort()
            p95 = timings[int(len(timings) * 0.95) - 1]
            print(
                f"{page}: median {statistics.median(timings):.1f} ms, p95 {p95:.1f} ms, "
                f"{errors} errors, {len(timings)} requests"
            )
        print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    finally:
        runner.teardown_databases(old)


PARTS = {"allocation": allocation, "directory": directory}


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("part", nargs="?", choices=sorted(PARTS))
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument("--requests", type=int, default=300)
    args = parser.parse_args()
    for name in [args.part] if args.part else list(PARTS):
        if name == "allocation":
            allocation(args.seeds)
        elif name == "directory":
            directory(args.requests)
        else:
            PARTS[name]()
