"""allauth wiring: the role from the sign-up path, mail through the outbox, role dashboards.

Security notices (address added, changed or removed, password changed or reset, second factor
on or off, account deleted) go out through the same outbox, in the account's own language.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone, translation

from common.crypto import decrypt_text, encrypt_text
from common.ratelimit import client_ip
from notifications.emails import html_document, text_to_html
from notifications.services import email_enqueue


@dataclass(frozen=True)
class SiteName:
    """What allauth's mail calls the site: our name and SITE_URL's host (not the request's)."""

    name: str = "CraftMatch"
    domain: str = field(default_factory=lambda: urlsplit(settings.SITE_URL).netloc)

    def __str__(self) -> str:
        return self.domain


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=False)
        user.role = form.role
        user.full_name = form.cleaned_data["full_name"]
        user.time_zone = form.cleaned_data["time_zone"]
        user.language = getattr(request, "LANGUAGE_CODE", None) or user.language
        if commit:
            user.save()
        return user

    def get_client_ip(self, request) -> str:
        # allauth's rate limits key on this: the same address as every other limit of ours.
        ip = client_ip(request)
        if not ip:
            raise PermissionDenied("Unable to determine client IP address")
        return ip

    def get_login_redirect_url(self, request):
        return reverse("dashboard")

    def send_notification_mail(self, template_prefix, user, context=None, email=None):
        # A reset comes from a signed-out browser in any language: the notice follows the account.
        language = getattr(user, "language", "") or settings.LANGUAGE_CODE
        try:
            zone = user.zone
        except (AttributeError, ValueError, LookupError):
            zone = timezone.get_current_timezone()
        with translation.override(language), timezone.override(zone):
            super().send_notification_mail(template_prefix, user, context=context, email=email)

    def send_mail(self, template_prefix, email, context):
        # Rendered now, in the request's language; sent by a Celery worker after commit.
        # allauth's own send_mail puts the site in the context; its templates greet with it.
        context = {"email": email, "current_site": SiteName(), **context}
        message = self.render_mail(template_prefix, email, context)
        body = text_to_html(message.body)
        for content, mimetype in getattr(message, "alternatives", []):
            if mimetype == "text/html":
                body = content
        subject = " ".join(message.subject.split())
        email_enqueue(
            key=f"account:{template_prefix.rsplit('/', 1)[-1]}:{email}:{uuid.uuid4().hex}",
            to=email,
            subject=subject,
            text=message.body,
            html=html_document(subject=subject, body=body),
            language=translation.get_language() or settings.LANGUAGE_CODE,
        )


class MFAAdapter(DefaultMFAAdapter):
    """TOTP secrets and the recovery-code seed are stored encrypted (common.crypto)."""

    def encrypt(self, text: str) -> str:
        return encrypt_text(text)

    def decrypt(self, encrypted_text: str) -> str:
        return decrypt_text(encrypted_text)
