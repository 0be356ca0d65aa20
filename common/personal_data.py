"""Who holds a person's data: each app declares its share here, the privacy app runs them all.

An app fills in one `PersonalData` in its `AppConfig.ready` (its own `personal_data.py`): the
sections it adds to the export file, what it erases or anonymises when the account is deleted,
and the models it answers for. `privacy.services` builds the export and runs the deletion from
these registrations alone, so the apps it serves need not be named anywhere above them, and a
new app's data cannot be forgotten quietly: `privacy/tests/test_registry.py` walks every model
with a user foreign key or an email field and fails on one that no registration names.

The same shape as pretix's data shredders (one object per kind of data, found through a
registry), reduced to what CraftMatch needs: one person, one JSON file, one transaction.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import Storage
from django.db import models

# A person's account (the custom user model); typed loosely because `common` sits below `accounts`.
Person = Any

# What a deleted account's names become, wherever a row of theirs is kept for the agency's figures.
DELETED_NAME = "Deleted user"


def tombstone_email() -> str:
    """A unique address that reaches nobody (.invalid is reserved), for an address that must go."""
    return f"deleted-{uuid.uuid4().hex}@invalid"


def iso(value: Any) -> str | None:
    """A date-time (or None) as the export writes it."""
    return value.isoformat() if value is not None else None


def decimal(value: Any) -> str | None:
    """A Decimal (or None) as the export writes it: a string, so no precision is lost."""
    return str(value) if value is not None else None


def photo(instance: Any) -> dict[str, Any]:
    """An ordered photo as the export writes it: where to fetch it, its alt text, its place."""
    return {
        "url": instance.image.url if instance.image else "",
        "alt_text": instance.alt_text,
        "position": instance.position,
    }


@dataclass
class Erasure:
    """One account's deletion in progress, handed to every app's `erase`.

    `emails` is every address the account had, read before any app changed anything, so an
    app can find rows kept by address (invitations, the outbox) whatever runs before it.
    Files are only noted here: the privacy service removes them once the rows are committed.
    """

    user: Person
    emails: frozenset[str]
    # (the field's own storage, the file's name): a private file is removed from private storage.
    files: list[tuple[Storage, str]] = field(default_factory=list)

    def forget_files(self, *instances: models.Model) -> None:
        """Note every stored file of these rows (an image and all its renditions) for removal."""
        for instance in instances:
            for model_field in instance._meta.concrete_fields:
                if isinstance(model_field, models.FileField):
                    stored = getattr(instance, model_field.attname)
                    if stored and stored.name:
                        self.files.append((model_field.storage, stored.name))

    def forget_admin_history(self, *instances: models.Model) -> None:
        """Unname these rows in the admin's history, which kept each one's name as it was then.

        The entries stay (which member of staff changed what kind of object, and when); their
        text goes: the object's name, and the change message, which names inline rows (a photo
        by its alt text).
        """
        by_type: dict[ContentType, list[str]] = defaultdict(list)
        for instance in instances:
            by_type[ContentType.objects.get_for_model(instance)].append(str(instance.pk))
        for content_type, pks in by_type.items():
            LogEntry.objects.filter(content_type=content_type, object_id__in=pks).update(
                object_repr=DELETED_NAME, change_message=""
            )


@dataclass(frozen=True)
class PersonalData:
    """One app's share of a person's data.

    `models`: labels ("app_label.ModelName") of every model whose rows hold this person or
    point at their account, including the ones kept on purpose (say why where it is declared).
    `sections`: export section name → a function of the user returning JSON-ready data.
    `erase`: called inside the deletion's transaction; running it twice must be harmless.
    `addresses`: the email addresses this app knows the person by (the account's own).
    `expiries`: kind of data kept only for the period staff set (privacy.PrivacySettings) → a
    function deleting the rows written before a cutoff, returning how many went.
    """

    app_label: str
    models: tuple[str, ...]
    sections: Mapping[str, Callable[[Person], Any]] = field(default_factory=dict)
    erase: Callable[[Erasure], None] | None = None
    addresses: Callable[[Person], Iterable[str]] | None = None
    expiries: Mapping[str, Callable[[datetime], int]] = field(default_factory=dict)


_registry: dict[str, PersonalData] = {}


def register(declaration: PersonalData) -> None:
    """Called from an app's `AppConfig.ready`; registering the same app again replaces it."""
    for other in _registry.values():
        taken = set(other.sections) & set(declaration.sections)
        if other.app_label != declaration.app_label and taken:
            raise ImproperlyConfigured(
                f"{declaration.app_label} declares export sections {sorted(taken)} that {other.app_label} has"
            )
    _registry[declaration.app_label] = declaration


def registrations() -> list[PersonalData]:
    """In registration order, which is INSTALLED_APPS order: lower apps first."""
    return list(_registry.values())


def covered_models() -> set[str]:
    """Every model label some app answers for."""
    return {label for declaration in _registry.values() for label in declaration.models}
