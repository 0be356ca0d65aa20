from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from notifications.models import Email
from notifications.tasks import send_email_task


@admin.register(Email)
class EmailAdmin(admin.ModelAdmin):
    list_display = ["subject", "to", "status", "attempts", "created_at", "sent_at", "last_error"]
    list_filter = ["status", "created_at"]
    search_fields = ["to", "subject", "key"]
    readonly_fields = [f.name for f in Email._meta.fields]
    actions = ["retry_now"]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Retry the selected failed or waiting emails"))
    def retry_now(self, request, queryset):
        count = 0
        for email in queryset.filter(status__in=[Email.Status.FAILED, Email.Status.WAITING]):
            Email.objects.filter(pk=email.pk).update(status=Email.Status.WAITING)
            send_email_task.delay(email.pk)
            count += 1
        self.message_user(request, _("%(count)d emails queued again.") % {"count": count}, messages.SUCCESS)
