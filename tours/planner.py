"""Workshop tour routes: which workshops each vehicle visits on each day, and when.

A pure core (no Django), so the bench and the property tests run it on plain data and the
services only translate rows to a Problem and a Solution back to rows.

Times are minutes from the start of the tour's first local day (day d starts at d * 1440), so
one time dimension serves every day. What a route must respect, and what `violations` checks:

- a visit [arrival, departure] lies inside one of the workshop's opening windows that day;
- a route leaves the start point no earlier than the day's start and is back by its end;
- no visit overlaps a break, and a break falls in a gap between visits (or between the start
  point and a visit) long enough for the drive plus the break: the group stops, eats, drives on;
- a workshop is visited at most once over the tour (fairness: one stop per artisan), and at
  most `group_cap` workshops of one cooperative or region;
- the value is the sum, over the visits, of the stop's value for the vehicle and day that makes
  it (the matchmaking scores of the buyers on board that day).

The plan is OR-Tools' routing solver with time windows, started from the nearest-neighbour
baseline, so its value is never below the baseline's (the better of the two is returned).
"""

from __future__ import annotations

import math
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from ortools.constraint_solver import pywrapcp, routing_enums_pb2

DAY = 24 * 60
# Value points are scores × 100; one point outweighs any total of driving minutes.
TRAVEL_WEIGHT_LIMIT = 10 * DAY
EARTH_RADIUS_KM = 6371.0


@dataclass(frozen=True)
class Point:
    lat: float
    lon: float


@dataclass(frozen=True)
class Stop:
    id: int
    point: Point
    visit_minutes: int
    # Day index -> opening windows that day, minutes from local midnight.
    opening: Mapping[int, tuple[tuple[int, int], ...]]
    group: str = ""  # cooperative or region: at most `group_cap` stops per group


@dataclass(frozen=True)
class Day:
    index: int
    start: int  # minutes from local midnight
    end: int
    breaks: tuple[tuple[int, int], ...] = ()
    # Where this day starts and ends when not at the tour's meeting point (a day in another city).
    start_point: Point | None = None

    def absolute(self, minute: int) -> int:
        return self.index * DAY + minute


@dataclass(frozen=True)
class Problem:
    days: tuple[Day, ...]
    vehicles: tuple[int, ...]  # vehicle ids
    stops: tuple[Stop, ...]
    start: Point
    # (stop id, day index, vehicle id) -> value; missing means worth nothing on that route.
    values: Mapping[tuple[int, int, int], int]
    speed_kmh: float = 30.0
    detour: float = 1.4
    # Staff-entered minutes between two stops (ids; 0 is the start point), used before coordinates.
    matrix: Mapping[tuple[int, int], int] = field(default_factory=dict)
    group_cap: int | None = None

    def travel(self, a: int, b: int, day: Day | None = None) -> int:
        """Minutes from a to b (stop ids; 0 is the day's start point)."""
        if a == b:
            return 0
        own_start = day is not None and day.start_point is not None and 0 in (a, b)
        if not own_start:
            if (a, b) in self.matrix:
                return self.matrix[(a, b)]
            if (b, a) in self.matrix:
                return self.matrix[(b, a)]
        return travel_minutes(
            self._point(a, day), self._point(b, day), speed_kmh=self.speed_kmh, detour=self.detour
        )

    def _point(self, stop_id: int, day: Day | None = None) -> Point:
        if stop_id == 0:
            return day.start_point if day is not None and day.start_point is not None else self.start
        return self._stops()[stop_id].point

    def _stops(self) -> dict[int, Stop]:
        cached = self.__dict__.get("_by_id")
        if cached is None:
            cached = {s.id: s for s in self.stops}
            object.__setattr__(self, "_by_id", cached)
        return cached

    def stop(self, stop_id: int) -> Stop:
        return self._stops()[stop_id]


@dataclass(frozen=True)
class Visit:
    stop_id: int
    arrival: int  # absolute minutes: the visit starts
    departure: int  # the visit ends


@dataclass(frozen=True)
class Route:
    day: int
    vehicle: int
    visits: tuple[Visit, ...]
    leave: int  # absolute minutes the vehicle leaves the start point
    back: int  # and is back


@dataclass(frozen=True)
class Solution:
    routes: tuple[Route, ...]
    value: int
    baseline_value: int
    seconds: float
    method: str  # "routing" or "baseline" when the solver found nothing better


def haversine_km(a: Point, b: Point) -> float:
    lat1, lat2 = math.radians(a.lat), math.radians(b.lat)
    dlat, dlon = lat2 - lat1, math.radians(b.lon - a.lon)
    h = math.sin(dlat / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(dlon / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))


def travel_minutes(a: Point, b: Point, *, speed_kmh: float, detour: float) -> int:
    return math.ceil(haversine_km(a, b) * detour / speed_kmh * 60)


def route_value(problem: Problem, routes: Iterable[Route]) -> int:
    return sum(problem.values.get((v.stop_id, r.day, r.vehicle), 0) for r in routes for v in r.visits)


def _fits_gap(problem: Problem, day: Day, a: int, b: int, gap_start: int, gap_end: int) -> bool:
    """Can the group leave `a` at gap_start and start at `b` by gap_end, taking the breaks inside?"""
    needed = problem.travel(a, b, day)
    for bs, be in day.breaks:
        s, e = day.absolute(bs), day.absolute(be)
        if e <= gap_start or s >= gap_end:
            continue
        if s < gap_start or e > gap_end:
            return False
        needed += e - s
    return gap_end - gap_start >= needed


def violations(problem: Problem, routes: Iterable[Route]) -> list[str]:
    """Every rule a set of routes breaks, in words (empty when the plan is sound)."""
    days = {d.index: d for d in problem.days}
    found: list[str] = []
    seen: dict[int, int] = {}
    per_group: dict[str, int] = {}
    used: set[tuple[int, int]] = set()
    for route in routes:
        day = days[route.day]
        if (route.day, route.vehicle) in used:
            found.append(f"two routes for vehicle {route.vehicle} on day {route.day}")
        used.add((route.day, route.vehicle))
        if route.leave < day.absolute(day.start) or route.back > day.absolute(day.end):
            found.append(f"day {route.day} vehicle {route.vehicle} outside the day")
        previous, free_from = 0, route.leave
        for visit in route.visits:
            stop = problem.stop(visit.stop_id)
            seen[stop.id] = seen.get(stop.id, 0) + 1
            if stop.group:
                per_group[stop.group] = per_group.get(stop.group, 0) + 1
            if visit.departure - visit.arrival != stop.visit_minutes:
                found.append(f"stop {stop.id} visit length")
            local = (visit.arrival - day.absolute(0), visit.departure - day.absolute(0))
            if not any(o <= local[0] and local[1] <= c for o, c in stop.opening.get(route.day, ())):
                found.append(f"stop {stop.id} outside its opening hours")
            for bs, be in day.breaks:
                if local[0] < be and bs < local[1]:
                    found.append(f"stop {stop.id} overlaps a break")
            if not _fits_gap(problem, day, previous, stop.id, free_from, visit.arrival):
                found.append(f"stop {stop.id} cannot be reached in time")
            previous, free_from = stop.id, visit.departure
        if not _fits_gap(problem, day, previous, 0, free_from, route.back):
            found.append(f"day {route.day} vehicle {route.vehicle} not back in time")
    found += [f"stop {s} visited {n} times" for s, n in seen.items() if n > 1]
    if problem.group_cap is not None:
        found += [f"group {g}: {n} stops" for g, n in per_group.items() if n > problem.group_cap]
    return found


# -- nearest neighbour ------------------------------------------------------------------------


def _earliest_start(problem: Problem, day: Day, a: int, stop: Stop, free_from: int) -> int | None:
    """The earliest time the visit to `stop` can start after leaving `a` at free_from, or None."""
    for o, c in stop.opening.get(day.index, ()):
        start = max(day.absolute(o), free_from + problem.travel(a, stop.id, day))
        latest = day.absolute(c) - stop.visit_minutes
        while start <= latest:
            end = start + stop.visit_minutes
            clash = next(
                (
                    day.absolute(be)
                    for bs, be in day.breaks
                    if start < day.absolute(be) and day.absolute(bs) < end
                ),
                None,
            )
            if clash is not None:
                start = max(start, clash)
                continue
            if not _fits_gap(problem, day, a, stop.id, free_from, start):
                # A break lies across the drive: take it, then drive.
                start += 1
                continue
            back = _back_by(problem, day, stop.id, end)
            if back is None:
                break
            return start
    return None


def _back_by(problem: Problem, day: Day, a: int, free_from: int) -> int | None:
    end = day.absolute(day.end)
    arrive = free_from + problem.travel(a, 0, day)
    for bs, be in sorted(day.breaks):
        s, e = day.absolute(bs), day.absolute(be)
        if e > free_from and s < arrive:
            if s < free_from:
                return None
            arrive += e - s
    return arrive if arrive <= end else None


def nearest_neighbour(problem: Problem) -> list[Route]:
    """Each day, each vehicle: drive to the nearest workshop still worth a visit that fits."""
    done: set[int] = set()
    per_group: dict[str, int] = {}
    routes: list[Route] = []
    for day in problem.days:
        for vehicle in problem.vehicles:
            at, free_from = 0, day.absolute(day.start)
            visits: list[Visit] = []
            while True:
                best: tuple[int, int, Stop] | None = None
                for stop in problem.stops:
                    if stop.id in done or problem.values.get((stop.id, day.index, vehicle), 0) <= 0:
                        continue
                    if (
                        problem.group_cap is not None
                        and stop.group
                        and per_group.get(stop.group, 0) >= problem.group_cap
                    ):
                        continue
                    start = _earliest_start(problem, day, at, stop, free_from)
                    if start is None:
                        continue
                    key = (problem.travel(at, stop.id, day), stop.id)
                    if best is None or key < (best[0], best[2].id):
                        best = (key[0], start, stop)
                if best is None:
                    break
                _d, start, stop = best
                visits.append(Visit(stop.id, start, start + stop.visit_minutes))
                done.add(stop.id)
                if stop.group:
                    per_group[stop.group] = per_group.get(stop.group, 0) + 1
                at, free_from = stop.id, start + stop.visit_minutes
            if visits:
                back = _back_by(problem, day, at, free_from)
                assert back is not None
                routes.append(Route(day.index, vehicle, tuple(visits), day.absolute(day.start), back))
    return routes


# -- routing ----------------------------------------------------------------------------------


def _opening_absolute(stop: Stop, day: Day) -> list[tuple[int, int]]:
    """Windows (absolute) in which a visit to `stop` may start on `day`, breaks cut out."""
    windows = []
    for o, c in stop.opening.get(day.index, ()):
        lo, hi = day.absolute(max(o, day.start)), day.absolute(min(c, day.end)) - stop.visit_minutes
        if lo > hi:
            continue
        pieces = [(lo, hi)]
        for bs, be in day.breaks:
            # A visit starting in (bs - visit, be) would overlap the break.
            cut_lo, cut_hi = day.absolute(bs) - stop.visit_minutes + 1, day.absolute(be) - 1
            pieces = [
                p
                for lo_, hi_ in pieces
                for p in ((lo_, min(hi_, cut_lo - 1)), (max(lo_, cut_hi + 1), hi_))
                if p[0] <= p[1]
            ]
        windows += pieces
    return windows


def plan(problem: Problem, *, seconds: float = 5.0) -> Solution:
    """The routes worth most within the rules, never worth less than the nearest-neighbour plan."""
    began = time.monotonic()
    baseline = nearest_neighbour(problem)
    baseline_value = route_value(problem, baseline)

    route_keys = [(d, v) for d in problem.days for v in problem.vehicles]
    # One node per (stop, route) that is worth something and can open that day; a disjunction
    # keeps at most one node of a stop, so a workshop is visited at most once over the tour.
    nodes: list[tuple[int, int, int, list[tuple[int, int]]]] = []  # stop, route index, value, windows
    for stop in problem.stops:
        for r, (day, vehicle) in enumerate(route_keys):
            value = problem.values.get((stop.id, day.index, vehicle), 0)
            windows = _opening_absolute(stop, day) if value > 0 else []
            if windows:
                nodes.append((stop.id, r, value, windows))
    if not nodes:
        return Solution(tuple(baseline), baseline_value, baseline_value, time.monotonic() - began, "baseline")

    manager = pywrapcp.RoutingIndexManager(len(nodes) + 1, len(route_keys), 0)
    routing = pywrapcp.RoutingModel(manager)
    stop_of = [0] + [n[0] for n in nodes]
    visit_of = [0] + [problem.stop(n[0]).visit_minutes for n in nodes]

    transits = []
    for day, _vehicle in route_keys:

        def transit(i: int, j: int, _day: Day = day) -> int:
            a, b = manager.IndexToNode(i), manager.IndexToNode(j)
            return visit_of[a] + problem.travel(stop_of[a], stop_of[b], _day)

        transits.append(routing.RegisterTransitCallback(transit))
    horizon = (max(d.index for d in problem.days) + 2) * DAY
    routing.AddDimensionWithVehicleTransits(transits, horizon, horizon, False, "time")
    clock = routing.GetDimensionOrDie("time")
    solver = routing.solver()

    max_value = max(n[2] for n in nodes)
    by_stop: dict[int, list[int]] = {}
    for k, (stop_id, r, _value, windows) in enumerate(nodes, start=1):
        index = manager.NodeToIndex(k)
        routing.VehicleVar(index).SetValues([-1, r])
        lo, hi = windows[0][0], windows[-1][1]
        clock.CumulVar(index).SetRange(lo, hi)
        for (_a, end), (start, _b) in zip(windows, windows[1:], strict=False):
            if start > end + 1:
                clock.CumulVar(index).RemoveInterval(end + 1, start - 1)
        by_stop.setdefault(stop_id, []).append(k)

    # Visiting a node costs (max - its value) points, leaving the stop out costs max: the lowest
    # cost is the highest value. Points outweigh all the driving, which only breaks ties.
    for ks in by_stop.values():
        indices = [manager.NodeToIndex(k) for k in ks]
        routing.AddDisjunction(indices, max_value * TRAVEL_WEIGHT_LIMIT)
    for v, (day, _vehicle) in enumerate(route_keys):

        def cost(i: int, j: int, _day: Day = day) -> int:
            a, b = manager.IndexToNode(i), manager.IndexToNode(j)
            points = (max_value - nodes[b - 1][2]) * TRAVEL_WEIGHT_LIMIT if b else 0
            return points + visit_of[a] + problem.travel(stop_of[a], stop_of[b], _day)

        routing.SetArcCostEvaluatorOfVehicle(routing.RegisterTransitCallback(cost), v)

    node_visits = [visit_of[manager.IndexToNode(i)] for i in range(routing.Size())]
    for v, (day, _vehicle) in enumerate(route_keys):
        start, end = routing.Start(v), routing.End(v)
        clock.CumulVar(start).SetRange(day.absolute(day.start), day.absolute(day.end))
        clock.CumulVar(end).SetRange(day.absolute(day.start), day.absolute(day.end))
        breaks = [
            solver.FixedDurationIntervalVar(
                day.absolute(bs), day.absolute(bs), be - bs, False, f"break {v} {bs}"
            )
            for bs, be in day.breaks
        ]
        if breaks:
            clock.SetBreakIntervalsOfVehicle(breaks, v, node_visits)

    if problem.group_cap is not None:
        groups: dict[str, list[int]] = {}
        for stop_id, ks in by_stop.items():
            group = problem.stop(stop_id).group
            if group:
                groups.setdefault(group, []).extend(ks)
        for ks in groups.values():
            if len({stop_of[k] for k in ks}) > problem.group_cap:
                solver.Add(
                    solver.Sum([routing.ActiveVar(manager.NodeToIndex(k)) for k in ks]) <= problem.group_cap
                )

    params = pywrapcp.DefaultRoutingSearchParameters()
    params.first_solution_strategy = routing_enums_pb2.FirstSolutionStrategy.PATH_CHEAPEST_ARC
    params.local_search_metaheuristic = routing_enums_pb2.LocalSearchMetaheuristic.GUIDED_LOCAL_SEARCH
    params.time_limit.FromMilliseconds(max(100, int((seconds - (time.monotonic() - began)) * 1000)))

    node_for = {(stop_id, r): k for k, (stop_id, r, _v, _w) in enumerate(nodes, start=1)}
    initial_routes = []
    for day, vehicle in route_keys:
        route = next((x for x in baseline if x.day == day.index and x.vehicle == vehicle), None)
        r = route_keys.index((day, vehicle))
        initial_routes.append([node_for[(v.stop_id, r)] for v in route.visits] if route else [])
    routing.CloseModelWithParameters(params)
    initial = routing.ReadAssignmentFromRoutes(initial_routes, True)
    found = (
        routing.SolveFromAssignmentWithParameters(initial, params)
        if initial is not None
        else routing.SolveWithParameters(params)
    )

    routes: list[Route] = []
    if found is not None:
        for v, (day, vehicle) in enumerate(route_keys):
            visits = []
            previous = routing.Start(v)
            index = found.Value(routing.NextVar(previous))
            while not routing.IsEnd(index):
                k = manager.IndexToNode(index)
                arrival = found.Value(clock.CumulVar(index))
                visits.append(Visit(stop_of[k], arrival, arrival + visit_of[k]))
                index = found.Value(routing.NextVar(index))
            if visits:
                routes.append(
                    Route(
                        day.index,
                        vehicle,
                        tuple(visits),
                        found.Value(clock.CumulVar(routing.Start(v))),
                        found.Value(clock.CumulVar(routing.End(v))),
                    )
                )
        tightened = [_tighten(problem, r) for r in routes]
        if not violations(problem, tightened):
            routes = tightened
    value = route_value(problem, routes)
    if found is None or value < baseline_value or violations(problem, routes):
        return Solution(tuple(baseline), baseline_value, baseline_value, time.monotonic() - began, "baseline")
    return Solution(tuple(routes), value, baseline_value, time.monotonic() - began, "routing")


def _tighten(problem: Problem, route: Route) -> Route:
    """The same visits in the same order, each as early as it can start (the solver may leave slack)."""
    day = next(d for d in problem.days if d.index == route.day)
    at, free_from = 0, day.absolute(day.start)
    visits = []
    for visit in route.visits:
        stop = problem.stop(visit.stop_id)
        start = _earliest_start(problem, day, at, stop, free_from)
        if start is None or start > visit.arrival:
            start = visit.arrival
        visits.append(Visit(stop.id, start, start + stop.visit_minutes))
        at, free_from = stop.id, start + stop.visit_minutes
    back = _back_by(problem, day, at, free_from)
    return Route(
        route.day,
        route.vehicle,
        tuple(visits),
        day.absolute(day.start),
        back if back is not None else route.back,
    )
