"""Who may open each artisan page: the owner only; another artisan's objects are a 404."""

from __future__ import annotations

import pytest
from django.urls import reverse

from artisans.models import WorkshopPhoto
from artisans.tests.factories import ProductPhotoFactory, WorkshopPhotoFactory
from catalog.models import Product, ProductPhoto

pytestmark = pytest.mark.django_db

PAGES = [
    "artisans:dashboard", "artisans:profile-edit", "artisans:profile-photos", "artisans:preview",
    "artisans:product-list", "artisans:product-create",
]
PRODUCT_PAGES = [
    "artisans:product-edit", "artisans:product-status", "artisans:product-delete", "artisans:product-photos",
]
PRODUCT_PHOTO_PAGES = ["artisans:product-photo-delete", "artisans:product-photo-move"]
WORKSHOP_PHOTO_PAGES = ["artisans:workshop-photo-delete", "artisans:workshop-photo-move"]
POST_ONLY = {"artisans:product-status", *PRODUCT_PHOTO_PAGES, *WORKSHOP_PHOTO_PAGES}


@pytest.fixture
def object_urls(product):
    """The URLs of the `artisan` persona's product, product photo and workshop photo, by name."""
    photo = ProductPhotoFactory(product=product)
    workshop_photo = WorkshopPhotoFactory(artisan=product.artisan)
    return {
        **{name: reverse(name, args=[product.public_id]) for name in PRODUCT_PAGES},
        **{name: reverse(name, args=[product.public_id, photo.pk]) for name in PRODUCT_PHOTO_PAGES},
        **{name: reverse(name, args=[workshop_photo.pk]) for name in WORKSHOP_PHOTO_PAGES},
    }


@pytest.fixture
def urls(object_urls):
    return {**{name: reverse(name) for name in PAGES}, **object_urls}


# A POST that would change something if it were allowed through.
HARMFUL_POST = {"action": "publish", "direction": "down", "title": "Hijacked", "alt_text": "x"}


@pytest.mark.parametrize("method", ["get", "post"])
def test_anonymous_visitor_is_sent_to_sign_in_everywhere(anonymous, urls, method):
    for url in urls.values():
        response = getattr(anonymous, method)(url, HARMFUL_POST if method == "post" else None)
        assert response.status_code == 302, url
        assert response.url.startswith(reverse("account_login")), url


@pytest.mark.parametrize("persona", ["buyer", "staff"])
@pytest.mark.parametrize("method", ["get", "post"])
def test_buyers_and_staff_are_forbidden_everywhere(request, login, urls, persona, method):
    client = login(request.getfixturevalue(persona))
    for url in urls.values():
        response = getattr(client, method)(url, HARMFUL_POST if method == "post" else None)
        assert response.status_code == 403, url


@pytest.mark.parametrize("method", ["get", "post"])
def test_another_artisan_gets_404_for_every_object_and_changes_nothing(
    login, other_profile, product, object_urls, method
):
    client = login(other_profile.user)
    for url in object_urls.values():
        response = getattr(client, method)(url, HARMFUL_POST if method == "post" else None)
        assert response.status_code == 404, url
    product.refresh_from_db()
    assert product.title == "Blue bowl"
    assert product.status == Product.Status.DRAFT
    assert ProductPhoto.objects.filter(product=product).count() == 1
    assert WorkshopPhoto.objects.filter(artisan=product.artisan).count() == 1


def test_another_artisan_never_sees_a_draft_in_their_own_lists(login, other_profile, product):
    client = login(other_profile.user)
    for name in ("artisans:product-list", "artisans:preview", "artisans:dashboard"):
        response = client.get(reverse(name))
        assert response.status_code == 200
        assert "Blue bowl" not in response.content.decode()


def test_owner_opens_every_page_and_post_only_ones_refuse_get(login, product, urls):
    client = login(product.artisan.user)
    for name, url in urls.items():
        response = client.get(url)
        assert response.status_code == (405 if name in POST_ONLY else 200), name


def test_artisan_without_profile_is_led_to_create_one(login, artisan):
    client = login(artisan)
    for name in ("artisans:dashboard", "artisans:product-list", "artisans:preview", "artisans:profile-photos"):
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert response.url == reverse("artisans:profile-edit")
    response = client.get(reverse("artisans:profile-edit"))
    assert response.status_code == 200
    assert "Create your profile" in response.content.decode()
