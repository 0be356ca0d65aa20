from __future__ import annotations

from celery import shared_task
from django.conf import settings
from django.db import InterfaceError, OperationalError

from programs import services


# A dropped database connection rolls the batch back whole; try again on a fresh connection.
@shared_task(
    name="programs.send_buyer_invitations",
    autoretry_for=(OperationalError, InterfaceError),
    retry_backoff=2,
    retry_backoff_max=60,
    max_retries=8,
)
def send_buyer_invitations_task(program_id: int) -> int:
    """One batch now; the rest later, at the configured rate."""
    sent, more = services.invitations_send_batch(program_id=program_id)
    if more:
        send_buyer_invitations_task.apply_async((program_id,), countdown=settings.INVITATION_BATCH_INTERVAL)
    return sent


@shared_task(name="programs.send_artisan_invitations")
def send_artisan_invitations_task(program_id: int) -> int:
    return services.artisan_invitations_send(program_id=program_id)


# A program's whole catalog with its photos: longer than the default limits allow.
@shared_task(name="programs.make_catalog_pdf", soft_time_limit=20 * 60, time_limit=25 * 60)
def make_catalog_pdf_task(program_id: int, language: str = "en") -> bool:
    return services.catalog_pdf_make(program_id=program_id, language=language)


@shared_task(name="programs.resume_invitation_batches")
def resume_invitation_batches_task() -> list[int]:
    return services.invitation_batches_resume()
