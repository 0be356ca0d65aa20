from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from common.admin_export import csv_export_action
from common.admin_readonly import ReadOnlyAdminMixin, ReadOnlyInline
from common.admin_secrets import SecretFieldsAdminMixin
from common.zones import zone_label
from meetings import selectors, services
from meetings.forms import ParticipantAddForm, ProposeTimeForm, ReasonForm
from meetings.models import (
    AvailabilityException,
    AvailabilitySettings,
    AvailabilitySlot,
    AvailabilityWindow,
    Meeting,
    MeetingEvent,
    MeetingParticipant,
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


class ParticipantInline(ReadOnlyInline):
    # Places are added, confirmed and cancelled through meetings.services (participant_*): the
    # exclusion constraint and the mail follow the service, not a row edited here.
    model = MeetingParticipant
    fields = ["user", "buyer", "role", "status", "lead", "start_at", "end_at", "cancel_reason"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user", "buyer")


class ReminderInline(ReadOnlyInline):
    model = Reminder
    fields = ["user", "kind", "sequence", "email", "created_at"]


@admin.register(Meeting)
class MeetingAdmin(SecretFieldsAdminMixin, ReadOnlyAdminMixin, admin.ModelAdmin):
    # The video token opens the meeting's room: for the two people meeting, not for the admin.
    secret_fields = ("video_token",)
    # Every change of a meeting (its people, times, length, status) goes through
    # meetings.services, which keeps the people and end time the overlap constraints guard,
    # records the history and tells both sides: the admin reads and exports, and staff with the
    # change permission cancel or move a meeting for both sides through the service's staff
    # rows of the transition table (the change form itself stays read-only).
    list_display = ["public_id", "artisan", "buyer", "program", "status", "mode", "start_at", "duration_minutes", "created_at"]
    list_filter = ["program", "status", "mode", "duration_minutes", "start_at", "created_at"]
    search_fields = [
        "public_id", "artisan__business_name", "buyer__organisation_name",
        "artisan_user__email", "buyer_user__email", "location",
    ]
    date_hierarchy = "start_at"
    list_select_related = ["artisan", "buyer", "program"]
    actions = ["export_csv", "cancel_for_both"]
    change_form_template = "admin/meetings/meeting/change_form.html"
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
    inlines = [ParticipantInline, MeetingEventInline, MessageInline, OutcomeInline, ReminderInline]

    def has_manage_permission(self, request: HttpRequest) -> bool:
        """Cancelling or moving a meeting for both sides (through the service)."""
        return request.user.has_perm("meetings.change_meeting")

    def get_urls(self):
        return [
            path("<int:pk>/reschedule/", self.admin_site.admin_view(self.reschedule_view),
                 name="meetings_meeting_reschedule"),
            path("<int:pk>/add-participant/", self.admin_site.admin_view(self.add_participant_view),
                 name="meetings_meeting_add_participant"),
            *super().get_urls(),
        ]

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        # The page offers what the transition table lets this staff member do now.
        offered = selectors.allowed_actions(obj, request.user) if obj and self.has_manage_permission(request) else set()
        return super().render_change_form(request, {**context, "staff_actions": offered}, add, change, form_url, obj)

    @admin.action(description=_("Cancel the selected meetings for both sides, with a reason…"),
                  permissions=["manage"])
    def cancel_for_both(self, request: HttpRequest, queryset) -> HttpResponse | None:
        form = ReasonForm(request.POST if "reason" in request.POST else None)
        if form.is_valid():
            done, refused = 0, []
            for meeting in queryset.select_related("artisan", "buyer"):
                try:
                    services.meeting_staff_cancel(meeting_id=meeting.pk, actor=request.user,
                                                  reason=form.cleaned_data["reason"])
                except services.MeetingError as error:
                    refused.append(f"{meeting.artisan.business_name} – {meeting.buyer.organisation_name}: {error.message}")
                else:
                    done += 1
            if done:
                self.message_user(request, ngettext(
                    "%(count)d meeting cancelled; both sides are told.",
                    "%(count)d meetings cancelled; both sides are told.", done) % {"count": done}, messages.SUCCESS)
            for line in refused:
                self.message_user(request, line, messages.WARNING)
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": _("Cancel meetings for both sides"),
            "opts": self.model._meta,
            "meetings": queryset.select_related("artisan", "buyer"),
            "form": form,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            "selected": request.POST.getlist(admin.helpers.ACTION_CHECKBOX_NAME),
        }
        return TemplateResponse(request, "admin/meetings/cancel_for_both.html", context)

    def reschedule_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        if not self.has_manage_permission(request):
            raise PermissionDenied
        meeting = get_object_or_404(Meeting.objects.select_related("artisan", "buyer", "program"), pk=pk)
        change_url = reverse("admin:meetings_meeting_change", args=[meeting.pk])
        form = ProposeTimeForm(request.POST if request.method == "POST" else None)
        if form.is_valid():
            try:
                services.meeting_staff_reschedule(meeting_id=meeting.pk, actor=request.user,
                                                  start_at=form.cleaned_data["start"], note=form.cleaned_data["note"])
            except services.MeetingError as error:
                form.add_error(None, error.message)
            else:
                self.message_user(request, _("The meeting is moved; both sides get the new calendar invitation."),
                                  messages.SUCCESS)
                return HttpResponseRedirect(change_url)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Move the meeting to a new time"),
            "opts": self.model._meta,
            "meeting": meeting,
            "form": form,
            "change_url": change_url,
            "zone": zone_label(timezone.get_current_timezone()),
            "offered": "staff_reschedule" in selectors.allowed_actions(meeting, request.user),
        }
        return TemplateResponse(request, "admin/meetings/reschedule.html", context)

    def add_participant_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        """A group meeting: staff add a buyer, an interpreter or a journalist (participant_add)."""
        if not self.has_manage_permission(request):
            raise PermissionDenied
        meeting = get_object_or_404(Meeting.objects.select_related("artisan", "buyer", "program"), pk=pk)
        change_url = reverse("admin:meetings_meeting_change", args=[meeting.pk])
        form = ParticipantAddForm(request.POST if request.method == "POST" else None)
        if form.is_valid():
            try:
                services.participant_add(meeting_id=meeting.pk, actor=request.user, user=form.user,
                                         role=form.cleaned_data["role"])
            except services.MeetingError as error:
                form.add_error(None, error.message)
            else:
                self.message_user(request, _("The person is added; a booked meeting's invitation is on its way."),
                                  messages.SUCCESS)
                return HttpResponseRedirect(change_url)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Add a participant"),
            "opts": self.model._meta,
            "meeting": meeting,
            "form": form,
            "change_url": change_url,
            "zone": zone_label(timezone.get_current_timezone()),
        }
        return TemplateResponse(request, "admin/meetings/add_participant.html", context)


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
