from __future__ import annotations

from celery import shared_task
from django.conf import settings

from programs import services


@shared_task(name="programs.send_buyer_invitations")
def send_buyer_invitations_task(program_id: int) -> int:
    """One batch now; the rest later, at the configured rate."""
    sent, more = services.invitations_send_batch(program_id=program_id)
    if more:
        send_buyer_invitations_task.apply_async((program_id,), countdown=settings.INVITATION_BATCH_INTERVAL)
    return sent


@shared_task(name="programs.send_artisan_invitations")
def send_artisan_invitations_task(program_id: int) -> int:
    return services.artisan_invitations_send(program_id=program_id)


@shared_task(name="programs.make_catalog_pdf")
def make_catalog_pdf_task(program_id: int) -> bool:
    return services.catalog_pdf_make(program_id=program_id)
