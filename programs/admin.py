from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from common.admin_readonly import ReadOnlyInline, ReadOnlyOnChangeMixin
from common.admin_secrets import SecretFieldsAdminMixin
from common.csvfiles import CsvError, csv_response, read_csv_upload
from common.zones import local_datetime
from deals.results import deal_results
from meetings.results import program_results
from programs import importing, kinds, services
from programs.forms import ImportArtisansForm, InviteArtisansForm, InviteBuyersForm, ProgramAdminForm
from programs.models import Application, BuyerInvitation, JoinRequest, Program, ProgramBuyer

FUNNEL_LABELS = {
    "invited": _("Buyers invited"),
    "registered": _("Registered"),
    "joined": _("Joined the program"),
    "requested": _("Requested a meeting"),
    "confirmed": _("Had a meeting confirmed"),
    "held": _("Met an artisan"),
    "ordered": _("Announced an order"),
    "sampled": _("Asked for a sample"),
    "quoted": _("Received a quote"),
    "ordered_recorded": _("Placed an order"),
    "reordered": _("Reordered"),
}


def _deal_funnel(deals) -> list[tuple[str, int]]:
    return [("sampled", deals.buyers["sampled"]), ("quoted", deals.buyers["quoted"]),
            ("ordered_recorded", deals.buyers["ordered"]), ("reordered", deals.buyers["reordered"])]


def kind_links(program: Program) -> list[tuple[str, str]]:
    """The pages of the sections the program's kind adds (kinds.register_admin_link)."""
    links = []
    for link in kinds.admin_links(program.kind):
        if link.query:
            links.append((f"{reverse(link.url_name)}?{link.query}={program.pk}", link.label))
        else:
            links.append((reverse(link.url_name, args=[getattr(program, link.arg)]), link.label))
    return links


class ApplicationInline(ReadOnlyInline):
    # Artisans are invited through "Invite artisans" (which emails them) and decided through the
    # applications' accept/decline actions: a row added or edited here would skip both.
    model = Application
    fields = ["artisan", "email", "status", "motivation", "applied_at_local", "decided_at_local", "decided_by"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("artisan", "decided_by")

    @admin.display(description=_("applied at"))
    def applied_at_local(self, obj):
        return local_datetime(obj.applied_at)

    @admin.display(description=_("decided at"))
    def decided_at_local(self, obj):
        return local_datetime(obj.decided_at)


@admin.register(Program)
class ProgramAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "status", "starts_on", "ends_on", "artisans_accepted", "buyers_joined", "program_links"]
    list_filter = ["status", "kind"]
    search_fields = ["name", "organiser"]
    prepopulated_fields = {"slug": ["name"]}
    date_hierarchy = "starts_on"
    form = ProgramAdminForm
    inlines = [ApplicationInline]
    actions = ["make_catalog_pdf"]
    readonly_fields = ["catalog_pdf_link"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "kind", "organiser", "description", "status", "public_catalog",
                           "review_products"]}),
        (_("Dates and meetings"), {"fields": [
            "starts_on", "ends_on", "time_zone", "meetings_open_at", "meetings_close_at", "meeting_minutes",
        ]}),
        (_("Limits"), {"fields": ["max_meetings_per_artisan", "max_meetings_per_buyer"]}),
        (_("Digital catalog"), {"fields": ["catalog_pdf_link"]}),
    ]

    def _kind(self, request, obj) -> str | None:
        # The change page shows the kind's settings; the add page those of ?kind= (all without it).
        if obj is not None:
            return obj.kind
        kind = request.GET.get("kind") or request.POST.get("kind")
        return kind if kind in Program.Kind.values else None

    def get_fieldsets(self, request, obj=None):
        kind = self._kind(request, obj)
        fieldsets = []
        for title, options in self.fieldsets:
            fields = kinds.applicable_fields(kind, options["fields"])
            if title == self.fieldsets[3][0] and kind and not kinds.enables(kind, kinds.CATALOG_PDF):
                fields = []
            if fields:
                fieldsets.append((title, {**options, "fields": fields}))
        return fieldsets

    def get_inlines(self, request, obj):
        return [*self.inlines, *kinds.admin_inlines(self._kind(request, obj))]

    @admin.display(description=_("catalog PDF"))
    def catalog_pdf_link(self, obj):
        if obj.pk is None:
            return "—"
        if obj.catalog_pdf:
            made = timezone.localtime(obj.catalog_pdf_made_at)
            return format_html(
                '<a href="{}">{}</a> ({} {})', reverse("admin:programs_program_catalog_pdf", args=[obj.pk]),
                _("Download"), date_format(made, "DATETIME_FORMAT"), made.tzname(),
            )
        if obj.catalog_pdf_requested_at:
            return _("Being made… reload this page in a moment.")
        return _("Not made yet: use the “Make the catalog PDF” action.")

    @admin.action(description=_("Make the catalog PDF"), permissions=["change"])
    def make_catalog_pdf(self, request, queryset):
        for program in queryset:
            services.catalog_pdf_request(program=program, language=translation.get_language())
        self.message_user(request, _("The catalog PDF is being made; it appears on the program's page."))

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(
            accepted=Count("applications", filter=Q(applications__status=Application.Status.ACCEPTED), distinct=True),
            joined=Count("memberships", distinct=True),
        )

    @admin.display(description=_("artisans"), ordering="accepted")
    def artisans_accepted(self, obj):
        return obj.accepted

    @admin.display(description=_("buyers"), ordering="joined")
    def buyers_joined(self, obj):
        return obj.joined

    @admin.display(description=_("actions"))
    def program_links(self, obj):
        links = [
            (reverse("admin:programs_program_results", args=[obj.pk]), _("Results")),
            (reverse("admin:programs_program_invite", args=[obj.pk]), _("Invite buyers")),
            (reverse("admin:programs_program_import", args=[obj.pk]), _("Import artisans")),
        ]
        if kinds.enables(obj, kinds.MATCHMAKING):
            links += [
                (reverse("admin:matchmaking_preference_matrix", args=[obj.pk]), _("Preferences")),
                (f'{reverse("admin:matchmaking_session_changelist")}?program__id__exact={obj.pk}', _("Sessions")),
            ]
        links += kind_links(obj)
        return format_html_join(" · ", '<a href="{}">{}</a>', links)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["kind_links"] = kind_links(obj) if obj is not None and obj.pk else []
        return super().render_change_form(request, context, add, change, form_url, obj)

    def get_urls(self):
        custom = [
            path("<int:pk>/invite-buyers/", self.admin_site.admin_view(self.invite_buyers_view),
                 name="programs_program_invite"),
            path("<int:pk>/invite-artisans/", self.admin_site.admin_view(self.invite_artisans_view),
                 name="programs_program_invite_artisans"),
            path("<int:pk>/import-artisans/", self.admin_site.admin_view(self.import_artisans_view),
                 name="programs_program_import"),
            path("<int:pk>/results/", self.admin_site.admin_view(self.results_view),
                 name="programs_program_results"),
            path("<int:pk>/results.csv", self.admin_site.admin_view(self.results_csv_view),
                 name="programs_program_results_csv"),
            path("<int:pk>/catalog.pdf", self.admin_site.admin_view(self.catalog_pdf_view),
                 name="programs_program_catalog_pdf"),
            path("import-artisans-template.csv", self.admin_site.admin_view(self.import_template_view),
                 name="programs_program_import_template"),
        ]
        return custom + super().get_urls()

    def _program_for_change(self, request, pk: int) -> Program:
        program = get_object_or_404(Program, pk=pk)
        if not self.has_change_permission(request, program):
            raise PermissionDenied
        return program

    def _context(self, request, program: Program, title: str, **extra):
        return {
            **self.admin_site.each_context(request),
            "title": title, "program": program, "opts": self.model._meta, **extra,
        }

    def _program_for_view(self, request, pk: int) -> Program:
        program = get_object_or_404(Program, pk=pk)
        if not self.has_view_permission(request, program):
            raise PermissionDenied
        return program

    def results_view(self, request, pk: int):
        program = self._program_for_view(request, pk)
        results = program_results(program)
        deals = deal_results(program)
        stages = [*results.funnel, *_deal_funnel(deals)]
        top = max([count for _stage, count in stages] + [1])
        funnel = [
            {"label": FUNNEL_LABELS[stage], "count": count, "width": round(100 * count / top, 1), "y": 30 * index}
            for index, (stage, count) in enumerate(stages)
        ]
        title = _("Results of %(program)s") % {"program": program.name}
        # The parts of the results the program's kind adds (a fair's visitors and stands: kinds.py).
        sections = [
            {"template": section.template, "figures": section.figures(program)}
            for section in kinds.results_sections(program.kind)
        ]
        context = self._context(request, program, title, results=results, deals=deals, funnel=funnel,
                                chart_height=30 * len(funnel), sections=sections)
        return TemplateResponse(request, "admin/programs/results.html", context)

    def results_csv_view(self, request, pk: int):
        program = self._program_for_view(request, pk)
        results = program_results(program)
        header = [_("section"), _("name"), _("requests"), _("confirmed"), _("held"), _("no-shows"), _("orders"),
                  _("estimated value (USD)")]
        rows = [[_("total"), program.name, results.requests, results.confirmed, results.held, results.no_shows,
                 results.orders, results.value_usd]]
        rows += [[_("artisan"), r.label, r.requests, r.confirmed, r.held, r.no_shows, r.orders, r.value_usd]
                 for r in results.per_artisan]
        rows += [[_("buyer country"), r.label, r.requests, r.confirmed, r.held, r.no_shows, r.orders, r.value_usd]
                 for r in results.per_country]
        deals = deal_results(program)
        rows += [[_("funnel"), FUNNEL_LABELS[stage], count, "", "", "", "", ""]
                 for stage, count in [*results.funnel, *_deal_funnel(deals)]]
        rows += [
            [_("recorded deals"), _("orders"), deals.orders, "", "", "", deals.orders, deals.orders_usd],
            [_("recorded deals"), _("reorders"), deals.reorders, "", "", "", deals.reorders, deals.reorders_usd],
            [_("recorded deals"), _("accepted quotes"), deals.quotes_accepted, "", "", "", "",
             deals.quotes_accepted_usd],
        ]
        sections = kinds.results_sections(program.kind)
        for section in sections:
            rows += [[label, name, value, "", "", "", "", "", source]
                     for label, name, value, source in section.csv_rows(section.figures(program))]
        if sections:
            header.append(_("scanned or declared"))
        return csv_response(f"{program.slug}-results.csv", header, rows)

    def catalog_pdf_view(self, request, pk: int):
        program = get_object_or_404(Program, pk=pk)
        if not self.has_view_permission(request, program) or not program.catalog_pdf:
            raise Http404
        return FileResponse(
            program.catalog_pdf.open("rb"), as_attachment=True, filename=f"{program.slug}-catalog.pdf",
            content_type="application/pdf",
        )

    def import_template_view(self, request):
        if not self.has_change_permission(request):
            raise PermissionDenied
        response = HttpResponse(importing.template_csv(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="artisans-template.csv"'
        return response

    def import_artisans_view(self, request, pk: int):
        """Upload → row-by-row report → confirm. Nothing is saved before the confirmation."""
        program = self._program_for_change(request, pk)
        form = ImportArtisansForm(request.POST or None, request.FILES or None)
        report = None
        if request.method == "POST" and "confirm" in request.POST:
            try:
                count = importing.import_confirm(program=program, key=request.POST.get("key", ""))
            except ValueError:
                messages.error(request, _("This import has expired: upload the file again."))
            else:
                messages.success(request, _("%(count)d artisans imported into the program.") % {"count": count})
                return HttpResponseRedirect(reverse("admin:programs_program_change", args=[program.pk]))
        elif request.method == "POST" and form.is_valid():
            try:
                rows = read_csv_upload(form.cleaned_data["csv_file"])
            except CsvError as error:
                form.add_error("csv_file", str(error))
            else:
                report = importing.import_prepare(program=program, rows=rows)
        title = _("Import artisans into %(program)s") % {"program": program.name}
        context = self._context(request, program, title, form=form, report=report, columns=importing.COLUMNS)
        return TemplateResponse(request, "admin/programs/import_artisans.html", context)

    def invite_artisans_view(self, request, pk: int):
        """The call for artisans: existing profiles or email addresses, each emailed once."""
        program = self._program_for_change(request, pk)
        form = InviteArtisansForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            created = services.artisans_invite(
                program=program, artisans=form.cleaned_data["artisans"], emails=form.cleaned_data["emails"],
                language=form.cleaned_data["language"],
            )
            messages.success(request, ngettext(
                "%(count)d artisan invited to apply.", "%(count)d artisans invited to apply.", created,
            ) % {"count": created})
            return HttpResponseRedirect(reverse("admin:programs_program_change", args=[program.pk]))
        title = _("Invite artisans to apply to %(program)s") % {"program": program.name}
        context = self._context(request, program, title, form=form, report=None)
        return TemplateResponse(request, "admin/programs/invite_buyers.html", context)

    def invite_buyers_view(self, request, pk: int):
        program = self._program_for_change(request, pk)
        form = InviteBuyersForm(request.POST or None, request.FILES or None)
        report = None
        if request.method == "POST" and form.is_valid():
            report = services.program_invite_buyers(
                program=program, text=form.cleaned_data["text"], csv_text=form.cleaned_data["csv_text"],
                invited_by=request.user, language=form.cleaned_data["language"],
            )
            messages.success(request, ngettext(
                "%(count)d invitation queued.", "%(count)d invitations queued.", len(report.created),
            ) % {"count": len(report.created)})
        title = _("Invite buyers to %(program)s") % {"program": program.name}
        context = self._context(request, program, title, form=form, report=report)
        return TemplateResponse(request, "admin/programs/invite_buyers.html", context)


@admin.register(BuyerInvitation)
class BuyerInvitationAdmin(SecretFieldsAdminMixin, admin.ModelAdmin):
    # The token is the invitation link: never shown, searched or filtered on.
    secret_fields = ("token",)
    list_display = ["email", "program", "status_badge", "sending_error", "resends", "created_at", "registered_at"]
    list_filter = ["program", "outbox__status", ("user", admin.EmptyFieldListFilter)]
    search_fields = ["email"]
    list_select_related = ["program", "outbox"]
    readonly_fields = ["program", "email", "language", "outbox", "resends", "user", "registered_at", "invited_by",
                       "created_at"]
    actions = ["resend"]

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("status"))
    def status_badge(self, obj):
        return obj.status_label

    @admin.display(description=_("why waiting or failed"))
    def sending_error(self, obj):
        return obj.outbox.last_error if obj.outbox and obj.outbox.status in {"waiting", "failed"} else ""

    @admin.action(description=_("Remind: send the selected invitations again"), permissions=["change"])
    def resend(self, request, queryset):
        selected = list(queryset)
        count = sum(services.invitation_resend(invitation=invitation) for invitation in selected)
        self.message_user(request, ngettext(
            "%(count)d invitation will be sent again.", "%(count)d invitations will be sent again.", count,
        ) % {"count": count})
        if skipped := len(selected) - count:
            self.message_user(request, ngettext(
                "%(count)d invitation was not sent again: it was sent less than an hour ago, is still "
                "waiting to go out, or its buyer has joined.",
                "%(count)d invitations were not sent again: they were sent less than an hour ago, are still "
                "waiting to go out, or their buyers have joined.", skipped,
            ) % {"count": skipped}, messages.WARNING)


@admin.register(JoinRequest)
class JoinRequestAdmin(admin.ModelAdmin):
    """Accounts that opened an invitation sent to another address; they join once staff confirm."""

    list_display = ["user", "invited_address", "program", "status", "requested_at", "decided_by", "decided_at"]
    list_filter = ["status", "invitation__program"]
    search_fields = ["user__email", "invitation__email"]
    list_select_related = ["user", "invitation__program", "decided_by"]
    readonly_fields = ["invitation", "user", "status", "requested_at", "decided_by", "decided_at"]
    actions = ["confirm", "decline"]

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("invited address"))
    def invited_address(self, obj):
        return obj.invitation.email

    @admin.display(description=_("program"))
    def program(self, obj):
        return obj.invitation.program

    @admin.action(description=_("Confirm: let these accounts join instead of the invited address"),
                  permissions=["change"])
    def confirm(self, request, queryset):
        done = 0
        for join_request in queryset:
            try:
                done += services.join_request_confirm(join_request=join_request, staff=request.user)
            except services.ProgramError as error:
                self.message_user(request, f"{join_request}: {error}", messages.WARNING)
        self.message_user(request, _("%(count)d accounts joined their program.") % {"count": done})

    @admin.action(description=_("Decline the selected requests"), permissions=["change"])
    def decline(self, request, queryset):
        done = sum(services.join_request_decline(join_request=join_request, staff=request.user)
                   for join_request in queryset)
        self.message_user(request, _("%(count)d requests declined.") % {"count": done})


@admin.register(Application)
class ApplicationAdmin(SecretFieldsAdminMixin, admin.ModelAdmin):
    secret_fields = ("token",)
    list_display = ["__str__", "program", "status", "applied_at_local", "decided_at_local", "decided_by"]
    list_filter = ["program", "status"]
    search_fields = ["artisan__business_name", "email"]
    list_select_related = ["program", "artisan", "decided_by"]
    # Invited through the program's "Invite artisans" page, decided by the actions below
    # (programs.services.application_decide records who and when): nothing is edited here.
    fields = ["program", "artisan", "email", "status", "motivation", "invited_at_local", "applied_at_local",
              "decided_at_local", "decided_by"]
    readonly_fields = fields
    actions = ["accept", "decline"]

    # In the viewer's zone, which each value names ("2 Dec 2026, 10:00 (Madrid (UTC+01:00))").
    @admin.display(description=_("invited at"), ordering="invited_at")
    def invited_at_local(self, obj):
        return local_datetime(obj.invited_at)

    @admin.display(description=_("applied at"), ordering="applied_at")
    def applied_at_local(self, obj):
        return local_datetime(obj.applied_at)

    @admin.display(description=_("decided at"), ordering="decided_at")
    def decided_at_local(self, obj):
        return local_datetime(obj.decided_at)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def _decide(self, request, queryset, accept: bool):
        done = 0
        for application in queryset:
            try:
                done += services.application_decide(application=application, accept=accept, by=request.user)
            except services.ProgramError as error:
                self.message_user(request, f"{application}: {error}", messages.WARNING)
        self.message_user(request, _("%(count)d applications updated.") % {"count": done})

    @admin.action(description=_("Accept the selected applications"), permissions=["change"])
    def accept(self, request, queryset):
        self._decide(request, queryset, accept=True)

    @admin.action(description=_("Decline the selected applications"), permissions=["change"])
    def decline(self, request, queryset):
        self._decide(request, queryset, accept=False)


@admin.register(ProgramBuyer)
class ProgramBuyerAdmin(ReadOnlyOnChangeMixin, admin.ModelAdmin):
    list_display = ["user", "program", "joined_at"]
    list_filter = ["program"]
    search_fields = ["user__email", "user__full_name"]
    list_select_related = ["user", "program"]
    raw_id_fields = ["user"]
    # A membership moved to another person or program would carry its meetings' scope with it.
    readonly_on_change = ("user", "program")
