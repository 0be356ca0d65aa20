"""Staff review artisans here: approve, or reject with a reason the artisan reads."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from artisans import services
from artisans.forms import RejectForm
from artisans.models import ArtisanProfile, WorkshopPhoto
from common.admin_export import csv_export_action
from common.admin_readonly import ReadOnlyOnChangeMixin
from common.photos.admin import OrderedPhotoAdmin, PhotoAdminMixin, PhotoInline, PhotoInlinesMixin
from common.photos.forms import StoredPhotoField


class ArtisanProfileAdminForm(forms.ModelForm):
    logo = StoredPhotoField(label=_("Logo"), required=False, keep_transparency=True, widget=forms.ClearableFileInput)

    class Meta:
        model = ArtisanProfile
        fields = ["logo"]  # the admin adds the fieldsets' fields


class WorkshopPhotoInline(PhotoInline):
    model = WorkshopPhoto


@admin.register(ArtisanProfile)
class ArtisanProfileAdmin(ReadOnlyOnChangeMixin, PhotoAdminMixin, PhotoInlinesMixin, admin.ModelAdmin):
    form = ArtisanProfileAdminForm
    list_display = ["business_name", "user_email", "kind", "country", "status_badge", "submitted_at", "reviewed_at"]
    list_filter = ["status", "kind", "country", "crafts", "exported_before"]
    search_fields = ["business_name", "user__email", "user__full_name", "city", "region", "slug"]
    list_select_related = ["user"]
    ordering = ["-submitted_at"]
    date_hierarchy = "submitted_at"
    filter_horizontal = ["crafts"]
    raw_id_fields = ["user"]
    readonly_fields = [
        "review_links", "status", "rejection_reason", "submitted_at", "reviewed_at", "reviewed_by",
        "public_id", "created_at", "updated_at",
    ]
    # Approval and rejection only through the review page and actions (artisans.services); a
    # profile moved to another account would leave its meetings with the old person.
    readonly_on_change = ("user",)
    fieldsets = [
        (_("Review"), {"fields": ["review_links", "status", "rejection_reason", "submitted_at", "reviewed_at", "reviewed_by"]}),
        (_("Business"), {"fields": ["user", "business_name", "slug", "kind", "crafts", "logo", "story", "language",
                                    "languages_spoken", "year_founded", "team_size"]}),
        (_("Place"), {"fields": ["country", "region", "city", "time_zone"]}),
        (_("Online"), {"fields": ["website", "instagram", "facebook"]}),
        (_("Export readiness"), {"fields": [
            "exported_before", "export_markets", "monthly_capacity", "lead_time_days", "min_order_value",
            "currency", "incoterms", "payment_terms", "certifications",
        ]}),
        (None, {"fields": ["public_id", "created_at", "updated_at"]}),
    ]
    inlines = [WorkshopPhotoInline]
    actions = ["approve_selected", "reject_selected", "export_csv"]
    export_csv = csv_export_action(
        "artisans",
        [
            ("business_name", lambda a: a.business_name),
            ("email", lambda a: a.user.email),
            ("kind", lambda a: a.kind),
            ("status", lambda a: a.status),
            ("country", lambda a: a.country.code),
            ("region", lambda a: a.region),
            ("city", lambda a: a.city),
            ("crafts", lambda a: ";".join(c.slug for c in a.crafts.all())),
            ("languages", lambda a: ";".join(a.languages_spoken)),
            ("exported_before", lambda a: a.exported_before),
            ("monthly_capacity", lambda a: a.monthly_capacity),
            ("lead_time_days", lambda a: a.lead_time_days),
            ("min_order_value", lambda a: a.min_order_value),
            ("currency", lambda a: a.currency),
            ("website", lambda a: a.website),
            ("created_at", lambda a: a.created_at.isoformat()),
        ],
        select_related=["user"],
        prefetch_related=["crafts"],
    )

    @admin.display(description=_("email"), ordering="user__email")
    def user_email(self, obj: ArtisanProfile) -> str:
        return obj.user.email

    @admin.display(description=_("status"), ordering="status")
    def status_badge(self, obj: ArtisanProfile) -> str:
        return obj.get_status_display()

    @admin.display(description=_("review"))
    def review_links(self, obj: ArtisanProfile) -> str:
        if obj.pk is None:
            return "—"
        return format_html('<a class="button" href="{}">{}</a>', reverse("admin:artisans_artisanprofile_review", args=[obj.pk]),
                           _("Approve or reject"))

    def get_urls(self):
        urls = super().get_urls()
        review = path("<int:pk>/review/", self.admin_site.admin_view(self.review_view), name="artisans_artisanprofile_review")
        return [review, *urls]

    # --- Review -------------------------------------------------------------------------------

    def _approve(self, request: HttpRequest, profile: ArtisanProfile) -> bool:
        try:
            services.artisan_approve(profile=profile, reviewer=request.user)
        except services.ReviewConflict:
            return False
        return True

    def _reject(self, request: HttpRequest, profile: ArtisanProfile, reason: str) -> bool:
        try:
            services.artisan_reject(profile=profile, reviewer=request.user, reason=reason)
        except services.ReviewConflict:
            return False
        return True

    def _report(self, request: HttpRequest, done: int, skipped: int, *, approved: bool) -> None:
        if done and approved:
            self.message_user(request, ngettext(
                "%(count)d artisan approved; they have been emailed.",
                "%(count)d artisans approved; they have been emailed.", done,
            ) % {"count": done}, messages.SUCCESS)
        elif done:
            self.message_user(request, ngettext(
                "%(count)d artisan rejected; they have been emailed the reason.",
                "%(count)d artisans rejected; they have been emailed the reason.", done,
            ) % {"count": done}, messages.SUCCESS)
        if skipped:
            self.message_user(request, ngettext(
                "%(count)d artisan skipped: not in a status that allows it.",
                "%(count)d artisans skipped: not in a status that allows it.", skipped,
            ) % {"count": skipped}, messages.WARNING)

    @admin.action(description=_("Approve the selected artisans"), permissions=["change"])
    def approve_selected(self, request: HttpRequest, queryset) -> None:
        results = [self._approve(request, profile) for profile in queryset.select_related("user")]
        self._report(request, results.count(True), results.count(False), approved=True)

    @admin.action(description=_("Reject the selected artisans, with a reason…"), permissions=["change"])
    def reject_selected(self, request: HttpRequest, queryset) -> HttpResponse | None:
        form = RejectForm(request.POST if "reason" in request.POST else None)
        if form.is_valid():
            results = [self._reject(request, profile, form.cleaned_data["reason"])
                       for profile in queryset.select_related("user")]
            self._report(request, results.count(True), results.count(False), approved=False)
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": _("Reject artisans"),
            "opts": self.model._meta,
            "profiles": queryset,
            "form": form,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            "selected": request.POST.getlist(admin.helpers.ACTION_CHECKBOX_NAME),
        }
        return TemplateResponse(request, "artisans/admin_reject.html", context)

    def review_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        profile = get_object_or_404(ArtisanProfile.objects.select_related("user"), pk=pk)
        if not self.has_change_permission(request, profile):
            raise PermissionDenied
        change_url = reverse("admin:artisans_artisanprofile_change", args=[profile.pk])
        form = RejectForm()
        if request.method == "POST":
            if request.POST.get("decision") == "approve":
                self._report(request, *((1, 0) if self._approve(request, profile) else (0, 1)), approved=True)
                return HttpResponseRedirect(change_url)
            form = RejectForm(request.POST)
            if form.is_valid():
                done = self._reject(request, profile, form.cleaned_data["reason"])
                self._report(request, *((1, 0) if done else (0, 1)), approved=False)
                return HttpResponseRedirect(change_url)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Review %(name)s") % {"name": profile.business_name},
            "opts": self.model._meta,
            "profile": profile,
            "form": form,
            "change_url": change_url,
        }
        return TemplateResponse(request, "artisans/admin_review.html", context, status=400 if form.errors else 200)


@admin.register(WorkshopPhoto)
class WorkshopPhotoAdmin(OrderedPhotoAdmin):
    list_display = ["alt_text", "artisan", "position", "preview"]
    search_fields = ["alt_text", "artisan__business_name"]
