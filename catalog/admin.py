from __future__ import annotations

from django.contrib import admin, messages
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from artisans import services as artisan_services
from artisans.services import ReviewConflict
from catalog.forms import DeclineForm
from catalog.models import CatalogSettings, Craft, ExchangeRate, Product, ProductPhoto
from common.admin_widgets import SafeAutocompleteMixin
from common.photos.admin import OrderedPhotoAdmin, PhotoInline, PhotoInlinesMixin


class ProductPhotoInline(PhotoInline):
    model = ProductPhoto


@admin.register(Product)
class ProductAdmin(SafeAutocompleteMixin, PhotoInlinesMixin, admin.ModelAdmin):
    list_display = ["title", "artisan", "craft", "status", "wholesale_price", "currency", "min_order_qty",
                    "submitted_at", "updated_at"]
    # By program: to find the products of a program that now requires review.
    list_filter = ["status", "craft", "currency", "artisan__status", "artisan__applications__program"]
    search_fields = ["title", "artisan__business_name", "materials"]
    list_select_related = ["artisan", "craft"]
    autocomplete_fields = ["artisan"]
    # The status changes only through the artisan's publishing and the review actions
    # (catalog.curation, artisans.services.product_approve / product_decline), which record who and when.
    readonly_fields = ["public_id", "status", "review_reason", "submitted_at", "reviewed_at", "reviewed_by",
                       "wholesale_price_usd", "created_at", "updated_at"]
    inlines = [ProductPhotoInline]
    actions = ["approve_selected", "decline_selected", "send_to_review_selected"]

    def _review(self, request, queryset, decide) -> tuple[int, int]:
        done = skipped = 0
        for product in queryset.select_related("artisan__user"):
            try:
                decide(product)
            except ReviewConflict:
                skipped += 1
            else:
                done += 1
        return done, skipped

    def _skipped(self, request, skipped: int) -> None:
        if skipped:
            self.message_user(request, ngettext(
                "%(count)d product skipped: not in a status that allows it.",
                "%(count)d products skipped: not in a status that allows it.", skipped,
            ) % {"count": skipped}, messages.WARNING)

    @admin.action(description=_("Approve the selected products (publish them)"), permissions=["change"])
    def approve_selected(self, request: HttpRequest, queryset) -> None:
        done, skipped = self._review(request, queryset,
                                     lambda p: artisan_services.product_approve(product=p, reviewer=request.user))
        if done:
            self.message_user(request, ngettext(
                "%(count)d product approved and published; its artisan has been emailed.",
                "%(count)d products approved and published; their artisans have been emailed.", done,
            ) % {"count": done}, messages.SUCCESS)
        self._skipped(request, skipped)

    @admin.action(description=_("Send the selected published products for review (buyers stop seeing them)"),
                  permissions=["change"])
    def send_to_review_selected(self, request: HttpRequest, queryset) -> None:
        done, skipped = self._review(request, queryset,
                                     lambda p: artisan_services.product_send_to_review(product=p, reviewer=request.user))
        if done:
            self.message_user(request, ngettext(
                "%(count)d product sent for review; its artisan has been emailed.",
                "%(count)d products sent for review; their artisans have been emailed.", done,
            ) % {"count": done}, messages.SUCCESS)
        self._skipped(request, skipped)

    @admin.action(description=_("Decline the selected products, with a reason…"), permissions=["change"])
    def decline_selected(self, request: HttpRequest, queryset) -> HttpResponse | None:
        form = DeclineForm(request.POST if "reason" in request.POST else None)
        if form.is_valid():
            reason = form.cleaned_data["reason"]
            done, skipped = self._review(request, queryset, lambda p: artisan_services.product_decline(
                product=p, reviewer=request.user, reason=reason))
            if done:
                self.message_user(request, ngettext(
                    "%(count)d product declined; its artisan has been emailed the reason.",
                    "%(count)d products declined; their artisans have been emailed the reason.", done,
                ) % {"count": done}, messages.SUCCESS)
            self._skipped(request, skipped)
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": _("Decline products"),
            "opts": self.model._meta,
            "products": queryset.select_related("artisan"),
            "form": form,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            "selected": request.POST.getlist(admin.helpers.ACTION_CHECKBOX_NAME),
        }
        return TemplateResponse(request, "catalog/admin_decline.html", context)


@admin.register(ProductPhoto)
class ProductPhotoAdmin(OrderedPhotoAdmin):
    list_display = ["alt_text", "product", "position", "preview", "created_at"]
    search_fields = ["alt_text", "product__title"]


@admin.register(Craft)
class CraftAdmin(admin.ModelAdmin):
    list_display = ["name_en", "name_fr", "name_es", "name_ar", "slug", "position"]
    list_editable = ["position"]
    search_fields = ["name_en", "name_fr", "name_es", "name_ar", "slug"]
    prepopulated_fields = {"slug": ["name_en"]}


@admin.register(ExchangeRate)
class ExchangeRateAdmin(admin.ModelAdmin):
    """Staff edit the rates; the database recomputes the USD price of the currency's products.

    One rate per currency, seeded by migration 0007: none is added or deleted here (a product's
    currency must have one).
    """

    list_display = ["currency", "usd_per_unit", "updated_at"]
    fields = ["currency", "usd_per_unit", "updated_at"]
    readonly_fields = ["currency", "updated_at"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(CatalogSettings)
class CatalogSettingsAdmin(admin.ModelAdmin):
    """One row (catalog.curation reads it): whether every product is reviewed before it is public."""

    list_display = ["__str__", "review_products", "updated_at"]
    fields = ["review_products", "updated_at"]
    readonly_fields = ["updated_at"]

    def has_add_permission(self, request):
        return not CatalogSettings.objects.exists() and super().has_add_permission(request)

    def has_delete_permission(self, request, obj=None):
        return False
