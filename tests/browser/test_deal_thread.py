"""A deal's thread in a real browser: a buyer on a phone, in Arabic, writes with a PDF attached,
the artisan reads it on a desktop and downloads the file; a file that is not a PDF is refused with
the text kept."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from reportlab.pdfgen import canvas

from accounts.tests.factories import PASSWORD, BuyerUserFactory
from buyers.models import BuyerProfile
from catalog.tests.factories import ProductFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FRENCH_FILE = "Liste de colisage — plats à tajine émaillés, grand modèle traditionnel de Safi.pdf"


def _sign_in(page, email):
    page.goto("/accounts/login/")
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def _pdf() -> bytes:
    buffer = io.BytesIO()
    sheet = canvas.Canvas(buffer)
    sheet.drawString(72, 720, "Packing list")
    sheet.save()
    return buffer.getvalue()


def test_a_message_with_a_pdf_from_a_phone_in_arabic_reaches_the_artisan_who_downloads_it(new_page, tmp_path):
    from deals.tests.factories import quoted_deal

    product = ProductFactory(title="Plat à tajine", language="fr", indexed=False)
    buyer = BuyerUserFactory(language="ar", time_zone="America/New_York")
    BuyerProfile.objects.create(user=buyer, organisation_name="Met Store", country="US", is_verified=True)
    deal, _quote = quoted_deal(buyer_user=buyer, product=product)
    pdf = tmp_path / FRENCH_FILE
    pdf.write_bytes(_pdf())
    not_pdf = tmp_path / "facture.pdf"
    not_pdf.write_bytes(b"<!doctype html><script>alert(1)</script>")

    phone = new_page(phone=True, timezone_id="America/New_York")
    _sign_in(phone, buyer.email)
    phone.goto(f"/deals/{deal.public_id}/")
    assert phone.evaluate("document.documentElement.dir") == "rtl"
    form = phone.locator("form[action$='/messages/']")
    # A file that is not what its name says: refused, the text kept, nothing in the thread.
    form.locator("textarea[name=body]").fill("Voici la facture")
    form.locator("input[type=file]").set_input_files(str(not_pdf))
    form.locator("button[type=submit]").click()
    assert phone.locator("form[action$='/messages/'] .error").count() == 1
    assert phone.locator("form[action$='/messages/'] textarea[name=body]").input_value() == "Voici la facture"
    assert phone.locator(".thread li").count() == 0

    form = phone.locator("form[action$='/messages/']")
    form.locator("textarea[name=body]").fill("Voici la liste de colisage pour la commande")
    form.locator("input[type=file]").set_input_files(str(pdf))
    form.locator("button[type=submit]").click()
    phone.wait_for_url(lambda url: url.endswith("#thread"))
    body = phone.locator(".thread li p[dir=auto]").first
    assert body.inner_text() == "Voici la liste de colisage pour la commande"
    # The French text reads left to right inside the Arabic page, and the long name does not widen it.
    assert body.evaluate("element => element.matches(':dir(ltr)')")
    assert phone.evaluate("document.documentElement.scrollWidth") <= phone.viewport_size["width"]

    desk = new_page(accept_downloads=True)
    _sign_in(desk, deal.artisan.user.email)
    desk.goto(f"/deals/{deal.public_id}/")
    link = desk.locator(".thread a[download]")
    assert FRENCH_FILE in link.inner_text()
    with desk.expect_download() as download_info:
        link.click()
    download = download_info.value
    assert download.suggested_filename == FRENCH_FILE
    assert Path(download.path()).read_bytes().startswith(b"%PDF-")
