"""Tours in the admin: staff enter a tour's days, vehicles, people, workshops and travel times here.

The plan itself (planning, moving, accepting a host's time, cancelling, sending itineraries) is
the staff plan page (tours:plan), which calls the services; planned stops, their history and the
visits' outcomes are read-only here.
"""

from __future__ import annotations

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from common.admin_readonly import ReadOnlyAdminMixin, ReadOnlyInline
from common.admin_widgets import SafeAutocompleteMixin
from tours.models import (
    CandidateStop,
    OpeningHours,
    Participant,
    PlannedStop,
    StopEvent,
    StopOutcome,
    Tour,
    TourDay,
    TravelTime,
    Vehicle,
)


class TourDayInline(admin.TabularInline):
    model = TourDay
    extra = 0


class VehicleInline(admin.TabularInline):
    model = Vehicle
    extra = 0


class ParticipantInline(SafeAutocompleteMixin, admin.TabularInline):
    model = Participant
    extra = 0
    autocomplete_fields = ["user"]
    readonly_fields = ["vehicle"]


class TravelTimeInline(admin.TabularInline):
    model = TravelTime
    extra = 0
    fk_name = "tour"


@admin.register(Tour)
class TourAdmin(admin.ModelAdmin):
    list_display = ["program", "version", "planned_at", "plan_value", "baseline_value", "plan_link"]
    readonly_fields = ["version", "sent_version", "planned_at", "plan_value", "baseline_value", "plan_link"]
    inlines = [TourDayInline, VehicleInline, ParticipantInline, TravelTimeInline]

    @admin.display(description=_("plan"))
    def plan_link(self, obj: Tour) -> str:
        if obj.pk is None:
            return "—"
        return format_html(
            '<a href="{}">{}</a>', reverse("tours:plan", args=[obj.public_id]), _("Plan and adjust")
        )


class OpeningHoursInline(admin.TabularInline):
    model = OpeningHours
    extra = 0


@admin.register(CandidateStop)
class CandidateStopAdmin(SafeAutocompleteMixin, admin.ModelAdmin):
    list_display = ["artisan", "tour", "visit_minutes", "located_by"]
    list_filter = ["tour"]
    autocomplete_fields = ["artisan"]
    inlines = [OpeningHoursInline]


class StopEventInline(ReadOnlyInline):
    model = StopEvent


@admin.register(PlannedStop)
class PlannedStopAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["candidate", "tour", "day", "vehicle", "arrival_at", "status"]
    list_filter = ["status", "tour"]
    inlines = [StopEventInline]


@admin.register(StopOutcome)
class StopOutcomeAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["stop", "user", "held", "interest", "recorded_at"]
