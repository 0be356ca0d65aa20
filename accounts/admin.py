import allauth.mfa.admin  # noqa: F401 (registers its Authenticator admin first; replaced below)
from allauth.account.admin import EmailAddressAdmin as AllauthEmailAddressAdmin
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.services import EnrolmentError, staff_enrolment_issue
from common.admin_secrets import SecretFieldsAdminMixin


@admin.register(User)
class UserAdmin(SecretFieldsAdminMixin, DjangoUserAdmin):
    # The hash is shown masked by Django; a lookup on it would answer one character at a time.
    secret_fields = ("password",)
    ordering = ["email"]
    list_display = ["email", "full_name", "role", "language", "time_zone", "is_staff", "is_active"]
    list_filter = ["role", "is_staff", "is_active", "language"]
    search_fields = ["email", "full_name"]
    readonly_fields = ["date_joined", "last_login", "public_id"]
    fieldsets = [
        (None, {"fields": ["email", "password", "public_id"]}),
        (_("Person"), {"fields": ["full_name", "role", "language", "time_zone"]}),
        (_("Permissions"), {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]}),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "role", "password1", "password2"]})]
    actions = ["send_enrolment_link"]

    @admin.action(description=_("Send a second-factor enrolment link"), permissions=["change"])
    def send_enrolment_link(self, request, queryset):
        sent = 0
        for user in queryset:
            try:
                staff_enrolment_issue(user=user, issued_by=request.user)
            except EnrolmentError as error:
                self.message_user(request, f"{user}: {error}", messages.WARNING)
            else:
                sent += 1
        if sent:
            self.message_user(request, _("%(count)d enrolment links sent.") % {"count": sent}, messages.SUCCESS)


admin.site.unregister(Authenticator)


@admin.register(Authenticator)
class AuthenticatorAdmin(SecretFieldsAdminMixin, admin.ModelAdmin):
    """Who has which second factor, never its data (the TOTP secret, the recovery-code seed).

    Read-only: an authenticator added or edited here would be a second factor for someone else.
    Deleting one (a lost phone) stays possible for whoever holds the delete permission.
    """

    secret_fields = ("data",)
    list_display = ["user", "type", "created_at", "last_used_at"]
    list_filter = ["type", "created_at", "last_used_at"]
    search_fields = ["user__email"]
    fields = ["user", "type", "created_at", "last_used_at"]
    readonly_fields = fields
    list_select_related = ["user"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


admin.site.unregister(EmailAddress)


@admin.register(EmailAddress)
class EmailAddressAdmin(AllauthEmailAddressAdmin):
    """allauth's, with its "mark verified" action declaring the permission it needs.

    A verified address receives password resets and takes invitations bound to it: marking one
    verified is a change of the address, not something reading the list allows.
    """

    @admin.action(description=_("Mark selected email addresses as verified"), permissions=["change"])
    def make_verified(self, request, queryset):
        return super().make_verified(request, queryset)


admin.site.site_header = _("CraftMatch administration")
admin.site.site_title = _("CraftMatch")
admin.site.index_title = _("Programs, people and meetings")
