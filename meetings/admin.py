from __future__ import annotations

from django.contrib import admin

from common.admin_export import csv_export_action
from common.admin_readonly import ReadOnlyAdminMixin, ReadOnlyInline
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


class MeetingEventInline(ReadOnlyInline):
    model = MeetingEvent
    fields = ["created_at", "actor", "action", "from_status", "to_status", "start_at", "note"]


class MessageInline(ReadOnlyInline):
    model = Message
    fields = ["created_at", "author", "body"]


class OutcomeInline(ReadOnlyInline):
    model = Outcome
    fields = ["user", "attendance", "interest", "next_step", "estimated_order_value", "currency", "notes"]


class ReminderInline(ReadOnlyInline):
    model = Reminder
    fields = ["user", "kind", "sequence", "email", "created_at"]


@admin.register(Meeting)
class MeetingAdmin(SecretFieldsAdminMixin, ReadOnlyAdminMixin, admin.ModelAdmin):
    # The video token opens the meeting's room: for the two people meeting, not for the admin.
    secret_fields = ("video_token",)
    # Every change of a meeting (its people, times, length, status) goes through
    # meetings/services.py, which keeps the people and end time the overlap constraints guard,
    # records the history and tells both sides: the admin reads and exports.
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
    fields = [
        "public_id", "program", "artisan", "buyer", "artisan_user", "buyer_user", "status", "mode", "location",
        "duration_minutes", "products", "proposed_starts", "proposed_by", "proposed_time_zone", "start_at", "end_at",
        "sequence", "confirmed_at", "decline_reason", "cancel_reason", "cancelled_by", "created_at", "updated_at",
    ]
    readonly_fields = fields
    inlines = [MeetingEventInline, MessageInline, OutcomeInline, ReminderInline]


@admin.register(MeetingEvent)
class MeetingEventAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["created_at", "meeting", "actor", "action", "from_status", "to_status"]
    list_filter = ["action", "to_status", "created_at"]
    search_fields = ["meeting__public_id", "actor__email", "note"]
    list_select_related = ["meeting__artisan", "meeting__buyer", "actor"]


@admin.register(Message)
class MessageAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["created_at", "meeting", "author", "body"]
    search_fields = ["meeting__public_id", "author__email", "body"]
    list_filter = ["created_at"]
    list_select_related = ["meeting__artisan", "meeting__buyer", "author"]


@admin.register(Outcome)
class OutcomeAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["meeting", "user", "attendance", "interest", "next_step", "estimated_order_value", "currency"]
    list_filter = ["attendance", "interest", "next_step", "currency"]
    search_fields = ["meeting__public_id", "user__email", "notes"]
    list_select_related = ["meeting__artisan", "meeting__buyer", "user"]


@admin.register(Reminder)
class ReminderAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
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
