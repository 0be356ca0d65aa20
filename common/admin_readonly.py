"""The admin is not a second write path (STYLE.md): what a service owns is read-only here.

`ReadOnlyAdminMixin` is for records (a meeting's history, its messages and outcomes, sent
reminders): viewable, never added, changed or deleted from the admin; privacy's retention and
erasure services are what delete them. `readonly_on_change` keeps the fields that tie a row to
its owner (a profile's user) fixed once the row exists.
"""

from __future__ import annotations

from django.contrib import admin


class ReadOnlyAdminMixin:
    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class ReadOnlyInline(ReadOnlyAdminMixin, admin.TabularInline):
    extra = 0
    can_delete = False

    def get_readonly_fields(self, request, obj=None):
        return self.fields or [field.name for field in self.model._meta.fields]


class ReadOnlyOnChangeMixin:
    """Fields editable when adding a row and fixed afterwards."""

    readonly_on_change: tuple[str, ...] = ()

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None:
            fields += [name for name in self.readonly_on_change if name not in fields]
        return fields
