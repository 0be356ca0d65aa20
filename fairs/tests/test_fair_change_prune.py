"""The fair site's change log is pruned (fairs.cache.prune_changes, hourly by beat) without moving
the cached lists' version: the newest row always stays, and a cached list is still served."""

from __future__ import annotations

import pytest
from django.utils import translation

from common.change_logs import change_log_prune
from fairs import cache
from fairs.models import FairChange, Hall
from fairs.tasks import prune_changes_task
from fairs.tests.factories import small_fair
from fairs.tests.test_fair_site_cache import _page, _published, _stored, _urls

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def fair():
    world = small_fair(stands=4, exhibitors=3)
    _published(world)
    return world


def test_old_changes_are_pruned_the_newest_stays_and_the_cached_list_is_still_served(client, fair):
    url = _urls(fair)["hall"]
    page = _page(client, url)
    assert _stored(fair, "hall")
    newest = FairChange.objects.latest("id").pk
    assert FairChange.objects.count() > 1
    FairChange.objects.update(changed_at="2020-01-01T00:00:00Z")
    with translation.override("en"):
        before = cache.versions(fair.fair)

    assert prune_changes_task.apply().result > 0
    assert list(FairChange.objects.values_list("id", flat=True)) == [newest]
    with translation.override("en"):
        assert cache.versions(fair.fair) == before
    assert _stored(fair, "hall")
    assert _page(client, url) == page
    # Run again: nothing left to prune, the newest is kept however old.
    assert prune_changes_task.apply().result == 0
    assert FairChange.objects.get().pk == newest

    # A change after pruning is a newer version at once (ids never go back).
    Hall.objects.filter(pk=fair.hall.pk).update(name="Pruned Hall")
    assert cache.versions(fair.fair)[1] > before[1]
    assert "Pruned Hall" in _page(client, _urls(fair)["plan"])


def test_changes_younger_than_a_day_are_kept(fair):
    Hall.objects.filter(pk=fair.hall.pk).update(name="Hall One")
    Hall.objects.filter(pk=fair.hall.pk).update(name="Hall Two")
    count = FairChange.objects.count()
    assert cache.prune_changes() == 0
    assert FairChange.objects.count() == count


def test_an_empty_log_prunes_nothing(db):
    FairChange.objects.all().delete()
    assert change_log_prune(model=FairChange, keep=cache.KEEP_CHANGES) == 0


def test_beat_prunes_the_fair_log_every_hour(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["prune-fair-changes"]
    assert entry["task"] == prune_changes_task.name
    assert entry["schedule"] == 3600.0
