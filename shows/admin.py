from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from programs import kinds
from shows import selectors
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
    list_filter = ["show__program", "show", "status"]

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


def _show_csv_rows(figures: list[selectors.ShowResults]) -> list[tuple[Any, Any, Any, Any]]:
    rows: list[tuple[Any, Any, Any, Any]] = []
    for row in figures:
        name = row.show.name
        rows += [
            (_("trade show"), f"{name}: {_('leads')}", row.leads, ""),
            (_("trade show"), f"{name}: {_('orders')}", row.orders, ""),
            (
                _("trade show"),
                f"{name}: {_('value (EUR)')}",
                row.orders_eur if row.orders_eur is not None else "",
                "",
            ),
            (_("trade show"), f"{name}: {_('costs (EUR)')}", row.costs_eur, ""),
            (
                _("trade show"),
                f"{name}: {_('per euro spent')}",
                row.per_euro if row.per_euro is not None else "",
                "",
            ),
        ]
    return rows


def _coverage_csv_rows(figures: Any) -> list[tuple[Any, Any, Any, Any]]:
    return [(_("press coverage"), item.outlet, item.link, item.published_on.isoformat()) for item in figures]


# The program's results page shows each show's figures and a media tour's coverage (programs/admin.py).
kinds.register_results_section(
    kinds.ResultsSection(
        feature=kinds.SHOW,
        key="shows",
        template="admin/shows/results.html",
        figures=selectors.show_results,
        csv_rows=_show_csv_rows,
    )
)
kinds.register_results_section(
    kinds.ResultsSection(
        feature=kinds.PRESS,
        key="press",
        template="admin/shows/coverage.html",
        figures=lambda program: list(selectors.program_coverage(program)),
        csv_rows=_coverage_csv_rows,
    )
)

for _link in (
    kinds.AdminLink(
        kinds.SHOW,
        "admin:shows_foreignshow_changelist",
        gettext_lazy("Trade shows abroad"),
        query="program__id__exact",
    ),
    kinds.AdminLink(
        kinds.SHOW,
        "admin:shows_application_changelist",
        gettext_lazy("Applications to shows"),
        query="show__program__id__exact",
    ),
    kinds.AdminLink(kinds.PRESS, "shows:press-kits", gettext_lazy("Press kits"), arg="public_id"),
    kinds.AdminLink(
        kinds.PRESS,
        "admin:shows_coverage_changelist",
        gettext_lazy("Press coverage"),
        query="program__id__exact",
    ),
):
    kinds.register_admin_link(_link)
