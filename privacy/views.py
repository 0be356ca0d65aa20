from __future__ import annotations

import json

from allauth.account.adapter import get_adapter
from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from privacy.forms import AccountDeleteForm
from privacy.models import PrivacySettings
from privacy.services import account_delete, account_export


def privacy_page(request: HttpRequest) -> HttpResponse:
    return render(request, "privacy/page.html", {
        "message_retention_days": PrivacySettings.current().message_retention_days,
        "contact_email": settings.PRIVACY_CONTACT_EMAIL,
    })


@login_required
def data_export(request: HttpRequest) -> HttpResponse:
    """The person's data as a JSON file (privacy.services.account_export)."""
    data = account_export(user=request.user)
    response = HttpResponse(
        json.dumps(data, indent=2, ensure_ascii=False), content_type="application/json; charset=utf-8"
    )
    filename = f"craftmatch-data-{timezone.now():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
def account_delete_view(request: HttpRequest) -> HttpResponse:
    if request.user.is_staff:
        # Agency accounts are closed by another member of staff in the admin, not by themselves.
        raise PermissionDenied
    form = AccountDeleteForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        user = request.user
        address = EmailAddress.objects.get_primary_email(user) or user.email
        account_delete(user=user)
        # The one message sent after deletion: the address that was the account's is told.
        get_adapter(request).send_notification_mail("account/email/account_deleted", user, email=address)
        logout(request)
        messages.success(request, _("Your account is deleted."))
        return redirect("home")
    return render(request, "privacy/account_delete.html", {"form": form})
