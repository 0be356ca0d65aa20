"""From a fair in the database to the allocator's problem (`fairs.allocator`), and back.

Every stand of the program that is not blocked is offered; a stand already assigned (published)
keeps its exhibitor as a fixed placement, a held one is planned again. Every exhibitor is in the
problem, in the order their stand applications arrived (those without one last, with no wishes),
so a move by hand is checked against the same rules as the allocator's plan.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch

from catalog.models import Craft
from fairs import allocator
from fairs.models import Exhibitor, Stand, StandApplication, Zone
from programs.models import Program


@dataclass
class Fair:
    problem: allocator.Problem
    stands: dict[int, Stand]
    exhibitors: dict[int, Exhibitor]
    # Exhibitor → stand as the database holds it now (held and assigned).
    current: dict[int, int]


def _stand(stand: Stand) -> allocator.Stand:
    zone: Zone | None = stand.zone
    return allocator.Stand(
        id=stand.pk,
        hall=stand.hall_id,
        x=float(stand.x),
        y=float(stand.y),
        w=float(stand.w),
        h=float(stand.h),
        size=float(stand.size_m2),
        zone=stand.zone_id,
        zone_craft=zone.craft_id if zone is not None and zone.kind == Zone.Kind.CRAFT else None,
        services=stand.services,
    )


def _application(exhibitor: Exhibitor) -> allocator.Application:
    crafts = frozenset(craft.pk for craft in exhibitor.artisan.crafts.all())
    wish: StandApplication | None = getattr(exhibitor, "application", None)
    if wish is None:
        return allocator.Application(exhibitor=exhibitor.pk, crafts=crafts)
    return allocator.Application(
        exhibitor=exhibitor.pk,
        crafts=crafts,
        zone=wish.zone_id,
        min_size=float(wish.min_size_m2),
        services=wish.services,
        next_to=wish.next_to_id,
        apart=wish.keep_apart,
    )


def fair_problem(program: Program) -> Fair:
    """The program's stands and exhibitors as the allocator sees them (a handful of queries)."""
    stands = list(
        Stand.objects.filter(program=program)
        .exclude(status=Stand.Status.BLOCKED)
        .select_related("zone")
        .order_by("hall__position", "hall_id", "code")
    )
    exhibitors = list(
        Exhibitor.objects.filter(program=program)
        .select_related("artisan", "application")
        .prefetch_related(Prefetch("artisan__crafts", queryset=Craft.objects.only("pk")))
    )

    def arrival(exhibitor: Exhibitor):
        wish = getattr(exhibitor, "application", None)
        return (wish is None, wish.submitted_at if wish else None, wish.pk if wish else 0, exhibitor.pk)

    exhibitors.sort(key=arrival)
    current = {s.exhibitor_id: s.pk for s in stands if s.exhibitor_id is not None}
    fixed = {s.exhibitor_id: s.pk for s in stands if s.status == Stand.Status.ASSIGNED and s.exhibitor_id}
    problem = allocator.Problem(
        stands=[_stand(s) for s in stands],
        applications=[_application(e) for e in exhibitors],
        fixed=fixed,
    )
    return Fair(
        problem=problem,
        stands={s.pk: s for s in stands},
        exhibitors={e.pk: e for e in exhibitors},
        current=current,
    )
