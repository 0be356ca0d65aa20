"""Deals in the admin: every deal of the programs, read-only, with its lines and its whole history.

Changes go through deals.services (the parties' pages); the admin is not a second write path.
The minimums an artisan sets are plain settings and stay editable.
"""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from common.admin_readonly import ReadOnlyAdminMixin, ReadOnlyInline, ReadOnlyOnChangeMixin
from deals.models import (
    Deal,
    DealEvent,
    DealMessage,
    DealTerms,
    Inquiry,
    Order,
    ProductTerms,
    ProgramRate,
    Quote,
    Sample,
)


class InquiryInline(ReadOnlyInline):
    model = Inquiry
    fields = [
        "status",
        "destination_country",
        "incoterm",
        "wanted_by",
        "target_price",
        "currency",
        "message",
        "contact_name",
        "confirmed_at",
    ]


class QuoteInline(ReadOnlyInline):
    model = Quote
    fields = ["version", "status", "currency", "incoterm", "named_place", "lead_time_days", "valid_until"]


class SampleInline(ReadOnlyInline):
    model = Sample
    fields = ["product", "round", "status", "policy", "carrier", "tracking_number"]


class OrderInline(ReadOnlyInline):
    model = Order
    fields = ["status", "currency", "po_number", "is_reorder", "ship_by", "carrier", "tracking_number"]


class DealEventInline(ReadOnlyInline):
    model = DealEvent
    fields = [
        "created_at",
        "subject",
        "action",
        "from_status",
        "to_status",
        "actor",
        "on_behalf_of",
        "reason",
    ]


class DealMessageInline(ReadOnlyInline):
    """The thread as written; its files are read on the deal's page (staff acting for artisans)."""

    model = DealMessage
    fields = ["created_at", "author", "on_behalf_of", "body", "files"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("author", "on_behalf_of")
            .prefetch_related("attachments")
        )

    @admin.display(description=_("attachments"))
    def files(self, obj: DealMessage) -> str:
        return ", ".join(f"{file.name} ({file.get_content_type_display()})" for file in obj.attachments.all())


@admin.register(Deal)
class DealAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["artisan", "buyer", "program", "source", "updated_at"]
    list_filter = ["source", "program"]
    list_select_related = ["artisan", "buyer", "program"]
    search_fields = ["artisan__business_name", "buyer__organisation_name"]
    inlines = [InquiryInline, QuoteInline, SampleInline, OrderInline, DealEventInline, DealMessageInline]


@admin.register(DealTerms)
class DealTermsAdmin(ReadOnlyOnChangeMixin, admin.ModelAdmin):
    list_display = ["artisan", "currency", "opening_order_minimum", "reorder_minimum"]
    list_select_related = ["artisan"]
    autocomplete_fields = ["artisan"]
    readonly_on_change = ("artisan",)


@admin.register(ProductTerms)
class ProductTermsAdmin(ReadOnlyOnChangeMixin, admin.ModelAdmin):
    list_display = ["product", "pack_multiple", "sample_policy"]
    list_select_related = ["product"]
    autocomplete_fields = ["product"]
    readonly_on_change = ("product",)


@admin.register(ProgramRate)
class ProgramRateAdmin(admin.ModelAdmin):
    """The dated rates a program's results convert deal values at (deals.results)."""

    list_display = ["program", "currency", "usd_per_unit", "as_of"]
    list_filter = ["program", "currency"]
    list_select_related = ["program"]
