"""The outbox keeps a copy of each email to send it once; a deleted account's copies go."""

from __future__ import annotations

from common.personal_data import Erasure, PersonalData
from notifications.models import Email


def _erase(erasure: Erasure) -> None:
    Email.objects.filter(to__in=erasure.emails).delete()


PERSONAL_DATA = PersonalData(app_label="notifications", models=("notifications.Email",), erase=_erase)
