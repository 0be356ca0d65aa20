"""The scheduler on small instances: optimal against brute force, never breaks a rule."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from matchmaking.scheduler import Assignment, Interpreter, Pair, Problem, greedy, solve, value_of, violations

EN, ES, AR = frozenset({"en"}), frozenset({"es"}), frozenset({"ar"})


def brute_force(problem: Problem) -> int:
    options = []
    for pair in problem.pairs:
        choices: list[Assignment | None] = [None]
        for slot in range(problem.n_slots):
            interpreters = [i.id for i in problem.interpreters] if pair.needs_interpreter else [None]
            choices += [Assignment(pair.artisan, pair.buyer, slot, i) for i in interpreters]
        options.append(choices)
    best = 0
    for combo in itertools.product(*options):
        plan = [*problem.fixed, *(item for item in combo if item is not None)]
        if not violations(problem, plan):
            best = max(best, value_of(problem, plan))
    return best


def everyone(slots: range, artisans: range, buyers: range) -> dict:
    available = {("a", a): frozenset(slots) for a in artisans}
    available.update({("b", b): frozenset(slots) for b in buyers})
    return available


def test_two_buyers_wanting_one_artisan_in_one_slot_get_the_heavier_pair():
    problem = Problem(
        n_slots=1, pairs=[Pair(1, 10, 2, EN, EN), Pair(1, 11, 5, EN, EN)],
        available=everyone(range(1), range(1, 2), range(10, 12)),
    )
    result = solve(problem, time_limit=2)
    assert [(a.artisan, a.buyer) for a in result.assignments] == [(1, 11)]
    assert result.value == result.bound == 5
    assert result.greedy_value == 2
    assert result.gap == 0


def test_greedy_loses_what_the_solver_keeps():
    # First come: artisan 1 meets buyer 10 in slot 0, the only slot buyer 11 has.
    problem = Problem(
        n_slots=2, pairs=[Pair(1, 10, 3, EN, EN), Pair(1, 11, 3, EN, EN)],
        available={("a", 1): frozenset({0, 1}), ("b", 10): frozenset({0, 1}), ("b", 11): frozenset({0})},
    )
    assert value_of(problem, greedy(problem)) == 3
    result = solve(problem, time_limit=2)
    assert result.value == 6
    assert {(a.buyer, a.slot) for a in result.assignments} == {(11, 0), (10, 1)}


def test_pair_without_shared_language_meets_only_with_an_interpreter():
    pairs = [Pair(1, 10, 3, AR, EN), Pair(2, 10, 2, EN, EN)]
    without = Problem(n_slots=2, pairs=pairs, available=everyone(range(2), range(1, 3), range(10, 11)))
    assert solve(without, time_limit=2).value == 2
    interpreter = Interpreter(7, frozenset({"ar", "en"}), frozenset({1}))
    with_one = Problem(n_slots=2, pairs=pairs, available=without.available, interpreters=[interpreter])
    result = solve(with_one, time_limit=2)
    assert result.value == 5
    met = {(a.artisan, a.slot, a.interpreter) for a in result.assignments}
    assert (1, 1, 7) in met and (2, 0, None) in met


def test_limits_and_tables_are_kept():
    pairs = [Pair(1, b, 2, EN, EN) for b in range(10, 14)] + [Pair(2, b, 2, EN, EN) for b in range(10, 14)]
    problem = Problem(
        n_slots=4, pairs=pairs, available=everyone(range(4), range(1, 3), range(10, 14)),
        limits={("a", 1): 2}, tables=1,
    )
    result = solve(problem, time_limit=2)
    assert not violations(problem, result.assignments)
    assert result.value == 8  # one table, four slots
    assert sum(1 for a in result.assignments if a.artisan == 1) <= 2
    assert {a.table for a in result.assignments} == {1}


def test_confirmed_meetings_are_kept_and_block_their_slot():
    fixed = [Assignment(1, 10, 0, fixed=True)]
    problem = Problem(
        n_slots=2, pairs=[Pair(1, 11, 3, EN, EN), Pair(2, 10, 3, EN, EN)],
        available=everyone(range(2), range(1, 3), range(10, 12)), fixed=fixed,
    )
    result = solve(problem, time_limit=2)
    assert not violations(problem, [*fixed, *result.assignments])
    assert all(a.slot == 1 for a in result.assignments if 1 in (a.artisan,) or a.buyer == 10)
    assert result.value == 6


@st.composite
def instances(draw, max_pairs: int = 5):
    n_slots = draw(st.integers(1, 3))
    artisans = range(1, draw(st.integers(1, 3)) + 1)
    buyers = range(10, 10 + draw(st.integers(1, 3)))
    languages = st.sampled_from([EN, ES, AR, EN | ES])
    keys = draw(st.lists(st.tuples(st.sampled_from(artisans), st.sampled_from(buyers)), unique=True,
                         min_size=1, max_size=max_pairs))
    pairs = [Pair(a, b, draw(st.integers(1, 6)), draw(languages), draw(languages)) for a, b in keys]
    slot_sets = st.frozensets(st.integers(0, n_slots - 1))
    available = {("a", a): draw(slot_sets) for a in artisans}
    available.update({("b", b): draw(slot_sets) for b in buyers})
    limits = {person: draw(st.integers(0, 3)) for person in available if draw(st.booleans())}
    interpreters = [
        Interpreter(i, draw(st.sampled_from([EN | AR, EN | ES, ES | AR])), draw(slot_sets))
        for i in range(draw(st.integers(0, 2)))
    ]
    tables = draw(st.one_of(st.none(), st.integers(1, 3)))
    return Problem(n_slots=n_slots, pairs=pairs, available=available, limits=limits, tables=tables,
                   interpreters=interpreters)


@settings(max_examples=60, deadline=None)
@given(instances())
def test_plan_never_breaks_a_rule_and_is_never_below_greedy(problem):
    result = solve(problem, time_limit=2)
    assert violations(problem, result.assignments) == []
    assert result.greedy_value <= result.value <= result.bound
    assert result.value == value_of(problem, result.assignments)


@settings(max_examples=40, deadline=None)
@given(instances(max_pairs=4))
def test_value_equals_brute_force_optimum_on_small_instances(problem):
    result = solve(problem, time_limit=3)
    assert result.value == brute_force(problem)
    assert result.bound == result.value


def test_violations_name_each_broken_rule():
    problem = Problem(
        n_slots=2, pairs=[Pair(1, 10, 2, AR, EN), Pair(1, 11, 2, EN, EN)],
        available={("a", 1): frozenset({0}), ("b", 10): frozenset({0}), ("b", 11): frozenset({0})},
        limits={("a", 1): 1},
    )
    broken = violations(problem, [Assignment(1, 10, 0), Assignment(1, 11, 0), Assignment(1, 12, 1)])
    text = "\n".join(broken)
    assert "two meetings in slot 0" in text
    assert "no shared language and no interpreter" in text
    assert "over the limit of 1" in text
    assert "nobody asked" in text
    assert "not available in slot 1" in text


@settings(max_examples=40, deadline=None)
@given(instances(max_pairs=4))
def test_without_the_full_model_the_lp_bound_still_holds_the_optimum(problem):
    # Large instances never reach the full model: their reported bound is the LP's alone.
    import matchmaking.scheduler as module

    saved, module.FULL_MODEL_PLACEMENTS = module.FULL_MODEL_PLACEMENTS, 0
    try:
        result = solve(problem, time_limit=2)
    finally:
        module.FULL_MODEL_PLACEMENTS = saved
    best = brute_force(problem)
    assert violations(problem, result.assignments) == []
    assert result.value <= best <= result.bound


def test_interpreters_shared_by_groups_cannot_be_overbooked_in_the_bound():
    # Three interpreters, one slot; each pair can use two of them, no set of eligible groups
    # contains another: four pairs, at most three meetings.
    pairs = [Pair(1, 11, 3, AR, EN | ES), Pair(2, 12, 3, ES, AR | EN), Pair(3, 13, 3, EN, AR | ES),
             Pair(4, 14, 3, AR, EN | ES)]
    problem = Problem(
        n_slots=1, pairs=pairs, available=everyone(range(1), range(1, 5), range(11, 15)),
        interpreters=[Interpreter(1, EN | AR, frozenset({0})), Interpreter(2, AR | ES, frozenset({0})),
                      Interpreter(3, ES | EN, frozenset({0}))],
    )
    import matchmaking.scheduler as module

    saved, module.FULL_MODEL_PLACEMENTS = module.FULL_MODEL_PLACEMENTS, 0
    try:
        result = solve(problem, time_limit=2)
    finally:
        module.FULL_MODEL_PLACEMENTS = saved
    assert result.value == result.bound == 9
