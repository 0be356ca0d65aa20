"""A list's product and artisan cards, each rendered once per content and reused from the cache.

The key of a card is a digest of everything its HTML is made from (card_fields: the only place
that decides what a card shows, and the only input of the card's template), plus the language.
So a changed product, artisan, craft, photo or rate makes a new key at once, with no invalidation
to miss, and a viewer without wholesale rights never shares an entry with one who has them: their
fields differ. Each process also keeps the cards it served last, keyed by their rows, so a warm
list reaches Redis only for cards it has not served yet. The shortlist button holds the viewer's
CSRF token and state, so it is added to each card per request, outside the cached part. At most
one get_many and one set_many per list. The cache only saves work (common.best_effort_cache): when
Redis is down or unreachable the cards are rendered each time and the page still answers.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from django import template
from django.template.loader import get_template
from django.utils.html import format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from catalog.rows import ArtisanRow, ProductRow
from catalog.templatetags.catalog_tags import _country_name, photo, shortlist_buttons
from common import best_effort_cache
from deals.results import in_usd
from deals.templatetags.deal_prices import _rates

register = template.Library()

# Entries are immutable (the key is their content), so a long life is safe; memory is bounded by Redis.
CARD_TIMEOUT = 7 * 24 * 3600
KEY_VERSION = "catalog-card:1"


def card_fields(
    product: ProductRow, *, show_wholesale: bool, matched: frozenset[str], rates: dict
) -> dict[str, Any]:
    """What one product card shows: the card's template reads nothing else."""
    fields: dict[str, Any] = {
        "public_id": str(product.public_id),
        "title": product.title,
        "photo": str(photo(product.photo, "card")),
        "artisan_slug": product.artisan_slug,
        "artisan_name": product.artisan_name,
        "country": _country_name(product.artisan_country, get_language()),
        "craft": product.craft.name,
        "min_order_qty": product.min_order_qty,
        "lead_time_days": product.lead_time_days,
        "matched": tuple(sorted(matched)),
        "description": product.description if matched else "",
        "show_wholesale": show_wholesale,
    }
    if show_wholesale:
        fields["wholesale_price"] = product.wholesale_price
        fields["currency"] = product.currency
        fields["rate"] = rates.get(product.currency)
    return fields


@register.inclusion_tag("deals/_usd_price.html")
def card_usd_price(amount: Any, currency: str, rate: Any) -> dict[str, Any]:
    """deals' dollar price from the rate in the card's fields (the viewer's, read once per request)."""
    converted = (
        in_usd(amount, currency, {currency: rate}) if amount is not None and rate is not None else None
    )
    if converted is None:
        return {"usd": None}
    usd, used = converted
    return {"usd": usd, "rate": used}


def card_key(fields: dict[str, Any], language: str | None) -> str:
    digest = hashlib.sha256(repr((language, sorted(fields.items()))).encode()).hexdigest()
    return f"{KEY_VERSION}:{digest}"


def artisan_card_fields(artisan: ArtisanRow, *, matched: frozenset[str]) -> dict[str, Any]:
    """What one artisan card shows: the card's template reads nothing else."""
    return {
        "slug": artisan.slug,
        "business_name": artisan.business_name,
        "photo": str(photo(artisan.photo, "card")),
        "city": artisan.city,
        "region": artisan.region,
        "country": _country_name(artisan.country, get_language()),
        "crafts": tuple(craft.name for craft in artisan.crafts),
        "exported_before": artisan.exported_before,
        "matched": tuple(sorted(matched)),
        "story": artisan.story if matched else "",
    }


def render_card(template_name: str, fields: dict[str, Any]) -> str:
    return get_template(template_name).render({"card": fields, "matched": frozenset(fields["matched"])})


# Each process also keeps the cards it served last, keyed by the row they were made from
# (catalog.rows: rows compare by every value a card shows), the viewer's kind of fields and the
# language. A row that changed is another key, so an entry is never stale either; a hit skips the
# card's fields, its digest and the round trip to Redis.
LOCAL_CARDS = 2048
_local: OrderedDict[tuple[Any, ...], str] = OrderedDict()
_local_lock = threading.Lock()


def forget_local() -> None:
    """Drop this process's copies (tests)."""
    with _local_lock:
        _local.clear()


def _cards(
    context: template.Context,
    objects: Any,
    *,
    kind: str,
    template_name: str,
    fields: Callable[[Any], dict[str, Any]],
    viewer_key: Callable[[Any], tuple[Any, ...]],
    button: Callable[[Any, bool], SafeString | str],
    in_list: Any,
) -> SafeString:
    objects = list(objects)
    language = get_language()
    local_keys = [(kind, language, viewer_key(obj), obj) for obj in objects]
    with _local_lock:
        bodies = [_local.get(key) for key in local_keys]
    missing = [i for i, body in enumerate(bodies) if body is None]
    if missing:
        cards = {i: fields(objects[i]) for i in missing}
        keys = {i: card_key({"kind": kind, **cards[i]}, language) for i in missing}
        found = best_effort_cache.get_many(list(keys.values()))
        fresh: dict[str, str] = {}
        for i in missing:
            body = found.get(keys[i]) or fresh.get(keys[i])
            if body is None:
                body = fresh[keys[i]] = render_card(template_name, cards[i])
            bodies[i] = body
        if fresh:
            best_effort_cache.set_many(fresh, CARD_TIMEOUT)
    with _local_lock:
        for key, body in zip(local_keys, bodies, strict=True):
            _local[key] = body  # type: ignore[assignment]
            _local.move_to_end(key)
        while len(_local) > LOCAL_CARDS:
            _local.popitem(last=False)
    # The bodies are this module's own template output (escaped when rendered), stored as plain str.
    rows = [
        (SafeString(body), button(obj, obj.pk in in_list)) for obj, body in zip(objects, bodies, strict=True)
    ]
    return format_html_join("\n", '<li class="card catalog-card">{}{}</li>', rows)


@register.simple_tag(takes_context=True)
def product_cards(context: template.Context, products: Any) -> SafeString:
    show_wholesale = bool(context.get("show_wholesale"))
    matched = frozenset(context.get("matched") or ())
    rates = _rates(context) if show_wholesale else {}
    shortlisted = context.get("shortlisted")
    button = shortlist_buttons(context, "product")
    return _cards(
        context,
        products,
        kind="product",
        template_name="catalog/_product_card.html",
        fields=lambda p: card_fields(p, show_wholesale=show_wholesale, matched=matched, rates=rates),
        # What card_fields reads besides the row.
        viewer_key=lambda p: (show_wholesale, matched, rates.get(p.currency) if show_wholesale else None),
        button=lambda p, in_list: button(p.public_id, p.title, in_list),
        in_list=shortlisted.product_ids if shortlisted is not None else (),
    )


@register.simple_tag(takes_context=True)
def artisan_cards(context: template.Context, artisans: Any) -> SafeString:
    matched = frozenset(context.get("matched") or ())
    shortlisted = context.get("shortlisted")
    button = shortlist_buttons(context, "artisan")
    return _cards(
        context,
        artisans,
        kind="artisan",
        template_name="catalog/_artisan_card.html",
        fields=lambda a: artisan_card_fields(a, matched=matched),
        viewer_key=lambda a: (matched,),
        button=lambda a, in_list: button(a.slug, a.business_name, in_list),
        in_list=shortlisted.artisan_ids if shortlisted is not None else (),
    )
