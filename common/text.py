"""Short single-line text (names, titles, places, list items) without bidi control characters.

An override or isolate typed into a business name ("\u202eelif.exe" shown as "exe.file") reorders
whatever follows it wherever the name is shown: lists, the admin, e-mail subjects, CSV. Names and
short fields never need them (the browser orders Arabic and Latin text by itself), so they are
removed wherever such text comes in: the form field for forms, the model field for every write
that bypasses a form (sign-up adapters, services, imports, the admin). Long text (stories,
descriptions, messages) keeps them; pages isolate it with `dir="auto"` instead.
"""

from __future__ import annotations

import re

from django import forms
from django.apps import apps
from django.contrib.postgres.fields import ArrayField
from django.db import models

# Embeddings and overrides (U+202A-U+202E), isolates (U+2066-U+2069), and the marks
# LEFT-TO-RIGHT, RIGHT-TO-LEFT and ARABIC LETTER MARK (U+200E, U+200F, U+061C).
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")


def strip_bidi_controls(value: str) -> str:
    return BIDI_CONTROLS.sub("", value)


def single_line(value: str) -> str:
    """A form's short text: bidi controls removed, then trimmed."""
    return strip_bidi_controls(value).strip()


class SingleLineFormField(forms.CharField):
    """A form's short text: normalised before it is validated (so a name of only controls is empty)."""

    def to_python(self, value):
        value = super().to_python(value)
        return single_line(value) if isinstance(value, str) else value


class SingleLineCharField(models.CharField):
    """A model's short text: every write stores it normalised, whichever path it comes by."""

    def pre_save(self, model_instance, add):
        value = getattr(model_instance, self.attname)
        if isinstance(value, str):
            value = strip_bidi_controls(value)
            # The instance shows what was stored (a mail rendered right after the save included).
            setattr(model_instance, self.attname, value)
        return value

    def get_prep_value(self, value):
        # queryset.update() and lookups pass through here, not through pre_save.
        value = super().get_prep_value(value)
        return strip_bidi_controls(value) if isinstance(value, str) else value

    def formfield(self, **kwargs):
        if not self.choices:
            kwargs.setdefault("form_class", SingleLineFormField)
        return super().formfield(**kwargs)

    def deconstruct(self):
        # The column is a plain varchar: migrations need not know about the normaliser.
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.CharField", args, kwargs


def strip_stored_bidi_controls() -> int:
    """Rows written before the normaliser existed: every short field cleaned in place; returns
    how many values changed. Running it twice changes nothing the second time."""
    changed = 0
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            is_list = isinstance(field, ArrayField) and isinstance(field.base_field, SingleLineCharField)
            if not (isinstance(field, SingleLineCharField) or is_list):
                continue
            rows = model._base_manager.all() if is_list else model._base_manager.filter(
                **{f"{field.attname}__regex": BIDI_CONTROLS.pattern}
            )
            for pk, value in rows.values_list("pk", field.attname).iterator():
                items = value if is_list else [value]
                if value is None or not any(BIDI_CONTROLS.search(item or "") for item in items):
                    continue
                # update() goes through the field's get_prep_value, which strips.
                model._base_manager.filter(pk=pk).update(**{field.attname: value})
                changed += 1
    return changed
