"""The allocator never breaks a rule, never does worse than first come, first served, and its
bounds hold (checked against brute force on small fairs)."""

from __future__ import annotations

import importlib.util
import itertools
from collections.abc import Iterator
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from fairs.allocator import (
    Application,
    Problem,
    Stand,
    adjacency,
    assignment_bound,
    greedy,
    placed_weight,
    score,
    solve,
    violations,
    wishes_met,
)


def row(
    count: int,
    *,
    hall: int = 1,
    zone: int | None = None,
    zone_craft: int | None = None,
    services: frozenset[str] = frozenset(),
    start: int = 1,
) -> list[Stand]:
    return [
        Stand(
            id=start + i,
            hall=hall,
            x=3.0 * i,
            y=0,
            w=3,
            h=3,
            size=9,
            zone=zone,
            zone_craft=zone_craft,
            services=services,
        )
        for i in range(count)
    ]


def test_stands_sharing_a_wall_are_neighbours_corners_and_other_halls_are_not():
    a = Stand(id=1, hall=1, x=0, y=0, w=3, h=3, size=9)
    b = Stand(id=2, hall=1, x=3, y=0, w=3, h=3, size=9)
    corner = Stand(id=3, hall=1, x=6, y=3, w=3, h=3, size=9)
    below = Stand(id=4, hall=1, x=0, y=3, w=3, h=3, size=9)
    elsewhere = Stand(id=5, hall=2, x=3, y=0, w=3, h=3, size=9)
    found = adjacency([a, b, corner, below, elsewhere])
    assert found[1] == {2, 4}
    assert found[2] == {1}
    assert found[3] == frozenset()
    assert found[5] == frozenset()


def test_competitors_who_asked_are_kept_apart_and_a_craft_zone_takes_only_its_craft():
    stands = row(3, zone=1, zone_craft=7) + row(2, start=4, hall=2)
    apps = [
        Application(exhibitor=1, crafts=frozenset({7}), apart=True),
        Application(exhibitor=2, crafts=frozenset({7})),
        Application(exhibitor=3, crafts=frozenset({8})),
    ]
    result = solve(Problem(stands=stands, applications=apps), time_limit=2)
    assert violations(Problem(stands=stands, applications=apps), result.plan) == []
    assert result.placed == 3
    assert result.plan[3] in {4, 5}  # craft 8 is not placed in craft 7's zone
    assert abs(result.plan[1] - result.plan[2]) > 1 or {result.plan[1], result.plan[2]} & {4, 5}


def test_a_move_breaking_a_rule_is_named():
    stands = row(2) + [Stand(id=9, hall=1, x=0, y=10, w=1, h=1, size=1)]
    apps = [
        Application(exhibitor=1, crafts=frozenset({1}), apart=True, min_size=4),
        Application(exhibitor=2, crafts=frozenset({1}), services=frozenset({"water"})),
    ]
    problem = Problem(stands=stands, applications=apps)
    kinds = {v.kind for v in violations(problem, {1: 1, 2: 2})}
    assert kinds == {"competitor", "services"}
    assert {v.kind for v in violations(problem, {1: 9})} == {"size"}
    assert {v.kind for v in violations(problem, {1: 1, 2: 1})} == {"shared"}


def test_solver_beats_first_come_first_served_where_order_misleads_it():
    # The first applicant takes the only stand with water although it does not need it.
    stands = [
        Stand(id=1, hall=1, x=0, y=0, w=3, h=3, size=9, services=frozenset({"water"})),
        Stand(id=2, hall=1, x=10, y=0, w=3, h=3, size=9),
    ]
    apps = [Application(exhibitor=1), Application(exhibitor=2, services=frozenset({"water"}))]
    problem = Problem(stands=stands, applications=apps)
    assert len(greedy(problem)) == 1
    result = solve(problem, time_limit=2)
    assert result.placed == 2 and result.greedy_placed == 1 and result.placed_bound == 2


@st.composite
def fairs(draw, max_stands: int = 6, max_apps: int = 5):
    n_stands = draw(st.integers(1, max_stands))
    stands = []
    for i in range(n_stands):
        stands.append(
            Stand(
                id=i + 1,
                hall=draw(st.integers(1, 2)),
                x=3.0 * draw(st.integers(0, 3)),
                y=3.0 * draw(st.integers(0, 1)),
                w=3,
                h=3,
                size=draw(st.sampled_from([4.0, 9.0, 12.0])),
                zone=draw(st.sampled_from([None, 1, 2])),
                zone_craft=draw(st.sampled_from([None, None, 1])),
                services=frozenset(draw(st.sets(st.sampled_from(["power", "water"])))),
            )
        )
    n_apps = draw(st.integers(0, max_apps))
    apps = []
    for e in range(1, n_apps + 1):
        apps.append(
            Application(
                exhibitor=e,
                crafts=frozenset(draw(st.sets(st.integers(1, 2), min_size=1, max_size=2))),
                zone=draw(st.sampled_from([None, 1, 2])),
                min_size=draw(st.sampled_from([0.0, 9.0])),
                services=frozenset(draw(st.sets(st.sampled_from(["power", "water"]), max_size=1))),
                next_to=draw(st.sampled_from([None, *range(1, n_apps + 1)])) if n_apps > 1 else None,
                apart=draw(st.booleans()),
            )
        )
    # Overlapping stands make no sense on a plan: keep one per position and hall.
    seen, kept = set(), []
    for stand in stands:
        if (stand.hall, stand.x, stand.y) not in seen:
            seen.add((stand.hall, stand.x, stand.y))
            kept.append(stand)
    return Problem(stands=kept, applications=[a for a in apps if a.next_to != a.exhibitor])


def valid_plans(problem: Problem) -> Iterator[dict[int, int]]:
    options = [None, *(s.id for s in problem.stands)]
    for choice in itertools.product(options, repeat=len(problem.applications)):
        plan = {a.exhibitor: s for a, s in zip(problem.applications, choice, strict=True) if s is not None}
        if len(set(plan.values())) == len(plan) and not violations(problem, plan):
            yield plan


def brute_force(problem: Problem) -> int:
    return max(score(problem, plan) for plan in valid_plans(problem))


@settings(max_examples=60, deadline=None, derandomize=True)
@given(fairs())
def test_the_plan_breaks_no_rule_and_meets_at_least_first_come_first_served(problem):
    result = solve(problem, time_limit=2, workers=1)
    assert violations(problem, result.plan) == []
    first_come = greedy(problem)
    assert violations(problem, first_come) == []
    assert score(problem, result.plan) >= score(problem, first_come)
    assert result.placed >= result.greedy_placed or score(problem, result.plan) > score(problem, first_come)
    assert result.wishes_met == wishes_met(problem, result.plan) <= result.wishes_bound <= result.wishes_asked
    assert result.placed <= result.placed_bound
    assert assignment_bound(problem, per_placed=placed_weight(problem)) >= score(problem, result.plan)
    assert assignment_bound(problem, per_placed=0) >= result.wishes_met


@settings(max_examples=30, deadline=None, derandomize=True)
@given(fairs(max_stands=4, max_apps=4))
def test_small_fairs_are_solved_to_the_optimum(problem):
    result = solve(problem, time_limit=2, workers=1)
    assert score(problem, result.plan) == brute_force(problem)


@settings(max_examples=30, deadline=None, derandomize=True)
@given(fairs(max_stands=4, max_apps=4))
def test_the_bounds_are_never_below_what_the_best_plan_meets(problem):
    result = solve(problem, time_limit=2, workers=1)
    plans = list(valid_plans(problem))
    assert result.placed_bound >= max(len(plan) for plan in plans)
    as_many = [wishes_met(problem, plan) for plan in plans if len(plan) >= result.placed]
    assert result.wishes_bound >= max(as_many)
    assert assignment_bound(problem, per_placed=placed_weight(problem)) >= brute_force(problem)
    assert assignment_bound(problem, per_placed=0) >= max(wishes_met(problem, plan) for plan in plans)


def test_the_assignment_bound_keeps_fixed_stands_and_counts_a_neighbour_wish_only_where_possible():
    stands = row(2) + row(1, hall=2, start=3)
    apps = [
        Application(exhibitor=1, next_to=2),
        Application(exhibitor=2, next_to=1),
        Application(exhibitor=3, zone=5),
    ]
    # 1 holds stand 3 alone in hall 2: neither "next to" can be met, zone 5 does not exist.
    problem = Problem(stands=stands, applications=apps, fixed={1: 3})
    assert assignment_bound(problem, per_placed=0) == 0
    assert assignment_bound(problem, per_placed=placed_weight(problem)) == 3 * placed_weight(problem)
    result = solve(problem, time_limit=1, workers=1)
    assert result.status == "OPTIMAL" and result.wishes_bound == 0 and result.placed_bound == 3


def _bench_fair():
    path = Path(__file__).resolve().parents[2] / "bench" / "fair.py"
    spec = importlib.util.spec_from_file_location("bench_fair", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_on_the_bench_fair_the_bound_is_well_below_everything_asked_even_when_cp_sat_is_cut_short():
    problem = _bench_fair().allocation_problem(1)
    result = solve(problem, time_limit=0.5, workers=1)
    assert violations(problem, result.plan) == []
    assert result.wishes_met <= result.wishes_bound < 0.8 * result.wishes_asked
    assert result.placed <= result.placed_bound < len(problem.applications)
