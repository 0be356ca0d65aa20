"""The stand allocator: which exhibitor gets which stand.

Pure Python, no database (like `matchmaking.scheduler`): `fairs.planning` builds a `Problem`
from a fair's stands and stand applications and stores the `Result`. Solved with OR-Tools CP-SAT:

    x[e, s] = 1 when exhibitor e gets stand s (only created where s fits e: its size, its
              services, and a zone reserved for a craft only for exhibitors of that craft)

    maximise   PLACED * (exhibitors placed) + (wishes met)
    subject to each exhibitor has at most one stand and each stand at most one exhibitor;
               an exhibitor who asked to be kept apart from competitors has no neighbour (a
               stand touching theirs) held by an exhibitor sharing one of their crafts;
               stands already assigned (published) keep their exhibitor.

Wishes are soft: the zone asked for, and being next to a named exhibitor. PLACED is one more
than the number of wishes, so placing one more exhibitor always outweighs any wishes.

Every run also plans first come, first served (applications in arrival order, each taking the
free stand that meets most of its wishes now), gives CP-SAT that plan as a hint, and returns it
should CP-SAT not beat it, so the result is never worse than first come, first served. The
result reports wishes met and exhibitors placed against an upper bound: the lower of CP-SAT's
proven bound and an assignment bound that holds whatever CP-SAT did (`assignment_bound`).
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

SERVICES = ("power", "water", "storage")
# Two stands are neighbours when their rectangles share a stretch of wall at least this long (m).
TOUCH = 0.05


@dataclass(frozen=True)
class Stand:
    id: int
    hall: int
    x: float
    y: float
    w: float
    h: float
    size: float
    zone: int | None = None
    # A zone reserved for one craft takes only exhibitors of that craft (None: any craft).
    zone_craft: int | None = None
    services: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Application:
    exhibitor: int
    crafts: frozenset[int] = frozenset()
    zone: int | None = None
    min_size: float = 0.0
    services: frozenset[str] = frozenset()
    next_to: int | None = None
    apart: bool = False

    @property
    def wishes(self) -> int:
        return int(self.zone is not None) + int(self.next_to is not None)


@dataclass
class Problem:
    stands: list[Stand]
    # In order of arrival: first come, first served reads them in this order.
    applications: list[Application]
    # Exhibitor → stand already assigned: kept as it is.
    fixed: dict[int, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.stand_by_id = {s.id: s for s in self.stands}
        self.application_by_id = {a.exhibitor: a for a in self.applications}
        self.neighbours = adjacency(self.stands)
        self.taken_by_fixed = frozenset(self.fixed.values())

    def fits(self, application: Application, stand: Stand) -> bool:
        return (
            stand.size + 1e-9 >= application.min_size
            and application.services <= stand.services
            and (stand.zone_craft is None or stand.zone_craft in application.crafts)
        )


@dataclass(frozen=True)
class Violation:
    kind: str  # unknown, twice, shared, size, services, zone_craft, competitor, fixed
    exhibitor: int
    stand: int | None = None
    other: int | None = None

    def __str__(self) -> str:
        return f"{self.kind}: exhibitor {self.exhibitor}, stand {self.stand}, other {self.other}"


@dataclass
class Result:
    plan: dict[int, int]  # exhibitor → stand
    placed: int
    wishes_met: int
    wishes_asked: int
    # No plan placing as many exhibitors meets more wishes than this.
    wishes_bound: int
    # No plan places more exhibitors than this.
    placed_bound: int
    greedy_placed: int
    greedy_wishes_met: int
    seconds: float
    status: str


def adjacency(stands: Iterable[Stand]) -> dict[int, frozenset[int]]:
    """Stands sharing a stretch of wall, hall by hall (corners alone do not count)."""
    by_hall: dict[int, list[Stand]] = defaultdict(list)
    for stand in stands:
        by_hall[stand.hall].append(stand)
    found: dict[int, set[int]] = defaultdict(set)
    for group in by_hall.values():
        group = sorted(group, key=lambda s: s.x)
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                if b.x > a.x + a.w + TOUCH:
                    break
                if _touch(a, b):
                    found[a.id].add(b.id)
                    found[b.id].add(a.id)
    return {s.id: frozenset(found.get(s.id, ())) for group in by_hall.values() for s in group}


def _overlap(a0: float, a1: float, b0: float, b1: float) -> float:
    return min(a1, b1) - max(a0, b0)


def _touch(a: Stand, b: Stand) -> bool:
    side_by_side = abs(a.x + a.w - b.x) <= TOUCH or abs(b.x + b.w - a.x) <= TOUCH
    if side_by_side and _overlap(a.y, a.y + a.h, b.y, b.y + b.h) >= TOUCH:
        return True
    stacked = abs(a.y + a.h - b.y) <= TOUCH or abs(b.y + b.h - a.y) <= TOUCH
    return stacked and _overlap(a.x, a.x + a.w, b.x, b.x + b.w) >= TOUCH


# --- checks ---------------------------------------------------------------------------------


def _competitors(first: Application, second: Application) -> bool:
    return (first.apart or second.apart) and bool(first.crafts & second.crafts)


def violations(problem: Problem, plan: Mapping[int, int]) -> list[Violation]:
    """Every hard rule the plan breaks (empty when valid); the same check guards a move by hand."""
    found: list[Violation] = []
    holder: dict[int, int] = {}
    for exhibitor, stand_id in sorted(plan.items()):
        application = problem.application_by_id.get(exhibitor)
        stand = problem.stand_by_id.get(stand_id)
        if application is None or stand is None:
            found.append(Violation("unknown", exhibitor, stand_id))
            continue
        if stand_id in holder:
            found.append(Violation("shared", exhibitor, stand_id, holder[stand_id]))
            continue
        holder[stand_id] = exhibitor
        if stand.size + 1e-9 < application.min_size:
            found.append(Violation("size", exhibitor, stand_id))
        if not application.services <= stand.services:
            found.append(Violation("services", exhibitor, stand_id))
        if stand.zone_craft is not None and stand.zone_craft not in application.crafts:
            found.append(Violation("zone_craft", exhibitor, stand_id))
    for exhibitor, stand_id in problem.fixed.items():
        if plan.get(exhibitor) != stand_id:
            found.append(Violation("fixed", exhibitor, stand_id))
    for stand_id, exhibitor in sorted(holder.items()):
        application = problem.application_by_id[exhibitor]
        for other_stand in problem.neighbours.get(stand_id, ()):
            other = holder.get(other_stand)
            if other is None or other <= exhibitor:
                continue
            if _competitors(application, problem.application_by_id[other]):
                found.append(Violation("competitor", exhibitor, stand_id, other))
    return found


def wishes_met(problem: Problem, plan: Mapping[int, int]) -> int:
    met = 0
    for exhibitor, stand_id in plan.items():
        application = problem.application_by_id.get(exhibitor)
        stand = problem.stand_by_id.get(stand_id)
        if application is None or stand is None:
            continue
        if application.zone is not None and stand.zone == application.zone:
            met += 1
        if application.next_to is not None and plan.get(application.next_to) in problem.neighbours.get(
            stand_id, ()
        ):
            met += 1
    return met


def placed_weight(problem: Problem) -> int:
    return sum(a.wishes for a in problem.applications) + 1


def score(problem: Problem, plan: Mapping[int, int]) -> int:
    return placed_weight(problem) * len(plan) + wishes_met(problem, plan)


# --- first come, first served ---------------------------------------------------------------


def _allowed(
    problem: Problem,
    plan: Mapping[int, int],
    holder: Mapping[int, int],
    application: Application,
    stand: Stand,
) -> bool:
    if stand.id in holder or not problem.fits(application, stand):
        return False
    return not any(
        _competitors(application, problem.application_by_id[holder[n]])
        for n in problem.neighbours.get(stand.id, ())
        if n in holder
    )


def greedy(problem: Problem, order: Iterable[Application] | None = None) -> dict[int, int]:
    """First come, first served: each application in arrival order (or `order`) takes the free
    stand that meets most of its wishes now (the first such stand in the list's order)."""
    plan: dict[int, int] = dict(problem.fixed)
    holder = {stand: exhibitor for exhibitor, stand in plan.items()}
    for application in problem.applications if order is None else order:
        if application.exhibitor in plan:
            continue
        best: tuple[int, int] | None = None
        for order, stand in enumerate(problem.stands):
            if not _allowed(problem, plan, holder, application, stand):
                continue
            met = int(application.zone is not None and stand.zone == application.zone)
            if (
                application.next_to is not None
                and plan.get(application.next_to) in problem.neighbours[stand.id]
            ):
                met += 1
            if best is None or met > best[0]:
                best = (met, order)
                if met == application.wishes:
                    break
        if best is not None:
            stand = problem.stands[best[1]]
            plan[application.exhibitor] = stand.id
            holder[stand.id] = application.exhibitor
    return plan


# --- the assignment bound -------------------------------------------------------------------


def _takes(problem: Problem, application: Application, stand: Stand) -> bool:
    """Whether some valid plan could give this stand to this exhibitor, rules between exhibitors
    aside: a fixed exhibitor takes only its stand, and nobody else takes a fixed stand."""
    fixed = problem.fixed.get(application.exhibitor)
    if fixed is not None:
        return stand.id == fixed
    return stand.id not in problem.taken_by_fixed and problem.fits(application, stand)


def assignment_bound(problem: Problem, *, per_placed: int) -> int:
    """An upper bound on `per_placed * (exhibitors placed) + (wishes met)` of every valid plan,
    independent of CP-SAT and cheap (a linear sum assignment, a fraction of a second at 260).

    Each exhibitor-stand pair that could occur is weighted by `per_placed` plus every wish it
    could meet at best: its zone, and its "next to" when the stand has a neighbour the named
    exhibitor could take. A valid plan is a matching of exhibitors to stands worth at most its
    pairs' weights, so the maximum-weight matching bounds it. The rules between exhibitors
    (competitors apart, the named exhibitor really being next door) are relaxed, which is why
    it is a bound and not a plan. With `placed_weight` it bounds `score`; with 0, the wishes.
    """
    import numpy as np
    from ortools.graph.python import linear_sum_assignment

    stands, applications = problem.stands, problem.applications
    if not stands or not applications:
        return 0
    weight = per_placed
    takes = {a.exhibitor: frozenset(s.id for s in stands if _takes(problem, a, s)) for a in applications}
    left: list[int] = []
    right: list[int] = []
    costs: list[int] = []
    n, m = len(applications), len(stands)
    # Left nodes: exhibitors (i), then one filler per stand (n + j). Right nodes: stands (j), then
    # one "not placed" per exhibitor (m + i). Every exhibitor may stay unplaced and every stand
    # empty (filler j to stand j); when exhibitor i takes stand j, filler j takes i's "not
    # placed". The solver needs a perfect matching of a square graph: this one always has one.
    for i, application in enumerate(applications):
        target = application.next_to
        near = takes.get(target, frozenset()) if target != application.exhibitor else frozenset()
        for j, stand in enumerate(stands):
            if stand.id not in takes[application.exhibitor]:
                continue
            gain = weight + int(application.zone is not None and stand.zone == application.zone)
            gain += int(not near.isdisjoint(problem.neighbours.get(stand.id, ())))
            left += [i, n + j]
            right += [j, m + i]
            costs += [-gain, 0]
        left.append(i)
        right.append(m + i)
        costs.append(0)
    for j in range(m):
        left.append(n + j)
        right.append(j)
        costs.append(0)
    solver = linear_sum_assignment.SimpleLinearSumAssignment()
    solver.add_arcs_with_cost(
        np.array(left, dtype=np.int32), np.array(right, dtype=np.int32), np.array(costs, dtype=np.int64)
    )
    if solver.solve() != solver.OPTIMAL:
        # Cannot happen (the graph always has a perfect matching); the trivial bound is safe.
        return weight * min(n, m) + sum(a.wishes for a in applications)
    return -solver.optimal_cost()


# --- CP-SAT ---------------------------------------------------------------------------------


def solve(problem: Problem, *, time_limit: float = 7.0, workers: int = 2) -> Result:
    started = time.perf_counter()
    baseline = greedy(problem)
    # The hardest to place first (fewest stands that fit them): a better start for CP-SAT.
    room = {a.exhibitor: sum(problem.fits(a, s) for s in problem.stands) for a in problem.applications}
    hardest_first = greedy(
        problem, sorted(problem.applications, key=lambda a: (room[a.exhibitor], -a.wishes))
    )
    best = max(baseline, hardest_first, key=lambda plan: score(problem, plan))
    status = "GREEDY"
    weight = placed_weight(problem)
    bound = assignment_bound(problem, per_placed=weight)
    if score(problem, best) >= bound:
        # The plan reaches the bound: nothing to improve, nothing to prove.
        status = "OPTIMAL"
    else:
        remaining = time_limit - (time.perf_counter() - started)
        plan, status, proven = _cp_sat(problem, best, time_limit=max(remaining, 0.5), workers=workers)
        if plan is not None and not violations(problem, plan) and score(problem, plan) > score(problem, best):
            best = plan
        if proven is not None:
            bound = min(bound, proven)
    met = wishes_met(problem, best)
    asked = sum(a.wishes for a in problem.applications)
    # A plan placing at least as many exhibitors scores weight * placed + its wishes <= bound; the
    # bound at best placing fewer is loose for wishes, so the wishes alone are bounded too.
    by_score = bound - weight * len(best)
    wishes_bound = by_score if by_score <= met else min(by_score, assignment_bound(problem, per_placed=0))
    return Result(
        plan=best,
        placed=len(best),
        wishes_met=met,
        wishes_asked=asked,
        wishes_bound=max(met, min(asked, wishes_bound)),
        placed_bound=min(len(problem.applications), len(problem.stands), bound // weight),
        greedy_placed=len(baseline),
        greedy_wishes_met=wishes_met(problem, baseline),
        seconds=time.perf_counter() - started,
        status=status,
    )


def _cp_sat(
    problem: Problem, hint: Mapping[int, int], *, time_limit: float, workers: int
) -> tuple[dict[int, int] | None, str, int | None]:
    from ortools.sat.python import cp_model

    model = cp_model.CpModel()
    x: dict[tuple[int, int], cp_model.IntVar] = {}
    by_stand: dict[int, list] = defaultdict(list)
    by_exhibitor: dict[int, list] = defaultdict(list)
    options: dict[int, list[tuple[int, cp_model.IntVar]]] = defaultdict(list)
    for application in problem.applications:
        e = application.exhibitor
        fixed = problem.fixed.get(e)
        for stand in problem.stands:
            if fixed is not None and stand.id != fixed:
                continue
            if fixed is None and not problem.fits(application, stand):
                continue
            var = model.new_bool_var(f"x{e}_{stand.id}")
            x[(e, stand.id)] = var
            by_stand[stand.id].append(var)
            by_exhibitor[e].append(var)
            options[e].append((stand.id, var))
            model.add_hint(var, hint.get(e) == stand.id)
        if fixed is not None:
            if (e, fixed) not in x:
                return None, "FIXED_UNKNOWN", None
            model.add(x[(e, fixed)] == 1)
    for group in [*by_stand.values(), *by_exhibitor.values()]:
        if len(group) > 1:
            model.add_at_most_one(group)
    # Competitors apart, per craft: an apart exhibitor of craft c at s, and anyone of craft c at
    # a neighbour t, are not both true (one constraint per wall and craft, not per pair of people).
    apart_at: dict[tuple[int, int], list] = defaultdict(list)
    craft_at: dict[tuple[int, int], list] = defaultdict(list)
    for (e, s), var in x.items():
        application = problem.application_by_id[e]
        for craft in application.crafts:
            craft_at[(s, craft)].append(var)
            if application.apart:
                apart_at[(s, craft)].append(var)
    for (s, craft), here in apart_at.items():
        for t in problem.neighbours.get(s, ()):
            there = craft_at.get((t, craft))
            if there:
                model.add(cp_model.LinearExpr.sum(here + there) <= 1)
    weight = placed_weight(problem)
    objective = [weight * var for var in x.values()]
    for application in problem.applications:
        e = application.exhibitor
        if application.zone is not None:
            objective += [var for s, var in options[e] if problem.stand_by_id[s].zone == application.zone]
        target = application.next_to
        if target is not None and target in by_exhibitor and target != e:
            near = model.new_bool_var(f"n{e}")
            model.add(near <= cp_model.LinearExpr.sum(by_exhibitor[e]))
            for s, var in options[e]:
                around = [x[(target, t)] for t in problem.neighbours.get(s, ()) if (target, t) in x]
                model.add(near + var - cp_model.LinearExpr.sum(around) <= 1)
            hinted = hint.get(target) in problem.neighbours.get(hint.get(e, -1), ())
            model.add_hint(near, hinted)
            objective.append(near)
    model.maximize(cp_model.LinearExpr.sum(objective))
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = time_limit
    solver.parameters.num_workers = workers
    solver.parameters.relative_gap_limit = 0.0005
    status = solver.solve(model)
    name = solver.status_name(status)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None, name, None
    plan = {e: s for (e, s), var in x.items() if solver.boolean_value(var)}
    return plan, name, int(solver.best_objective_bound + 1e-6)
