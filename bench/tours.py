"""Workshop tour planner: 3 days, 40 candidate workshops, 2 vehicles, 6 buyers.

    .venv/bin/python bench/tours.py --seeds 5 [--seconds 5]

Prints, per seed, the solve time, the plan's value, the nearest-neighbour baseline's and how
many stops each makes. Values are matchmaking scores × 100 summed over the buyers on board.
"""

from __future__ import annotations

import argparse
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from tours import planner  # noqa: E402

FEZ = planner.Point(34.0617, -4.9732)


def instance(
    seed: int, *, days: int = 3, stops: int = 40, vehicles: int = 2, buyers: int = 6
) -> planner.Problem:
    rng = random.Random(seed)
    tour_days = tuple(planner.Day(d, 9 * 60, 18 * 60, ((13 * 60, 14 * 60),)) for d in range(days))
    candidates = []
    for s in range(1, stops + 1):
        point = planner.Point(FEZ.lat + rng.uniform(-0.04, 0.04), FEZ.lon + rng.uniform(-0.05, 0.05))
        opening = {}
        for d in range(days):
            if rng.random() < 0.15:
                continue  # closed that day
            morning = (rng.choice([8, 9, 10]) * 60, rng.choice([12, 13]) * 60)
            afternoon = (rng.choice([14, 15]) * 60, rng.choice([17, 18, 19]) * 60)
            opening[d] = (morning, afternoon) if rng.random() < 0.7 else ((morning[0], afternoon[1]),)
        candidates.append(
            planner.Stop(
                s, point, rng.choice([45, 60, 60, 75, 90]), opening, group=f"coop-{rng.randrange(12)}"
            )
        )
    vehicle_ids = tuple(range(1, vehicles + 1))
    # Buyers ride one vehicle; one or two arrive on the second day or leave before the last.
    riders = {b: vehicle_ids[b % vehicles] for b in range(buyers)}
    present = {b: set(range(days)) for b in range(buyers)}
    present[0].discard(0)
    present[buyers - 1].discard(days - 1)
    score = {(b, s.id): rng.choice([0, rng.uniform(20, 95)]) for b in range(buyers) for s in candidates}
    values = {}
    for s in candidates:
        for d in range(days):
            for v in vehicle_ids:
                total = sum(score[(b, s.id)] for b in range(buyers) if riders[b] == v and d in present[b])
                if total > 0:
                    values[(s.id, d, v)] = round(total * 100)
    return planner.Problem(
        tour_days, vehicle_ids, tuple(candidates), FEZ, values, speed_kmh=20.0, group_cap=3
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument("--seconds", type=float, default=5.0)
    args = parser.parse_args()
    print("| seed | time (s) | value | baseline | plan vs baseline | stops (plan / baseline) | method |")
    print("|-----:|---------:|------:|---------:|-----------------:|------------------------:|--------|")
    for seed in range(1, args.seeds + 1):
        problem = instance(seed)
        solution = planner.plan(problem, seconds=args.seconds)
        assert not planner.violations(problem, solution.routes), planner.violations(problem, solution.routes)
        base = planner.nearest_neighbour(problem)
        gain = (solution.value - solution.baseline_value) / solution.baseline_value * 100
        print(
            f"| {seed} | {solution.seconds:.2f} | {solution.value:,} | {solution.baseline_value:,} | {gain:+.1f} % "
            f"| {sum(len(r.visits) for r in solution.routes)} / {sum(len(r.visits) for r in base)} | {solution.method} |"
        )


if __name__ == "__main__":
    main()
