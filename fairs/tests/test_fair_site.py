"""The fair's public site: what the public sees, prices only when the program shows them, the plan
(SVG and its list) naming every stand, cooperative members' products inquired from the member,
PDFs, and queries constant in the fair's size."""

from __future__ import annotations

import io
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from pypdf import PdfReader

from artisans.models import ArtisanProfile
from catalog.tests.factories import ArtisanProfileFactory, ProductFactory
from deals.models import Deal
from fairs.models import Delegation, ExhibitorMember, FairSettings, Stand
from fairs.tests.factories import accept, exhibitor, hall_with_stands, small_fair
from programs.models import Program

pytestmark = pytest.mark.django_db

PRICE = re.compile(r"87[.,]65")


def _published(world):
    for stand, person in zip(world.stands, world.exhibitors, strict=False):
        Stand.objects.filter(pk=stand.pk).update(status=Stand.Status.ASSIGNED, exhibitor=person)
    FairSettings.objects.filter(pk=world.fair.pk).update(published_at=timezone.now())


@pytest.fixture
def fair():
    world = small_fair(stands=4, exhibitors=3)
    coop = world.exhibitors[0]
    ArtisanProfile.objects.filter(pk=coop.artisan_id).update(
        kind="cooperative", business_name="Coopérative Atlas"
    )
    member = ArtisanProfileFactory(indexed=False, business_name="Fatima Weaver", slug="fatima")
    accept(world.program, member)
    ExhibitorMember.objects.create(exhibitor=coop, artisan=member)
    world.extra["member"] = member
    world.extra["product"] = ProductFactory(
        artisan=member, title="Blue rug", wholesale_price=Decimal("87.65"), indexed=False
    )
    _published(world)
    return world


def test_the_public_sees_no_wholesale_price_unless_the_program_shows_prices(client, fair, buyer):
    slug = fair.program.slug
    pages = [
        f"/fairs/{slug}/exhibitors/{fair.exhibitors[0].artisan.slug}/",
        f"/fairs/{slug}/products/{fair.extra['product'].public_id}/",
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200
        assert "Blue rug" in response.content.decode()
        assert not PRICE.search(response.content.decode())
    # A signed-in buyer who is not verified sees no price either.
    client.force_login(buyer)
    assert not PRICE.search(client.get(pages[0]).content.decode())
    client.logout()
    FairSettings.objects.filter(pk=fair.fair.pk).update(show_public_prices=True)
    for url in pages:
        assert PRICE.search(client.get(url).content.decode())


def test_a_cooperative_members_product_is_inquired_from_the_member(client, fair):
    url = f"/fairs/{fair.program.slug}/products/{fair.extra['product'].public_id}/"
    page = client.get(url).content.decode()
    assert f'action="/deals/products/{fair.extra["product"].public_id}/ask/"' in page
    assert f'name="fair" value="{fair.program.slug}"' in page
    response = client.post(
        f"/deals/products/{fair.extra['product'].public_id}/ask/",
        {
            "fair": fair.program.slug,
            "name": "Visitor",
            "email": "visitor@example.org",
            "quantity": 12,
            "message": "For my shop",
        },
    )
    assert response.status_code == 200
    deal = Deal.objects.get()
    assert deal.artisan == fair.extra["member"] and deal.program == fair.program
    assert deal.source == Deal.Source.STAND


def test_a_fair_the_artisan_does_not_exhibit_at_is_no_way_in(client, fair):
    other = Program.objects.create(
        name="Another fair",
        slug="another-fair",
        starts_on=fair.program.starts_on,
        ends_on=fair.program.ends_on,
    )
    response = client.post(
        f"/deals/products/{fair.extra['product'].public_id}/ask/",
        {"fair": other.slug, "name": "Visitor", "email": "visitor@example.org", "quantity": 12},
    )
    assert response.status_code == 404 and not Deal.objects.exists()


def test_the_plan_draws_every_stand_and_lists_it(client, fair):
    page = client.get(f"/fairs/{fair.program.slug}/plan/").content.decode()
    for stand in fair.stands:
        assert page.count(f">{stand.code}<") >= 2  # its label on the plan and its row in the list
        assert f'id="stand-{stand.code.lower()}"' in page
    assert page.count("<polygon") == len(fair.stands)
    assert 'viewBox="0 0 ' in page and "<title" in page
    first = fair.exhibitors[0].artisan
    assert f'href="/fairs/{fair.program.slug}/exhibitors/{first.slug}/"' in page


def test_before_publishing_the_plan_names_nobody(client, fair):
    FairSettings.objects.filter(pk=fair.fair.pk).update(published_at=None)
    page = client.get(f"/fairs/{fair.program.slug}/plan/").content.decode()
    assert "Coopérative Atlas" not in page


def test_the_directory_groups_by_hall_craft_region_and_country(client, fair):
    delegation = Delegation.objects.create(
        program=fair.program, country="PT", name="Portugal", slug="portugal"
    )
    guest = exhibitor(
        fair.program,
        ArtisanProfileFactory(indexed=False, business_name="Lisbon Tiles", country="PT"),
        delegation=delegation,
    )
    for by in ("hall", "craft", "region", "country"):
        page = client.get(f"/fairs/{fair.program.slug}/?by={by}").content.decode()
        assert "Coopérative Atlas" in page and "Lisbon Tiles" in page
    assert "Portugal" in client.get(f"/fairs/{fair.program.slug}/?by=country").content.decode()
    page = client.get(f"/fairs/{fair.program.slug}/countries/portugal/").content.decode()
    assert guest.artisan.business_name in page and "Coopérative Atlas" not in page


def test_an_artisan_not_public_is_not_listed(client, fair):
    hidden = fair.exhibitors[1].artisan
    ArtisanProfile.objects.filter(pk=hidden.pk).update(status="pending")
    assert hidden.business_name not in client.get(f"/fairs/{fair.program.slug}/").content.decode()
    assert client.get(f"/fairs/{fair.program.slug}/exhibitors/{hidden.slug}/").status_code == 404


def test_a_private_program_has_no_public_site(client, fair):
    Program.objects.filter(pk=fair.program.pk).update(public_catalog=False)
    assert client.get(f"/fairs/{fair.program.slug}/").status_code == 404


def test_the_pdfs_hold_every_stand_and_one_label_per_product(client, fair):
    response = client.get(f"/fairs/{fair.program.slug}/plan.pdf")
    text = "".join(page.extract_text() for page in PdfReader(_io(response.content)).pages)
    for stand in fair.stands:
        assert stand.code in text
    owner = fair.exhibitors[0].artisan
    ProductFactory(artisan=owner, title="Clay jar", indexed=False)
    client.force_login(owner.user)
    labels = client.get(f"/fairs/{fair.program.slug}/exhibitors/{owner.slug}/labels.pdf")
    assert labels.status_code == 200
    text = "".join(page.extract_text() for page in PdfReader(_io(labels.content)).pages)
    assert "Blue rug" in text and "Clay jar" in text


def _io(content: bytes) -> io.BytesIO:
    return io.BytesIO(content)


def test_the_directory_and_pages_take_the_same_queries_whatever_the_fair_size(
    client, django_assert_max_num_queries
):
    world = small_fair(stands=3, exhibitors=3)
    _published(world)
    ProductFactory(artisan=world.exhibitors[0].artisan, indexed=False)
    slug = world.program.slug
    pages = [
        f"/fairs/{slug}/",
        f"/fairs/{slug}/?by=craft",
        f"/fairs/{slug}/plan/",
        f"/fairs/{slug}/exhibitors/{world.exhibitors[0].artisan.slug}/",
    ]
    counts = {}
    for url in pages:
        with CaptureQueriesContext(connection) as small:
            client.get(url)
        counts[url] = len(small)
    for _ in range(12):
        person = exhibitor(world.program, ArtisanProfileFactory(indexed=False, crafts=[world.craft]))
        ProductFactory(artisan=person.artisan, indexed=False)
        ProductFactory(artisan=world.exhibitors[0].artisan, indexed=False)
    more = hall_with_stands(world.program, count=12, prefix="Z")
    for stand, person in zip(more, world.program.exhibitors.filter(stand__isnull=True), strict=False):
        Stand.objects.filter(pk=stand.pk).update(status=Stand.Status.ASSIGNED, exhibitor=person)
    for url in pages:
        with django_assert_max_num_queries(counts[url]):
            assert client.get(url).status_code == 200


@pytest.mark.parametrize(
    ("language", "exhibitors", "plan"),
    [
        ("fr", "Exposants", "Plan de la foire"),
        ("es", "Expositores", "Plano de la feria"),
        ("ar", "العارضون", "مخطط المعرض"),
    ],
)
def test_the_site_is_translated(client, fair, language, exhibitors, plan):
    client.cookies["django_language"] = language
    page = client.get(f"/fairs/{fair.program.slug}/plan/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert exhibitors in page and plan in page
    if language == "ar":
        assert 'dir="rtl"' in page
    # The locale middleware leaves the request's language active on this thread.
    translation.activate("en")


def test_the_exhibitor_page_asks_the_program_scope_once(client, fair):
    url = f"/fairs/{fair.program.slug}/exhibitors/{fair.exhibitors[0].artisan.slug}/"
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    # visibility.scope_q's one query ("is any artisan accepted into a private program?"), a
    # statement prepared once per connection (common.statements).
    asked = [q["sql"] for q in queries if "private_program_member" in q["sql"]]
    assert len(asked) == 1, asked
