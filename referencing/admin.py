"""Referencing in the admin: staff set up retailers and run rounds; every change of state goes through
referencing.services (round actions, the candidate's decision page), the rest is read-only."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from catalog.visibility import product_is_public
from common.admin_widgets import SafeAutocompleteMixin
from common.statemachine import TransitionRefused
from referencing import selectors, services, sheets
from referencing.forms import CandidateActForm
from referencing.models import Candidate, Criterion, ReferencingRound, Retailer, SheetColumn


class SheetColumnInline(admin.TabularInline):
    model = SheetColumn
    extra = 1
    fields = ["position", "heading", "field"]


@admin.register(Retailer)
class RetailerAdmin(SafeAutocompleteMixin, admin.ModelAdmin):
    list_display = ["name", "country", "created_at"]
    search_fields = ["name"]
    autocomplete_fields = ["members"]
    inlines = [SheetColumnInline]

    def has_delete_permission(self, request, obj=None):
        return False  # its rounds and listings are the agency's record


class CriterionInline(admin.TabularInline):
    model = Criterion
    extra = 1
    fields = ["position", "name", "weight"]

    # Weights are fixed once scoring starts: a changed weight would change marks already given.
    def _open(self, obj) -> bool:
        return obj is None or obj.status == ReferencingRound.Status.OPEN

    def has_add_permission(self, request, obj=None):
        return self._open(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._open(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._open(obj) and super().has_delete_permission(request, obj)


class CandidateAddForm(forms.ModelForm):
    class Meta:
        model = Candidate
        fields = ["product"]

    def clean_product(self):
        product = self.cleaned_data["product"]
        if not product_is_public(product):
            raise forms.ValidationError(
                _("Only a published product of an approved artisan can be a candidate."), code="not_public"
            )
        return product


class CandidateInline(SafeAutocompleteMixin, admin.TabularInline):
    """The round's candidates; a new one is added through referencing.services.candidate_add."""

    model = Candidate
    form = CandidateAddForm
    extra = 0
    can_delete = False
    autocomplete_fields = ["product"]
    fields = ["product", "status", "score", "article_number", "decide"]
    readonly_fields = ["status", "score", "article_number", "decide"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("product", "listing", "round")

    @admin.display(description=gettext_lazy("retailer's article number"))
    def article_number(self, candidate: Candidate):
        listing = getattr(candidate, "listing", None) if candidate.pk else None
        return listing.article_number if listing is not None else "–"

    # Rows already there are shown read-only: the inline has no change permission.
    def has_add_permission(self, request, obj=None):
        open_round = obj is None or obj.takes_candidates
        return open_round and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=gettext_lazy("score"))
    def score(self, candidate: Candidate):
        return self._scores(candidate.round).get(candidate.pk) or "–"

    def _scores(self, round: ReferencingRound):
        cache = getattr(self, "_score_cache", None)
        if cache is None or cache[0] != round.pk:
            cache = (round.pk, selectors.round_scores(round))
            self._score_cache = cache
        return cache[1]

    @admin.display(description=gettext_lazy("decision"))
    def decide(self, candidate: Candidate):
        if not candidate.pk:
            return ""
        url = reverse("admin:referencing_referencinground_candidate", args=[candidate.round_id, candidate.pk])
        return format_html('<a href="{}">{}</a>', url, _("Decide or list"))


class ReferencingRoundForm(forms.ModelForm):
    class Meta:
        model = ReferencingRound
        fields = ["retailer", "program", "name", "deadline"]


@admin.register(ReferencingRound)
class ReferencingRoundAdmin(SafeAutocompleteMixin, admin.ModelAdmin):
    form = ReferencingRoundForm
    list_display = ["name", "retailer", "program", "status", "deadline"]
    list_filter = ["status", "retailer", "program"]
    list_select_related = ["retailer", "program"]
    search_fields = ["name", "retailer__name"]
    autocomplete_fields = ["retailer", "program"]
    readonly_fields = ["status", "results", "sheets"]
    fields = ["retailer", "program", "name", "deadline", "status", "results", "sheets"]
    inlines = [CriterionInline, CandidateInline]
    actions = ["start_scoring", "decide", "close"]

    def has_delete_permission(self, request, obj=None):
        return False  # a round is the record of what was decided, and why

    def get_readonly_fields(self, request, obj=None):
        fields = list(self.readonly_fields)
        if obj is not None and obj.status != ReferencingRound.Status.OPEN:
            fields += ["retailer", "program"]
        return fields

    @admin.display(description=gettext_lazy("results"))
    def results(self, round: ReferencingRound):
        if not round.pk:
            return "–"
        figures = selectors.round_results(round=round)
        rows = [
            (_("Candidates"), figures.candidates),
            (_("Selected"), figures.selected),
            (_("Not selected"), figures.not_selected),
            (_("Trial orders"), figures.trial_orders),
            (_("Listed"), figures.listed),
        ]
        return format_html("<dl>{}</dl>", format_html_join("", "<dt>{}</dt><dd>{}</dd>", rows))

    @admin.display(description=gettext_lazy("product sheet"))
    def sheets(self, round: ReferencingRound):
        if not round.pk:
            return "–"
        return format_html(
            '<a href="{}">{}</a> · <a href="{}">{}</a>',
            reverse("admin:referencing_referencinground_sheet_csv", args=[round.pk]),
            _("CSV"),
            reverse("admin:referencing_referencinground_sheet_xlsx", args=[round.pk]),
            _("Excel (XLSX)"),
        )

    def save_formset(self, request, form, formset, change):
        if formset.model is not Candidate:
            return super().save_formset(request, form, formset, change)
        # What the admin's history message reads (Django's formset.save() would have set these).
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        for candidate_form in formset.forms:
            if candidate_form.instance.pk or not candidate_form.has_changed():
                continue
            if not candidate_form.cleaned_data or candidate_form.cleaned_data.get("DELETE"):
                continue
            try:
                added = services.candidate_add(
                    user=request.user, round=form.instance, product=candidate_form.cleaned_data["product"]
                )
                formset.new_objects.append(added)
            except TransitionRefused as refused:
                messages.error(request, refused.message)
        return None

    def _move(self, request, queryset, action: str) -> None:
        moved = 0
        for round in queryset:
            try:
                services.round_move(user=request.user, round=round, action=action)
                moved += 1
            except TransitionRefused as refused:
                messages.error(request, f"{round}: {refused.message}")
        if moved:
            messages.success(request, _("%(count)s round(s) changed.") % {"count": moved})

    @admin.action(description=gettext_lazy("Start scoring"), permissions=["change"])
    def start_scoring(self, request, queryset):
        self._move(request, queryset, "start_scoring")

    @admin.action(description=gettext_lazy("Mark decided"), permissions=["change"])
    def decide(self, request, queryset):
        self._move(request, queryset, "decide")

    @admin.action(description=gettext_lazy("Close"), permissions=["change"])
    def close(self, request, queryset):
        self._move(request, queryset, "close")

    def get_urls(self):
        custom = [
            path(
                "<int:pk>/sheet.csv",
                self.admin_site.admin_view(self.sheet_csv_view),
                name="referencing_referencinground_sheet_csv",
            ),
            path(
                "<int:pk>/sheet.xlsx",
                self.admin_site.admin_view(self.sheet_xlsx_view),
                name="referencing_referencinground_sheet_xlsx",
            ),
            path(
                "<int:pk>/candidates/<int:candidate_pk>/",
                self.admin_site.admin_view(self.candidate_act_view),
                name="referencing_referencinground_candidate",
            ),
        ]
        return custom + super().get_urls()

    def _round_for_view(self, request, pk: int) -> ReferencingRound:
        round = get_object_or_404(ReferencingRound.objects.select_related("retailer"), pk=pk)
        if not self.has_view_permission(request, round):
            raise PermissionDenied
        return round

    def sheet_csv_view(self, request, pk: int):
        return sheets.sheet_csv(self._round_for_view(request, pk))

    def sheet_xlsx_view(self, request, pk: int):
        return sheets.sheet_xlsx(self._round_for_view(request, pk))

    def candidate_act_view(self, request, pk: int, candidate_pk: int):
        """Select, not select (with the reason the artisan reads) or list: what the table allows now."""
        if not request.user.has_perm("referencing.change_candidate"):
            raise PermissionDenied
        candidate = get_object_or_404(
            Candidate.objects.select_related("round__retailer", "product", "artisan"),
            pk=candidate_pk,
            round_id=pk,
        )
        allowed = selectors.candidate_actions(candidate, request.user) & {"select", "not_select", "list"}
        form = CandidateActForm(request.POST or None, allowed=allowed)
        round_url = reverse("admin:referencing_referencinground_change", args=[candidate.round_id])
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                if data["action"] == "list":
                    services.candidate_list(
                        user=request.user, candidate=candidate, article_number=data["article_number"]
                    )
                else:
                    services.candidate_decide(
                        user=request.user, candidate=candidate, action=data["action"], reason=data["reason"]
                    )
            except TransitionRefused as refused:
                form.add_error(None, refused.message)
            else:
                messages.success(request, _("Saved."))
                return redirect(round_url)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Decide on %(product)s") % {"product": candidate.product.title},
            "opts": Candidate._meta,
            "candidate": candidate,
            "score": selectors.round_scores(candidate.round).get(candidate.pk),
            "form": form,
            "round_url": round_url,
        }
        status = 400 if request.method == "POST" else 200
        return render(request, "admin/referencing/candidate_act.html", context, status=status)
