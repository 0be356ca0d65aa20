"""manage.py load_demo: the demo's content, loaded once for the tests that only read it.

Loading the whole demo takes seconds, so it is loaded once for this module in a transaction that is
rolled back at the end (each test runs in a savepoint inside it); the tests that need photos drawn
while they watch load a few artisans of their own.
"""

from __future__ import annotations

import importlib
import io
import re
from decimal import Decimal

import pytest
from allauth.account.models import EmailAddress
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.urls import reverse
from PIL import Image

from accounts.models import User
from artisans.models import ArtisanProfile, WorkshopPhoto
from buyers.models import BuyerProfile
from catalog.models import Craft, ExchangeRate, Product, ProductPhoto
from catalog.search import refresh_documents
from catalog.selectors import usd_per_unit
from catalog.taxonomy import ensure_crafts
from config import settings as deployment_settings
from demo import DEMO_LOGINS, DEMO_PASSWORD, STAFF_EMAIL, loader
from demo.content import ARTISANS, BUYERS, COLOURS
from demo.images import PAINTERS, product_picture
from meetings.results import program_results
from programs.models import Program

ARABIC = re.compile(r"[\u0600-\u06FF]")
# The full-size drawing has its own test below; the demo loads with tiny ones.
SMALL = (40, 30)


def load(*args: str) -> str:
    out = io.StringIO()
    call_command("load_demo", *args, "--renditions", "none", stdout=out)
    return out.getvalue()


def counts() -> dict[str, int]:
    return {
        "users": User.objects.count(),
        "emails": EmailAddress.objects.count(),
        "artisans": ArtisanProfile.objects.count(),
        "workshop_photos": WorkshopPhoto.objects.count(),
        "products": Product.objects.count(),
        "photos": ProductPhoto.objects.count(),
        "buyers": BuyerProfile.objects.count(),
    }


@pytest.fixture(autouse=True)
def _small_pictures(settings):
    settings.DEMO_IMAGE_SIZE = SMALL


@pytest.fixture(scope="class")
def loaded(django_db_setup, django_db_blocker, tmp_path_factory):
    """The whole demo, loaded once; yields its media directory and the command's output."""
    media = tmp_path_factory.mktemp("demo-media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media, DEMO_IMAGE_SIZE=SMALL), transaction.atomic():
        # The migrations' reference data, which transactional tests elsewhere flush (the root
        # conftest puts it back before each test, but this runs before that).
        ensure_crafts(Craft)
        rates = importlib.import_module("catalog.migrations.0007_derived_data").RATES
        for currency, rate in rates.items():
            ExchangeRate.objects.get_or_create(currency=currency, defaults={"usd_per_unit": rate})
        output = load()
        yield media, output
        transaction.set_rollback(True)


@pytest.fixture
def few_artisans(monkeypatch):
    """The first two artisans (two workshop walls and one, products with and without a detail view), no activity."""
    monkeypatch.setattr(loader, "ARTISANS", ARTISANS[:2])
    monkeypatch.setattr(loader, "SECTIONS", [s for s in loader.SECTIONS if s.name != "program and meetings"])


@pytest.mark.django_db
def test_queued_renditions_are_asked_for_every_new_photo_after_commit(few_artisans, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        call_command("load_demo", stdout=io.StringIO())

    photos = ProductPhoto.objects.count() + WorkshopPhoto.objects.count()
    assert photos <= len(callbacks) <= photos + ArtisanProfile.objects.count()


def test_pictures_are_deterministic_jpegs_for_every_shape():
    for shape in PAINTERS:
        first = product_picture(shape=shape, colours=[COLOURS["azul cobalto"]], seed=f"test:{shape}", size=(320, 240))
        again = product_picture(shape=shape, colours=[COLOURS["azul cobalto"]], seed=f"test:{shape}", size=(320, 240))
        assert first == again
        with Image.open(io.BytesIO(first)) as image:
            assert image.format == "JPEG"
            assert image.size == (320, 240)


def test_the_deployment_draws_1200_by_900_pictures():
    size = deployment_settings.DEMO_IMAGE_SIZE
    data = product_picture(shape="rug", colours=[COLOURS["rouge garance"], COLOURS["noir"]], seed="test:size", size=size)

    with Image.open(io.BytesIO(data)) as image:
        assert image.format == "JPEG"
        assert image.size == size == (1200, 900)


def test_content_is_consistent():
    slugs = [artisan.slug for artisan in ARTISANS]
    assert len(slugs) == len(set(slugs))
    emails = [a.email for a in ARTISANS] + [b.email for b in BUYERS]
    assert len(emails) == len(set(emails))
    assert {email for _, email in DEMO_LOGINS} <= {*emails, STAFF_EMAIL}
    for artisan in ARTISANS:
        titles = [product.title for product in artisan.products]
        assert len(titles) == len(set(titles)), artisan.slug
        for product in artisan.products:
            assert product.shape in PAINTERS
            assert set(product.colours) <= set(COLOURS), (artisan.slug, product.title)


@pytest.mark.django_db
def test_sync_renditions_are_made_for_every_drawn_photo(few_artisans):
    call_command("load_demo", "--renditions", "sync", stdout=io.StringIO())

    assert ProductPhoto.objects.filter(position=1).exists() and WorkshopPhoto.objects.filter(position=1).exists()

    assert not ProductPhoto.objects.filter(thumb="").exists()
    assert not ProductPhoto.objects.filter(card="").exists()
    assert not WorkshopPhoto.objects.filter(thumb="").exists()


@pytest.mark.django_db
class TestTheLoadedDemo:
    """Tests that read the whole demo (or change it inside their own savepoint)."""

    def test_load_demo_creates_artisans_products_buyers_and_staff(self, loaded):
        _media, output = loaded

        assert "Demo data loaded" in output
        artisans = ArtisanProfile.objects.all()
        assert artisans.count() == len(ARTISANS) == 21
        assert artisans.filter(status="approved").count() == 18
        assert artisans.filter(status="pending").count() == 2
        rejected = artisans.get(status="rejected")
        assert "impresión digital" in rejected.rejection_reason
        assert set(artisans.values_list("country", flat=True)) == {"ES", "MA"}
        assert set(artisans.values_list("time_zone", flat=True)) == {"Europe/Madrid", "Africa/Casablanca"}
        assert not artisans.filter(crafts__isnull=True).exists()
        assert all(artisan.logo for artisan in artisans)
        assert WorkshopPhoto.objects.values("artisan").distinct().count() == 21

        products = Product.objects.all()
        assert products.count() == 100
        assert products.filter(status="draft").count() == 6
        assert not products.filter(photos__isnull=True).exists()
        assert ProductPhoto.objects.count() > 100
        assert not ProductPhoto.objects.filter(alt_text="").exists()
        assert set(products.filter(artisan__country="ES").values_list("currency", flat=True)) == {"EUR"}
        assert set(products.filter(artisan__country="MA").values_list("currency", flat=True)) == {"EUR", "MAD"}
        rates = usd_per_unit()
        for product in products:
            expected = (product.wholesale_price * rates[product.currency]).quantize(Decimal("0.01"))
            assert product.wholesale_price_usd == expected
            assert product.retail_price > product.wholesale_price
        # Every text is searchable: the documents the first search builds are all there.
        refresh_documents()
        assert not products.filter(search_vector__isnull=True).exists()
        assert not artisans.filter(search_vector__isnull=True).exists()

        buyers = BuyerProfile.objects.all()
        assert buyers.count() == 5
        assert buyers.filter(is_verified=True, verified_at__isnull=False).count() == 4
        assert set(buyers.values_list("user__time_zone", flat=True)) == {
            "America/New_York", "America/Chicago", "America/Los_Angeles", "America/Denver",
        }
        assert not buyers.filter(crafts_of_interest__isnull=True).exists()

        staff = User.objects.get(email=STAFF_EMAIL)
        assert staff.is_staff and staff.is_superuser
        demo_users = User.objects.filter(email__endswith="@craftmatch.example")
        assert demo_users.count() == 21 + 5 + 1
        assert EmailAddress.objects.filter(user__in=demo_users, verified=True, primary=True).count() == demo_users.count()

    def test_running_load_demo_again_changes_and_duplicates_nothing(self, loaded, django_assert_max_num_queries):
        before = counts()
        photo_names = sorted(ProductPhoto.objects.values_list("image", flat=True))

        # Safe on every start: a handful of queries to see each section is there, then nothing.
        with django_assert_max_num_queries(7):
            output = load()

        assert "already loaded" in output
        assert counts() == before
        assert sorted(ProductPhoto.objects.values_list("image", flat=True)) == photo_names

    def test_forced_reload_restores_texts_without_duplicating(self, loaded):
        before = counts()
        product = Product.objects.get(title="Plato llano «Golondrinas» 28 cm")
        Product.objects.filter(pk=product.pk).update(description="changed", status="draft")
        User.objects.filter(email=STAFF_EMAIL).update(password="!")

        load("--force")

        assert counts() == before
        product.refresh_from_db()
        assert product.description.startswith("Plato de loza")
        assert product.status == "published"
        assert User.objects.get(email=STAFF_EMAIL).check_password(DEMO_PASSWORD)

    def test_demo_logins_can_sign_in(self, loaded, client):

        for role, email in DEMO_LOGINS:
            response = client.post(reverse("account_login"), {"login": email, "password": DEMO_PASSWORD})
            assert response.status_code == 302, (role, email)
            assert int(client.session["_auth_user_id"]) == User.objects.get(email=email).pk
            client.logout()
        roles = {User.objects.get(email=email).role for _, email in DEMO_LOGINS}
        assert roles == {"staff", "artisan", "buyer"}

    def test_texts_are_written_in_the_artisans_languages(self, loaded):

        spanish = ArtisanProfile.objects.filter(language="es")
        assert any(("ñ" in a.story or "á" in a.story) for a in spanish)
        french = ArtisanProfile.objects.filter(language="fr")
        assert french.count() >= 5
        assert all(re.search(r"\b(nous|notre|nos)\b", a.story, re.IGNORECASE) for a in french)
        arabic = ArtisanProfile.objects.filter(language="ar")
        assert arabic.exists() and all(ARABIC.search(a.story) for a in arabic)
        assert ArtisanProfile.objects.filter(language="en").exists()
        for product in Product.objects.select_related("artisan"):
            assert product.language == product.artisan.language
        assert all(ARABIC.search(p.title) for p in Product.objects.filter(language="ar"))
        assert not ArtisanProfile.objects.filter(story__icontains="lorem").exists()

    def test_demo_photos_are_valid_jpegs(self, loaded, settings):
        settings.MEDIA_ROOT, _output = loaded

        for photo in [*ProductPhoto.objects.all()[:20], *WorkshopPhoto.objects.all()[:5]]:
            with photo.image.open("rb") as handle, Image.open(handle) as image:
                image.verify()
                assert image.format == "JPEG"
            assert (photo.width, photo.height) == SMALL

    def test_demo_program_has_meetings_and_results(self, loaded):
        assert "already loaded" in load()
        program = Program.objects.get(slug="us-museum-shops-2026")
        results = program_results(program)
        assert results.catalog_artisans == 18
        assert results.held == 23
        assert results.artisans_met == 15
        assert results.orders == 7
        assert results.buyers_joined == 5

    def test_demo_photos_have_random_names_not_the_artisans_slug(self, loaded, settings):
        # /media/ is served without a permission check: a pending artisan's logo and workshop must
        # not sit at logos/<slug>.jpg or workshops/<slug>-1.jpg for anyone who knows the slug.
        settings.MEDIA_ROOT, _output = loaded

        random_name = re.compile(r"^[0-9a-f]{32}\.jpg$")
        pending = ArtisanProfile.objects.filter(status="pending")
        assert pending.exists()
        names = [p.image.name for p in WorkshopPhoto.objects.all()]
        names += [a.logo.name for a in ArtisanProfile.objects.exclude(logo="")]
        names += [p.image.name for p in ProductPhoto.objects.all()]
        assert names
        for name in names:
            assert random_name.match(name.rsplit("/", 1)[-1]), name
        slugs = set(ArtisanProfile.objects.values_list("slug", flat=True))
        assert not [name for name in names if any(slug in name for slug in slugs)]
        assert len(set(names)) == len(names)
