"""Bidi control characters are removed from names and short fields, however they are written."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.template import engines
from django.urls import reverse

from accounts.models import User
from artisans.models import ArtisanProfile
from catalog.forms import ProductForm, split_list
from catalog.models import Product
from catalog.tests.factories import ArtisanProfileFactory, CraftFactory, ProductFactory
from common.text import BIDI_CONTROLS, SingleLineFormField, single_line, strip_bidi_controls

SPOOF = "\u202eexe.elif\u202c"  # shows as "file.exe"
EVERY_CONTROL = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"


def test_every_bidi_control_is_removed_and_nothing_else():
    assert strip_bidi_controls(f"a{EVERY_CONTROL}b") == "ab"
    assert strip_bidi_controls("Atelier صوف 😀 é") == "Atelier صوف 😀 é"
    assert single_line(f"  {SPOOF} ") == "exe.elif"
    assert not BIDI_CONTROLS.search(single_line(EVERY_CONTROL))


def test_a_form_field_of_only_controls_is_empty_and_so_required():
    field = SingleLineFormField(max_length=20)
    with pytest.raises(Exception, match="required"):
        field.clean(EVERY_CONTROL)
    assert field.clean(f"Taller{SPOOF}") == "Tallerexe.elif"


@pytest.mark.django_db
def test_model_fields_store_short_text_without_controls_on_create_save_and_update():
    artisan = ArtisanProfileFactory(business_name=f"Workshop {SPOOF}", city="\u2067Fès\u2069")
    # The instance shows what was stored, so a mail rendered from it right away is clean too.
    assert artisan.business_name == "Workshop exe.elif"
    artisan.refresh_from_db()
    assert (artisan.business_name, artisan.city) == ("Workshop exe.elif", "Fès")
    ArtisanProfile.objects.filter(pk=artisan.pk).update(region=f"Andalucía{SPOOF}", certifications=[f"GOTS{SPOOF}"])
    artisan.refresh_from_db()
    assert artisan.region == "Andalucíaexe.elif"
    assert artisan.certifications == ["GOTSexe.elif"]
    product = ProductFactory(artisan=artisan, title="\u202bBowl\u202c", materials=[f"clay{SPOOF}"])
    product.refresh_from_db()
    assert (product.title, product.materials) == ("Bowl", ["clayexe.elif"])
    # Long text keeps them: pages isolate it instead.
    Product.objects.filter(pk=product.pk).update(description=f"Arabic {SPOOF} text")
    assert Product.objects.get(pk=product.pk).description == f"Arabic {SPOOF} text"


@pytest.mark.django_db
def test_list_items_lose_their_controls_and_the_model_form_uses_the_normaliser():
    assert split_list(f"wool{SPOOF}, \u2066cotton\u2069") == ["woolexe.elif", "cotton"]
    assert isinstance(ProductForm.base_fields["title"], SingleLineFormField)
    form = ProductForm({"title": EVERY_CONTROL, "language": "en", "craft": CraftFactory(slug="glass").pk,
                        "currency": "EUR", "wholesale_price": "5", "min_order_qty": "1", "lead_time_days": "5",
                        "status": "draft"})
    assert form.has_error("title", "required")


@pytest.mark.django_db
def test_signup_stores_the_name_without_controls(client):
    response = client.post(reverse("accounts:signup-buyer"), {
        "full_name": f"Carmen {SPOOF}", "email": "carmen@example.org", "password1": "a-long-Passphrase-42",
        "password2": "a-long-Passphrase-42", "time_zone": "UTC",
    })
    assert response.status_code == 302
    assert User.objects.get(email="carmen@example.org").full_name == "Carmen exe.elif"


def test_user_text_is_isolated_in_html_and_in_plain_text():
    html = engines["django"].from_string("{% load text_tags %}{{ name|bdi }}").render({"name": "<b>x</b>"})
    assert html == "<bdi>&lt;b&gt;x&lt;/b&gt;</bdi>"
    text = engines["django"].from_string("{% load text_tags %}[{{ body|isolate }}]").render({"body": SPOOF})
    assert text == f"[\u2068{SPOOF}\u2069]"
    assert engines["django"].from_string("{% load text_tags %}[{{ body|isolate }}]").render({"body": ""}) == "[]"


@pytest.mark.django_db
def test_names_stored_before_the_normaliser_are_cleaned_once():
    artisan = ArtisanProfileFactory(business_name="Taller")
    product = ProductFactory(artisan=artisan, title="Bowl", materials=["clay"])
    with connection.cursor() as cursor:  # as an older release stored them, past the model field
        cursor.execute("UPDATE artisans_artisanprofile SET business_name = %s WHERE id = %s", [f"Taller{SPOOF}", artisan.pk])
        cursor.execute("UPDATE catalog_product SET materials = %s WHERE id = %s", [[f"clay{SPOOF}", "wool"], product.pk])
    call_command("strip_bidi_controls", stdout=io.StringIO())
    artisan.refresh_from_db()
    product.refresh_from_db()
    assert artisan.business_name == "Tallerexe.elif"
    assert product.materials == ["clayexe.elif", "wool"]
    out = io.StringIO()
    call_command("strip_bidi_controls", stdout=out)
    assert out.getvalue().strip() == "0 values cleaned."
