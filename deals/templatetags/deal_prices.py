"""A wholesale price converted to US dollars beside the original, for buyers, with the rate's date.

`{% usd_price amount currency %}` converts at the viewer's rates (deals.results.viewer_rates: their
program's, else the site's), read once per request however many prices a page shows, so lists keep
their query counts. Dollar prices, and currencies without a rate, show nothing.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template

from deals.results import Rate, in_usd, viewer_rates

register = template.Library()


def _rates(context: template.Context) -> dict[str, Rate]:
    request = context.get("request")
    if request is None:
        return viewer_rates(context.get("user"))
    # One read per request, shared by every card and include of the page.
    if not hasattr(request, "_deal_viewer_rates"):
        request._deal_viewer_rates = viewer_rates(request.user)
    return request._deal_viewer_rates


@register.inclusion_tag("deals/_usd_price.html", takes_context=True)
def usd_price(context: template.Context, amount: Decimal | None, currency: str) -> dict[str, Any]:
    if amount is None:
        return {"usd": None}
    converted = in_usd(amount, currency, _rates(context))
    if converted is None:
        return {"usd": None}
    usd, rate = converted
    return {"usd": usd, "rate": rate}
