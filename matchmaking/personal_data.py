"""Matchmaking: the wishes a person stated about meeting someone, and what was suggested to them.

Deletion: a buyer's preferences and recommendations go (the artisan's wishes about that buyer
with them, as before: they name a person who is gone). A published schedule's items stay for the
agency's record of the day, pointing at the account's tombstone.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from accounts.models import User
from common.personal_data import Erasure, PersonalData, iso
from matchmaking.models import Preference, Recommendation


def _preferences(user: User) -> list[dict[str, Any]]:
    # Only the wishes the person stated themselves; the other side is named as their page showed it.
    mine = Q(side=Preference.Side.BUYER, buyer_user=user) | Q(side=Preference.Side.ARTISAN, artisan__user=user)
    preferences = (
        Preference.objects.filter(mine)
        .select_related("program", "artisan", "buyer_user__buyer_profile").order_by("created_at", "id")
    )
    return [
        {
            "program": preference.program.name, "as": preference.side,
            "about": (
                preference.artisan.business_name if preference.side == Preference.Side.BUYER
                else getattr(getattr(preference.buyer_user, "buyer_profile", None), "organisation_name", None)
            ),
            "level": Preference.Level(preference.level).name.lower(),
            "created_at": iso(preference.created_at), "updated_at": iso(preference.updated_at),
        }
        for preference in preferences
    ]


def _erase(erasure: Erasure) -> None:
    Preference.objects.filter(buyer_user=erasure.user).delete()
    Recommendation.objects.filter(buyer_user=erasure.user).delete()


PERSONAL_DATA = PersonalData(
    app_label="matchmaking",
    models=(
        "matchmaking.Preference", "matchmaking.Recommendation",
        # Kept: a schedule's items say who met whom at which table; they point at the tombstone.
        # A plan's created_by/published_by are the staff who made it.
        "matchmaking.PlanItem", "matchmaking.SchedulePlan",
        # Not an account: interpreters are contacts staff enter for a program and remove in the admin.
        "matchmaking.Interpreter",
    ),
    sections={"preferences": _preferences},
    erase=_erase,
)
