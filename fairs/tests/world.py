"""The fairs part of the security matrices' world (tests/security/world.py calls it).

Program B (public catalog, open for buyers) is a fair: a venue, one hall with a ceramics zone,
stand A01 assigned and published to artisan A (in the Portuguese delegation, with a stand
application), stand A02 free, one stand move and one allocator run on record, and a member
artisan on A's stand.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from catalog.tests.factories import ArtisanProfileFactory, CraftFactory
from fairs.models import (
    AllocationRun,
    Delegation,
    Exhibitor,
    ExhibitorMember,
    FairSettings,
    Hall,
    Stand,
    StandApplication,
    StandApplicationEntry,
    StandEvent,
    Venue,
    Zone,
)
from fairs.tests.factories import accept


def build_fairs(w: Any) -> None:
    program = w.programs["B"]
    fair = FairSettings.objects.create(program=program, show_public_prices=False, published_at=timezone.now())
    venue = Venue.objects.create(program=program, name="Expo")
    hall = Hall.objects.create(venue=venue, name="Hall 1", width_m=20, depth_m=10)
    zone = Zone.objects.create(
        hall=hall, name="Ceramics", kind=Zone.Kind.CRAFT, craft=CraftFactory(slug="ceramics")
    )
    delegation = Delegation.objects.create(
        program=program, country="PT", name="Portugal", slug="portugal", guest_of_honour=True
    )
    stand = Stand.objects.create(
        program=program, hall=hall, zone=zone, code="A01", x=1, y=1, w=3, h=3, size_m2=9, has_power=True
    )
    free = Stand.objects.create(
        program=program, hall=hall, code="A02", x=4, y=1, w=3, h=3, size_m2=9, has_power=True
    )
    shown = Exhibitor.objects.create(program=program, artisan=w.artisans["A"], delegation=delegation)
    application = StandApplication.objects.create(exhibitor=shown, zone=zone, needs_power=True)
    # Staff once entered it for the exhibitor (a record the admin shows, never deletes).
    StandApplicationEntry.objects.create(application=application, by=None, created=True)
    Stand.objects.filter(pk=stand.pk).update(status=Stand.Status.ASSIGNED, exhibitor=shown)
    StandEvent.objects.create(
        stand=stand,
        exhibitor=shown,
        action="assign",
        from_status="held",
        to_status="assigned",
        by=w.users["superuser"],
    )
    AllocationRun.objects.create(
        program=program,
        by=w.users["superuser"],
        applications=1,
        placed=1,
        placed_bound=1,
        wishes_met=1,
        wishes_bound=1,
        wishes_asked=1,
        greedy_placed=1,
        greedy_wishes_met=1,
        seconds=0.1,
        status=AllocationRun.Status.DONE,
        solver_status="OPTIMAL",
    )
    member = ArtisanProfileFactory(indexed=False, slug="member-artisan", business_name="Member artisan")
    accept(program, member)
    ExhibitorMember.objects.create(exhibitor=shown, artisan=member)
    w.misc["fairs"] = {
        "fair": fair,
        "program": program,
        "stand": stand,
        "free_stand": free,
        "exhibitor": shown,
        "delegation": delegation,
        "hall": hall,
        "zone": zone,
        "venue": venue,
    }


def fresh_exhibitor(w: Any) -> Exhibitor:
    """An exhibitor with no stand (nothing protects it), for the admin's delete row."""
    artisan = ArtisanProfileFactory(indexed=False, slug="fresh-exhibitor")
    accept(w.programs["B"], artisan)
    return Exhibitor.objects.create(program=w.programs["B"], artisan=artisan)


def blocked_stand(w: Any) -> Stand:
    fairs = w.misc["fairs"]
    return Stand.objects.create(
        program=fairs["program"],
        hall=fairs["hall"],
        code="A03",
        x=7,
        y=1,
        w=3,
        h=3,
        size_m2=9,
        status=Stand.Status.BLOCKED,
    )
