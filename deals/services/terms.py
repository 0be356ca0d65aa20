"""An artisan's own terms for deals: order minimums, and each product's pack size and sample policy.

The forms validate what a person types; these functions hold the rules, so a page, a script and
the admin refuse the same things. Each writes one row of the artisan's own (never another's).
"""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from artisans.models import ArtisanProfile
from catalog.models import Product
from common.choices import Currency
from common.statemachine import TransitionRefused
from deals.models import DealTerms, ProductTerms

PACK_MULTIPLE_MAX = 100_000


@transaction.atomic
def deal_terms_update(
    *,
    artisan: ArtisanProfile,
    currency: str,
    opening_order_minimum: Decimal | None,
    reorder_minimum: Decimal | None,
) -> DealTerms:
    """Set an artisan's minimum first order and minimum reorder (empty: none).

    A reorder minimum above the first order's is refused (the database refuses it too): a buyer
    who comes back should never need more than one who starts.
    """
    for value in (opening_order_minimum, reorder_minimum):
        if value is not None and value <= 0:
            raise TransitionRefused(_("A minimum must be more than zero; leave it empty for none."))
    if (
        opening_order_minimum is not None
        and reorder_minimum is not None
        and reorder_minimum > opening_order_minimum
    ):
        raise TransitionRefused(_("The minimum reorder cannot be above the minimum first order."))
    if currency not in Currency.values:
        raise TransitionRefused(_("Choose a currency from the list."))
    terms, _created = DealTerms.objects.update_or_create(
        artisan=artisan,
        defaults={
            "currency": currency,
            "opening_order_minimum": opening_order_minimum,
            "reorder_minimum": reorder_minimum,
        },
    )
    return terms


@transaction.atomic
def product_terms_update(
    *, artisan: ArtisanProfile, product: Product, pack_multiple: int, sample_policy: str
) -> ProductTerms:
    """Set how one of the artisan's products is sold: in packs of how many, and whether samples go out.

    Quotes already sent keep the pack size they were made with; orders check the current one.
    """
    if product.artisan_id != artisan.pk:
        raise TransitionRefused(_("This product is not yours."))
    if not 1 <= pack_multiple <= PACK_MULTIPLE_MAX:
        raise TransitionRefused(_("A pack holds from 1 to %(most)s units.") % {"most": PACK_MULTIPLE_MAX})
    if sample_policy not in ProductTerms.SamplePolicy.values:
        raise TransitionRefused(_("Choose how you send samples from the list."))
    terms, _created = ProductTerms.objects.update_or_create(
        product=product, defaults={"pack_multiple": pack_multiple, "sample_policy": sample_policy}
    )
    return terms
