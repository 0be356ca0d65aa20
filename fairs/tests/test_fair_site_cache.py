"""The fair site's cached lists (fairs.cache): served as rendered, and never stale.

These tests commit (transaction=True): a list is stored only when no transaction holds the change
logs' write lock, and a test's own open transaction holds it once it has written anything.
"""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache as django_cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from accounts.tests.factories import StaffUserFactory
from artisans.models import ArtisanProfile
from catalog.models import Craft, Product
from catalog.tests.factories import ArtisanProfileFactory, ProductFactory
from fairs import cache, services, views
from fairs.models import Delegation, Exhibitor, FairSettings, Hall, Stand
from fairs.tests.factories import accept, exhibitor, hall_with_stands, small_fair
from programs.models import Application, Program
from programs.tests.factories import ProgramFactory

pytestmark = pytest.mark.django_db(transaction=True)

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')


def _published(world):
    for stand, person in zip(world.stands, world.exhibitors, strict=False):
        Stand.objects.filter(pk=stand.pk).update(status=Stand.Status.ASSIGNED, exhibitor=person)
    FairSettings.objects.filter(pk=world.fair.pk).update(published_at=timezone.now())
    world.fair.refresh_from_db()


@pytest.fixture
def fair():
    world = small_fair(stands=4, exhibitors=3)
    _published(world)
    return world


def _urls(world) -> dict[str, str]:
    slug = world.program.slug
    return {
        "hall": f"/fairs/{slug}/",
        "craft": f"/fairs/{slug}/?by=craft",
        "region": f"/fairs/{slug}/?by=region",
        "country": f"/fairs/{slug}/?by=country",
        "plan": f"/fairs/{slug}/plan/",
    }


def _stored(world, variant: str) -> bool:
    template, name = ("fairs/_plan.html", "") if variant == "plan" else ("fairs/_directory.html", variant)
    with translation.override("en"):
        return (
            django_cache.get(
                cache.key(world.fair, template=template, variant=name, at=cache.versions(world.fair))
            )
            is not None
        )


def _page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return CSRF.sub("", response.content.decode())


def test_a_list_is_stored_once_and_served_exactly_as_rendered(client, fair):
    for variant, url in _urls(fair).items():
        assert not _stored(fair, variant)
        with CaptureQueriesContext(connection) as rendering:
            first = _page(client, url)
        assert _stored(fair, variant)
        with CaptureQueriesContext(connection) as served:
            second = _page(client, url)
        assert second == first
        assert len(served) < len(rendering)
        with translation.override("en"):
            uncached = views._plan(fair.fair) if variant == "plan" else views._directory(fair.fair, variant)
        assert uncached in second
        assert fair.exhibitors[0].artisan.business_name in second


def test_each_language_has_its_own_list(client, fair):
    url = _urls(fair)["hall"]
    english = _page(client, url)
    assert "· Spain" in english
    french = client.get(url, headers={"accept-language": "fr"}).content.decode()
    assert "· Espagne" in french
    assert "· Spain" not in french
    assert "· Spain" in _page(client, url)


def test_the_cached_lists_take_the_same_queries_whatever_the_fair_size(client, fair):
    urls = _urls(fair)
    counts = {}
    for url in urls.values():
        client.get(url)
        with CaptureQueriesContext(connection) as small:
            client.get(url)
        counts[url] = len(small)
    more = hall_with_stands(fair.program, count=10, prefix="Z")
    for stand in more:
        person = exhibitor(fair.program, ArtisanProfileFactory(indexed=False, crafts=[fair.craft]))
        Stand.objects.filter(pk=stand.pk).update(status=Stand.Status.ASSIGNED, exhibitor=person)
    for url in urls.values():
        client.get(url)
        with CaptureQueriesContext(connection) as big:
            client.get(url)
        assert len(big) == counts[url], url


def test_every_catalog_change_shown_reaches_the_next_page(client, fair):
    urls = _urls(fair)
    artisan = fair.exhibitors[0].artisan
    warm = lambda: [_page(client, url) for url in urls.values()]  # noqa: E731

    warm()
    ArtisanProfile.objects.filter(pk=artisan.pk).update(business_name="Atelier Renamed")
    assert all("Atelier Renamed" in page for page in warm())

    ArtisanProfile.objects.filter(pk=artisan.pk).update(region="Drâa-Tafilalet")
    assert "Drâa-Tafilalet" in _page(client, urls["region"])

    other = Craft.objects.create(slug="fair-cache-basketry", name_en="Basketry")
    artisan.crafts.add(other)
    assert "Basketry" in _page(client, urls["craft"])
    Craft.objects.filter(pk=other.pk).update(name_en="Wickerwork")
    assert "Wickerwork" in _page(client, urls["craft"])

    # Products are not on these lists, yet a product's change is a new version (the log's rule).
    product = ProductFactory(artisan=artisan, indexed=False)
    before = cache.versions(fair.fair)
    Product.objects.filter(pk=product.pk).update(status=Product.Status.DRAFT)
    assert cache.versions(fair.fair)[0] > before[0]

    # The program scope: accepted only into a private program now, the artisan is not public.
    scoped = fair.exhibitors[1].artisan
    assert scoped.business_name in _page(client, urls["plan"])
    private = ProgramFactory(status=Program.Status.OPEN_BUYERS)
    Program.objects.filter(pk=private.pk).update(public_catalog=False)
    accept(private, scoped)
    Application.objects.filter(program=fair.program, artisan=scoped).update(
        status=Application.Status.DECLINED
    )
    assert not any(scoped.business_name in page for page in warm())

    ArtisanProfile.objects.filter(pk=artisan.pk).update(status=ArtisanProfile.Status.PENDING)
    assert not any("Atelier Renamed" in page for page in warm())


def test_every_fair_change_shown_reaches_the_next_page(client, fair):
    urls = _urls(fair)
    staff = StaffUserFactory()
    warm = lambda: [_page(client, url) for url in urls.values()]  # noqa: E731
    first = fair.exhibitors[0]

    warm()
    services.stand_release(stand=Stand.objects.get(exhibitor=first), by=staff)
    plan = _page(client, urls["plan"])
    assert first.artisan.business_name not in plan
    assert "Stand A01" not in _page(client, urls["hall"])

    services.stand_move(exhibitor=first, stand=fair.stands[3], by=staff)
    services.allocation_publish(program=fair.program, by=staff)
    assert "Stand A04" in _page(client, urls["hall"])
    assert first.artisan.business_name in _page(client, urls["plan"])

    newcomer = ArtisanProfileFactory(indexed=False, business_name="Newcomer Pottery")
    accept(fair.program, newcomer)
    warm()
    added = services.exhibitor_add(program=fair.program, artisan=newcomer)
    assert all("Newcomer Pottery" in _page(client, urls[v]) for v in ("hall", "craft", "region", "country"))

    delegation = Delegation.objects.create(program=fair.program, country="SN", name="Senegal", slug="senegal")
    Exhibitor.objects.filter(pk=added.pk).update(delegation=delegation)
    assert "Senegal" in _page(client, urls["country"])
    Delegation.objects.filter(pk=delegation.pk).update(name="Sénégal, guest country")
    assert "Sénégal, guest country" in _page(client, urls["country"])

    Hall.objects.filter(pk=fair.hall.pk).update(name="Grand Hall")
    assert "Grand Hall" in _page(client, urls["plan"])
    assert "Grand Hall" in _page(client, urls["hall"])

    FairSettings.objects.filter(pk=fair.fair.pk).update(published_at=None)
    assert "Stand A04" not in _page(client, urls["hall"])
    assert first.artisan.business_name not in _page(client, urls["plan"])


def test_a_list_is_not_stored_while_a_catalog_writer_is_running(client, fair):
    url = _urls(fair)["hall"]
    artisan = fair.exhibitors[0].artisan
    writer = connection.get_new_connection(connection.get_connection_params())
    try:
        with writer.cursor() as cursor:
            cursor.execute("BEGIN")
            cursor.execute(
                "UPDATE artisans_artisanprofile SET business_name = 'Written Late' WHERE id = %s",
                [artisan.pk],
            )
        # A later writer commits first: its log row is the newest the page sees.
        ArtisanProfile.objects.filter(pk=fair.exhibitors[1].artisan_id).update(
            business_name="Committed First"
        )
        page = _page(client, url)
        assert "Committed First" in page and "Written Late" not in page
        assert not _stored(fair, "hall")
        with writer.cursor() as cursor:
            cursor.execute("COMMIT")
    finally:
        writer.close()
    assert cache.versions(fair.fair)[0] > 0
    assert "Written Late" in _page(client, url)
    assert _stored(fair, "hall")
