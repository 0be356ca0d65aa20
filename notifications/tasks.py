from __future__ import annotations

from celery import shared_task
from django.conf import settings

from notifications import services


@shared_task(bind=True, name="notifications.send_email", max_retries=None)
def send_email_task(self, email_id: int) -> bool:
    try:
        return services.email_send(email_id=email_id)
    except services.EmailBusy:
        # Another worker holds the claim; look again once it could have gone stale.
        raise self.retry(countdown=services.STALE_CLAIM.total_seconds() + 5)
    except services.TRANSIENT_ERRORS as error:
        if self.request.retries + 1 >= settings.EMAIL_MAX_ATTEMPTS:
            services.email_mark_failed(email_id=email_id, error=f"{type(error).__name__}: {error}")
            return False
        # Exponential backoff: 10 s, 20 s, 40 s ... capped at 30 minutes.
        raise self.retry(countdown=min(10 * 2**self.request.retries, 1800))


@shared_task(name="notifications.requeue_stuck_emails")
def requeue_stuck_emails_task() -> int:
    return services.email_requeue_stuck()
