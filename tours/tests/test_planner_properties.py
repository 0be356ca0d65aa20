"""The planner's routes keep every rule, and are never worth less than the nearest-neighbour plan."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tours import planner

BASE = planner.Point(31.63, -8.0)


@st.composite
def problems(draw: st.DrawFn) -> planner.Problem:
    n_days = draw(st.integers(1, 2))
    vehicles = tuple(range(1, draw(st.integers(1, 2)) + 1))
    days = []
    for d in range(n_days):
        start = draw(st.integers(7, 10)) * 60
        end = start + draw(st.integers(5, 10)) * 60
        lunch = draw(st.sampled_from([None, 12 * 60, 13 * 60]))
        breaks = (
            ((lunch, lunch + draw(st.sampled_from([30, 60]))),) if lunch and start < lunch < end - 60 else ()
        )
        days.append(planner.Day(d, start, end, breaks))
    stops = []
    values = {}
    for s in range(1, draw(st.integers(1, 9)) + 1):
        opening = {}
        for d in range(n_days):
            if draw(st.booleans()) or d == 0:
                o = draw(st.integers(7 * 60, 14 * 60))
                opening[d] = ((o, o + draw(st.integers(30, 6 * 60))),)
        point = planner.Point(
            BASE.lat + draw(st.floats(-0.05, 0.05)), BASE.lon + draw(st.floats(-0.05, 0.05))
        )
        stops.append(
            planner.Stop(
                s, point, draw(st.sampled_from([20, 45, 60, 90])), opening, f"g{draw(st.integers(0, 2))}"
            )
        )
        for d in range(n_days):
            for v in vehicles:
                values[(s, d, v)] = draw(st.integers(0, 9000))
    cap = draw(st.sampled_from([None, 1, 2]))
    return planner.Problem(tuple(days), vehicles, tuple(stops), BASE, values, speed_kmh=25.0, group_cap=cap)


@settings(max_examples=40, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(problems())
def test_plan_keeps_hours_breaks_day_length_and_beats_baseline(problem: planner.Problem) -> None:
    solution = planner.plan(problem, seconds=0.3)
    assert planner.violations(problem, solution.routes) == []
    assert planner.violations(problem, planner.nearest_neighbour(problem)) == []
    assert solution.value == planner.route_value(problem, solution.routes)
    assert solution.value >= solution.baseline_value
    # Nobody in two places at once: the people on one vehicle follow its route, one visit after another.
    for route in solution.routes:
        assert all(a.departure <= b.arrival for a, b in zip(route.visits, route.visits[1:], strict=False))


def test_violations_name_each_broken_rule() -> None:
    day = planner.Day(0, 9 * 60, 12 * 60, ((10 * 60, 11 * 60),))
    stop = planner.Stop(1, BASE, 60, {0: ((9 * 60, 10 * 60 + 30),)}, "g")
    problem = planner.Problem((day,), (1,), (stop,), BASE, {(1, 0, 1): 5})
    late = planner.Route(0, 1, (planner.Visit(1, 9 * 60 + 45, 10 * 60 + 45),), 9 * 60, 11 * 60)
    found = planner.violations(problem, [late])
    assert "stop 1 outside its opening hours" in found
    assert "stop 1 overlaps a break" in found
    ok = planner.Route(0, 1, (planner.Visit(1, 9 * 60, 10 * 60),), 9 * 60, 10 * 60)
    assert planner.violations(problem, [ok]) == []
    assert planner.plan(problem, seconds=0.2).value == 5


def test_staff_matrix_is_used_before_coordinates() -> None:
    a = planner.Stop(1, planner.Point(34.0, -5.0), 30, {0: ((0, 1440),)})
    problem = planner.Problem((planner.Day(0, 0, 1440),), (1,), (a,), BASE, {}, matrix={(0, 1): 17})
    assert problem.travel(1, 0) == 17
    far = planner.Problem((planner.Day(0, 0, 1440),), (1,), (a,), BASE, {})
    # Marrakech to Fez: about 390 km as the crow flies, × 1.4 at 30 km/h.
    assert 1000 < far.travel(0, 1) < 1200


def test_a_day_in_another_city_starts_from_its_own_point() -> None:
    fez, marrakech = planner.Point(34.06, -4.97), planner.Point(31.63, -8.0)
    hours = {0: ((9 * 60, 18 * 60),), 1: ((9 * 60, 18 * 60),)}
    stops = (
        planner.Stop(1, planner.Point(34.065, -4.975), 60, hours),
        planner.Stop(2, planner.Point(31.625, -7.99), 60, hours),
    )
    days = (planner.Day(0, 9 * 60, 18 * 60), planner.Day(1, 9 * 60, 18 * 60, start_point=marrakech))
    values = {(s, d, 1): 100 for s in (1, 2) for d in (0, 1)}
    problem = planner.Problem(days, (1,), stops, fez, values)
    solution = planner.plan(problem, seconds=0.5)
    assert planner.violations(problem, solution.routes) == []
    assert {(r.day, v.stop_id) for r in solution.routes for v in r.visits} == {(0, 1), (1, 2)}
