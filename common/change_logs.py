"""Change logs written by triggers (catalog.models.CatalogChange, fairs.models.FairChange): pruning.

Readers take a log's newest id as its version (a cache key, an index's snapshot). Ids come from a
sequence, so a new row is always above every deleted one; only emptying the log would move the
version back (to 0, a value an older key may already hold). Pruning therefore always keeps the
newest row, whatever its age, and deletes only rows older than the caller's margin: rows a reader
that consumes the log by range may still have to read.

Rows still uncommitted are invisible to the DELETE and stay, whatever their id.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import models
from django.utils import timezone


def change_log_prune(*, model: type[models.Model], keep: timedelta, now: datetime | None = None) -> int:
    """Delete `model`'s rows whose `changed_at` is older than `keep`, never the newest row; how many."""
    newest = model._default_manager.order_by("-pk").values_list("pk", flat=True).first()
    if newest is None:
        return 0
    cutoff = (now or timezone.now()) - keep
    deleted, _ = model._default_manager.filter(changed_at__lt=cutoff, pk__lt=newest).delete()
    return deleted
