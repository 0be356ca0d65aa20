"""allauth wiring: the role from the sign-up path, mail through the outbox, role dashboards."""

from __future__ import annotations

import uuid

from allauth.account.adapter import DefaultAccountAdapter
from django.urls import reverse

from notifications.services import email_enqueue


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

    def get_login_redirect_url(self, request):
        return reverse("dashboard")

    def send_mail(self, template_prefix, email, context):
        # Rendered now, in the request's language; sent by a Celery worker after commit.
        message = self.render_mail(template_prefix, email, context)
        html = ""
        for content, mimetype in getattr(message, "alternatives", []):
            if mimetype == "text/html":
                html = content
        email_enqueue(
            key=f"account:{template_prefix.rsplit('/', 1)[-1]}:{email}:{uuid.uuid4().hex}",
            to=email,
            subject=message.subject,
            text=message.body,
            html=html,
        )
