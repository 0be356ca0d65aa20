from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from programs import kinds
from programs.models import Program
from shows import selectors, services
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


# One empty row each: a stand, a document or a cost is added without the admin's script.
class StandInline(admin.TabularInline):
    model = Stand
    extra = 1


class RequiredDocumentInline(admin.TabularInline):
    model = RequiredDocument
    extra = 1


class ShowCostInline(admin.TabularInline):
    """Costs are added and removed through shows.services (ForeignShowAdmin.save_formset), which ask
    the same add/delete rights as the admin; an entered cost is not edited: remove it, enter it again."""

    model = ShowCost
    extra = 1

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(ForeignShow)
class ForeignShowAdmin(admin.ModelAdmin):
    list_display = ["name", "city", "country", "starts_on", "ends_on", "program"]
    list_filter = ["program"]
    inlines = [StandInline, RequiredDocumentInline, ShowCostInline]

    def save_formset(self, request, form, formset, change) -> None:
        if formset.model is not ShowCost:
            super().save_formset(request, form, formset, change)
            return
        # The admin is not a second write path: each new cost and each removal is a service call.
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        for cost_form in formset.deleted_forms:
            if cost_form.instance.pk is not None:
                services.show_cost_remove(user=request.user, cost=cost_form.instance)
                formset.deleted_objects.append(cost_form.instance)
        for cost_form in formset.extra_forms:
            if cost_form.has_changed() and cost_form not in formset.deleted_forms:
                formset.new_objects.append(
                    services.show_cost_add(
                        user=request.user,
                        show=formset.instance,
                        label=cost_form.cleaned_data["label"],
                        amount_eur=cost_form.cleaned_data["amount_eur"],
                    )
                )


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    """Read-only: staff select or refuse on the application's page, through shows.services."""

    list_display = ["artisan", "show", "status", "stand", "page"]
    list_filter = ["show__program", "show", "status"]

    @admin.display(description=gettext_lazy("page"))
    def page(self, obj: Application) -> str:
        return format_html(
            '<a href="{}">{}</a>', reverse("shows:application", args=[obj.public_id]), _("Open")
        )

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Lead)
class LeadAdmin(ApplicationAdmin):
    list_display = ["full_name", "organisation", "application", "deal", "captured_at", "page"]
    list_filter = []

    @admin.display(description=gettext_lazy("page"))
    def page(self, obj: Lead) -> str:  # type: ignore[override]
        return format_html(
            '<a href="{}">{}</a>',
            reverse("shows:lead", args=[obj.application.public_id, obj.pk]),
            _("Open"),
        )

    def get_queryset(self, request):
        return (
            super().get_queryset(request).select_related("application__artisan", "application__show", "deal")
        )


@admin.register(Coverage)
class CoverageAdmin(admin.ModelAdmin):
    """Recorded and removed through shows.services; a recorded article is read-only."""

    list_display = ["outlet", "published_on", "artisan", "program", "link"]
    list_filter = ["program"]
    raw_id_fields = ["artisan"]
    fields = ["program", "artisan", "outlet", "link", "published_on"]

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "program":
            kwargs["queryset"] = Program.objects.filter(kind__in=kinds.kinds_with(kinds.PRESS))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj: Coverage, form, change) -> None:
        data = form.cleaned_data
        recorded = services.coverage_record(
            user=request.user,
            program=data["program"],
            outlet=data["outlet"],
            link=data["link"],
            published_on=data["published_on"],
            artisan=data.get("artisan"),
        )
        # The admin's add view logs and redirects with the object it saved.
        obj.pk, obj.recorded_by = recorded.pk, recorded.recorded_by
        obj._state.adding = False

    def delete_model(self, request, obj: Coverage) -> None:
        services.coverage_remove(user=request.user, coverage=obj)

    def delete_queryset(self, request, queryset) -> None:
        for coverage in queryset:
            services.coverage_remove(user=request.user, coverage=coverage)


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
