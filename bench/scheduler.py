"""Matchmaking benchmark: the scheduler at fair scale, then recommendations at catalog scale.

    .venv/bin/python bench/scheduler.py                 # both parts
    .venv/bin/python bench/scheduler.py --skip-recommendations
    .venv/bin/python bench/scheduler.py --seeds 5       # the scheduler on five instances

The scheduler part is pure Python (no database): 300 artisans, 1,000 buyers, 16 slots, 5,000
weighted preferences, a tenth of the pairs without a shared language and 8 interpreters, some
people away for part of the day, per-person limits and 200 tables. It prints the solve time,
the plan's value, CP-SAT's upper bound, the gap and the first-come greedy value.

The recommendations part scores 5,000 artisans against 1,000 buyers with the same code the
worker runs (matchmaking.scoring), from in-memory profiles, and times it; writing the rows is
timed separately on a sample with bulk_create in the bench database.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

from matchmaking.scheduler import Interpreter, Pair, Problem, solve, violations  # noqa: E402

LANGUAGES = ["en", "es", "fr", "ar"]


def fair_instance(seed: int = 1, *, artisans: int = 300, buyers: int = 1000, slots: int = 16,
                  preferences: int = 5000, interpreters: int = 8) -> Problem:
    rng = random.Random(seed)
    artisan_languages = {}
    for a in range(artisans):
        # Most exhibitors have someone who speaks English; the others need an interpreter.
        local = rng.sample(["es", "fr", "ar"], rng.choice([1, 2]))
        artisan_languages[a] = frozenset(local + (["en"] if rng.random() < 0.85 else []))
    buyer_languages = {}
    for b in range(buyers):
        buyer_languages[b] = frozenset(["en"] if rng.random() < 0.7 else rng.sample(LANGUAGES, 2))
    available = {}
    for a in range(artisans):
        # Most exhibitors stay all day; some leave early or come late.
        start, end = (0, slots) if rng.random() < 0.7 else sorted(rng.sample(range(slots + 1), 2))
        available[("a", a)] = frozenset(range(min(start, slots - 4), min(max(end, start + 4), slots)))
    for b in range(buyers):
        start, end = (0, slots) if rng.random() < 0.5 else sorted(rng.sample(range(slots + 1), 2))
        available[("b", b)] = frozenset(range(min(start, slots - 3), min(max(end, start + 3), slots)))
    # Popular artisans attract more requests, as at a real fair.
    popularity = [rng.paretovariate(1.5) for _ in range(artisans)]
    seen = set()
    pairs = []
    while len(pairs) < preferences:
        a = rng.choices(range(artisans), weights=popularity)[0]
        b = rng.randrange(buyers)
        if (a, b) in seen:
            continue
        seen.add((a, b))
        weight = rng.choice([2, 3]) + rng.choice([0, 0, 2, 3])
        pairs.append(Pair(a, b, weight, artisan_languages[a], buyer_languages[b]))
    pool = [
        Interpreter(i, frozenset(rng.sample(LANGUAGES, 2)) | {"en"}, frozenset(range(slots)))
        for i in range(interpreters)
    ]
    limits = {("a", a): 12 for a in range(artisans)}
    limits.update({("b", b): 8 for b in range(buyers)})
    return Problem(n_slots=slots, pairs=pairs, available=available, limits=limits, tables=200,
                   interpreters=pool)


def bench_scheduler(seeds: int, time_limit: float) -> None:
    print("Scheduler: 300 artisans, 1,000 buyers, 16 slots, 5,000 preferences, 8 interpreters, 200 tables")
    print(f"{'seed':>4} {'build+solve s':>13} {'value':>7} {'bound':>7} {'gap %':>6} {'greedy':>7} {'vs greedy %':>11}  status")
    for seed in range(1, seeds + 1):
        problem = fair_instance(seed)
        result = solve(problem, time_limit=time_limit)
        broken = violations(problem, result.assignments)
        assert not broken, broken[:5]
        assert result.value >= result.greedy_value
        gain = 100 * (result.value - result.greedy_value) / max(result.greedy_value, 1)
        print(
            f"{seed:>4} {result.seconds:>13.2f} {result.value:>7} {result.bound:>7} {100 * result.gap:>6.2f} "
            f"{result.greedy_value:>7} {gain:>11.1f}  {result.status}"
        )


def bench_recommendations() -> None:
    from matchmaking.scoring import ArtisanFacts, BuyerFacts, Weights, rank_for_buyers

    rng = random.Random(7)
    crafts = list(range(1, 31))
    materials = ["clay", "wool", "silver", "leather", "cedar", "glass", "cotton", "brass", "esparto", "copper"]
    zones = ["Europe/Madrid", "Africa/Casablanca", "Europe/Paris"]
    buyer_zones = ["America/New_York", "America/Los_Angeles", "Europe/London", "Asia/Tokyo"]
    artisans = [
        ArtisanFacts(
            id=i, crafts=frozenset(rng.sample(crafts, 2)), materials=frozenset(rng.sample(materials, 2)),
            price_min_usd=rng.uniform(5, 40), price_max_usd=rng.uniform(40, 200),
            min_order_qty=rng.choice([6, 12, 24, 50, 100]), monthly_capacity=rng.choice([None, 100, 500, 2000]),
            lead_time_days=rng.choice([14, 30, 45, 60, 90]), languages=frozenset(rng.sample(LANGUAGES, 2)),
            time_zone=rng.choice(zones), exported_before=rng.random() < 0.4,
        )
        for i in range(5000)
    ]
    buyers = [
        BuyerFacts(
            id=i, crafts=frozenset(rng.sample(crafts, 3)), materials=frozenset(rng.sample(materials, 2)),
            price_min_usd=rng.choice([None, 10.0]), price_max_usd=rng.choice([None, 60.0, 120.0]),
            typical_order_qty=rng.choice([None, 20, 50, 200]), languages=frozenset(["en"]),
            time_zone=rng.choice(buyer_zones), lead_time_days=None,
        )
        for i in range(1000)
    ]
    started = time.perf_counter()
    rows = 0
    for _buyer, ranked in rank_for_buyers(artisans, buyers, Weights(), keep=20):
        rows += len(ranked)
    seconds = time.perf_counter() - started
    print(f"Recommendations: 5,000 artisans x 1,000 buyers = 5,000,000 pairs scored in {seconds:.1f} s; "
          f"{rows:,} kept (top 20 per buyer and per artisan)")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument("--time-limit", type=float, default=4.5)
    parser.add_argument("--skip-recommendations", action="store_true")
    args = parser.parse_args()
    bench_scheduler(args.seeds, args.time_limit)
    if not args.skip_recommendations:
        bench_recommendations()
