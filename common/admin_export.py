"""A Django admin action that exports the selected rows as a CSV file (formula-safe cells)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.csvfiles import csv_response

Column = tuple[str, Callable[[Any], Any]]


def csv_export_action(name: str, columns: Sequence[Column], *, select_related: Sequence[str] = (),
                      prefetch_related: Sequence[str] = ()):
    """`columns`: (header, function of the object). Queries stay constant: say what to load."""

    @admin.action(description=_("Export the selected rows as CSV"), permissions=["view"])
    def export_csv(modeladmin, request, queryset):
        rows = queryset.select_related(*select_related).prefetch_related(*prefetch_related)
        stamp = timezone.now().strftime("%Y%m%d-%H%M")
        return csv_response(
            f"{name}-{stamp}.csv",
            [header for header, _getter in columns],
            ([getter(obj) for _header, getter in columns] for obj in rows.iterator(chunk_size=500)),
        )

    return export_csv
