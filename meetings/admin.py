from __future__ import annotations

from django.contrib import admin

from common.admin_export import csv_export_action
from common.admin_secrets import SecretFieldsAdminMixin
from meetings.models import (
    AvailabilityException,
    AvailabilitySettings,
    AvailabilitySlot,
    AvailabilityWindow,
    Meeting,
    MeetingEvent,
    Message,
    Outcome,
    Reminder,
)


class MeetingEventInline(admin.TabularInline):
    model = MeetingEvent
    extra = 0
    can_delete = False
    readonly_fields = ["created_at", "actor", "action", "from_status", "to_status", "start_at", "note"]
    fields = readonly_fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False


class MessageInline(admin.TabularInline):
    model = Message
    extra = 0
    readonly_fields = ["created_at", "author", "body"]
    fields = readonly_fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False


class OutcomeInline(admin.TabularInline):
    model = Outcome
    extra = 0
    readonly_fields = ["user", "attendance", "interest", "next_step", "estimated_order_value", "currency", "notes"]
    fields = readonly_fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False


class ReminderInline(admin.TabularInline):
    model = Reminder
    extra = 0
    readonly_fields = ["user", "kind", "sequence", "email", "created_at"]
    fields = readonly_fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Meeting)
class MeetingAdmin(SecretFieldsAdminMixin, admin.ModelAdmin):
    # The video token opens the meeting's room: for the two people meeting, not for the admin.
    secret_fields = ("video_token",)
    # Status changes go through meetings/services.py only; the admin reads.
    list_display = ["public_id", "artisan", "buyer", "program", "status", "mode", "start_at", "duration_minutes", "created_at"]
    list_filter = ["program", "status", "mode", "duration_minutes", "start_at", "created_at"]
    search_fields = [
        "public_id", "artisan__business_name", "buyer__organisation_name",
        "artisan_user__email", "buyer_user__email", "location",
    ]
    date_hierarchy = "start_at"
    list_select_related = ["artisan", "buyer", "program"]
    actions = ["export_csv"]
    export_csv = csv_export_action(
        "meetings",
        [
            ("id", lambda m: m.public_id),
            ("program", lambda m: m.program.name if m.program else ""),
            ("artisan", lambda m: m.artisan.business_name),
            ("buyer", lambda m: m.buyer.organisation_name),
            ("buyer_country", lambda m: m.buyer.country.code),
            ("status", lambda m: m.status),
            ("mode", lambda m: m.mode),
            ("start_utc", lambda m: m.start_at.isoformat() if m.start_at else ""),
            ("duration_minutes", lambda m: m.duration_minutes),
            ("outcomes", lambda m: "; ".join(
                f"{o.attendance}/{o.next_step}/{o.estimated_order_value or ''} {o.currency}" for o in m.outcomes.all()
            )),
        ],
        select_related=["artisan", "buyer", "program"],
        prefetch_related=["outcomes"],
    )
    raw_id_fields = ["artisan", "buyer", "products", "proposed_by", "cancelled_by"]
    readonly_fields = [
        "public_id", "artisan_user", "buyer_user", "status", "proposed_starts", "proposed_by", "start_at", "end_at",
        "sequence", "confirmed_at", "cancelled_by", "created_at", "updated_at",
    ]
    inlines = [MeetingEventInline, MessageInline, OutcomeInline, ReminderInline]


@admin.register(MeetingEvent)
class MeetingEventAdmin(admin.ModelAdmin):
    list_display = ["created_at", "meeting", "actor", "action", "from_status", "to_status"]
    list_filter = ["action", "to_status", "created_at"]
    search_fields = ["meeting__public_id", "actor__email", "note"]
    list_select_related = ["meeting__artisan", "meeting__buyer", "actor"]


@admin.register(Message)
class MessageAdmin(admin.ModelAdmin):
    list_display = ["created_at", "meeting", "author", "body"]
    search_fields = ["meeting__public_id", "author__email", "body"]
    list_filter = ["created_at"]
    list_select_related = ["meeting__artisan", "meeting__buyer", "author"]


@admin.register(Outcome)
class OutcomeAdmin(admin.ModelAdmin):
    list_display = ["meeting", "user", "attendance", "interest", "next_step", "estimated_order_value", "currency"]
    list_filter = ["attendance", "interest", "next_step", "currency"]
    search_fields = ["meeting__public_id", "user__email", "notes"]
    list_select_related = ["meeting__artisan", "meeting__buyer", "user"]


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    list_display = ["meeting", "user", "kind", "sequence", "email", "created_at"]
    list_filter = ["kind", "created_at"]
    search_fields = ["meeting__public_id", "user__email"]


@admin.register(AvailabilityWindow)
class AvailabilityWindowAdmin(admin.ModelAdmin):
    list_display = ["artisan", "weekday", "start_time", "end_time"]
    list_filter = ["weekday"]
    search_fields = ["artisan__business_name"]


@admin.register(AvailabilitySlot)
class AvailabilitySlotAdmin(admin.ModelAdmin):
    list_display = ["artisan", "date", "start_time", "end_time"]
    list_filter = ["date"]
    search_fields = ["artisan__business_name"]


@admin.register(AvailabilityException)
class AvailabilityExceptionAdmin(admin.ModelAdmin):
    list_display = ["artisan", "start_date", "end_date", "reason"]
    search_fields = ["artisan__business_name", "reason"]


@admin.register(AvailabilitySettings)
class AvailabilitySettingsAdmin(admin.ModelAdmin):
    list_display = ["artisan", "durations"]
    search_fields = ["artisan__business_name"]
