"""Visitors' marks on other apps' pages (catalog does not import visitors: it loads this library)."""

from __future__ import annotations

from django import template

from visitors import selectors

register = template.Library()


@register.inclusion_tag("visitors/_trainings.html")
def training_marks(artisan) -> dict:
    """ "Trained at <fair>: <session>" for each training session the artisan's account attended."""
    return {"trainings": selectors.trainings_attended(artisan.user_id)}
