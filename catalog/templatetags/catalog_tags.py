from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template
from django.template.loader import select_template
from django.utils.formats import number_format
from django.utils.safestring import SafeString

from catalog import search

register = template.Library()


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


@register.simple_tag(takes_context=True)
def photo(context: Any, image: Any, rendition: str = "card", alt: str = "") -> SafeString:
    """A photo's rendition, or a placeholder while the rendition is being made.

    The shared includes/photo.html is used when the project has it; this app's own partial otherwise.
    """
    chosen = select_template(["includes/photo.html", "catalog/_photo.html"])
    file = getattr(image, rendition, None) if image else None
    return chosen.render(
        {"photo": image, "size": rendition, "alt": alt or None, "src": file.url if file else "",
         "fallback_alt": alt or getattr(image, "alt_text", "")},
        getattr(context, "request", None),
    )


@register.filter
def language_names(codes: list[str] | None) -> str:
    from common.choices import Language

    names = dict(Language.choices)
    return ", ".join(str(names.get(code, code)) for code in codes or [])
