from __future__ import annotations

import logging

from celery import shared_task
from PIL import UnidentifiedImageError

from common.photos import services

log = logging.getLogger(__name__)


@shared_task(bind=True, name="photos.make_renditions", max_retries=5)
def make_renditions_task(self, label: str, pk: int) -> list[str]:
    """Make the missing WebP renditions of one photo: `label` names its kind (common.photos.kinds)."""
    try:
        return services.renditions_make(label=label, pk=pk)
    except UnidentifiedImageError:
        # The original was validated on upload; if it cannot be read now, retrying will not help.
        log.exception("Cannot make renditions of %s %s", label, pk)
        return []
    except OSError as error:
        # Storage hiccups (S3, a full disk) are worth another try, with backoff.
        raise self.retry(exc=error, countdown=min(30 * 2**self.request.retries, 1800))
