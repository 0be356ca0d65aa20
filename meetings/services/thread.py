"""The thread of messages on a meeting."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from meetings.models import Meeting, Message
from meetings.services.base import _require, _require_party
from meetings.services.mail import _site_url
from notifications.services import email_enqueue_to_user
from notifications.throttle import burst_key

# A burst of messages sends the other side at most one email per bucket.
MESSAGE_EMAIL_BUCKET = timedelta(minutes=10)


def message_post(*, meeting_id: int, author: User, body: str, now: datetime | None = None) -> Message:
    """Add a message to the thread and tell the other side, at most once per ten minutes."""
    now = now or timezone.now()
    body = body.strip()
    _require(bool(body), _("Write a message first."))
    meeting = Meeting.objects.select_related("artisan", "buyer", "artisan_user", "buyer_user").get(pk=meeting_id)
    _require_party(meeting, author)
    recipient = meeting.other_party(author)
    with transaction.atomic():
        message = Message.objects.create(meeting=meeting, author=author, body=body)
        email_enqueue_to_user(
            key=burst_key(f"meeting-message:{meeting.pk}:{recipient.pk}", now=now, every=MESSAGE_EMAIL_BUCKET),
            user=recipient,
            template="meeting_message",
            context={
                "meeting": meeting, "message": message, "author": author, "recipient": recipient,
                "url": _site_url(reverse("meetings:detail", args=[meeting.public_id])),
            },
        )
    return message
