"""`{{ zone|zone_label }}`: a time zone as people read it (common/zones.py)."""

from __future__ import annotations

from django import template

from common.zones import zone_label as _zone_label

register = template.Library()


@register.filter
def zone_label(zone) -> str:
    return _zone_label(zone)
