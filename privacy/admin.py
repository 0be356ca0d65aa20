from django.contrib import admin

from privacy.models import PrivacySettings


@admin.register(PrivacySettings)
class PrivacySettingsAdmin(admin.ModelAdmin):
    list_display = ["__str__", "message_retention_days", "updated_at"]

    def has_add_permission(self, request):
        return not PrivacySettings.objects.exists() and super().has_add_permission(request)

    def has_delete_permission(self, request, obj=None):
        return False
