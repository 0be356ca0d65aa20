from __future__ import annotations

import io
import re
from decimal import Decimal

import pytest
from allauth.account.models import EmailAddress
from django.core.management import call_command
from django.urls import reverse
from PIL import Image

from accounts.models import User
from artisans.models import ArtisanProfile, WorkshopPhoto
from buyers.models import BuyerProfile
from catalog.models import Product, ProductPhoto
from catalog.search import refresh_documents
from catalog.selectors import usd_per_unit
from config import settings as deployment_settings
from demo import DEMO_LOGINS, DEMO_PASSWORD, STAFF_EMAIL
from demo.content import ARTISANS, BUYERS, COLOURS
from demo.images import PAINTERS, product_picture

ARABIC = re.compile(r"[\u0600-\u06FF]")


@pytest.fixture(autouse=True)
def _small_pictures(settings):
    # The full-size drawing has its own test below; the catalog loads with thumbnails-sized ones.
    settings.DEMO_IMAGE_SIZE = (96, 72)


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


@pytest.mark.django_db
def test_load_demo_creates_artisans_products_buyers_and_staff():
    output = load()

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


@pytest.mark.django_db
def test_running_load_demo_again_changes_and_duplicates_nothing(django_assert_max_num_queries):
    load()
    before = counts()
    photo_names = sorted(ProductPhoto.objects.values_list("image", flat=True))

    # Safe on every start: a handful of queries to see each section is there, then nothing.
    with django_assert_max_num_queries(7):
        output = load()

    assert "already loaded" in output
    assert counts() == before
    assert sorted(ProductPhoto.objects.values_list("image", flat=True)) == photo_names


@pytest.mark.django_db
def test_forced_reload_restores_texts_without_duplicating():
    load()
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


@pytest.mark.django_db
def test_demo_logins_can_sign_in(client):
    load()

    for role, email in DEMO_LOGINS:
        response = client.post(reverse("account_login"), {"login": email, "password": DEMO_PASSWORD})
        assert response.status_code == 302, (role, email)
        assert int(client.session["_auth_user_id"]) == User.objects.get(email=email).pk
        client.logout()
    roles = {User.objects.get(email=email).role for _, email in DEMO_LOGINS}
    assert roles == {"staff", "artisan", "buyer"}


@pytest.mark.django_db
def test_texts_are_written_in_the_artisans_languages():
    load()

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


@pytest.mark.django_db
def test_demo_photos_are_valid_jpegs():
    load()

    for photo in [*ProductPhoto.objects.all()[:20], *WorkshopPhoto.objects.all()[:5]]:
        with photo.image.open("rb") as handle, Image.open(handle) as image:
            image.verify()
            assert image.format == "JPEG"
        assert (photo.width, photo.height) == (96, 72)


@pytest.mark.django_db
def test_queued_renditions_are_asked_for_every_new_photo_after_commit(django_capture_on_commit_callbacks):
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
def test_sync_renditions_are_made_for_every_drawn_photo():
    call_command("load_demo", "--renditions", "sync", stdout=io.StringIO())

    assert not ProductPhoto.objects.filter(thumb="").exists()
    assert not ProductPhoto.objects.filter(card="").exists()
    assert not WorkshopPhoto.objects.filter(thumb="").exists()


@pytest.mark.django_db
def test_demo_program_has_meetings_and_results():
    from django.core.management import call_command

    from programs.models import Program
    from programs.results import program_results

    call_command("load_demo", "--renditions", "none")
    call_command("load_demo", "--renditions", "none")
    program = Program.objects.get(slug="us-museum-shops-2026")
    results = program_results(program)
    assert results.catalog_artisans == 18
    assert results.held == 23
    assert results.artisans_met == 15
    assert results.orders == 7
    assert results.buyers_joined == 5


@pytest.mark.django_db
def test_demo_photos_have_random_names_not_the_artisans_slug():
    # /media/ is served without a permission check: a pending artisan's logo and workshop must
    # not sit at logos/<slug>.jpg or workshops/<slug>-1.jpg for anyone who knows the slug.
    load()

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
