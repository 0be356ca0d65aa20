from __future__ import annotations

from datetime import datetime, timedelta

from django.utils import timezone

from privacy.models import PrivacySettings


def messages_purge(*, now: datetime | None = None) -> int:
    """Delete meeting messages older than the retention staff set; returns how many went.

    A plain conditional DELETE: a second run, or two overlapping ones, find nothing left to do.
    """
    from meetings.models import Message

    now = now or timezone.now()
    cutoff = now - timedelta(days=PrivacySettings.current().message_retention_days)
    deleted, _by_model = Message.objects.filter(created_at__lt=cutoff).delete()
    return deleted
