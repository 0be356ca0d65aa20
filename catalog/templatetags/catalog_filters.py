"""A list's filter form, rendered once per content and reused within the process.

The form is the biggest template of a list page (every facet option with its count and link), and
the same for everyone who asks the same query of the same catalog. Its key is everything
catalog/_filters.html is given (filter_inputs: the only input of that template), plus the
language; so a changed count, program, filter or error is a new key at once and nothing can be
stale. Nothing of the viewer's own goes in (no token, no name), so viewers may share an entry.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any

from django import template
from django.template.loader import get_template
from django.utils.safestring import SafeString
from django.utils.translation import get_language

register = template.Library()

LOCAL_FORMS = 256
_local: OrderedDict[tuple[Any, ...], str] = OrderedDict()
_local_lock = threading.Lock()


def forget_local() -> None:
    """Drop this process's copies (tests)."""
    with _local_lock:
        _local.clear()


def filter_inputs(context: template.Context, action: str) -> dict[str, Any]:
    """What catalog/_filters.html reads: the template reads nothing else."""
    return {
        "action": action,
        "query": context["query"],
        "page": context["page"],
        "programs": context.get("programs") or [],
        "show_wholesale": bool(context.get("show_wholesale")),
        "order_value_form": context.get("order_value_form"),
        "lead_choices": context.get("lead_choices") or [],
    }


def _key(inputs: dict[str, Any]) -> tuple[Any, ...]:
    form = inputs["order_value_form"]
    mov = form["mov"] if form is not None else None
    return (
        get_language(),
        inputs["action"],
        # CatalogQuery compares by every field in the URL (not by the viewer's scope, which only
        # changes the counts, keyed below).
        inputs["query"],
        tuple((p.slug, p.name) for p in inputs["programs"]),
        tuple(
            (name, tuple((o.value, o.label, o.count, o.selected, o.url) for o in options))
            for name, options in inputs["page"].facets.items()
        ),
        inputs["show_wholesale"],
        None if mov is None else (str(mov.value()), tuple(str(e) for e in mov.errors), str(mov.label)),
        tuple((days, str(label)) for days, label in inputs["lead_choices"]),
    )


@register.simple_tag(takes_context=True)
def catalog_filters(context: template.Context, action: str) -> SafeString:
    inputs = filter_inputs(context, action)
    key = _key(inputs)
    with _local_lock:
        html = _local.get(key)
        if html is not None:
            _local.move_to_end(key)
    if html is None:
        html = get_template("catalog/_filters.html").render(inputs)
        with _local_lock:
            _local[key] = html
            while len(_local) > LOCAL_FORMS:
                _local.popitem(last=False)
    # This module's own template output, escaped when rendered.
    return SafeString(html)
