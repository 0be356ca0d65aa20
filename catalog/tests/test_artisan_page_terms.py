"""The public artisan page shows the certifications collected, and payment terms say their language."""

from __future__ import annotations

import pytest
from django.urls import reverse

from buyers.models import BuyerProfile
from catalog.tests.factories import ArtisanProfileFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def artisan_page():
    artisan = ArtisanProfileFactory(
        language="es", payment_terms="30 % por adelantado, el resto antes del envío",
        certifications=["Comercio Justo", "Artesanía de Castilla-La Mancha"],
    )
    return reverse("catalog:artisan-detail", args=[artisan.slug])


def test_certifications_are_on_the_public_page(client, artisan_page):
    html = client.get(artisan_page).content.decode()
    assert "Certifications" in html
    assert '<li dir="auto">Comercio Justo</li>' in html
    assert '<li dir="auto">Artesanía de Castilla-La Mancha</li>' in html


def test_payment_terms_say_which_language_they_are_in(client, buyer, login, artisan_page):
    BuyerProfile.objects.create(user=buyer, organisation_name="Shop", country="US", is_verified=True)
    login(buyer)
    html = client.get(artisan_page, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<span lang="es" dir="auto">30 % por adelantado, el resto antes del envío</span>' in html
    assert "(Language: Spanish)" in html


def test_no_label_when_the_reader_shares_the_language(client, buyer, login, artisan_page):
    BuyerProfile.objects.create(user=buyer, organisation_name="Tienda", country="ES", is_verified=True)
    buyer.language = "es"
    buyer.save(update_fields=["language"])
    login(buyer)
    html = client.get(artisan_page, HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert '<span lang="es" dir="auto">30 % por adelantado' in html
    assert "Idioma:" not in html


def test_the_page_shows_the_artisans_own_crafts_and_workshop_photos_in_their_order(client):
    from artisans.tests.factories import WorkshopPhotoFactory
    from catalog.tests.factories import CraftFactory

    ceramics, leather, textiles = (CraftFactory(slug=s) for s in ("ceramics", "leather", "textiles"))
    artisan = ArtisanProfileFactory(crafts=[ceramics, leather])
    ArtisanProfileFactory(crafts=[textiles])  # another artisan's craft is not shown
    second = WorkshopPhotoFactory(artisan=artisan, position=2, alt_text="The kiln")
    first = WorkshopPhotoFactory(artisan=artisan, position=1, alt_text="The wheel")
    WorkshopPhotoFactory(alt_text="Someone else's loom")
    html = client.get(reverse("catalog:artisan-detail", args=[artisan.slug])).content.decode()
    assert f'<span class="badge">{ceramics.name}</span>' in html and f'<span class="badge">{leather.name}</span>' in html
    assert f'<span class="badge">{textiles.name}</span>' not in html
    assert html.index(first.alt_text) < html.index(second.alt_text)
    assert "Someone else" not in html
    bare = ArtisanProfileFactory(crafts=[])
    assert 'id="workshop-heading"' not in client.get(reverse("catalog:artisan-detail", args=[bare.slug])).content.decode()
