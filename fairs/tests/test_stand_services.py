"""Placing exhibitors: the allocator's run, moves by hand with the same checks, publishing and its mail."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import translation

from accounts.tests.factories import StaffUserFactory
from catalog.tests.factories import ArtisanProfileFactory, CraftFactory
from common.statemachine import TransitionRefused
from fairs import services
from fairs.models import AllocationRun, Exhibitor, Stand, StandApplication, StandEvent, Zone
from fairs.tests.factories import allocate, exhibitor, hall_with_stands, small_fair
from fairs.transitions import STAFF, STANDS
from notifications.models import Email

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    # The refusals are matched in English, whatever language an earlier request left active.
    with translation.override("en"):
        yield


def test_the_allocator_places_everyone_who_fits_and_records_its_run():
    world = small_fair(stands=4, exhibitors=3)
    for person in world.exhibitors:
        StandApplication.objects.create(exhibitor=person, needs_power=True)
    run = allocate(world.program, StaffUserFactory())
    assert run.placed == 3 == run.placed_bound and run.greedy_placed == 3
    assert Stand.objects.filter(status=Stand.Status.HELD).count() == 3
    assert StandEvent.objects.filter(action="hold").count() == 3
    assert AllocationRun.objects.get() == run


def test_a_new_run_keeps_published_stands_and_plans_held_ones_again():
    world = small_fair(stands=4, exhibitors=2)
    staff = StaffUserFactory()
    allocate(world.program, staff)
    services.allocation_publish(program=world.program, by=staff)
    published = dict(Stand.objects.filter(status=Stand.Status.ASSIGNED).values_list("exhibitor_id", "pk"))
    late = exhibitor(world.program, ArtisanProfileFactory(indexed=False, crafts=[world.craft]))
    allocate(world.program, staff)
    assert (
        dict(Stand.objects.filter(status=Stand.Status.ASSIGNED).values_list("exhibitor_id", "pk"))
        == published
    )
    assert Stand.objects.get(exhibitor=late).status == Stand.Status.HELD


def test_publishing_mails_each_exhibitor_its_stand_once_in_their_language():
    world = small_fair(stands=3, exhibitors=2)
    french = world.exhibitors[0].artisan.user
    french.language = "fr"
    french.save(update_fields=["language"])
    staff = StaffUserFactory()
    allocate(world.program, staff)
    assert services.allocation_publish(program=world.program, by=staff) == 2
    services.allocation_publish(program=world.program, by=staff)
    mails = Email.objects.filter(key__startswith="fair-stand:")
    assert mails.count() == 2
    stand = Stand.objects.get(exhibitor=world.exhibitors[0])
    mail = mails.get(to=french.email)
    assert mail.language == "fr" and stand.code in mail.subject
    with translation.override("fr"):
        assert "stand" in mail.subject.lower()


def test_a_move_by_hand_is_checked_like_the_allocator_and_recorded():
    world = small_fair(stands=3, exhibitors=2)
    staff = StaffUserFactory()
    first, second = world.exhibitors
    StandApplication.objects.create(exhibitor=first, min_size_m2=Decimal("9"), needs_water=True)
    with pytest.raises(TransitionRefused, match="service"):
        services.stand_move(exhibitor=first, stand=world.stands[0], by=staff)
    water = hall_with_stands(world.program, count=1, hall=world.hall, prefix="W", has_water=True)[0]
    Stand.objects.filter(pk=water.pk).update(x=20, y=20)
    services.stand_move(exhibitor=first, stand=water, by=staff)
    StandApplication.objects.filter(exhibitor=first).delete()
    # Competitors apart: the second asks it, and the first (same craft) is its neighbour.
    StandApplication.objects.create(exhibitor=second, keep_apart=True)
    services.stand_move(exhibitor=first, stand=world.stands[0], by=staff)
    assert Stand.objects.get(pk=water.pk).status == Stand.Status.AVAILABLE
    with pytest.raises(TransitionRefused, match="competitors"):
        services.stand_move(exhibitor=second, stand=world.stands[1], by=staff)
    services.stand_move(exhibitor=second, stand=world.stands[2], by=staff)
    actions = list(StandEvent.objects.order_by("pk").values_list("action", flat=True))
    assert actions == ["hold", "release", "hold", "hold"]


def test_a_craft_zone_takes_only_that_craft_and_a_blocked_stand_nobody():
    world = small_fair(stands=2, exhibitors=1)
    staff = StaffUserFactory()
    zone = Zone.objects.create(
        hall=world.hall, name="Textiles", kind=Zone.Kind.CRAFT, craft=CraftFactory(slug="textiles")
    )
    Stand.objects.filter(pk=world.stands[0].pk).update(zone=zone)
    with pytest.raises(TransitionRefused, match="another craft"):
        services.stand_move(exhibitor=world.exhibitors[0], stand=world.stands[0], by=staff)
    services.stand_block(stand=world.stands[1], by=staff)
    with pytest.raises(TransitionRefused, match="blocked"):
        services.stand_move(exhibitor=world.exhibitors[0], stand=world.stands[1], by=staff)


def test_only_an_accepted_artisan_exhibits_and_only_accepted_members_join_a_cooperative():
    world = small_fair(stands=1, exhibitors=0)
    stranger = ArtisanProfileFactory(indexed=False)
    with pytest.raises(TransitionRefused, match="accepted"):
        services.exhibitor_add(program=world.program, artisan=stranger)
    coop = exhibitor(world.program, ArtisanProfileFactory(indexed=False, kind="cooperative"))
    with pytest.raises(TransitionRefused, match="accepted"):
        services.exhibitor_member_add(exhibitor=coop, artisan=stranger)
    assert Exhibitor.objects.count() == 1


def test_the_table_offers_staff_what_the_services_accept():
    world = small_fair(stands=1, exhibitors=1)
    stand = world.stands[0]
    assert STANDS.allowed(stand, roles=frozenset({STAFF}), now=None) == {"hold", "block"}
    services.stand_block(stand=stand, by=StaffUserFactory())
    stand.refresh_from_db()
    assert STANDS.allowed(stand, roles=frozenset({STAFF}), now=None) == {"unblock"}
