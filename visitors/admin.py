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
from programs import kinds
from visitors import codes, results, services
from visitors.forms import DailyCountForm
from visitors.models import AgendaSession, DailyCount, Gate, Pass, Room, Seat, Visitor


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


@admin.register(DailyCount)
class DailyCountAdmin(admin.ModelAdmin):
    """Counts staff enter where passes are not scanned; saved through visitors.services."""

    form = DailyCountForm
    list_display = ("day", "where", "count", "program", "entered_by", "entered_at")
    list_filter = ("program", "day")
    list_select_related = ("program", "gate", "entered_by")

    def get_readonly_fields(self, request, obj=None):
        # Correcting a count changes the number only; another day or place is another count.
        base = ("entered_by", "entered_at")
        return (*base, "program", "day", "gate", "place") if obj is not None else base

    @admin.display(description=_("gate or place"))
    def where(self, obj: DailyCount) -> str:
        return str(obj.gate or obj.place)

    def save_model(self, request, obj, form, change) -> None:
        saved = services.daily_count_enter(
            program=obj.program,
            day=obj.day,
            gate=obj.gate,
            place=obj.place,
            count=obj.count,
            staff=request.user,
        )
        obj.pk, obj.entered_by, obj.entered_at = saved.pk, saved.entered_by, saved.entered_at


# The program's results page shows the fair's visitor figures (programs/admin.py), and the
# program's admin pages link the fair's staff pages.
kinds.register_results_section(
    kinds.ResultsSection(
        feature=kinds.VISITORS,
        key="visitors",
        template="admin/visitors/results.html",
        figures=results.visitor_results,
        csv_rows=results.csv_rows,
    )
)
for _link in (
    kinds.AdminLink(kinds.VISITORS, "visitors:agenda", _("Agenda"), arg="slug"),
    kinds.AdminLink(kinds.VISITORS, "visitors:desk", _("Desk (walk-ins)"), arg="slug"),
    kinds.AdminLink(kinds.VISITORS, "visitors:check-in", _("Check-in"), arg="slug"),
    kinds.AdminLink(kinds.VISITORS, "visitors:counts", _("Live counts"), arg="slug"),
    kinds.AdminLink(
        kinds.VISITORS,
        "admin:visitors_dailycount_changelist",
        _("Counts entered by staff"),
        query="program__id__exact",
    ),
):
    kinds.register_admin_link(_link)
