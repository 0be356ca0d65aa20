"""The deal list says what each deal is about, where it stands and when it last changed, in the
viewer's zone, in as many queries at 50 deals as at 5."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from catalog.tests.factories import ProductFactory
from deals import services
from deals.models import Deal
from deals.tests.factories import quoted_deal, verified_buyer

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _queries(client: Client) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse("deals:list")).status_code == 200
    return len(captured)


def test_each_deal_shows_its_product_or_specification_its_latest_status_and_last_change_in_my_zone():
    buyer = verified_buyer()
    buyer.time_zone = "Asia/Tokyo"
    buyer.save(update_fields=["time_zone"])
    bowl = ProductFactory(indexed=False, title="Blue bowl", min_order_qty=1)
    deal, _quote = quoted_deal(buyer_user=buyer, product=bowl)
    special = services.inquiry_send(
        user=buyer,
        artisan=ProductFactory(indexed=False).artisan,
        source=Deal.Source.PRODUCT,
        lines=[
            services.Line(
                quantity=5, specification="A tall vase in indigo with a narrow neck and a wide foot, glazed"
            )
        ],
    )
    Deal.objects.filter(pk=deal.pk).update(updated_at=datetime(2026, 3, 1, 23, 30, tzinfo=UTC))
    page = _client(buyer).get(reverse("deals:list")).content.decode()
    assert "<bdi>Blue bowl</bdi>" in page and "Quote: Waiting for the buyer" in page
    assert "<bdi>A tall vase in indigo with a narrow …</bdi>" in page
    assert "Inquiry: Waiting for a quote" in page
    # 23:30 UTC is the next morning in Tokyo.
    assert "last change 03/02/2026 8:30 a.m." in page
    assert reverse("deals:detail", args=[special.public_id]) in page


def test_the_list_takes_as_many_queries_at_50_deals_as_at_5():
    buyer = verified_buyer()
    product = ProductFactory(indexed=False, min_order_qty=1)
    client = _client(buyer)
    for _ in range(5):
        quoted_deal(buyer_user=buyer, product=product)
    at_five = _queries(client)
    for _ in range(45):
        quoted_deal(buyer_user=buyer, product=product)
    assert Deal.objects.count() == 50
    assert _queries(client) == at_five
