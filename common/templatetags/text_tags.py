"""User text isolated from the text around it, so its direction cannot reorder a page or a mail.

`bdi` is for HTML (pages and HTML mail); `isolate` for plain text (text mail), where the Unicode
isolates FIRST STRONG ISOLATE ... POP DIRECTIONAL ISOLATE do what <bdi> does: the text takes its
own direction, and any embedding or override left open inside it ends at the closing isolate.
Names and short fields have their bidi controls removed when stored (common/text.py); long text
keeps them and relies on this.
"""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

register = template.Library()

FIRST_STRONG_ISOLATE = "\u2068"
POP_DIRECTIONAL_ISOLATE = "\u2069"


@register.filter
def bdi(value) -> SafeString:
    """`{{ name|bdi }}` -> `<bdi>name</bdi>`, escaped; for a value inside a translated sentence."""
    return format_html("<bdi>{}</bdi>", value)


@register.filter
def isolate(value) -> str:
    """Plain text wrapped in FSI ... PDI; empty stays empty."""
    text = str(value) if value is not None else ""
    return f"{FIRST_STRONG_ISOLATE}{text}{POP_DIRECTIONAL_ISOLATE}" if text else ""
