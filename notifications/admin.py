from django.contrib import admin, messages
from django.contrib.auth import get_permission_codename
from django.utils.translation import gettext_lazy as _

from common.admin_secrets import SecretFieldsAdminMixin
from notifications import services
from notifications.models import Email


@admin.register(Email)
class EmailAdmin(SecretFieldsAdminMixin, admin.ModelAdmin):
    secret_fields = ("body_text", "body_html", "attachments")
    list_display = ["subject", "to", "purpose", "status", "attempts", "created_at", "sent_at", "last_error"]
    list_filter = ["status", "created_at"]
    search_fields = ["to", "subject", "key"]
    # Never the bodies or attachments: a body may hold a live reset, confirmation or invitation
    # link, which anyone allowed to view this page could use (SECURITY.md).
    fields = [
        "key", "purpose", "to", "subject", "attachment_names", "status", "attempts", "last_error",
        "created_at", "claimed_at", "sent_at",
    ]
    readonly_fields = fields
    actions = ["retry_now"]

    def has_add_permission(self, request):
        return False

    def get_queryset(self, request):
        # Nothing here reads a body: not even decrypted into memory.
        return super().get_queryset(request).defer("body_text", "body_html")

    @admin.display(description=_("purpose"))
    def purpose(self, obj):
        return obj.purpose

    @admin.display(description=_("attachments"))
    def attachment_names(self, obj):
        return ", ".join(item["filename"] for item in obj.attachments) or "—"

    def has_retry_permission(self, request) -> bool:
        # Sending again is not an edit of the row (every field is read-only here), but it is a
        # write: it needs the outbox's change permission, not only the right to read it.
        opts = self.opts
        return request.user.has_perm(f"{opts.app_label}.{get_permission_codename('change', opts)}")

    @admin.action(description=_("Retry the selected failed or waiting emails"), permissions=["retry"])
    def retry_now(self, request, queryset):
        count = services.email_retry(email_ids=list(queryset.values_list("pk", flat=True)))
        self.message_user(request, _("%(count)d emails queued again.") % {"count": count}, messages.SUCCESS)
