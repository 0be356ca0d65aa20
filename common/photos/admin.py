"""The admin of every photo kind: staff uploads are validated, cleaned and get renditions like
the artisan's, and files a save replaces or deletes go after commit."""

from __future__ import annotations

from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from common.admin_widgets import SafeAutocompleteMixin
from common.photos import services
from common.photos.forms import PhotoAdminForm
from common.photos.kinds import kind_of, ordered_kind_of, ordered_kinds


def thumbnail(photo) -> str:
    if photo and photo.thumb:
        return format_html('<img src="{}" alt="{}" height="64">', photo.thumb.url, photo.alt_text)
    return "—"


class PreviewMixin:
    @admin.display(description=_("preview"))
    def preview(self, obj):
        return thumbnail(obj)


class PhotoAdminMixin:
    """For the ModelAdmin of a registered photo kind (an ordered photo, or a model with a logo):
    a replaced or cleared original gets fresh renditions and its old files are deleted."""

    def save_model(self, request, obj, form, change):
        source = kind_of(obj).source
        replaced = source in form.changed_data
        old = services.stored_file_names(type(obj), obj.pk) if replaced else []
        super().save_model(request, obj, form, change)
        if replaced:
            services.image_replaced(obj=obj, old_names=old)


class OrderedPhotoAdmin(SafeAutocompleteMixin, PhotoAdminMixin, PreviewMixin, admin.ModelAdmin):
    """The admin of an ordered photo kind, its owner picked by autocomplete; a subclass sets
    list_display and search_fields."""

    form = PhotoAdminForm
    readonly_fields = ["preview"]

    def __init__(self, model, admin_site):
        owner = ordered_kind_of(model).owner_field
        self.fields = [owner, "preview", "image", "alt_text", "position"]
        self.autocomplete_fields = [owner]
        self.list_select_related = [owner]
        super().__init__(model, admin_site)

    def get_form(self, request, obj=None, **kwargs):
        kwargs["fields"] = [name for name in self.fields if name not in self.readonly_fields]
        return super().get_form(request, obj, **kwargs)


class PhotoInline(PreviewMixin, admin.TabularInline):
    """The ordered photos of their owner, as an inline; the owner's admin takes PhotoInlinesMixin."""

    form = PhotoAdminForm
    extra = 0
    fields = ["preview", "image", "alt_text", "position"]
    readonly_fields = ["preview"]


class PhotoInlinesMixin:
    """For an owner's ModelAdmin with PhotoInline inlines: what the inline replaced or deleted
    gets fresh renditions or has its files deleted."""

    def save_formset(self, request, form, formset, change):
        if formset.model not in {kind.model for kind in ordered_kinds()}:
            return super().save_formset(request, form, formset, change)
        replaced = {
            photo_form.instance.pk: services.stored_file_names(formset.model, photo_form.instance.pk)
            for photo_form in formset.forms
            if photo_form.instance.pk and "image" in photo_form.changed_data
        }
        instances = formset.save()
        for photo_form in formset.forms:
            photo = photo_form.instance
            if photo.pk is not None and "image" in photo_form.changed_data:
                services.image_replaced(obj=photo, old_names=replaced.get(photo.pk, []))
        for photo in formset.deleted_objects:
            services.delete_files_on_commit(services.file_names(photo))
        return instances
