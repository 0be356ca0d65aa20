"""The catalog's template tags: photos, the shortlist button, and "N units" / "N days"."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template import engines
from django.test import RequestFactory
from django.urls import clear_script_prefix, reverse, set_script_prefix
from django.utils import translation

from artisans.tests.factories import ProductPhotoFactory, WorkshopPhotoFactory
from catalog.tests.factories import ArtisanProfileFactory, ProductFactory
from common.photos.services import renditions_make

pytestmark = pytest.mark.django_db

SIZES = ["thumb", "card", "large"]


def render(source: str, request=None, **context) -> str:
    return engines["django"].from_string("{% load catalog_tags %}" + source).render(context, request)


# --- {% photo %} ------------------------------------------------------------------------------


@pytest.mark.parametrize("size", SIZES)
def test_photo_without_its_rendition_is_a_placeholder_labelled_with_its_description(size):
    photo = ProductPhotoFactory(alt_text="Red & white plate")
    html = render("{% photo photo size %}", photo=photo, size=size)
    assert html == (
        f'<div class="placeholder-image photo-{size}" role="img" aria-label="Red &amp; white plate">'
        '<span aria-hidden="true">Photo being prepared</span></div>'
    )


@pytest.mark.parametrize("size", SIZES)
def test_photo_with_its_rendition_is_a_lazy_image_with_its_description_as_alt(size):
    photo = ProductPhotoFactory(alt_text="Red & white plate")
    renditions_make(label="catalog.productphoto", pk=photo.pk)
    photo.refresh_from_db()
    html = render("{% photo photo size %}", photo=photo, size=size)
    width, height = _file_size(getattr(photo, size))
    assert html == (
        f'<img src="{getattr(photo, size).url}" alt="Red &amp; white plate" class="photo photo-{size}" '
        f'width="{width}" height="{height}" loading="lazy" decoding="async">'
    )


def test_eager_photo_is_not_lazy():
    photo = WorkshopPhotoFactory(alt_text="The kiln")
    renditions_make(label="artisans.workshopphoto", pk=photo.pk)
    photo.refresh_from_db()
    html = render('{% photo photo "card" eager=True %}', photo=photo)
    width, height = _file_size(photo.card)
    assert html == (
        f'<img src="{photo.card.url}" alt="The kiln" class="photo photo-card" width="{width}" height="{height}" '
        'decoding="async">'
    )


def _file_size(field) -> tuple[int, int]:
    """The rendition's real pixel size, which the width and height attributes must announce."""
    from PIL import Image

    with field.open("rb"), Image.open(field) as image:
        return image.size


def test_a_products_first_photo_loads_at_once_and_the_others_lazily(client):
    product = ProductFactory()
    first, second = ProductPhotoFactory(product=product, position=0), ProductPhotoFactory(product=product, position=1)
    for photo in (first, second):
        renditions_make(label="catalog.productphoto", pk=photo.pk)
    content = client.get(reverse("catalog:product-detail", args=[product.public_id])).content.decode()
    images = [tag for tag in content.split("<img")[1:] if "photo-large" in tag]
    assert len(images) == 2
    assert "loading=" not in images[0].split(">")[0]
    assert 'loading="lazy"' in images[1].split(">")[0]
    assert all(" width=" in tag.split(">")[0] and " height=" in tag.split(">")[0] for tag in images)


def test_card_is_the_default_size():
    assert 'class="placeholder-image photo-card"' in render("{% photo None %}")


@pytest.mark.parametrize("size", SIZES)
def test_no_photo_is_a_placeholder_saying_so(size):
    assert render("{% photo None size %}", size=size) == (
        f'<div class="placeholder-image photo-{size}" role="img" aria-label="No photo yet">'
        '<span aria-hidden="true">No photo yet</span></div>'
    )


def test_product_without_photos_shows_no_photo_yet():
    # A template's lookup of a missing first photo gives "", not None.
    product = ProductFactory()
    assert 'aria-label="No photo yet"' in render(
        '{% photo product.photos.all|first "thumb" %}', product=product
    )
    assert 'aria-label="No photo yet"' in render('{% photo product.photos.all.0 "thumb" %}', product=product)


def test_photo_placeholders_are_translated():
    photo = ProductPhotoFactory()
    with translation.override("fr"):
        assert (
            'aria-label="Pas encore de photo"><span aria-hidden="true">Pas encore de photo</span>'
            in render("{% photo None %}")
        )
        assert "Photo en préparation" in render("{% photo photo %}", photo=photo)


def test_unknown_photo_size_is_an_error():
    with pytest.raises(ValueError, match="huge"):
        render('{% photo None "huge" %}')


# --- {% shortlist_button %} -------------------------------------------------------------------


def shortlist_button(user, source: str = '{% shortlist_button "product" key label %}', **context) -> str:
    request = RequestFactory().get("/catalog/products/")
    request.user = user
    context = {
        "key": "0b4c",
        "label": "Bowls & jugs",
        "next_url": "/catalog/products/?q=bowl&page=2",
        **context,
    }
    return render(source, request, **context)


def test_buyer_gets_a_form_adding_to_the_shortlist(buyer):
    html = shortlist_button(buyer)
    assert html.startswith(
        f'<form method="post" action="{reverse("buyers:shortlist-add")}" class="inline-form'
    )
    assert '<input type="hidden" name="csrfmiddlewaretoken" value="' in html
    assert '<input type="hidden" name="product" value="0b4c">' in html
    assert '<input type="hidden" name="next" value="/catalog/products/?q=bowl&amp;page=2">' in html
    assert html.endswith(
        '<button type="submit" class="button button-small">Add to shortlist'
        '<span class="visually-hidden"> Bowls &amp; jugs</span></button></form>'
    )


def test_buyer_gets_a_pressed_button_removing_what_is_shortlisted(buyer):
    html = shortlist_button(buyer, '{% shortlist_button "artisan" key label in_list=True %}')
    assert f'action="{reverse("buyers:shortlist-remove")}"' in html
    assert '<input type="hidden" name="artisan" value="0b4c">' in html
    assert (
        '<button type="submit" class="button button-small button-secondary" aria-pressed="true">'
        'Shortlisted ✓ Remove<span class="visually-hidden"> Bowls &amp; jugs</span></button>'
    ) in html


def test_visitor_gets_a_link_to_sign_in_and_come_back():
    assert shortlist_button(AnonymousUser()) == (
        f'<a class="button button-small button-secondary" href="{reverse("account_login")}'
        '?next=/catalog/products/%3Fq%3Dbowl%26page%3D2">Sign in to shortlist</a>'
    )


def test_artisan_and_staff_get_no_shortlist_button(artisan, staff):
    assert shortlist_button(artisan) == ""
    assert shortlist_button(staff) == ""


def test_shortlist_button_is_translated(buyer):
    with translation.override("fr"):
        assert ">Ajouter à la présélection<" in shortlist_button(buyer)
        assert ">Présélectionné ✓ Retirer<" in shortlist_button(
            buyer, '{% shortlist_button "product" key label True %}'
        )
        assert ">Connectez-vous pour présélectionner<" in shortlist_button(AnonymousUser())


def test_shortlist_urls_follow_the_script_prefix(buyer):
    # The URLs are reversed once per process and prefix: a site served under /app/ gets its own.
    set_script_prefix("/app/")
    try:
        assert 'action="/app/buyer/shortlist/add/"' in shortlist_button(buyer)
        assert 'href="/app/accounts/login/?next=' in shortlist_button(AnonymousUser())
    finally:
        clear_script_prefix()
    assert 'action="/buyer/shortlist/add/"' in shortlist_button(buyer)


# --- units and days ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "count", "expected"),
    [("en", 1, "1 unit / 1 day"), ("en", 12, "12 units / 12 days"), ("fr", 2, "2 unités / 2 jours")],
)
def test_units_and_days_are_plural_aware_and_translated(language, count, expected):
    with translation.override(language):
        assert render("{{ n|units }} / {{ n|days }}", n=count) == expected


# --- country_name -----------------------------------------------------------------------------


@pytest.mark.parametrize(("language", "expected"), [("en", "Spain"), ("fr", "Espagne"), ("es", "España")])
def test_country_name_is_the_name_in_the_active_language(language, expected):
    country = ArtisanProfileFactory(country="ES").country
    with translation.override(language):
        assert render("{{ country|country_name }}", country=country) == expected == country.name
