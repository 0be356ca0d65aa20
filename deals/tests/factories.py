"""A buyer and an artisan with a product, and a deal brought to a quote, through the services."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from buyers.tests.factories import BuyerProfileFactory
from catalog.tests.factories import ProductFactory
from deals import services
from deals.models import Deal


def verified_buyer():
    return BuyerProfileFactory(is_verified=True).user


def quoted_deal(*, buyer_user=None, product=None, quantity: int = 20) -> tuple[Deal, object]:
    """An inquiry for `quantity` of a product, answered by a quote of one line at 18.50."""
    product = product or ProductFactory(indexed=False)
    buyer_user = buyer_user or verified_buyer()
    deal = services.inquiry_send(
        user=buyer_user,
        artisan=product.artisan,
        source=Deal.Source.PRODUCT,
        lines=[services.Line(quantity=quantity, product=product)],
        message="For our shop",
    )
    quote = services.quote_send(
        user=product.artisan.user,
        deal=deal,
        currency="EUR",
        incoterm="FCA",
        lead_time_days=30,
        valid_until=timezone.localdate() + timedelta(days=30),
        named_place="Seville",
        lines=[
            services.Line(
                quantity=quantity,
                product=product,
                description=product.title,
                unit_price=Decimal("18.50"),
                minimum_quantity=10,
            )
        ],
    )
    return deal, quote
