"""`{% staff_home as home %}`: the admin home's figures (ops.selectors.staff_home)."""

from __future__ import annotations

from django import template

from ops.selectors import staff_home as _staff_home

register = template.Library()


@register.simple_tag
def staff_home():
    return _staff_home()


@register.filter
def programs_first(app_list):
    """The admin's apps with Programs first: staff work program by program."""
    return sorted(app_list, key=lambda app: app["app_label"] != "programs")
