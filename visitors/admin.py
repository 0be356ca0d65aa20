"""Visitors in the admin: registrations vetted through the services; passes, seats and scans read-only.

Staff set up the fair's gates, rooms and agenda sessions here. A registration is accepted or
refused only by `visitors.services.visitor_decide` (an accepted trade visitor is invited as a
buyer); passes are revoked by `pass_revoke`; seats and scans are records the services write.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import admin, messages
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from common.admin_readonly import ReadOnlyInline
from visitors import codes, services
from visitors.models import AgendaSession, Gate, Pass, Room, Seat, Visitor


class PassInline(ReadOnlyInline):
    model = Pass
    fields = ("days", "issued_at", "revoked_at", "revoked_by", "page")

    @admin.display(description=_("Pass page"))
    def page(self, obj: Pass) -> str:
        # The desk reprints a badge or shows the QR code from here; the code itself is not listed.
        return format_html(
            '<a href="{}">{}</a>', reverse("visitors:pass", args=[codes.sign(obj.code)]), _("Pass page")
        )


class SeatInline(ReadOnlyInline):
    model = Seat
    fk_name = "visitor"
    fields = ("session", "status", "joined_at", "offer_expires_at", "attended_at")


@admin.register(Visitor)
class VisitorAdmin(admin.ModelAdmin):
    list_display = ("full_name", "kind", "status", "organisation", "email", "program", "created_at")
    list_filter = ("program", "kind", "status")
    search_fields = ("full_name", "email", "organisation")
    readonly_fields = (
        "program",
        "kind",
        "status",
        "full_name",
        "email",
        "organisation",
        "country",
        "language",
        "days",
        "created_at",
        "confirmed_at",
        "registered_by",
        "decided_by",
        "decided_at",
    )
    inlines = [PassInline, SeatInline]
    actions = ["accept_selected", "refuse_selected", "replace_pass", "revoke_passes"]

    def has_add_permission(self, request, obj=None) -> bool:
        # Staff register walk-ins on the desk page (visitors:desk), which issues the pass.
        return False

    @admin.action(
        description=_("Accept: issue their passes (trade visitors are invited as buyers)"),
        permissions=["change"],
    )
    def accept_selected(self, request, queryset):
        done = sum(
            services.visitor_decide(visitor=visitor, staff=request.user, accept=True) for visitor in queryset
        )
        self.message_user(
            request,
            ngettext("%(count)d visitor accepted.", "%(count)d visitors accepted.", done) % {"count": done},
        )

    @admin.action(description=_("Refuse the selected registrations"), permissions=["change"])
    def refuse_selected(self, request, queryset):
        done = sum(
            services.visitor_decide(visitor=visitor, staff=request.user, accept=False) for visitor in queryset
        )
        self.message_user(
            request,
            ngettext("%(count)d visitor refused.", "%(count)d visitors refused.", done) % {"count": done},
        )

    @admin.action(description=_("Replace the pass (the old one stops working)"), permissions=["change"])
    def replace_pass(self, request, queryset):
        for visitor in queryset:
            try:
                services.pass_replace(visitor=visitor, staff=request.user)
            except services.Refused as refused:
                self.message_user(request, f"{visitor}: {refused.message}", messages.WARNING)

    @admin.action(description=_("Revoke the passes"), permissions=["change"])
    def revoke_passes(self, request, queryset):
        done = 0
        for pass_obj in Pass.objects.filter(visitor__in=queryset, revoked_at__isnull=True):
            done += services.pass_revoke(pass_obj=pass_obj, staff=request.user)
        self.message_user(
            request, ngettext("%(count)d pass revoked.", "%(count)d passes revoked.", done) % {"count": done}
        )


def _scanner_link(program_slug: str, **place: int) -> str:
    url = reverse("visitors:check-in", args=[program_slug]) + "?" + urlencode(place)
    return format_html('<a href="{}">{}</a>', url, _("Scanning page"))


@admin.register(Gate)
class GateAdmin(admin.ModelAdmin):
    list_display = ("name", "program", "scanner")
    list_filter = ("program",)
    list_select_related = ("program",)

    @admin.display(description=_("Scanning page"))
    def scanner(self, obj: Gate) -> str:
        return _scanner_link(obj.program.slug, gate=obj.pk)


@admin.register(Room)
class RoomAdmin(admin.ModelAdmin):
    list_display = ("name", "program")
    list_filter = ("program",)


class SessionSeatInline(ReadOnlyInline):
    model = Seat
    fields = ("user", "visitor", "status", "joined_at", "offer_expires_at", "attended_at")


@admin.register(AgendaSession)
class AgendaSessionAdmin(admin.ModelAdmin):
    list_display = ("title", "kind", "program", "room", "starts_at", "capacity", "scanner")
    list_filter = ("program", "kind")
    list_select_related = ("program", "room")
    search_fields = ("title", "speakers")
    inlines = [SessionSeatInline]

    @admin.display(description=_("Scanning page"))
    def scanner(self, obj: AgendaSession) -> str:
        return _scanner_link(obj.program.slug, session=obj.pk)
