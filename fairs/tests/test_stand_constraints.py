"""One stand per exhibitor and one exhibitor per stand: the database says so, and races prove it."""

from __future__ import annotations

import threading

import pytest
from django.db import IntegrityError, connection, transaction

from accounts.tests.factories import StaffUserFactory
from common.statemachine import TransitionRefused
from common.tests.races import race
from fairs import services
from fairs.models import Stand, StandEvent
from fairs.tests.factories import small_fair


@pytest.mark.django_db
def test_the_database_refuses_a_second_stand_for_one_exhibitor():
    world = small_fair(stands=2, exhibitors=1)
    first, second = world.stands
    exhibitor = world.exhibitors[0]
    Stand.objects.filter(pk=first.pk).update(status=Stand.Status.HELD, exhibitor=exhibitor)
    with pytest.raises(IntegrityError), transaction.atomic():
        Stand.objects.filter(pk=second.pk).update(status=Stand.Status.HELD, exhibitor=exhibitor)


@pytest.mark.django_db
def test_the_database_refuses_a_status_that_does_not_match_the_exhibitor():
    world = small_fair(stands=1, exhibitors=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Stand.objects.filter(pk=world.stands[0].pk).update(status=Stand.Status.ASSIGNED)
    with pytest.raises(IntegrityError), transaction.atomic():
        Stand.objects.filter(pk=world.stands[0].pk).update(exhibitor=world.exhibitors[0])


@pytest.mark.django_db(transaction=True)
def test_two_staff_placing_two_exhibitors_on_one_stand_at_once_place_exactly_one():
    world = small_fair(stands=3, exhibitors=4)
    staff = StaffUserFactory()
    stand = world.stands[0]
    result = race(
        [lambda e=e: services.stand_move(exhibitor=e, stand=stand, by=staff) for e in world.exhibitors],
        refused=TransitionRefused,
    )
    assert result.errors == []
    assert len(result.wins) == 1 and len(result.refusals) == 3
    held = Stand.objects.get(pk=stand.pk)
    assert held.status == Stand.Status.HELD and held.exhibitor_id in {e.pk for e in world.exhibitors}
    assert StandEvent.objects.filter(action="hold").count() == 1


@pytest.mark.django_db(transaction=True)
def test_one_exhibitor_placed_on_two_stands_at_once_ends_on_one():
    world = small_fair(stands=4, exhibitors=1)
    staff = StaffUserFactory()
    exhibitor = world.exhibitors[0]
    result = race(
        [lambda s=s: services.stand_move(exhibitor=exhibitor, stand=s, by=staff) for s in world.stands],
        refused=TransitionRefused,
    )
    assert result.errors == []
    # Each move after the first moves the exhibitor on (they are serialised): one stand at the end.
    assert Stand.objects.filter(exhibitor=exhibitor).count() == 1
    assert Stand.objects.filter(status=Stand.Status.HELD).count() == 1


@pytest.mark.django_db(transaction=True)
def test_writes_that_skip_the_service_still_meet_the_unique_column():
    """Two connections set one exhibitor on two stands at once: the database lets one through."""
    world = small_fair(stands=2, exhibitors=1)
    exhibitor = world.exhibitors[0]
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def write(stand_id: int) -> None:
        try:
            with transaction.atomic():
                barrier.wait()
                Stand.objects.filter(pk=stand_id).update(status=Stand.Status.HELD, exhibitor=exhibitor)
            outcomes.append("written")
        except IntegrityError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=write, args=(s.pk,)) for s in world.stands]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sorted(outcomes) == ["refused", "written"]
    assert Stand.objects.filter(exhibitor=exhibitor).count() == 1
