"""An artisan on a phone: sign up, describe the workshop, list a product with a photo; staff approve."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.urls import NoReverseMatch, reverse
from playwright.sync_api import expect

from accounts.tests.factories import PASSWORD, StaffUserFactory
from catalog.models import Product

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _confirmation_path(body: str) -> str:
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", body).group(0)
    return "/" + link.split("/", 3)[3]


def test_artisan_lists_a_product_on_a_phone_and_staff_approve(new_page, live_server, tmp_path):
    from PIL import Image

    photo_path = tmp_path / "bowl.jpg"
    Image.new("RGB", (1200, 900), (30, 80, 160)).save(photo_path, format="JPEG")

    # --- Sign up and verify the address --------------------------------------------------------
    page = new_page(phone=True, timezone_id="Africa/Casablanca")
    page.goto("/accounts/signup/artisan/")
    page.get_by_label("Your full name").fill("Fatima Zahra")
    page.get_by_label("Email").fill("fatima@cooperative.example")
    page.get_by_label("Password", exact=True).fill("a-long-Passphrase-42")
    page.get_by_label("Password (again)").fill("a-long-Passphrase-42")
    page.get_by_role("button", name="Create my account").click()
    page.wait_for_url("**/accounts/confirm-email/")
    page.goto(_confirmation_path(mail.outbox[-1].body))
    page.get_by_role("button", name="Confirm").click()

    # --- First visit: the dashboard leads to creating the profile ------------------------------
    page.wait_for_url("**/artisan/profile/")
    assert page.get_by_role("heading", name="Create your profile").is_visible()
    page.get_by_label("Business name").fill("Coopérative Tifawin")
    page.get_by_label("Kind of business").select_option("cooperative")
    page.get_by_label("Ceramics and pottery").check()
    page.get_by_label("Country").select_option("MA")
    page.get_by_label("City or town").fill("Safi")
    # A mistake first: the form comes back with the error beside the field and the input kept.
    page.get_by_label("Year founded").fill("1500")
    page.get_by_role("button", name="Save and send for review").click()
    expect(page.locator("#id_year_founded_error")).to_be_visible()
    assert page.get_by_label("City or town").input_value() == "Safi"
    assert page.get_by_label("Business name").input_value() == "Coopérative Tifawin"
    page.get_by_label("Year founded").fill("1998")
    page.get_by_label("The story of your workshop").fill("Twelve women potters working the red clay of Safi.")
    page.get_by_role("button", name="Save and send for review").click()

    page.wait_for_url("**/artisan/")
    assert page.get_by_text("Pending review").first.is_visible()
    assert page.get_by_role("meter").is_visible()

    # --- A product, published, with a photo ----------------------------------------------------
    page.get_by_role("link", name="Add a product").first.click()
    page.get_by_label("Title").fill("Red clay tajine")
    page.get_by_label("Craft").select_option(label="Ceramics and pottery")
    page.get_by_label("Materials").fill("Clay, natural glaze")
    page.get_by_label("Currency").select_option("MAD")
    page.get_by_label("Wholesale price").fill("180")
    page.get_by_label("Minimum order quantity").fill("24")
    page.get_by_label("Published").check()
    page.get_by_role("button", name="Save and add photos").click()

    page.wait_for_url("**/photos/")
    page.get_by_label("Photo", exact=True).set_input_files(str(photo_path))
    page.get_by_label("Describe the photo").fill("Red clay tajine with its lid, seen from the side")
    page.get_by_role("button", name="Upload the photo").click()
    page.wait_for_url("**/photos/")
    image = page.get_by_role("img", name="Red clay tajine with its lid, seen from the side")
    expect(image).to_be_visible()
    assert image.evaluate("img => img.tagName") == "IMG"  # the rendition, not the placeholder

    product = Product.objects.get(title="Red clay tajine")
    assert product.status == Product.Status.PUBLISHED
    assert product.materials == ["clay", "natural glaze"]
    assert not Product.objects.filter(artisan__status="approved", status="published").exists()

    page.goto("/artisan/")
    assert page.get_by_text("Pending review").first.is_visible()

    # --- Staff approve in the admin, in another browser -----------------------------------------
    StaffUserFactory(email="reviewer@agency.example")
    admin = new_page()
    # The admin's door is allauth's sign-in page (throttled, second factor when required).
    admin.goto("/admin/")
    admin.get_by_label("Email").fill("reviewer@agency.example")
    admin.get_by_label("Password").fill(PASSWORD)
    admin.get_by_role("button", name="Sign in").click()
    admin.goto("/admin/artisans/artisanprofile/?status__exact=pending")
    admin.get_by_role("row", name=re.compile("Coopérative Tifawin")).get_by_role("checkbox").check()
    admin.locator("select[name=action]").select_option("approve_selected")
    admin.get_by_role("button", name="Go").click()
    expect(admin.get_by_text("1 artisan approved")).to_be_visible()

    assert list(Product.objects.filter(artisan__status="approved", status="published")) == [product]
    assert mail.outbox[-1].to == ["fatima@cooperative.example"]
    assert "approved" in mail.outbox[-1].subject

    page.goto("/artisan/")
    expect(page.get_by_text("Approved", exact=True)).to_be_visible()

    # --- Buyers can now open the product ----------------------------------------------------------
    try:
        url = reverse("catalog:product-detail", args=[product.public_id])
    except NoReverseMatch:
        return
    visitor = new_page(phone=True)
    response = visitor.goto(url)
    assert response.status == 200
    assert visitor.get_by_role("heading", name="Red clay tajine").first.is_visible()
