from __future__ import annotations

import logging

from celery import shared_task
from PIL import UnidentifiedImageError

from catalog import index, services

log = logging.getLogger(__name__)


@shared_task(bind=True, name="catalog.make_renditions", max_retries=5)
def make_renditions_task(self, kind: str, photo_id: int) -> list[str]:
    """Make the missing WebP renditions of a product photo, workshop photo or logo."""
    try:
        return services.photo_make_renditions(kind=kind, photo_id=photo_id)
    except UnidentifiedImageError:
        # The original was validated on upload; if it cannot be read now, retrying will not help.
        log.exception("Cannot make renditions of %s photo %s", kind, photo_id)
        return []
    except OSError as error:
        # Storage hiccups (S3, a full disk) are worth another try, with backoff.
        raise self.retry(exc=error, countdown=min(30 * 2**self.request.retries, 1800))


@shared_task(name="catalog.prune_changes")
def prune_changes_task() -> int:
    """Run by beat every hour: the catalog change log keeps a day."""
    return index.prune_changes()
