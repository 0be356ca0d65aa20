"""Fairs made for tests: a small fair, the security world's fair, and a big one for the bench."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils import timezone

from artisans.models import ArtisanProfile
from catalog.models import Craft
from catalog.tests.factories import ArtisanProfileFactory, CraftFactory, ProductFactory
from fairs import services
from fairs.models import (
    AllocationRun,
    Exhibitor,
    ExhibitorMember,
    FairSettings,
    Hall,
    Stand,
    Venue,
    Zone,
)
from programs.models import Application, Program
from programs.tests.factories import ProgramFactory


def public_fair_program(**kwargs: Any) -> Program:
    program = ProgramFactory(kind=Program.Kind.TRADE_FAIR, status=Program.Status.OPEN_BUYERS, **kwargs)
    # Written directly: the public catalog is a staff choice in the program form.
    Program.objects.filter(pk=program.pk).update(public_catalog=True)
    program.refresh_from_db()
    return program


def accept(program: Program, artisan: ArtisanProfile) -> None:
    Application.objects.get_or_create(
        program=program, artisan=artisan, defaults={"status": Application.Status.ACCEPTED}
    )


def exhibitor(program: Program, artisan: ArtisanProfile | None = None, **kwargs: Any) -> Exhibitor:
    artisan = artisan or ArtisanProfileFactory(indexed=False)
    accept(program, artisan)
    return Exhibitor.objects.create(program=program, artisan=artisan, **kwargs)


def hall_with_stands(
    program: Program,
    *,
    count: int,
    across: int = 5,
    size: Decimal = Decimal("3"),
    zone: Zone | None = None,
    hall: Hall | None = None,
    prefix: str = "A",
    **stand: Any,
) -> list[Stand]:
    """A row of `across` stands of size × size m, touching, then the next row below an aisle."""
    if hall is None:
        venue = Venue.objects.filter(program=program).first() or Venue.objects.create(
            program=program, name="Expo"
        )
        hall = Hall.objects.create(
            venue=venue,
            name=f"Hall {prefix}",
            width_m=Decimal(across) * size + 2,
            depth_m=(count // across + 1) * (size + 2) + 2,
        )
    made = []
    for i in range(count):
        row, col = divmod(i, across)
        made.append(
            Stand.objects.create(
                program=program,
                hall=hall,
                zone=zone,
                code=f"{prefix}{i + 1:02d}",
                x=1 + col * size,
                y=1 + row * (size + 2),
                w=size,
                h=size,
                size_m2=size * size,
                **stand,
            )
        )
    return made


@dataclass
class SmallFair:
    program: Program
    fair: FairSettings
    hall: Hall
    stands: list[Stand]
    exhibitors: list[Exhibitor]
    craft: Craft
    extra: dict[str, Any] = field(default_factory=dict)


def small_fair(*, stands: int = 6, exhibitors: int = 3, show_public_prices: bool = False) -> SmallFair:
    program = public_fair_program()
    fair = FairSettings.objects.create(program=program, show_public_prices=show_public_prices)
    craft = CraftFactory(slug="ceramics")
    made = hall_with_stands(program, count=stands, across=3, has_power=True)
    people = [
        exhibitor(program, ArtisanProfileFactory(indexed=False, crafts=[craft])) for _ in range(exhibitors)
    ]
    return SmallFair(
        program=program, fair=fair, hall=made[0].hall, stands=made, exhibitors=people, craft=craft
    )


def big_fair(*, exhibitors: int = 260, members: int = 2, products: int = 4) -> Program:
    """A published fair of cooperatives with members and products, for bench/fair.py."""
    program = public_fair_program(slug="regional-fair")
    fair = FairSettings.objects.create(program=program, show_public_prices=True)
    crafts = [
        CraftFactory(slug=slug) for slug in ("ceramics", "textiles", "woodwork", "leather", "jewellery")
    ]
    stands = hall_with_stands(program, count=exhibitors // 2, across=13, prefix="A")
    stands += hall_with_stands(program, count=exhibitors - exhibitors // 2, across=13, prefix="B")
    for i, stand in enumerate(stands):
        craft = crafts[i % len(crafts)]
        cooperative = ArtisanProfileFactory(
            indexed=False,
            kind=ArtisanProfile.Kind.COOPERATIVE,
            crafts=[craft],
            region=("Fès-Meknès", "Souss-Massa", "Marrakech-Safi")[i % 3],
            country="MA",
        )
        shown = exhibitor(program, cooperative)
        for _m in range(members):
            member = ArtisanProfileFactory(indexed=False, crafts=[craft], country="MA")
            accept(program, member)
            ExhibitorMember.objects.create(exhibitor=shown, artisan=member)
            for _p in range(products // max(members, 1)):
                ProductFactory(artisan=member, craft=craft, indexed=False)
        Stand.objects.filter(pk=stand.pk).update(status=Stand.Status.ASSIGNED, exhibitor=shown)
    FairSettings.objects.filter(pk=fair.pk).update(published_at=timezone.now())
    return program


def allocate(program: Program, by: Any = None, *, time_limit: float = 2) -> AllocationRun:
    """Start a run and solve it here, as its task would (the test's transaction never commits)."""
    run = services.allocation_run_request(program=program, by=by)
    done = services.allocation_run(run_id=run.pk, time_limit=time_limit)
    assert done is not None
    return done
