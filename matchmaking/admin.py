"""Staff tools: score weights, the mutual preference matrix, sessions, interpreters, plans.

A session's scheduling page runs the scheduler (a task; the plan page refreshes itself until
the plan is ready), shows the plan as a grid and as each person's agenda, takes hand moves and
swaps (checked like the scheduler's own plans) and publishes.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from common.admin_widgets import SafeAutocompleteMixin
from matchmaking import planning, selectors, services
from matchmaking.models import (
    Interpreter,
    InterpreterAvailability,
    Preference,
    SchedulePlan,
    ScoreWeights,
    Session,
)
from programs.models import Program


@admin.register(ScoreWeights)
class ScoreWeightsAdmin(SafeAutocompleteMixin, admin.ModelAdmin):
    list_display = ["program", "crafts", "materials", "price", "order_size", "lead_time", "language",
                    "time_overlap", "exported", "program_part", "updated_at"]
    list_select_related = ["program"]
    autocomplete_fields = ["program"]


@admin.register(Preference)
class PreferenceAdmin(admin.ModelAdmin):
    list_display = ["program", "artisan", "buyer_user", "side", "level", "updated_at"]
    list_filter = ["program", "side", "level"]
    list_select_related = ["program", "artisan", "buyer_user"]
    raw_id_fields = ["artisan", "buyer_user"]

    def get_urls(self):
        return [
            path("matrix/<int:program_pk>/", self.admin_site.admin_view(self.matrix_view),
                 name="matchmaking_preference_matrix"),
            *super().get_urls(),
        ]

    def matrix_view(self, request, program_pk: int):
        if not self.has_view_permission(request):
            raise PermissionDenied
        program = get_object_or_404(Program, pk=program_pk)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Who wants to meet whom in %(program)s") % {"program": program.name},
            "program": program, "matrix": selectors.preference_matrix(program), "opts": self.model._meta,
            "levels": Preference.Level,
        }
        return TemplateResponse(request, "admin/matchmaking/preference_matrix.html", context)


class InterpreterAvailabilityInline(admin.TabularInline):
    model = InterpreterAvailability
    extra = 1


@admin.register(Interpreter)
class InterpreterAdmin(admin.ModelAdmin):
    list_display = ["name", "program", "email", "language_list"]
    list_filter = ["program"]
    search_fields = ["name", "email"]
    inlines = [InterpreterAvailabilityInline]

    @admin.display(description=_("languages"))
    def language_list(self, obj):
        return ", ".join(obj.languages)


class MoveForm(forms.Form):
    item = forms.TypedChoiceField(label=_("Meeting"), coerce=int)
    slot = forms.ChoiceField(label=_("New time"))
    table = forms.IntegerField(label=_("Table"), required=False, min_value=1,
                               help_text=_("Empty: the first free table."))


class SwapForm(forms.Form):
    first = forms.TypedChoiceField(label=_("Meeting"), coerce=int)
    second = forms.TypedChoiceField(label=_("Swap with"), coerce=int)


def _item_label(item, zone) -> str:
    start = timezone.localtime(item.start_at, zone)
    table = f" · {_('table')} {item.table}" if item.table else ""
    return f"{start:%a %d %b %H:%M}{table} · {item.artisan.business_name} – {item.buyer_user.buyer_profile.organisation_name}"


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    list_display = ["name", "program", "kind", "first_day", "last_day", "slot_minutes", "tables", "scheduling_link"]
    list_filter = ["kind", "program"]
    list_select_related = ["program"]
    search_fields = ["name", "program__name"]
    fieldsets = [
        (None, {"fields": ["program", "name", "kind"]}),
        (_("Days and slots"), {"fields": ["first_day", "last_day", "day_starts", "day_ends", "slot_minutes"]}),
        (_("B2B day at tables"), {"fields": ["time_zone", "venue", "tables", "breaks"]}),
    ]

    @admin.display(description=_("scheduling"))
    def scheduling_link(self, obj):
        return format_html('<a href="{}">{}</a>', reverse("admin:matchmaking_session_schedule", args=[obj.pk]),
                           _("Plans and scheduler"))

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<int:pk>/schedule/", view(self.schedule_view), name="matchmaking_session_schedule"),
            path("<int:pk>/plans/<int:plan_pk>/", view(self.plan_view), name="matchmaking_session_plan"),
            *super().get_urls(),
        ]

    def get_changeform_initial_data(self, request):
        # A session added from its program (?program=<id>) is in the program's zone unless staff change it.
        initial = super().get_changeform_initial_data(request)
        program_id = str(initial.get("program", ""))
        if program_id.isdigit():
            zone = Program.objects.filter(pk=program_id).values_list("time_zone", flat=True).first()
            if zone:
                initial.setdefault("time_zone", zone)
        return initial

    def response_add(self, request, obj, post_url_continue=None):
        if "_continue" not in request.POST and "_addanother" not in request.POST:
            return HttpResponseRedirect(reverse("admin:matchmaking_session_schedule", args=[obj.pk]))
        return super().response_add(request, obj, post_url_continue)

    def _session(self, request, pk: int, *, change: bool) -> Session:
        session = get_object_or_404(Session.objects.select_related("program"), pk=pk)
        allowed = self.has_change_permission(request, session) if change else self.has_view_permission(request, session)
        if not allowed:
            raise PermissionDenied
        return session

    def _context(self, request, session: Session, title: str, **extra) -> dict:
        return {**self.admin_site.each_context(request), "title": title, "session": session,
                "opts": self.model._meta, **extra}

    def schedule_view(self, request, pk: int):
        session = self._session(request, pk, change=request.method == "POST")
        if request.method == "POST":
            plan = services.schedule_run_request(session=session, actor=request.user)
            messages.info(request, _("The scheduler is running; this page shows the plan when it is ready."))
            return HttpResponseRedirect(reverse("admin:matchmaking_session_plan", args=[session.pk, plan.pk]))
        built = planning.build(session)
        context = self._context(
            request, session, _("Scheduling: %(session)s") % {"session": session.name},
            plans=list(session.plans.all()), problem=built.problem, slots=built.slots,
            people=(len(built.artisans), len(built.buyers)),
        )
        return TemplateResponse(request, "admin/matchmaking/session_schedule.html", context)

    def plan_view(self, request, pk: int, plan_pk: int):
        session = self._session(request, pk, change=request.method == "POST")
        plan = get_object_or_404(SchedulePlan, pk=plan_pk, session=session)
        here = reverse("admin:matchmaking_session_plan", args=[session.pk, plan.pk])
        zone = session.time_zone if session.is_physical else timezone.get_current_timezone_name()
        grid = built = None
        move_form, swap_form = MoveForm(prefix="move"), SwapForm(prefix="swap")
        if plan.status not in (SchedulePlan.Status.RUNNING, SchedulePlan.Status.FAILED):
            built = planning.build(session, ignore_meetings=set(
                plan.items.exclude(meeting=None).values_list("meeting_id", flat=True)))
            grid = selectors.plan_grid(plan, built)
            import zoneinfo

            tz = zoneinfo.ZoneInfo(zone)
            movable = [(i.pk, _item_label(i, tz)) for i in grid.items if i.meeting_id is None]
            slot_choices = [(s.isoformat(), f"{timezone.localtime(s, tz):%a %d %b %H:%M}") for s in grid.slots]
            data = request.POST if request.method == "POST" else None
            move_form = MoveForm(data if data and "move" in data else None, prefix="move")
            swap_form = SwapForm(data if data and "swap" in data else None, prefix="swap")
            move_form.fields["item"].choices = movable
            move_form.fields["slot"].choices = slot_choices
            if not session.is_physical:
                del move_form.fields["table"]
            swap_form.fields["first"].choices = movable
            swap_form.fields["second"].choices = movable
        if request.method == "POST" and grid is not None:
            from datetime import datetime

            try:
                if "publish" in request.POST:
                    report = services.plan_publish(plan_id=plan.pk, actor=request.user)
                    messages.success(request, _(
                        "Published: %(created)d meetings created, %(skipped)d already there. "
                        "Each person receives one agenda email."
                    ) % {"created": report.created, "skipped": report.skipped})
                    for failure in report.failed:
                        messages.warning(request, failure)
                    return HttpResponseRedirect(here)
                if "move" in request.POST and move_form.is_valid():
                    services.plan_item_move(
                        item_id=move_form.cleaned_data["item"],
                        start_at=datetime.fromisoformat(move_form.cleaned_data["slot"]),
                        table=move_form.cleaned_data.get("table"),
                    )
                    messages.success(request, _("The meeting is moved."))
                    return HttpResponseRedirect(here)
                if "swap" in request.POST and swap_form.is_valid():
                    services.plan_items_swap(first_id=swap_form.cleaned_data["first"],
                                             second_id=swap_form.cleaned_data["second"])
                    messages.success(request, _("The two meetings are swapped."))
                    return HttpResponseRedirect(here)
            except services.PlanError as error:
                messages.error(request, error.message)
        context = self._context(
            request, session, _("Plan #%(number)s of %(session)s") % {"number": plan.pk, "session": session.name},
            plan=plan, grid=grid, zone=zone, move_form=move_form, swap_form=swap_form,
            refresh=plan.status == SchedulePlan.Status.RUNNING,
            gap_percent=round(100 * plan.gap, 2) if plan.gap is not None else None,
            gain_percent=round(100 * (plan.value - plan.greedy_value) / plan.greedy_value, 1)
            if plan.value is not None and plan.greedy_value else None,
            can_change=self.has_change_permission(request, session),
        )
        return TemplateResponse(request, "admin/matchmaking/plan.html", context)
