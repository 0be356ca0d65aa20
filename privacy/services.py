"""A person's own data, and how long the agency keeps it.

`account_export` and `account_delete` run what each app declared about its share of a person's
data (common.personal_data, filled in by each app's AppConfig.ready): this module names none of
them. Deletion keeps the agency's figures true: meetings, their events and outcomes stay, and the
User row stays as a tombstone that they point to (their foreign keys PROTECT it). Everything that
says who the person was goes; each app's `personal_data.py` says what that is for its rows.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.core.files.storage import Storage
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from common.personal_data import Erasure, registrations
from privacy.models import PrivacySettings

EXPORT_FORMAT = "craftmatch-account-export-1"

# Each kind of data an app lets expire (PersonalData.expiries) → the period staff set for it.
RETENTION_DAYS = {"messages": "message_retention_days"}


def account_export(*, user: User) -> dict[str, Any]:
    """Everything CraftMatch holds about `user` that they gave or that concerns them, as JSON-ready data.

    One section per declaration, in INSTALLED_APPS order. Other people's data is left out: each
    app names the other party of a meeting, a shortlist item or a wish the way the person saw it
    (an organisation or business name), and only what the person wrote themselves is included.
    """
    data: dict[str, Any] = {"format": EXPORT_FORMAT}
    for declaration in registrations():
        for name, build in declaration.sections.items():
            data[name] = build(user)
    return data


def account_delete(*, user: User) -> None:
    """Delete a person's account, keeping the agency's counts (see the module docstring).

    One transaction for the rows, the account locked first; the apps run from the top layer down,
    the account itself last, each finding its rows by the account or by the addresses it had
    (read before anything changed). Files are removed after commit, so a rollback never leaves
    rows pointing at missing files. Running it twice is harmless.
    """
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        declarations = registrations()
        emails = {
            address
            for declaration in declarations
            if declaration.addresses
            for address in declaration.addresses(user)
        }
        erasure = Erasure(user=user, emails=frozenset(emails))
        for declaration in reversed(declarations):
            if declaration.erase is not None:
                declaration.erase(erasure)
        files = list(erasure.files)
        transaction.on_commit(lambda: _delete_files(files))


def _delete_files(files: list[tuple[Storage, str]]) -> None:
    """Remove each file from its own field's storage (public media, or private files)."""
    for storage, name in files:
        storage.delete(name)


def messages_purge(*, now: datetime | None = None) -> int:
    """Delete meeting messages older than the retention staff set; returns how many went."""
    return _expire("messages", now=now or timezone.now())


def _expire(kind: str, *, now: datetime) -> int:
    """Run every app's expiry of `kind` with the cutoff staff's period gives.

    Each is a plain conditional DELETE: a second run, or two overlapping ones, find nothing left.
    """
    days = getattr(PrivacySettings.current(), RETENTION_DAYS[kind])
    cutoff = now - timedelta(days=days)
    return sum(
        declaration.expiries[kind](cutoff) for declaration in registrations() if kind in declaration.expiries
    )
