from __future__ import annotations

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from buyers import services
from buyers.models import BuyerProfile, ShortlistItem
from common.admin_readonly import ReadOnlyOnChangeMixin
from common.admin_widgets import SafeAutocompleteMixin


@admin.register(BuyerProfile)
class BuyerProfileAdmin(ReadOnlyOnChangeMixin, SafeAutocompleteMixin, admin.ModelAdmin):
    list_display = ["organisation_name", "organisation_kind", "user", "country", "city", "is_verified", "created_at"]
    list_filter = ["is_verified", "organisation_kind", "country", "crafts_of_interest"]
    search_fields = ["organisation_name", "user__email", "user__full_name", "city", "website"]
    list_select_related = ["user", "verified_by"]
    # Verified only by the action below (buyers.services.buyer_profiles_verify records who and when).
    readonly_fields = ["is_verified", "verified_at", "verified_by", "created_at", "updated_at"]
    # A profile moved to another account would leave its meetings with the old person.
    readonly_on_change = ("user",)
    autocomplete_fields = ["user"]
    filter_horizontal = ["crafts_of_interest"]
    actions = ["verify"]

    @admin.action(description=_("Mark the selected buyers as verified"), permissions=["change"])
    def verify(self, request, queryset):
        count = services.buyer_profiles_verify(profiles=queryset, by=request.user)
        self.message_user(
            request,
            ngettext("%(count)d buyer verified.", "%(count)d buyers verified.", count) % {"count": count},
            messages.SUCCESS,
        )


@admin.register(ShortlistItem)
class ShortlistItemAdmin(admin.ModelAdmin):
    list_display = ["buyer", "artisan", "product", "created_at"]
    list_select_related = ["buyer", "buyer__user", "artisan", "product"]
    search_fields = ["buyer__organisation_name", "artisan__business_name", "product__title"]
    raw_id_fields = ["buyer", "artisan", "product"]
    # The note is the buyer's own: not shown in admin.
    exclude = ["note"]
