"""A deal's documents: a quote's PDF, an order's pro forma invoice and packing list.

Personas: the buyer and the artisan of the deal (its two parties), another buyer, another artisan
and an anonymous visitor. Each PDF is read back as text (pypdf) and its figures looked for.
"""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import arabic_reshaper
import pytest
from django.core import signing
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from pypdf import PdfReader

from accounts.tests.factories import ArtisanUserFactory, BuyerUserFactory
from buyers.tests.factories import BuyerProfileFactory
from catalog.tests.factories import ArtisanProfileFactory, ProductFactory
from deals import services
from deals.models import Deal, ProductTerms, Quote, QuoteLine
from deals.tests.factories import quoted_deal
from programs.models import Application
from programs.tests.factories import ProgramFactory

pytestmark = pytest.mark.django_db
DOC = "deal document"
PROFORMA_NOTICE = (
    "This pro forma invoice states the goods and prices of the order for customs, import licences or advance "
    "payment. It is not a tax invoice and asks for no payment by itself."
)


def _client(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _text(response) -> str:
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    return "\n".join(page.extract_text() for page in reader.pages)


def _rows(response) -> list[str]:
    """The PDF's text laid out as drawn: a table's row on one line, its cells apart."""
    reader = PdfReader(io.BytesIO(response.content))
    return [
        line for page in reader.pages for line in page.extract_text(extraction_mode="layout").splitlines()
    ]


def _quote_url(deal: Deal, quote: Quote, lang: str | None = None) -> str:
    url = reverse("deals:quote-pdf", args=[deal.public_id, quote.pk])
    return f"{url}?lang={lang}" if lang else url


def _joined(arabic: str) -> str:
    """Arabic as the PDF must hold it, read back: letters joined (presentation forms), in reading order.

    common.pdf.shape draws a line joined and reversed into visual order; pypdf reads right-to-left
    runs back into reading order. A line drawn unreversed would read back reversed, and unjoined
    letters would read back as typed: either fails the match.
    """
    return arabic_reshaper.reshape(arabic)


def _in(language: str, message: str, context: str = "") -> str:
    with translation.override(language):
        return translation.pgettext(context, message) if context else translation.gettext(message)


@pytest.fixture
def product():
    artisan = ArtisanProfileFactory(business_name="Cerámica Ruiz", city="Sevilla", country="ES")
    return ProductFactory(artisan=artisan, indexed=False, title="Blue bowl", min_order_qty=10)


@pytest.fixture
def buyer_user():
    return BuyerProfileFactory(is_verified=True, organisation_name="Met Store", user__language="en").user


def _ordered(deal: Deal, quote: Quote, buyer_user):
    services.quote_accept(user=buyer_user, quote=quote)
    return services.order_place_from_quote(
        user=buyer_user,
        quote=quote,
        delivery_address="1000 Fifth Avenue\nNew York, NY 10028",
        po_number="PO-7731",
    )


# --- The quote --------------------------------------------------------------------------------
def test_the_quote_pdf_states_its_lines_terms_and_total(product, buyer_user):
    deal, quote = quoted_deal(buyer_user=buyer_user, product=product, quantity=20)
    Quote.objects.filter(pk=quote.pk).update(
        payment_terms="30% on order, 70% before shipping", notes="Glazed inside"
    )
    text = _text(_client(buyer_user).get(_quote_url(deal, quote)))
    for expected in [
        "Quote",
        "Version 1",
        "Cerámica Ruiz",
        "Met Store",
        "Blue bowl",
        "20",
        "pieces",
        "18.50 EUR",
        "370.00 EUR",  # 20 × 18.50
        "Free carrier (FCA)",
        "Seville",
        "30 days",
        "30% on order, 70% before shipping",
        "Glazed inside",
        date_format(quote.valid_until, "DATE_FORMAT"),
    ]:
        assert expected in text, expected


def test_the_quote_pdf_names_its_file_and_is_kept_by_no_shared_cache(product, buyer_user):
    deal, quote = quoted_deal(buyer_user=buyer_user, product=product)
    response = _client(buyer_user).get(_quote_url(deal, quote))
    assert response["Content-Disposition"] == f'inline; filename="quote-{str(deal.public_id)[:8]}-v1-en.pdf"'
    assert "no-store" in response["Cache-Control"]


def test_an_arabic_buyer_gets_arabic_labels_shaped_and_the_artisans_words_as_written(product):
    arabic_buyer = BuyerProfileFactory(user__language="ar", organisation_name="متجر المتحف").user
    deal, quote = quoted_deal(buyer_user=arabic_buyer, product=product)
    text = _text(_client(arabic_buyer).get(_quote_url(deal, quote)))
    for label, context in [
        ("Quote", ""),
        ("Unit price", ""),
        ("Valid until", ""),
        ("Buyer", ""),
        ("Seller", DOC),
    ]:
        arabic = _in("ar", label, context)
        assert arabic != label, f"{label} has no Arabic translation"
        assert _joined(arabic) in text, label
        assert arabic not in text
    assert _joined("متجر المتحف") in text
    # The artisan wrote the product's name in Spanish: it stays as written.
    assert "Blue bowl" in text and "Cerámica Ruiz" in text
    assert "Unit price" not in text


def test_the_quote_comes_in_the_artisans_language_too(product, buyer_user):
    product.artisan.user.language = "fr"
    product.artisan.user.save(update_fields=["language"])
    deal, quote = quoted_deal(buyer_user=buyer_user, product=product)
    client = _client(buyer_user)
    french = _text(client.get(_quote_url(deal, quote, "fr")))
    assert _in("fr", "Unit price") in french and "Unit price" not in french
    assert "Blue bowl" in french  # people's text as written
    assert client.get(_quote_url(deal, quote, "fr"))["Content-Disposition"].endswith('-v1-fr.pdf"')
    # A language neither party reads falls back to the reader's own.
    english = _text(client.get(_quote_url(deal, quote, "es")))
    assert "Unit price" in english
    # The deal page offers both.
    page = client.get(reverse("deals:detail", args=[deal.public_id])).content.decode()
    assert f'{_quote_url(deal, quote)}?lang=en"' in page and f'{_quote_url(deal, quote)}?lang=fr"' in page


def test_dates_are_in_the_readers_time_zone(product):
    # Issued at 23:30 UTC on 1 March: already 2 March in Auckland, still 1 March in New York.
    auckland = BuyerProfileFactory(user__time_zone="Pacific/Auckland").user
    deal, quote = quoted_deal(buyer_user=auckland, product=product)
    Quote.objects.filter(pk=quote.pk).update(created_at=datetime(2027, 3, 1, 23, 30, tzinfo=UTC))
    text = _text(_client(auckland).get(_quote_url(deal, quote)))
    assert f"issued {date_format(datetime(2027, 3, 2), 'DATE_FORMAT')}" in text
    artisan = product.artisan.user
    artisan.time_zone = "America/New_York"
    artisan.save(update_fields=["time_zone"])
    text = _text(_client(artisan).get(_quote_url(deal, quote)))
    assert f"issued {date_format(datetime(2027, 3, 1), 'DATE_FORMAT')}" in text


def test_a_quote_of_twenty_lines_takes_the_queries_of_one(buyer_user):
    def quote_with(lines: int):
        artisan = ArtisanProfileFactory()
        products = [ProductFactory(artisan=artisan, indexed=False, min_order_qty=1) for _ in range(lines)]
        deal = services.inquiry_send(
            user=buyer_user,
            artisan=artisan,
            source=Deal.Source.PRODUCT,
            lines=[services.Line(quantity=12, product=p) for p in products],
        )
        quote = services.quote_send(
            user=artisan.user,
            deal=deal,
            currency="EUR",
            incoterm="EXW",
            lead_time_days=20,
            valid_until=timezone.localdate() + timedelta(days=10),
            lines=[
                services.Line(quantity=12, product=p, description=p.title, unit_price=Decimal("9.90"))
                for p in products
            ],
        )
        return deal, quote

    client = _client(buyer_user)
    counts = []
    for size in (1, 20):
        deal, quote = quote_with(size)
        with CaptureQueriesContext(connection) as queries:
            text = _text(client.get(_quote_url(deal, quote)))
        assert f"{Decimal('9.90') * 12 * size:,.2f} EUR" in text
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_a_long_quote_runs_over_pages_with_its_header_repeated(product, buyer_user):
    deal, quote = quoted_deal(buyer_user=buyer_user, product=product)
    QuoteLine.objects.bulk_create(
        QuoteLine(quote=quote, description=f"Bowl number {n}", quantity=12, unit_price=Decimal("5.00"))
        for n in range(2, 71)
    )
    Quote.objects.filter(pk=quote.pk).update(notes=" ".join(["ألوان طبيعية من نباتات الأطلس"] * 400))
    response = _client(buyer_user).get(_quote_url(deal, quote))
    pages = PdfReader(io.BytesIO(response.content)).pages
    assert len(pages) >= 3
    texts = [page.extract_text() for page in pages]
    assert all("Unit price" in text for text in texts[:2])  # the lines' header on each page they fill
    assert "Bowl number 70" in "".join(texts)
    assert f"{Decimal('370.00') + 69 * 12 * Decimal('5.00'):,.2f} EUR" in "".join(texts)


def test_only_the_deals_two_parties_get_its_quote(product, buyer_user):
    deal, quote = quoted_deal(buyer_user=buyer_user, product=product)
    other_deal, other_quote = quoted_deal()
    url = _quote_url(deal, quote)
    assert _client(buyer_user).get(url).status_code == 200
    assert _client(product.artisan.user).get(url).status_code == 200
    assert _client(BuyerProfileFactory().user).get(url).status_code == 404
    assert _client(ArtisanProfileFactory().user).get(url).status_code == 404
    # Another deal's quote under this deal's address is not found either.
    assert _client(buyer_user).get(_quote_url(deal, other_quote)).status_code == 404
    anonymous = _client().get(url)
    assert anonymous.status_code == 302 and anonymous["Location"].startswith(reverse("account_login"))
    assert _client(buyer_user).post(url).status_code == 405


def test_a_public_visitors_quote_is_in_their_language_with_their_name(product):
    program = ProgramFactory(public_catalog=True)
    Application.objects.create(program=program, artisan=product.artisan, status=Application.Status.ACCEPTED)
    deal = services.inquiry_send_public(
        program=program,
        artisan=product.artisan,
        name="Nadia Benali",
        email="nadia@example.org",
        lines=[services.Line(quantity=12, product=product)],
        language="fr",
    )
    services.inquiry_confirm(token=signing.dumps(deal.inquiry.pk, salt=services.CONFIRM_SALT))
    quote = services.quote_send(
        user=product.artisan.user,
        deal=deal,
        currency="EUR",
        incoterm="EXW",
        lead_time_days=20,
        valid_until=timezone.localdate() + timedelta(days=10),
        lines=[
            services.Line(quantity=12, product=product, description="Blue bowl", unit_price=Decimal("9.90"))
        ],
    )
    artisan = _client(product.artisan.user)
    # The artisan reads English; the visitor wrote in French: both are offered, the reader's by default.
    text = _text(artisan.get(_quote_url(deal, quote)))
    assert "Nadia Benali" in text and "Unit price" in text
    assert _in("fr", "Unit price") in _text(artisan.get(_quote_url(deal, quote, "fr")))
    page = artisan.get(reverse("deals:detail", args=[deal.public_id])).content.decode()
    assert f'{_quote_url(deal, quote)}?lang=fr"' in page and f'{_quote_url(deal, quote)}?lang=en"' in page


# --- The order's documents ----------------------------------------------------------------------
def test_the_pro_forma_invoice_states_seller_buyer_po_delivery_terms_and_total(product, buyer_user):
    deal, quote = quoted_deal(buyer_user=buyer_user, product=product, quantity=20)
    order = _ordered(deal, quote, buyer_user)
    response = _client(buyer_user).get(reverse("deals:order-proforma", args=[deal.public_id, order.pk]))
    text = _text(response)
    for expected in [
        "Pro forma invoice",
        "Pro forma — not a tax invoice.",
        "Cerámica Ruiz",
        "Sevilla",
        "Met Store",
        "PO-7731",
        "1000 Fifth Avenue",
        "Free carrier (FCA)",
        "Seville",
        "Blue bowl",
        "18.50 EUR",
        "370.00 EUR",
        str(order.public_id)[:8].upper(),
    ]:
        assert expected in text, expected
    assert response["Content-Disposition"] == f'inline; filename="proforma-{str(order.public_id)[:8]}-en.pdf"'


def test_the_order_documents_name_each_products_hs_code_and_country_of_origin(product, buyer_user):
    product.hs_code, product.country_of_origin = "691310", "MA"
    product.save(update_fields=["hs_code", "country_of_origin"])
    deal, quote = quoted_deal(buyer_user=buyer_user, product=product)
    order = _ordered(deal, quote, buyer_user)
    client = _client(buyer_user)
    for name in ("deals:order-proforma", "deals:order-packing-list"):
        text = _text(client.get(reverse(name, args=[deal.public_id, order.pk])))
        assert "HS code 691310 · Made in Morocco" in text, name
    # A product without them says nothing of them.
    other_deal, other_quote = quoted_deal(buyer_user=buyer_user)
    other = _ordered(other_deal, other_quote, buyer_user)
    text = _text(client.get(reverse("deals:order-proforma", args=[other_deal.public_id, other.pk])))
    assert "HS code" not in text and "Made in" not in text


def test_the_packing_list_counts_packages_and_shows_no_price(product, buyer_user):
    ProductTerms.objects.create(product=product, pack_multiple=4)
    deal, quote = quoted_deal(buyer_user=buyer_user, product=product, quantity=20)
    # The quote agreed packs of 5 (the artisan's terms then); the packing list follows the quote.
    quote.lines.update(pack_multiple=5)
    order = _ordered(deal, quote, buyer_user)
    services.order_accept(
        user=product.artisan.user, order=order, ship_by=timezone.localdate() + timedelta(days=20)
    )
    response = _client(product.artisan.user).get(
        reverse("deals:order-packing-list", args=[deal.public_id, order.pk])
    )
    text = _text(response)
    assert "Packing list" in text and "PO-7731" in text and "1000 Fifth Avenue" in text
    # 20 units in packs of 5 (as quoted, not the product's 4 now): 4 packages.
    row = next(line for line in _rows(response) if "Blue bowl" in line)
    assert row.split()[-4:] == ["20", "pieces", "5", "4"]
    assert "EUR" not in text and "18.50" not in text
    order.refresh_from_db()
    assert date_format(order.ship_by, "DATE_FORMAT") in text


def test_a_direct_orders_packing_list_uses_the_products_pack_size(buyer_user):
    product = ProductFactory(indexed=False, title="Wool rug", min_order_qty=1)
    ProductTerms.objects.create(product=product, pack_multiple=3)
    order = services.order_place(
        user=buyer_user,
        artisan=product.artisan,
        delivery_address="Calle Mayor 1, Madrid",
        lines=[services.Line(quantity=9, product=product)],
    )
    response = _client(buyer_user).get(
        reverse("deals:order-packing-list", args=[order.deal.public_id, order.pk])
    )
    rows = _rows(response)
    assert next(line for line in rows if "Wool rug" in line).split()[-4:] == ["9", "pieces", "3", "3"]
    assert next(line for line in rows if "Total" in line).split() == ["Total", "9", "3"]


def test_an_arabic_artisans_pro_forma_in_arabic(product, buyer_user):
    product.artisan.user.language = "ar"
    product.artisan.user.save(update_fields=["language"])
    deal, quote = quoted_deal(buyer_user=buyer_user, product=product)
    order = _ordered(deal, quote, buyer_user)
    text = _text(
        _client(product.artisan.user).get(reverse("deals:order-proforma", args=[deal.public_id, order.pk]))
    )
    for label, context in [("Pro forma invoice", ""), ("Purchase order number", ""), ("Deliver to", DOC)]:
        assert _joined(_in("ar", label, context)) in text, label
    # A long sentence wraps in reading order: its first words are read first.
    notice = _in("ar", PROFORMA_NOTICE)
    assert text.index(_joined(notice.split()[0])) < text.index(_joined(notice.split()[-1]))
    assert "PO-7731" in text


def test_an_order_of_twenty_lines_takes_the_queries_of_one(buyer_user):
    def order_with(lines: int):
        artisan = ArtisanProfileFactory()
        products = [ProductFactory(artisan=artisan, indexed=False, min_order_qty=1) for _ in range(lines)]
        for product in products:
            ProductTerms.objects.create(product=product, pack_multiple=2)
        return services.order_place(
            user=buyer_user,
            artisan=artisan,
            delivery_address="1 Museum Mile",
            lines=[services.Line(quantity=12, product=p) for p in products],
        )

    client = _client(buyer_user)
    for name in ("deals:order-proforma", "deals:order-packing-list"):
        counts = []
        for size in (1, 20):
            order = order_with(size)
            with CaptureQueriesContext(connection) as queries:
                rows = _rows(client.get(reverse(name, args=[order.deal.public_id, order.pk])))
            assert len([row for row in rows if "Product " in row and "pieces" in row]) == size
            counts.append(len(queries))
        assert counts[0] == counts[1], name


def test_only_the_deals_two_parties_get_its_order_documents(product, buyer_user):
    deal, quote = quoted_deal(buyer_user=buyer_user, product=product)
    order = _ordered(deal, quote, buyer_user)
    other_deal, other_quote = quoted_deal()
    other_order = _ordered(other_deal, other_quote, other_deal.buyer.user)
    for name in ("deals:order-proforma", "deals:order-packing-list"):
        url = reverse(name, args=[deal.public_id, order.pk])
        assert _client(buyer_user).get(url).status_code == 200
        assert _client(product.artisan.user).get(url).status_code == 200
        assert _client(BuyerUserFactory()).get(url).status_code == 404
        assert _client(other_deal.buyer.user).get(url).status_code == 404
        assert _client(ArtisanUserFactory()).get(url).status_code == 404
        assert (
            _client(buyer_user).get(reverse(name, args=[deal.public_id, other_order.pk])).status_code == 404
        )
        assert _client().get(url)["Location"].startswith(reverse("account_login"))


def test_the_deal_page_links_each_orders_documents(product, buyer_user):
    deal, quote = quoted_deal(buyer_user=buyer_user, product=product)
    order = _ordered(deal, quote, buyer_user)
    page = _client(buyer_user).get(reverse("deals:detail", args=[deal.public_id])).content.decode()
    assert reverse("deals:order-proforma", args=[deal.public_id, order.pk]) + "?lang=en" in page
    assert reverse("deals:order-packing-list", args=[deal.public_id, order.pk]) + "?lang=en" in page
