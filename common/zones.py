"""Time zones as people read them: "New York (UTC−05:00)" rather than the IANA id "America/New_York"."""

from __future__ import annotations

import zoneinfo
from datetime import datetime, tzinfo

from django.utils import timezone


def zone_label(zone: str | tzinfo, *, at: datetime | None = None) -> str:
    """The zone's place and its offset now (or `at`): the place is the id's last part, underscores
    read as spaces; a zone without a place (UTC) is its own name."""
    if isinstance(zone, str):
        try:
            zone = zoneinfo.ZoneInfo(zone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return zone
    key = getattr(zone, "key", None) or str(zone)
    if key in {"UTC", "Etc/UTC", "GMT", "Etc/GMT"}:
        return "UTC"
    place = key.rsplit("/", 1)[-1].replace("_", " ")
    offset = (at or timezone.now()).astimezone(zone).utcoffset()
    minutes = int(offset.total_seconds() // 60) if offset is not None else 0
    sign = "+" if minutes >= 0 else "\u2212"
    hours, rest = divmod(abs(minutes), 60)
    return f"{place} (UTC{sign}{hours:02d}:{rest:02d})"
