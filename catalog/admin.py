from __future__ import annotations

from django.contrib import admin, messages
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from artisans import services as artisan_services
from artisans.services import ReviewConflict
from catalog.forms import DeclineForm, ProductPhotoAdminForm
from catalog.models import CatalogSettings, Craft, ExchangeRate, Product, ProductPhoto
from catalog.services import delete_files_on_commit, queue_renditions
from common.admin_widgets import SafeAutocompleteMixin
from common.images import RENDITION_SIZES


def photo_saved(photo, *, kind: str, image_changed: bool, old_names: list[str]) -> None:
    """After an admin save: a replaced image gets fresh renditions, the old files go."""
    if not image_changed:
        return
    type(photo).objects.filter(pk=photo.pk).update(**dict.fromkeys(RENDITION_SIZES, ""))
    delete_files_on_commit(old_names)
    queue_renditions(kind=kind, photo_id=photo.pk)


def stored_names(model, pk) -> list[str]:
    if pk is None:
        return []
    row = model.objects.filter(pk=pk).values("image", *RENDITION_SIZES).first() or {}
    return [name for name in row.values() if name]


def thumbnail(photo) -> str:
    if photo and photo.thumb:
        return format_html('<img src="{}" alt="{}" height="64">', photo.thumb.url, photo.alt_text)
    return "—"


class PhotoAdminMixin:
    """Admin uploads are validated and cleaned like the artisan's, and get renditions."""

    photo_kind = "product"

    def save_model(self, request, obj, form, change):
        old = stored_names(type(obj), obj.pk) if "image" in form.changed_data else []
        super().save_model(request, obj, form, change)
        photo_saved(obj, kind=self.photo_kind, image_changed="image" in form.changed_data, old_names=old)

    @admin.display(description=_("preview"))
    def preview(self, obj):
        return thumbnail(obj)


class InlinePhotoMixin:
    photo_kind = "product"

    def save_formset_photos(self, request, formset):
        changed = {}
        for form in formset.forms:
            if form.instance.pk and "image" in form.changed_data:
                changed[form.instance.pk] = stored_names(type(form.instance), form.instance.pk)
        instances = formset.save()
        for form in formset.forms:
            instance = form.instance
            if instance.pk is None or not form.has_changed() or "image" not in form.changed_data:
                continue
            photo_saved(instance, kind=self.photo_kind, image_changed=True, old_names=changed.get(instance.pk, []))
        for obj in formset.deleted_objects:
            delete_files_on_commit(
                [getattr(obj, name).name for name in ("image", *RENDITION_SIZES) if getattr(obj, name)]
            )
        return instances


class ProductPhotoInline(admin.TabularInline):
    model = ProductPhoto
    form = ProductPhotoAdminForm
    extra = 0
    fields = ["preview", "image", "alt_text", "position"]
    readonly_fields = ["preview"]

    @admin.display(description=_("preview"))
    def preview(self, obj):
        return thumbnail(obj)


@admin.register(Product)
class ProductAdmin(SafeAutocompleteMixin, InlinePhotoMixin, admin.ModelAdmin):
    list_display = ["title", "artisan", "craft", "status", "wholesale_price", "currency", "min_order_qty",
                    "submitted_at", "updated_at"]
    list_filter = ["status", "craft", "currency", "artisan__status"]
    search_fields = ["title", "artisan__business_name", "materials"]
    list_select_related = ["artisan", "craft"]
    autocomplete_fields = ["artisan"]
    # The status changes only through the artisan's publishing and the review actions
    # (catalog.curation, artisans.services.product_approve / product_decline), which record who and when.
    readonly_fields = ["public_id", "status", "review_reason", "submitted_at", "reviewed_at", "reviewed_by",
                       "wholesale_price_usd", "created_at", "updated_at"]
    inlines = [ProductPhotoInline]
    actions = ["approve_selected", "decline_selected"]
    photo_kind = "product"

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

    def save_formset(self, request, form, formset, change):
        if formset.model is ProductPhoto:
            return self.save_formset_photos(request, formset)
        return super().save_formset(request, form, formset, change)


@admin.register(ProductPhoto)
class ProductPhotoAdmin(SafeAutocompleteMixin, PhotoAdminMixin, admin.ModelAdmin):
    form = ProductPhotoAdminForm
    list_display = ["alt_text", "product", "position", "preview", "created_at"]
    list_select_related = ["product"]
    search_fields = ["alt_text", "product__title"]
    autocomplete_fields = ["product"]
    fields = ["product", "preview", "image", "alt_text", "position"]
    readonly_fields = ["preview"]
    photo_kind = "product"

    def get_form(self, request, obj=None, **kwargs):
        kwargs["fields"] = ["product", "image", "alt_text", "position"]
        return super().get_form(request, obj, **kwargs)


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
