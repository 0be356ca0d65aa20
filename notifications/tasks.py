from __future__ import annotations

from celery import shared_task
from django.conf import settings

from notifications import services
from notifications.models import Email


@shared_task(bind=True, name="notifications.send_email", max_retries=None)
def send_email_task(self, email_id: int) -> bool:
    try:
        return services.email_send(email_id=email_id)
    except services.EmailBusy:
        # Another worker holds the claim; look again once it could have gone stale.
        raise self.retry(countdown=services.stale_claim().total_seconds() + 5)
    except services.TRANSIENT_ERRORS as error:
        # Attempts are counted in the row, so a message requeued by the sweep keeps its count.
        attempts = Email.objects.filter(pk=email_id).values_list("attempts", flat=True).first() or 0
        if attempts >= settings.EMAIL_MAX_ATTEMPTS:
            services.email_mark_failed(email_id=email_id, error=services.describe_error(error))
            return False
        raise self.retry(countdown=services.retry_delay(attempts))


@shared_task(name="notifications.requeue_stuck_emails")
def requeue_stuck_emails_task() -> int:
    return services.email_requeue_stuck()
