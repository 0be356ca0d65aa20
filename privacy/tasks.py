from __future__ import annotations

from celery import shared_task

from privacy import services


@shared_task(name="privacy.purge_old_messages")
def purge_old_messages_task() -> int:
    return services.messages_purge()
