"""Time zones as people read them: "New York (UTC−05:00)" rather than the IANA id "America/New_York"."""

from __future__ import annotations

import zoneinfo
from datetime import datetime, tzinfo
from functools import lru_cache
from importlib.resources import files

from django.utils import timezone
from django.utils.formats import date_format


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


def local_datetime(value: datetime | None) -> str:
    """A moment in the active time zone, named: "2 Dec 2026, 10:00 (Madrid (UTC+01:00))"; "—" for none.

    The offset is the one at that moment, so a date across a time change reads right."""
    if value is None:
        return "—"
    local = timezone.localtime(value)
    return f"{date_format(local, 'DATETIME_FORMAT')} ({zone_label(timezone.get_current_timezone(), at=value)})"


# The zones agencies, artisans and buyers of CraftMatch are in, offered before the rest.
COMMON_ZONES = (
    "Europe/Madrid", "America/New_York", "Africa/Casablanca", "Europe/Paris", "Europe/London", "Europe/Lisbon",
    "Europe/Berlin", "Europe/Rome", "America/Chicago", "America/Denver", "America/Los_Angeles",
    "America/Mexico_City", "America/Bogota", "America/Sao_Paulo", "Asia/Dubai", "Asia/Tokyo", "UTC",
)
_REGIONS = ("Africa/", "America/", "Antarctica/", "Arctic/", "Asia/", "Atlantic/", "Australia/", "Europe/",
            "Indian/", "Pacific/")


@lru_cache(maxsize=1)
def canonical_zones() -> tuple[str, ...]:
    """The tz database's own zones, by their current names: no links (legacy aliases such as
    US/Eastern or Asia/Calcutta), no Factory, localtime, Etc/ or POSIX-style names; UTC kept."""
    data = files("tzdata.zoneinfo").joinpath("tzdata.zi").read_text(encoding="utf-8")
    names = {line.split()[1] for line in data.splitlines() if line.startswith("Z ")}
    return tuple(sorted(name for name in names if name.startswith(_REGIONS))) + ("UTC",)


def time_zone_choices() -> list[tuple[str, object]]:
    """Choices for every time zone field: the common zones first, then all the others, each
    labelled with its offset now ("Madrid (UTC+01:00)")."""
    from django.utils.translation import gettext as _

    others = [name for name in canonical_zones() if name not in COMMON_ZONES]
    return [
        (_("Common time zones"), [(name, zone_label(name)) for name in COMMON_ZONES]),
        (_("All time zones"), [(name, f"{name.replace('_', ' ')} — {zone_label(name)}") for name in others]),
    ]
