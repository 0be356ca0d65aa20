"""Referencing: an artisan's candidacies and a committee member's scores.

Export: for an artisan, each candidate product with its decision and reason, its listing's
article number and the checklist items they ticked; for a committee member, the marks they gave.
Deletion: candidacies, decisions and listings stay for the agency's and the retailer's figures
(they name a business and a product, not a person); the staff member who decided and the person
who ticked a checklist item are forgotten. A member's marks go with their buyer profile.
"""

from __future__ import annotations

from typing import Any

from accounts.models import User
from common.personal_data import Erasure, PersonalData, iso
from referencing.models import Candidate, ReadinessTick, Score


def _candidacies(user: User) -> list[dict[str, Any]]:
    candidates = (
        Candidate.objects.filter(artisan__user=user)
        .select_related("round__retailer", "product", "listing")
        .order_by("created_at")
    )
    return [
        {
            "retailer": candidate.round.retailer.name,
            "round": candidate.round.name,
            "product": candidate.product.title,
            "status": candidate.status,
            "reason": candidate.reason,
            "decided_at": iso(candidate.decided_at),
            "article_number": getattr(getattr(candidate, "listing", None), "article_number", None),
        }
        for candidate in candidates
    ]


def _ticks(user: User) -> list[dict[str, Any]]:
    return [
        {"round": tick.round.name, "item": tick.item, "ticked_at": iso(tick.ticked_at)}
        for tick in ReadinessTick.objects.filter(ticked_by=user).select_related("round").order_by("ticked_at")
    ]


def _scores(user: User) -> list[dict[str, Any]]:
    return [
        {
            "round": score.candidate.round.name,
            "product": score.candidate.product.title,
            "criterion": score.criterion.name,
            "score": score.value,
        }
        for score in Score.objects.filter(member__user=user)
        .select_related("candidate__round", "candidate__product", "criterion")
        .order_by("updated_at")
    ]


def _erase(erasure: Erasure) -> None:
    Candidate.objects.filter(decided_by=erasure.user).update(decided_by=None)
    ReadinessTick.objects.filter(ticked_by=erasure.user).update(ticked_by=None)


PERSONAL_DATA = PersonalData(
    app_label="referencing",
    models=("referencing.Candidate", "referencing.ReadinessTick"),
    sections={
        "referencing_candidacies": _candidacies,
        "referencing_checklist_ticks": _ticks,
        "referencing_scores": _scores,
    },
    erase=_erase,
)
