"""How well an artisan fits a buyer: named parts, each with a reason in plain words.

Pure Python over plain facts (no database), so a worker scores 5,000 artisans against 1,000
buyers from profiles loaded once. Each part returns a score between 0 and 1 and, when it
speaks for the match, a reason: a code and parameters, put into words in the reader's language
at display time (matchmaking.reasons). The total is the weighted sum, scaled to 0–100.
"""

from __future__ import annotations

import heapq
import zoneinfo
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, fields
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache

WORK_START, WORK_END = 9, 18
REFERENCE_DAY = date(2026, 10, 7)  # a Wednesday outside any DST switch


@dataclass(frozen=True)
class ArtisanFacts:
    id: int
    crafts: frozenset = frozenset()
    materials: frozenset[str] = frozenset()
    price_min_usd: float | None = None
    price_max_usd: float | None = None
    min_order_qty: int | None = None
    monthly_capacity: int | None = None
    lead_time_days: int | None = None
    languages: frozenset[str] = frozenset()
    time_zone: str = "UTC"
    exported_before: bool = False


@dataclass(frozen=True)
class BuyerFacts:
    id: int
    crafts: frozenset = frozenset()
    materials: frozenset[str] = frozenset()
    price_min_usd: float | None = None
    price_max_usd: float | None = None
    typical_order_qty: int | None = None
    lead_time_days: int | None = None
    languages: frozenset[str] = frozenset()
    time_zone: str = "UTC"


@dataclass(frozen=True)
class Weights:
    """Defaults when staff have not tuned a program (matchmaking.models.ScoreWeights)."""

    crafts: float = 5.0
    materials: float = 1.5
    price: float = 2.0
    order_size: float = 2.0
    lead_time: float = 1.0
    language: float = 2.0
    time_overlap: float = 1.5
    exported: float = 1.0
    program: float = 0.5

    @property
    def total(self) -> float:
        return sum(getattr(self, f.name) for f in fields(self)) or 1.0


Reason = dict
Part = tuple[float, Reason | None]


@dataclass
class Context:
    interpreter_languages: frozenset[str] = frozenset()
    reference_day: date = REFERENCE_DAY
    same_program: bool = True
    cache: dict = field(default_factory=dict)


def crafts(a: ArtisanFacts, b: BuyerFacts, ctx: Context) -> Part:
    shared = a.crafts & b.crafts
    if not shared:
        return 0.0, None
    return 1.0, {"code": "crafts", "crafts": sorted(shared)}


def materials(a: ArtisanFacts, b: BuyerFacts, ctx: Context) -> Part:
    shared = a.materials & b.materials
    if not shared:
        return 0.0, None
    return 1.0, {"code": "materials", "materials": sorted(shared)}


def price(a: ArtisanFacts, b: BuyerFacts, ctx: Context) -> Part:
    if a.price_min_usd is None or (b.price_min_usd is None and b.price_max_usd is None):
        return 0.0, None
    low = b.price_min_usd if b.price_min_usd is not None else 0.0
    high = b.price_max_usd if b.price_max_usd is not None else float("inf")
    if a.price_min_usd <= high and (a.price_max_usd or a.price_min_usd) >= low:
        return 1.0, {"code": "price", "low": round(a.price_min_usd), "high": round(a.price_max_usd or a.price_min_usd)}
    return 0.0, None


def order_size(a: ArtisanFacts, b: BuyerFacts, ctx: Context) -> Part:
    qty = b.typical_order_qty
    if qty is None or a.min_order_qty is None:
        return 0.0, None
    if a.min_order_qty > qty:
        return 0.0, None
    if a.monthly_capacity is not None and a.monthly_capacity < qty:
        return 0.5, {"code": "capacity", "capacity": a.monthly_capacity, "qty": qty}
    return 1.0, {"code": "order", "moq": a.min_order_qty, "qty": qty}


def lead_time(a: ArtisanFacts, b: BuyerFacts, ctx: Context) -> Part:
    if a.lead_time_days is None:
        return 0.0, None
    wanted = b.lead_time_days or 45
    if a.lead_time_days <= wanted:
        return 1.0, {"code": "lead_time", "days": a.lead_time_days}
    return 0.0, None


def language(a: ArtisanFacts, b: BuyerFacts, ctx: Context) -> Part:
    shared = a.languages & b.languages
    if shared:
        return 1.0, {"code": "language", "languages": sorted(shared)}
    if (ctx.interpreter_languages & a.languages) and (ctx.interpreter_languages & b.languages):
        return 0.5, {"code": "interpreter"}
    return 0.0, None


@lru_cache(maxsize=4096)
def overlap_hours(zone_a: str, zone_b: str, day: date) -> int:
    """Whole hours of `day` (in zone_b) that are working hours, 9–18 on a weekday, in both zones."""
    za, zb = zoneinfo.ZoneInfo(zone_a), zoneinfo.ZoneInfo(zone_b)
    start = datetime(day.year, day.month, day.day, tzinfo=zb).astimezone(UTC)
    hours = 0
    for h in range(24):
        moment = start + timedelta(hours=h)
        la, lb = moment.astimezone(za), moment.astimezone(zb)
        if all(WORK_START <= t.hour < WORK_END and t.weekday() < 5 for t in (la, lb)):
            hours += 1
    return hours


def time_overlap(a: ArtisanFacts, b: BuyerFacts, ctx: Context) -> Part:
    hours = overlap_hours(a.time_zone, b.time_zone, ctx.reference_day)
    if hours <= 0:
        return 0.0, None
    return min(hours, 9) / 9, {"code": "overlap", "hours": hours, "zone": b.time_zone}


def exported(a: ArtisanFacts, b: BuyerFacts, ctx: Context) -> Part:
    return (1.0, {"code": "exported"}) if a.exported_before else (0.0, None)


def program(a: ArtisanFacts, b: BuyerFacts, ctx: Context) -> Part:
    return (1.0, None) if ctx.same_program else (0.0, None)


PARTS: dict[str, Callable[[ArtisanFacts, BuyerFacts, Context], Part]] = {
    "crafts": crafts, "materials": materials, "price": price, "order_size": order_size,
    "lead_time": lead_time, "language": language, "time_overlap": time_overlap,
    "exported": exported, "program": program,
}


def score(a: ArtisanFacts, b: BuyerFacts, weights: Weights, ctx: Context | None = None) -> tuple[float, list[Reason]]:
    """The score (0–100) and the reasons, strongest part first."""
    ctx = ctx or Context()
    total, reasons = 0.0, []
    for name, part in PARTS.items():
        weight = getattr(weights, name)
        value, reason = part(a, b, ctx)
        total += weight * value
        if reason is not None and weight > 0:
            reasons.append((weight * value, reason))
    reasons.sort(key=lambda item: -item[0])
    return round(100 * total / weights.total, 2), [reason for _w, reason in reasons]


def _fast_score(a: ArtisanFacts, b: BuyerFacts, w: Weights, ctx: Context) -> float:
    """The same total as `score` without building reasons: the inner loop of a recompute."""
    total = 0.0
    if a.crafts & b.crafts:
        total += w.crafts
    if a.materials & b.materials:
        total += w.materials
    total += w.price * price(a, b, ctx)[0]
    total += w.order_size * order_size(a, b, ctx)[0]
    total += w.lead_time * lead_time(a, b, ctx)[0]
    total += w.language * language(a, b, ctx)[0]
    hours = overlap_hours(a.time_zone, b.time_zone, ctx.reference_day)
    total += w.time_overlap * min(hours, 9) / 9
    if a.exported_before:
        total += w.exported
    if ctx.same_program:
        total += w.program
    return round(100 * total / w.total, 2)


def rank_for_buyers(
    artisans: list[ArtisanFacts], buyers: Iterable[BuyerFacts], weights: Weights, *, keep: int = 20,
    ctx: Context | None = None,
) -> Iterator[tuple[BuyerFacts, list[tuple[float, ArtisanFacts]]]]:
    """For each buyer, the `keep` best artisans, plus each artisan's `keep` best buyers.

    Yields (buyer, [(score, artisan), ...]) per buyer; an artisan's best buyers that are not
    already in that buyer's list are added to it, so both dashboards have their matches.
    """
    ctx = ctx or Context()
    buyers = list(buyers)
    per_artisan: dict[int, list[tuple[float, int]]] = {a.id: [] for a in artisans}
    kept: dict[int, dict[int, float]] = {}
    for b_index, buyer in enumerate(buyers):
        scored = [(_fast_score(a, buyer, weights, ctx), a_index) for a_index, a in enumerate(artisans)]
        kept[b_index] = {a_index: s for s, a_index in heapq.nlargest(keep, scored)}
        for s, a_index in scored:
            heap = per_artisan[artisans[a_index].id]
            if len(heap) < keep:
                heapq.heappush(heap, (s, b_index))
            elif s > heap[0][0]:
                heapq.heapreplace(heap, (s, b_index))
    for a_index, artisan in enumerate(artisans):
        for s, b_index in per_artisan[artisan.id]:
            kept[b_index][a_index] = s
    for b_index, buyer in enumerate(buyers):
        ranked = sorted(((s, artisans[a_index]) for a_index, s in kept[b_index].items()), key=lambda x: -x[0])
        yield buyer, ranked
