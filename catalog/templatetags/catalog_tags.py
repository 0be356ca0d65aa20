from __future__ import annotations

import functools
from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING
from urllib.parse import quote

from django import template
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.formats import number_format
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language, gettext, ngettext

from catalog import search, visibility
from catalog.models import Product
from catalog.selectors import country_name_in as _country_name
from common.images import RENDITION_SIZES

if TYPE_CHECKING:
    from django.template import Context
    from django_countries.fields import Country

    from common.photos.models import OrderedPhoto

register = template.Library()

# The renditions every ordered photo has (common.photos.models.OrderedPhoto).
PHOTO_SIZES = tuple(RENDITION_SIZES)
PLACEHOLDER = '<div class="placeholder-image photo-{}" role="img" aria-label="{}"><span aria-hidden="true">{}</span></div>'
IMAGE = '<img src="{}" alt="{}" class="photo photo-{}"{} decoding="async">'
LAZY_IMAGE = '<img src="{}" alt="{}" class="photo photo-{}"{} loading="lazy" decoding="async">'
SIGN_IN_TO_SHORTLIST = '<a class="button button-small button-secondary" href="{}?next={}">{}</a>'
SHORTLIST_ADD = (
    '<form method="post" action="{}" class="inline-form shortlist-form">'
    '<input type="hidden" name="csrfmiddlewaretoken" value="{}">'
    '<input type="hidden" name="{}" value="{}"><input type="hidden" name="next" value="{}">'
    '<button type="submit" class="button button-small">{}<span class="visually-hidden"> {}</span></button></form>'
)
SHORTLIST_REMOVE = (
    '<form method="post" action="{}" class="inline-form shortlist-form">'
    '<input type="hidden" name="csrfmiddlewaretoken" value="{}">'
    '<input type="hidden" name="{}" value="{}"><input type="hidden" name="next" value="{}">'
    '<button type="submit" class="button button-small button-secondary" aria-pressed="true">'
    '{}<span class="visually-hidden"> {}</span></button></form>'
)


@register.filter
def is_public(obj) -> bool:
    """Whether buyers may see this artisan or product at all (catalog.visibility), for a preview banner."""
    if isinstance(obj, Product):
        return visibility.product_is_public(obj)
    return visibility.artisan_is_public(obj)


@register.filter
def highlight(text: str, matched: frozenset[str] | None) -> SafeString:
    """The text, escaped, with the searched words marked (accents kept as written)."""
    return search.highlight(text or "", matched or frozenset())


@register.filter
def snippet(text: str, matched: frozenset[str] | None) -> SafeString:
    return search.snippet(text or "", matched or frozenset())


@register.simple_tag
def money(amount: Decimal | None, currency: str) -> str:
    if amount is None:
        return ""
    return f"{currency} {number_format(amount, 2, use_l10n=True)}"


# Filters rather than blocktranslate: the same messages, at a fraction of the cost on every card.
@register.filter
def units(count: int) -> str:
    return ngettext("%(counter)s unit", "%(counter)s units", count) % {"counter": count}


@register.filter
def days(count: int) -> str:
    return ngettext("%(counter)s day", "%(counter)s days", count) % {"counter": count}


@register.filter
def country_name(country: Country) -> str:
    """country.name, remembered per country and language: django-countries looks it up slowly."""
    return _country_name(country.code, get_language())




@register.simple_tag
def photo(image: OrderedPhoto | None, size: str = "card", eager: bool = False) -> SafeString:
    """A photo's WebP rendition, or a placeholder until the rendition task has made it.

    size: "thumb" (320px), "card" (640px) or "large" (1600px). eager: load at once (the first
    image of a page) rather than lazily. A missing image (None, or the "" of a template lookup
    such as product.photos.all|first on a product without photos) shows "No photo yet".
    """
    if size not in PHOTO_SIZES:
        raise ValueError(f"Unknown photo size: {size!r}")
    if not image:
        label = gettext("No photo yet")
        return format_html(PLACEHOLDER, size, label, label)
    rendition = getattr(image, size)
    if not rendition:
        return format_html(PLACEHOLDER, size, image.alt_text, gettext("Photo being prepared"))
    return format_html(IMAGE if eager else LAZY_IMAGE, rendition.url, image.alt_text, size, _dimensions(image, size))


def _dimensions(image: OrderedPhoto, size: str) -> SafeString:
    """width and height of the rendition (the original fitted into the size's square, never enlarged,
    as common.images.make_rendition makes it): the browser reserves the room before the file comes."""
    if not image.width or not image.height:
        return format_html("")
    scale = min(1.0, RENDITION_SIZES[size] / max(image.width, image.height))
    width, height = max(1, round(image.width * scale)), max(1, round(image.height * scale))
    return format_html(' width="{}" height="{}"', width, height)


@register.simple_tag(takes_context=True)
def shortlist_button(context: Context, kind: str, key: object, label: str, in_list: bool = False) -> str:
    """A buyer's form to add to (or remove from) the shortlist; a visitor's link to sign in first.

    kind: "artisan" or "product", the field the shortlist views read key from (slug or public id);
    label: the name a screen reader hears after the button's text. Built here rather than in an
    included template because it is on every catalog card.
    """
    return shortlist_buttons(context, kind)(key, label, in_list)


def shortlist_buttons(context: Context, kind: str) -> Callable[[object, str, bool], str]:
    """shortlist_button for one viewer and kind, made once per list: what is the same on every card
    (the viewer's token, the actions, the texts, the next URL) is looked up and escaped once."""
    user = context["user"]
    next_url = context.get("next_url", "")
    if not user.is_authenticated:
        same = format_html(
            SIGN_IN_TO_SHORTLIST, fixed_url("account_login"), quote(next_url), gettext("Sign in to shortlist")
        )
        return lambda key, label, in_list: same
    if not user.is_buyer:
        return lambda key, label, in_list: ""
    token = str(context["csrf_token"])
    remove = _filled(SHORTLIST_REMOVE, fixed_url("buyers:shortlist-remove"), token, kind, None, next_url,
                     gettext("Shortlisted ✓ Remove"), None)  # fmt: skip
    add = _filled(SHORTLIST_ADD, fixed_url("buyers:shortlist-add"), token, kind, None, next_url,
                  gettext("Add to shortlist"), None)  # fmt: skip
    return lambda key, label, in_list: (remove if in_list else add)(key, label)


def _filled(html: str, *values: object) -> Callable[..., SafeString]:
    """format_html(html, *values) with the None values left to fill later: the same output, with
    the fixed values escaped once."""
    literals = html.split("{}")
    segments, segment = [], literals[0]
    for value, literal in zip(values, literals[1:], strict=True):
        if value is None:
            segments.append(segment)
            segment = literal
        else:
            segment += conditional_escape(value) + literal
    segments.append(segment)
    head, *rest = segments

    def fill(*args: object) -> SafeString:
        # The literals are this module's markup and every value is escaped, as format_html does.
        return SafeString(head + "".join(conditional_escape(a) + s for a, s in zip(args, rest, strict=True)))

    return fill


def fixed_url(name: str) -> str:
    """reverse() of a URL without arguments, once per process and script prefix (it is on every card)."""
    return _fixed_url(name, get_script_prefix(), get_urlconf())


@functools.cache
def _fixed_url(name: str, script_prefix: str, urlconf: str | None) -> str:
    return reverse(name, urlconf=urlconf)


@register.filter
def language_names(codes: list[str] | None) -> str:
    from common.choices import Language

    names = dict(Language.choices)
    return ", ".join(str(names.get(code, code)) for code in codes or [])
