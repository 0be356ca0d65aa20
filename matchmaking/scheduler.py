"""The meeting scheduler: which pairs meet in which slot, with which interpreter.

Pure Python, no database: `matchmaking.planning` builds a `Problem` from a session and stores
the `Result`. The model is a weighted assignment solved with OR-Tools CP-SAT:

    x[p, s] = 1 when pair p meets in slot s (only created where both people are available)
    y[p, s, i] = 1 when interpreter i serves pair p in slot s (pairs without a shared language)

    maximise   sum w_p * x[p, s]
    subject to each pair meets at most once;
               each person is in at most one meeting per slot and within their limit;
               at most `tables` meetings per slot (a physical day);
               a pair without a shared language has exactly one interpreter, who speaks a
               language of each side and serves one meeting per slot when available;
               fixed (already confirmed) meetings hold their people, tables and interpreters.

Every run also plans the first-come greedy way (pairs in request order, earliest free slot),
gives CP-SAT that plan as a hint, and reports the value, CP-SAT's proven upper bound, the gap
and the greedy value. The solver's plan is never worse than greedy: should CP-SAT stop before
improving on its hint, the greedy plan is returned.
"""

from __future__ import annotations

import random
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

Person = tuple[str, int]  # ("a", artisan id) or ("b", buyer user id)


@dataclass(frozen=True)
class Pair:
    artisan: int
    buyer: int
    weight: int
    artisan_languages: frozenset[str] = frozenset()
    buyer_languages: frozenset[str] = frozenset()

    @property
    def people(self) -> tuple[Person, Person]:
        return ("a", self.artisan), ("b", self.buyer)

    @property
    def needs_interpreter(self) -> bool:
        return not (self.artisan_languages & self.buyer_languages)


@dataclass(frozen=True)
class Interpreter:
    id: int
    languages: frozenset[str]
    slots: frozenset[int]

    def can_serve(self, pair: Pair) -> bool:
        return bool(self.languages & pair.artisan_languages) and bool(self.languages & pair.buyer_languages)


@dataclass(frozen=True)
class Assignment:
    artisan: int
    buyer: int
    slot: int
    interpreter: int | None = None
    table: int | None = None
    fixed: bool = False


@dataclass
class Problem:
    n_slots: int
    pairs: list[Pair]
    # Slots each person may meet in (working hours, breaks, other commitments removed).
    available: dict[Person, frozenset[int]]
    limits: dict[Person, int] = field(default_factory=dict)
    tables: int | None = None
    interpreters: list[Interpreter] = field(default_factory=list)
    fixed: list[Assignment] = field(default_factory=list)

    def slots_of(self, person: Person) -> frozenset[int]:
        return self.available.get(person, frozenset())

    def pair_slots(self, pair: Pair) -> list[int]:
        artisan, buyer = pair.people
        return sorted(self.slots_of(artisan) & self.slots_of(buyer))

    def weight_of(self, artisan: int, buyer: int) -> int:
        for pair in self.pairs:
            if pair.artisan == artisan and pair.buyer == buyer:
                return pair.weight
        return 0


@dataclass
class Result:
    assignments: list[Assignment]
    value: int
    bound: int
    greedy_value: int
    seconds: float
    status: str

    @property
    def gap(self) -> float:
        """How far the plan may be from the best possible, as a fraction of the bound."""
        if self.bound <= 0:
            return 0.0
        return max(0.0, (self.bound - self.value) / self.bound)


# --- checks ---------------------------------------------------------------------------------


def violations(problem: Problem, assignments: Sequence[Assignment]) -> list[str]:
    """Every rule the plan breaks, in words for staff (empty when the plan is valid).

    The same check guards a hand-made move or swap in the admin preview.
    """
    problems: list[str] = []
    pairs = {(p.artisan, p.buyer): p for p in problem.pairs}
    interpreters = {i.id: i for i in problem.interpreters}
    busy: dict[tuple[Person, int], int] = defaultdict(int)
    count: dict[Person, int] = defaultdict(int)
    per_slot: dict[int, int] = defaultdict(int)
    tables_used: set[tuple[int, int]] = set()
    interpreter_used: set[tuple[int, int]] = set()
    met: set[tuple[int, int]] = set()
    for item in assignments:
        key = (item.artisan, item.buyer)
        pair = pairs.get(key)
        label = f"artisan {item.artisan} and buyer {item.buyer}"
        if not 0 <= item.slot < problem.n_slots:
            problems.append(f"{label}: slot {item.slot} does not exist")
            continue
        if pair is None and not item.fixed:
            problems.append(f"{label}: nobody asked for this meeting")
        if key in met:
            problems.append(f"{label}: meet twice")
        met.add(key)
        for person in (("a", item.artisan), ("b", item.buyer)):
            busy[(person, item.slot)] += 1
            count[person] += 1
            if busy[(person, item.slot)] == 2:
                problems.append(f"{person[0]}{person[1]}: two meetings in slot {item.slot}")
            if not item.fixed and item.slot not in problem.slots_of(person):
                problems.append(f"{person[0]}{person[1]}: not available in slot {item.slot}")
        per_slot[item.slot] += 1
        if item.table is not None:
            if (item.slot, item.table) in tables_used:
                problems.append(f"table {item.table} used twice in slot {item.slot}")
            tables_used.add((item.slot, item.table))
        if pair is not None and pair.needs_interpreter and not item.fixed:
            interpreter = interpreters.get(item.interpreter) if item.interpreter is not None else None
            if interpreter is None:
                problems.append(f"{label}: no shared language and no interpreter")
            else:
                if not interpreter.can_serve(pair):
                    problems.append(f"{label}: interpreter {interpreter.id} speaks neither side's language")
                if item.slot not in interpreter.slots:
                    problems.append(f"{label}: interpreter {interpreter.id} not available in slot {item.slot}")
        if item.interpreter is not None:
            if (item.slot, item.interpreter) in interpreter_used:
                problems.append(f"interpreter {item.interpreter}: two meetings in slot {item.slot}")
            interpreter_used.add((item.slot, item.interpreter))
    for person, n in count.items():
        limit = problem.limits.get(person)
        if limit is not None and n > limit:
            problems.append(f"{person[0]}{person[1]}: {n} meetings, over the limit of {limit}")
    if problem.tables is not None:
        for slot, n in per_slot.items():
            if n > problem.tables:
                problems.append(f"slot {slot}: {n} meetings for {problem.tables} tables")
    return problems


def value_of(problem: Problem, assignments: Iterable[Assignment]) -> int:
    weights = {(p.artisan, p.buyer): p.weight for p in problem.pairs}
    return sum(weights.get((a.artisan, a.buyer), 0) for a in assignments if not a.fixed)


# --- greedy ---------------------------------------------------------------------------------


class _Ledger:
    """Who is busy when, counts and free interpreters: shared by greedy and table numbering."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        self.busy: set[tuple[Person, int]] = set()
        self.count: dict[Person, int] = defaultdict(int)
        self.per_slot: dict[int, int] = defaultdict(int)
        self.interpreter_busy: set[tuple[int, int]] = set()
        self.met: set[tuple[int, int]] = set()
        for item in problem.fixed:
            self.take(item)

    def take(self, item: Assignment) -> None:
        for person in (("a", item.artisan), ("b", item.buyer)):
            self.busy.add((person, item.slot))
            self.count[person] += 1
        self.per_slot[item.slot] += 1
        self.met.add((item.artisan, item.buyer))
        if item.interpreter is not None:
            self.interpreter_busy.add((item.interpreter, item.slot))

    def under_limit(self, person: Person) -> bool:
        limit = self.problem.limits.get(person)
        return limit is None or self.count[person] < limit

    def place(self, pair: Pair, *, spread: bool = False) -> Assignment | None:
        """The earliest slot that breaks no rule (with spread, the emptiest one), or None."""
        if (pair.artisan, pair.buyer) in self.met:
            return None
        if not all(self.under_limit(person) for person in pair.people):
            return None
        tables = self.problem.tables
        slots = self.problem.pair_slots(pair)
        if spread:
            # Shared resources (tables, interpreters) fill evenly, leaving room in every slot.
            slots.sort(key=lambda s: self.per_slot[s])
        for slot in slots:
            if any((person, slot) in self.busy for person in pair.people):
                continue
            if tables is not None and self.per_slot[slot] >= tables:
                continue
            interpreter_id = None
            if pair.needs_interpreter:
                interpreter_id = next(
                    (
                        i.id for i in self.problem.interpreters
                        if slot in i.slots and (i.id, slot) not in self.interpreter_busy and i.can_serve(pair)
                    ),
                    None,
                )
                if interpreter_id is None:
                    continue
            item = Assignment(pair.artisan, pair.buyer, slot, interpreter_id)
            self.take(item)
            return item
        return None


def greedy(problem: Problem) -> list[Assignment]:
    """First come, first served: pairs in the order given (request order), earliest free slot."""
    ledger = _Ledger(problem)
    placed = []
    for pair in problem.pairs:
        item = ledger.place(pair)
        if item is not None:
            placed.append(item)
    return placed


def number_tables(problem: Problem, assignments: list[Assignment]) -> list[Assignment]:
    """Give each meeting of a physical day a table, keeping fixed meetings' tables."""
    if problem.tables is None:
        return assignments
    taken: dict[int, set[int]] = defaultdict(set)
    for item in problem.fixed:
        if item.table is not None:
            taken[item.slot].add(item.table)
    numbered = []
    for item in sorted(assignments, key=lambda a: (a.slot, a.artisan, a.buyer)):
        table = next(t for t in range(1, problem.tables + len(problem.fixed) + 2) if t not in taken[item.slot])
        taken[item.slot].add(table)
        numbered.append(Assignment(item.artisan, item.buyer, item.slot, item.interpreter, table, item.fixed))
    return numbered


# --- CP-SAT ---------------------------------------------------------------------------------


# Above this many (pair, slot, interpreter group) choices the full model is not attempted.
FULL_MODEL_PLACEMENTS = 20_000
RESTARTS = 20


@dataclass
class _Candidate:
    index: int
    pair: Pair
    slots: list[int]
    # For a pair without a shared language: groups of interchangeable interpreters who can serve it.
    groups: list[int]


def _groups(problem: Problem) -> tuple[list[list[int]], dict[int, int]]:
    """Interpreters with the same languages and slots are interchangeable: one group each."""
    keyed: dict[tuple, list[int]] = defaultdict(list)
    for interpreter in problem.interpreters:
        keyed[(interpreter.languages, interpreter.slots)].append(interpreter.id)
    groups = list(keyed.values())
    return groups, {member: g for g, members in enumerate(groups) for member in members}


def solve(problem: Problem, *, time_limit: float = 4.5, workers: int = 2) -> Result:
    """Plan the meetings in three steps, each seeded with the best plan so far.

    1. Choose which pairs meet, slots aside (a b-matching with per-person room): small and
       exact; its proven bound is an upper bound for the whole problem, as it relaxes it.
    2. Give the chosen pairs slots and interpreters (the model of the module docstring,
       restricted to them), then fill free places first-come.
    3. If a gap remains and time is left, solve the full model from that plan; on small
       instances this proves the optimum.
    """
    started = time.perf_counter()
    deadline = started + time_limit
    baseline = greedy(problem)
    greedy_value = value_of(problem, baseline)
    ledger = _Ledger(problem)
    groups, group_of = _groups(problem)
    interpreters = {i.id: i for i in problem.interpreters}
    group_room = {
        (g, slot): sum(1 for member in members if (member, slot) not in ledger.interpreter_busy)
        for g, members in enumerate(groups) for slot in interpreters[members[0]].slots
    }

    candidates: list[_Candidate] = []
    for index, pair in enumerate(problem.pairs):
        if (pair.artisan, pair.buyer) in ledger.met or pair.weight <= 0:
            continue
        slots = [s for s in problem.pair_slots(pair) if not any((person, s) in ledger.busy for person in pair.people)]
        eligible: list[int] = []
        if pair.needs_interpreter:
            eligible = sorted({group_of[i.id] for i in problem.interpreters if i.can_serve(pair)})
            slots = [s for s in slots if any(group_room.get((g, s), 0) > 0 for g in eligible)]
        if slots:
            candidates.append(_Candidate(index, pair, slots, eligible))

    best = baseline
    chosen, bound, status = _choose_pairs(problem, candidates, ledger, group_room, baseline, deadline, workers)
    small = sum(len(c.slots) * max(len(c.groups), 1) for c in candidates) <= FULL_MODEL_PLACEMENTS
    if chosen:
        # The chosen pairs, most constrained first, then every other pair that still fits;
        # again with shuffled ties while time remains and a gap is left.
        rng = random.Random(0)
        picked = [c for c in candidates if c.index in chosen]
        order = sorted(picked, key=lambda c: (len(c.slots), -c.pair.weight))
        for attempt in range(RESTARTS):
            placed = _fill(problem, [], first=[c.pair for c in order])
            placed = _fill(problem, _repair(problem, placed, [c.pair for c in order]))
            if value_of(problem, placed) > value_of(problem, best):
                best = placed
            if value_of(problem, best) >= bound or time.perf_counter() > deadline - (2.0 if small else 0.3):
                break
            noise = {c.index: rng.random() * (attempt + 1) for c in picked}
            order = sorted(picked, key=lambda c: (len(c.slots) + noise[c.index], -c.pair.weight))
    if small and value_of(problem, best) < bound:
        # A small instance gets the full model, which proves the optimum or improves on it.
        placed, full_bound, status = _assign(
            problem, candidates, ledger, groups, group_room, hint=best, deadline=deadline, workers=workers,
        )
        bound = min(bound, full_bound)
        placed = _fill(problem, placed)
        if value_of(problem, placed) > value_of(problem, best):
            best = placed
    value = value_of(problem, best)
    return Result(
        assignments=number_tables(problem, best),
        value=value,
        bound=max(value, bound),
        greedy_value=greedy_value,
        seconds=time.perf_counter() - started,
        status=status,
    )


def _solver(deadline: float, workers: int):
    from ortools.sat.python import cp_model

    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.05, deadline - time.perf_counter())
    solver.parameters.num_workers = workers
    # Stop as soon as the plan is proven within 0.1 % of the bound.
    solver.parameters.relative_gap_limit = 0.001
    # Probing and symmetry detection cost seconds on 100,000 Booleans and buy little here.
    solver.parameters.cp_model_probing_level = 0
    solver.parameters.symmetry_level = 0
    return solver


def _room(problem: Problem, ledger: _Ledger, person: Person) -> int:
    free = sum(1 for s in problem.slots_of(person) if (person, s) not in ledger.busy)
    limit = problem.limits.get(person)
    return free if limit is None else min(free, limit - ledger.count[person])


def _choose_pairs(problem, candidates, ledger, group_room, hint, deadline, workers):
    """The pair-level relaxation as a linear program (GLOP): which pairs, and a proven bound.

    Without its side constraints it is a bipartite b-matching, whose LP is integral, so the
    solution is nearly all 0/1 and its value is a tight upper bound on any plan.
    """
    from ortools.linear_solver import pywraplp

    solver = pywraplp.Solver.CreateSolver("GLOP")
    z = {c.index: solver.NumVar(0.0, 1.0, "") for c in candidates}
    by_person: dict[Person, list] = defaultdict(list)
    for c in candidates:
        var = z[c.index]
        for person in c.pair.people:
            by_person[person].append(var)
    for person, group in by_person.items():
        room = _room(problem, ledger, person)
        if room < len(group):
            solver.Add(solver.Sum(group) <= max(room, 0))
    # Hall's condition per person: the pairs whose common slots all lie within a set of slots
    # cannot outnumber it (a buyer there for three slots meets at most three artisans there).
    slot_sets: dict[Person, dict[frozenset[int], list]] = defaultdict(lambda: defaultdict(list))
    for c in candidates:
        for person in c.pair.people:
            slot_sets[person][frozenset(c.slots)].append(z[c.index])
    for person, sets in slot_sets.items():
        room = _room(problem, ledger, person)
        for slots in sets:
            if len(slots) >= room:
                continue
            within = [var for other, group in sets.items() if other <= slots for var in group]
            if len(within) > len(slots):
                solver.Add(solver.Sum(within) <= len(slots))
    # Interpreters as a transportation problem: each chosen pair without a shared language
    # takes one unit of an eligible group's free hours (every Hall condition at once; a
    # condition per eligible set alone let the union of all groups be overbooked).
    served: dict[int, list] = defaultdict(list)
    for c in candidates:
        if not c.pair.needs_interpreter:
            continue
        shares = []
        for g in c.groups:
            share = solver.NumVar(0.0, 1.0, "")
            shares.append(share)
            served[g].append(share)
        solver.Add(solver.Sum(shares) == z[c.index])
    for g, shares in served.items():
        capacity = sum(n for (group, _slot), n in group_room.items() if group == g)
        if capacity < len(shares):
            solver.Add(solver.Sum(shares) <= capacity)
    if problem.tables is not None:
        capacity = sum(max(problem.tables - ledger.per_slot[s], 0) for s in range(problem.n_slots))
        if capacity < len(z):
            solver.Add(solver.Sum(list(z.values())) <= capacity)
    objective = solver.Objective()
    for c in candidates:
        objective.SetCoefficient(z[c.index], c.pair.weight)
    objective.SetMaximization()
    solver.SetTimeLimit(int(max(0.05, deadline - time.perf_counter()) * 1000))
    status = solver.Solve()
    if status != pywraplp.Solver.OPTIMAL:
        return set(), sum(c.pair.weight for c in candidates), "LP_NOT_SOLVED"
    chosen = {index for index, var in z.items() if var.solution_value() > 0.5}
    # Weights are integers, so the integer optimum is at most the LP value rounded down.
    return chosen, int(objective.Value() + 1e-6), "LP_OPTIMAL"


def _assign(problem, candidates, ledger, groups, group_room, *, hint, deadline, workers):
    """Slots and interpreters for the candidates: returns the plan, a bound and the status."""
    from ortools.sat.python import cp_model

    model = cp_model.CpModel()
    hinted = {(a.artisan, a.buyer): a for a in hint}
    _unused, group_of = _groups(problem)
    placements: list[tuple[_Candidate, int, int | None, object]] = []
    by_person_slot: dict[tuple[Person, int], list] = defaultdict(list)
    by_person: dict[Person, list] = defaultdict(list)
    by_slot: dict[int, list] = defaultdict(list)
    by_group_slot: dict[tuple[int, int], list] = defaultdict(list)
    for c in candidates:
        previous = hinted.get((c.pair.artisan, c.pair.buyer))
        options = []
        for slot in c.slots:
            for group in (c.groups if c.pair.needs_interpreter else [None]):
                if group is not None and group_room.get((group, slot), 0) <= 0:
                    continue
                var = model.new_bool_var("")
                placements.append((c, slot, group, var))
                options.append(var)
                model.add_hint(
                    var,
                    previous is not None and previous.slot == slot
                    and (group is None or group_of.get(previous.interpreter) == group),
                )
                for person in c.pair.people:
                    by_person_slot[(person, slot)].append(var)
                    by_person[person].append(var)
                by_slot[slot].append(var)
                if group is not None:
                    by_group_slot[(group, slot)].append(var)
        if len(options) > 1:
            model.add_at_most_one(options)
    for group in by_person_slot.values():
        if len(group) > 1:
            model.add_at_most_one(group)
    for person, group in by_person.items():
        limit = problem.limits.get(person)
        if limit is not None and limit - ledger.count[person] < len(group):
            model.add(cp_model.LinearExpr.sum(group) <= max(limit - ledger.count[person], 0))
    if problem.tables is not None:
        for slot, group in by_slot.items():
            room = problem.tables - ledger.per_slot[slot]
            if room < len(group):
                model.add(cp_model.LinearExpr.sum(group) <= max(room, 0))
    for (group, slot), members in by_group_slot.items():
        room = group_room[(group, slot)]
        if room < len(members):
            model.add(cp_model.LinearExpr.sum(members) <= room)
    model.maximize(cp_model.LinearExpr.weighted_sum([p[3] for p in placements], [p[0].pair.weight for p in placements]))
    solver = _solver(deadline, workers)
    status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return [], sum(c.pair.weight for c in candidates), solver.status_name(status)
    plan = []
    taken: set[tuple[int, int]] = set(ledger.interpreter_busy)
    for c, slot, group, var in placements:
        if not solver.boolean_value(var):
            continue
        interpreter_id = None
        if group is not None:
            interpreter_id = next(m for m in groups[group] if (m, slot) not in taken)
            taken.add((interpreter_id, slot))
        plan.append(Assignment(c.pair.artisan, c.pair.buyer, slot, interpreter_id))
    return plan, int(solver.best_objective_bound + 1e-6), solver.status_name(status)


def _fill(problem: Problem, plan: list[Assignment], *, first: Sequence[Pair] = ()) -> list[Assignment]:
    """Keep the plan, place `first` in order, then, heaviest first, every other pair that fits."""
    ledger = _Ledger(problem)
    for item in plan:
        ledger.take(item)
    filled = list(plan)
    for pair in [*first, *sorted(problem.pairs, key=lambda p: -p.weight)]:
        item = ledger.place(pair, spread=True)
        if item is not None:
            filled.append(item)
    return filled


def _repair(problem: Problem, plan: list[Assignment], wanted: Sequence[Pair]) -> list[Assignment]:
    """Make room for wanted pairs left out, by swapping two slots along an alternating chain.

    For a pair whose artisan is free in slot α but whose buyer is not, and a slot β the buyer
    has free, the buyer's α-meeting moves to β, the β-meeting of that artisan to α, and so on
    (König's edge-colouring argument): the chain never reaches the artisan, so both become
    free in α. A chain is used only if every moved meeting stays within its people's
    availability and interpreters and tables still fit.
    """
    items = {(a.artisan, a.buyer): a for a in plan}
    at: dict[tuple[Person, int], tuple[int, int]] = {}
    count: dict[Person, int] = defaultdict(int)
    per_slot: dict[int, int] = defaultdict(int)
    interpreter_busy: set[tuple[int, int]] = set()
    for item in [*problem.fixed, *plan]:
        for person in (("a", item.artisan), ("b", item.buyer)):
            at[(person, item.slot)] = (item.artisan, item.buyer)
            count[person] += 1
        per_slot[item.slot] += 1
        if item.interpreter is not None:
            interpreter_busy.add((item.interpreter, item.slot))
    fixed = {(a.artisan, a.buyer) for a in problem.fixed}

    def free_interpreter(pair: Pair, slot: int) -> int | None:
        return next(
            (i.id for i in problem.interpreters
             if slot in i.slots and (i.id, slot) not in interpreter_busy and i.can_serve(pair)),
            None,
        )

    def chain(start: Person, alpha: int, beta: int) -> list[tuple[int, int]] | None:
        path, node, slot = [], start, alpha
        while (node, slot) in at and len(path) < 60:
            key = at[(node, slot)]
            if key in fixed or items[key].interpreter is not None:
                return None
            new = beta if slot == alpha else alpha
            if any(new not in problem.slots_of(p) for p in (("a", key[0]), ("b", key[1]))):
                return None
            path.append(key)
            node = ("a", key[0]) if node[0] == "b" else ("b", key[1])
            slot = new
        return None if (node, slot) in at else path

    for pair in wanted:
        key = (pair.artisan, pair.buyer)
        if key in items or any(
            problem.limits.get(p) is not None and count[p] >= problem.limits[p] for p in pair.people
        ):
            continue
        artisan, buyer = pair.people
        for alpha in problem.pair_slots(pair):
            if problem.tables is not None and per_slot[alpha] >= problem.tables:
                continue
            interpreter = free_interpreter(pair, alpha) if pair.needs_interpreter else None
            if pair.needs_interpreter and interpreter is None:
                continue
            a_busy, b_busy = (artisan, alpha) in at, (buyer, alpha) in at
            if a_busy and b_busy:
                continue
            path: list[tuple[int, int]] = []
            if a_busy or b_busy:
                start = artisan if a_busy else buyer
                path = None
                for beta in sorted(problem.slots_of(start)):
                    if beta == alpha or (start, beta) in at:
                        continue
                    path = chain(start, alpha, beta)
                    if path is not None:
                        break
                if path is None:
                    continue
                moved = [items[k] for k in path]
                delta = defaultdict(int)
                for old in moved:
                    delta[old.slot] -= 1
                    delta[beta if old.slot == alpha else alpha] += 1
                if problem.tables is not None and any(
                    per_slot[s] + d + (s == alpha) > problem.tables for s, d in delta.items()
                ):
                    continue
                for old in moved:
                    for p in (("a", old.artisan), ("b", old.buyer)):
                        del at[(p, old.slot)]
                for old in moved:
                    new_slot = beta if old.slot == alpha else alpha
                    items[(old.artisan, old.buyer)] = Assignment(old.artisan, old.buyer, new_slot)
                    for p in (("a", old.artisan), ("b", old.buyer)):
                        at[(p, new_slot)] = (old.artisan, old.buyer)
                for s, d in delta.items():
                    per_slot[s] += d
            items[key] = Assignment(pair.artisan, pair.buyer, alpha, interpreter)
            for p in pair.people:
                at[(p, alpha)] = key
                count[p] += 1
            per_slot[alpha] += 1
            if interpreter is not None:
                interpreter_busy.add((interpreter, alpha))
            break
    return list(items.values())
