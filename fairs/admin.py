"""Fairs in the admin: the venue, halls, zones and stands are settings staff edit; who holds which
stand changes only through fairs.services (the actions, the move page), never by editing a row.
Stand history, stand applications and allocator runs are records: read-only here.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import OuterRef, Subquery
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from common.admin_readonly import ReadOnlyAdminMixin, ReadOnlyInline, ReadOnlyOnChangeMixin
from common.statemachine import TransitionRefused
from fairs import results, services
from fairs.forms import StandApplicationForm, StandMoveForm
from fairs.models import (
    AllocationRun,
    Delegation,
    Exhibitor,
    ExhibitorMember,
    FairSettings,
    Hall,
    Stand,
    StandApplication,
    StandApplicationEntry,
    StandEvent,
    Venue,
    Zone,
)
from programs import kinds


@admin.register(FairSettings)
class FairSettingsAdmin(admin.ModelAdmin):
    list_display = ["program", "show_public_prices", "published_at", "last_run"]
    readonly_fields = ["published_at"]
    actions = ["run_allocator", "publish_stands"]
    list_select_related = ["program"]

    def get_queryset(self, request: HttpRequest):
        # The program's newest allocator run, in the list's one query (no query per row).
        newest = AllocationRun.objects.filter(program=OuterRef("program")).order_by("-at", "-pk")
        return (
            super()
            .get_queryset(request)
            .annotate(
                last_run_id=Subquery(newest.values("pk")[:1]),
                last_run_status=Subquery(newest.values("status")[:1]),
            )
        )

    @admin.display(description=gettext_lazy("last allocator run"))
    def last_run(self, obj: FairSettings) -> str:
        run_id = getattr(obj, "last_run_id", None)
        if run_id is None:
            return "—"
        label = AllocationRun.Status(obj.last_run_status).label
        return format_html(
            '<a href="{}">{}</a>', reverse("admin:fairs_allocationrun_progress", args=[run_id]), label
        )

    @admin.action(
        description=gettext_lazy("Place the exhibitors on stands (run the allocator)"), permissions=["change"]
    )
    def run_allocator(self, request: HttpRequest, queryset) -> HttpResponse | None:
        runs = [
            services.allocation_run_request(program=fair.program, by=request.user)
            for fair in queryset.select_related("program")
        ]
        if len(runs) == 1:
            return HttpResponseRedirect(reverse("admin:fairs_allocationrun_progress", args=[runs[0].pk]))
        for run in runs:
            self.message_user(
                request,
                format_html(
                    '{} <a href="{}">{}</a>',
                    _("%(program)s: the allocator is placing the exhibitors.")
                    % {"program": run.program.name},
                    reverse("admin:fairs_allocationrun_progress", args=[run.pk]),
                    _("Follow the run"),
                ),
                messages.INFO,
            )
        return None

    @admin.action(
        description=gettext_lazy("Publish the stands and mail each exhibitor its stand"),
        permissions=["change"],
    )
    def publish_stands(self, request: HttpRequest, queryset) -> None:
        for fair in queryset.select_related("program"):
            count = services.allocation_publish(program=fair.program, by=request.user)
            self.message_user(
                request,
                ngettext(
                    "%(program)s: %(count)d stand published; its exhibitor is mailed.",
                    "%(program)s: %(count)d stands published; each exhibitor is mailed.",
                    count,
                )
                % {"program": fair.program.name, "count": count},
                messages.SUCCESS,
            )


class HallInline(admin.TabularInline):
    model = Hall
    extra = 0


@admin.register(Venue)
class VenueAdmin(admin.ModelAdmin):
    list_display = ["name", "program"]
    inlines = [HallInline]
    list_select_related = ["program"]


@admin.register(Zone)
class ZoneAdmin(admin.ModelAdmin):
    list_display = ["name", "hall", "kind", "craft", "region"]
    list_filter = ["kind", "hall__venue__program"]
    list_select_related = ["hall", "craft"]


class StandEventInline(ReadOnlyInline):
    model = StandEvent
    fk_name = "stand"
    fields = ["at", "action", "from_status", "to_status", "exhibitor", "by", "note"]


@admin.register(Stand)
class StandAdmin(admin.ModelAdmin):
    list_display = [
        "code",
        "hall",
        "zone",
        "size_m2",
        "has_power",
        "has_water",
        "has_storage",
        "price",
        "status",
        "exhibitor",
    ]
    list_filter = ["program", "status", "hall", "has_power", "has_water", "has_storage"]
    search_fields = ["code", "exhibitor__artisan__business_name"]
    readonly_fields = ["status", "exhibitor"]
    list_select_related = ["hall", "zone", "exhibitor__artisan"]
    inlines = [StandEventInline]
    actions = ["block_selected", "unblock_selected", "release_selected"]

    def _each(self, request: HttpRequest, queryset, step) -> None:
        done = 0
        for stand in queryset.select_related("program"):
            try:
                step(stand=stand, by=request.user)
            except TransitionRefused as refused:
                self.message_user(request, refused.message, messages.WARNING)
            else:
                done += 1
        self.message_user(
            request, ngettext("%(count)d stand changed.", "%(count)d stands changed.", done) % {"count": done}
        )

    @admin.action(description=gettext_lazy("Block the selected stands (out of use)"), permissions=["change"])
    def block_selected(self, request: HttpRequest, queryset) -> None:
        self._each(request, queryset, services.stand_block)

    @admin.action(description=gettext_lazy("Unblock the selected stands"), permissions=["change"])
    def unblock_selected(self, request: HttpRequest, queryset) -> None:
        self._each(request, queryset, services.stand_unblock)

    @admin.action(
        description=gettext_lazy("Free the selected stands (their exhibitors leave them)"),
        permissions=["change"],
    )
    def release_selected(self, request: HttpRequest, queryset) -> None:
        self._each(request, queryset, services.stand_release)


class ExhibitorForm(forms.ModelForm):
    class Meta:
        model = Exhibitor
        fields = ["program", "artisan", "delegation"]


class ExhibitorMemberInline(ReadOnlyInline):
    model = ExhibitorMember
    fields = ["artisan"]


@admin.register(Exhibitor)
class ExhibitorAdmin(ReadOnlyOnChangeMixin, admin.ModelAdmin):
    form = ExhibitorForm
    list_display = ["artisan", "program", "delegation", "stand", "stand_application_link"]
    list_filter = ["program", "delegation"]
    search_fields = ["artisan__business_name"]
    list_select_related = ["artisan", "program", "delegation", "stand"]
    autocomplete_fields = []
    readonly_on_change = ("program", "artisan")
    inlines = [ExhibitorMemberInline]

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        created = services.exhibitor_add(program=obj.program, artisan=obj.artisan, delegation=obj.delegation)
        obj.pk, obj.public_id, obj.created_at = created.pk, created.public_id, created.created_at
        obj._state.adding = False

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if obj is None:
            form.clean = _checked_by(services.exhibitor_check, form.clean)
        return form

    def get_urls(self):
        return [
            path("<int:pk>/move/", self.admin_site.admin_view(self.move_view), name="fairs_exhibitor_move"),
            path(
                "<int:pk>/stand-application/",
                self.admin_site.admin_view(self.application_view),
                name="fairs_exhibitor_stand_application",
            ),
            *super().get_urls(),
        ]

    @admin.display(description=gettext_lazy("stand application"))
    def stand_application_link(self, obj: Exhibitor) -> str:
        url = reverse("admin:fairs_exhibitor_stand_application", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("Enter or change"))

    def application_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        """Staff enter the stand application of an exhibitor who phoned or wrote: the exhibitor's
        own form and service, recorded as entered by them, the exhibitor mailed once."""
        if not request.user.has_perm("fairs.add_standapplication"):
            raise PermissionDenied
        exhibitor = get_object_or_404(Exhibitor.objects.select_related("artisan__user", "program"), pk=pk)
        current = StandApplication.objects.filter(exhibitor=exhibitor).first()
        form = StandApplicationForm(
            request.POST if request.method == "POST" else None, instance=current, exhibitor=exhibitor
        )
        if form.is_valid():
            try:
                form.submit(entered_by=request.user)
            except TransitionRefused as refused:
                form.add_error(None, refused.message)
            else:
                self.message_user(
                    request,
                    _("The stand application is saved as entered by you; the exhibitor is told by email."),
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(reverse("admin:fairs_exhibitor_changelist"))
        context = {
            **self.admin_site.each_context(request),
            "title": _("Stand application of %(name)s") % {"name": exhibitor.artisan.business_name},
            "opts": self.model._meta,
            "exhibitor": exhibitor,
            "application": current,
            "entries": current.entries.select_related("by")[:20] if current else [],
            "form": form,
            "change_url": reverse("admin:fairs_exhibitor_change", args=[exhibitor.pk]),
        }
        return TemplateResponse(
            request,
            "admin/fairs/stand_application.html",
            context,
            status=400 if request.method == "POST" else 200,
        )

    def move_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        if not self.has_change_permission(request):
            raise PermissionDenied
        exhibitor = get_object_or_404(Exhibitor.objects.select_related("artisan", "program"), pk=pk)
        change_url = reverse("admin:fairs_exhibitor_change", args=[exhibitor.pk])
        form = StandMoveForm(request.POST if request.method == "POST" else None, exhibitor=exhibitor)
        if form.is_valid():
            try:
                services.stand_move(
                    exhibitor=exhibitor,
                    stand=form.cleaned_data["stand"],
                    by=request.user,
                    note=form.cleaned_data["note"],
                )
            except TransitionRefused as refused:
                form.add_error(None, refused.message)
            else:
                self.message_user(
                    request,
                    _("The exhibitor is on the new stand (held until you publish again)."),
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(change_url)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Move %(name)s to another stand") % {"name": exhibitor.artisan.business_name},
            "opts": self.model._meta,
            "exhibitor": exhibitor,
            "current": Stand.objects.filter(exhibitor=exhibitor).first(),
            "form": form,
            "change_url": change_url,
        }
        return TemplateResponse(
            request, "admin/fairs/move.html", context, status=400 if request.method == "POST" else 200
        )


def _checked_by(check, clean):
    """A ModelForm's clean that also asks the service's check (the rule stays in the service)."""

    def checked(self):
        data = clean(self)
        if data.get("program") and data.get("artisan"):
            try:
                check(program=data["program"], artisan=data["artisan"], delegation=data.get("delegation"))
            except TransitionRefused as refused:
                raise forms.ValidationError(refused.message) from None
        return data

    return checked


class ExhibitorMemberForm(forms.ModelForm):
    class Meta:
        model = ExhibitorMember
        fields = ["exhibitor", "artisan"]

    def clean(self):
        data = super().clean()
        if data.get("exhibitor") and data.get("artisan"):
            try:
                services.exhibitor_member_check(exhibitor=data["exhibitor"], artisan=data["artisan"])
            except TransitionRefused as refused:
                raise forms.ValidationError(refused.message) from None
        return data


@admin.register(ExhibitorMember)
class ExhibitorMemberAdmin(ReadOnlyOnChangeMixin, admin.ModelAdmin):
    form = ExhibitorMemberForm
    list_display = ["artisan", "exhibitor"]
    list_select_related = ["artisan", "exhibitor__artisan"]
    readonly_on_change = ("exhibitor", "artisan")

    def save_model(self, request, obj, form, change):
        if not change:
            created = services.exhibitor_member_add(exhibitor=obj.exhibitor, artisan=obj.artisan)
            obj.pk = created.pk
            obj._state.adding = False


@admin.register(Delegation)
class DelegationAdmin(admin.ModelAdmin):
    list_display = ["name", "country", "program", "guest_of_honour"]
    list_filter = ["program"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(StandApplication)
class StandApplicationAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = [
        "exhibitor",
        "zone",
        "min_size_m2",
        "needs_power",
        "needs_water",
        "needs_storage",
        "next_to",
        "keep_apart",
        "submitted_at",
        "entered_by",
    ]
    list_filter = ["exhibitor__program", "keep_apart"]
    list_select_related = ["exhibitor__artisan", "zone", "next_to__artisan", "entered_by"]


@admin.register(StandApplicationEntry)
class StandApplicationEntryAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["at", "application", "by", "created"]
    list_filter = ["application__exhibitor__program"]
    list_select_related = ["application__exhibitor__artisan", "by"]


@admin.register(StandEvent)
class StandEventAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["at", "stand", "action", "from_status", "to_status", "exhibitor", "by", "note"]
    list_filter = ["action", "stand__program"]
    list_select_related = ["stand", "exhibitor__artisan", "by"]


def allocation_summary(run: AllocationRun) -> str:
    """What a finished run found, in one sentence for staff."""
    return _(
        "%(program)s: %(placed)d of %(applications)d exhibitors placed (at most %(placed_bound)d possible); "
        "%(met)d of %(asked)d wishes met (no plan placing as many meets more than %(bound)d); "
        "first come, first served: %(greedy_placed)d placed, %(greedy_met)d wishes. Publish to tell them."
    ) % {
        "program": run.program.name,
        "placed": run.placed,
        "applications": run.applications,
        "placed_bound": run.placed_bound,
        "met": run.wishes_met,
        "asked": run.wishes_asked,
        "bound": run.wishes_bound,
        "greedy_placed": run.greedy_placed,
        "greedy_met": run.greedy_wishes_met,
    }


@admin.register(AllocationRun)
class AllocationRunAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = [
        "at",
        "program",
        "status",
        "placed",
        "placed_bound",
        "wishes_met",
        "wishes_bound",
        "wishes_asked",
        "greedy_placed",
        "greedy_wishes_met",
        "seconds",
        "solver_status",
        "by",
        "progress_link",
    ]
    list_filter = ["program", "status"]
    list_select_related = ["program", "by"]

    def get_urls(self):
        return [
            path(
                "<int:pk>/progress/",
                self.admin_site.admin_view(self.progress_view),
                name="fairs_allocationrun_progress",
            ),
            *super().get_urls(),
        ]

    @admin.display(description=gettext_lazy("run"))
    def progress_link(self, obj: AllocationRun) -> str:
        url = reverse("admin:fairs_allocationrun_progress", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("Open"))

    def progress_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        """A run's page: reloads itself while the run waits or runs, then shows what it found."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        run = get_object_or_404(AllocationRun.objects.select_related("program", "by"), pk=pk)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Allocator run for %(program)s") % {"program": run.program.name},
            "opts": self.model._meta,
            "run": run,
            "summary": allocation_summary(run) if run.status == AllocationRun.Status.DONE else "",
            "refresh_seconds": 2,
            "fair_url": reverse("admin:fairs_fairsettings_changelist"),
        }
        return TemplateResponse(request, "admin/fairs/allocation_run.html", context)


# The program's results page shows the fair's inquiries per stand and member (programs/admin.py).
kinds.register_results_section(
    kinds.ResultsSection(
        feature=kinds.FAIR,
        key="fairs",
        template="admin/fairs/results.html",
        figures=results.inquiry_results,
        csv_rows=results.csv_rows,
    )
)
