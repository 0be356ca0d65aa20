from __future__ import annotations

from django.contrib import admin

from shows.models import (
    Application,
    Coverage,
    ForeignShow,
    Lead,
    PressPhotoCredit,
    PressText,
    RequiredDocument,
    ShowCost,
    Stand,
)


class StandInline(admin.TabularInline):
    model = Stand
    extra = 0


class RequiredDocumentInline(admin.TabularInline):
    model = RequiredDocument
    extra = 0


class ShowCostInline(admin.TabularInline):
    model = ShowCost
    extra = 0


@admin.register(ForeignShow)
class ForeignShowAdmin(admin.ModelAdmin):
    list_display = ["name", "city", "country", "starts_on", "ends_on", "program"]
    list_filter = ["program"]
    inlines = [StandInline, RequiredDocumentInline, ShowCostInline]


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    """Read-only: staff select or refuse on the application's page, through shows.services."""

    list_display = ["artisan", "show", "status", "stand"]
    list_filter = ["show", "status"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Lead)
class LeadAdmin(ApplicationAdmin):
    list_display = ["full_name", "organisation", "application", "deal", "captured_at"]
    list_filter = []


@admin.register(Coverage)
class CoverageAdmin(admin.ModelAdmin):
    list_display = ["outlet", "published_on", "artisan", "program", "link"]
    list_filter = ["program"]
    raw_id_fields = ["artisan"]


@admin.register(PressText)
class PressTextAdmin(admin.ModelAdmin):
    list_display = ["headline", "artisan", "language", "program"]
    list_filter = ["program", "language"]
    raw_id_fields = ["artisan"]


@admin.register(PressPhotoCredit)
class PressPhotoCreditAdmin(admin.ModelAdmin):
    list_display = ["credit", "photo"]
    raw_id_fields = ["photo"]
