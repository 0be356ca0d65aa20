"""Reads with rules: a person's recommendations, in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass

from accounts.models import User
from catalog.models import Craft
from matchmaking.models import Recommendation
from matchmaking.reasons import reason_text


@dataclass
class Match:
    recommendation: Recommendation
    reasons: list[str]


def _with_reasons(recs: list[Recommendation], *, viewer_is_buyer: bool) -> list[Match]:
    craft_ids = {pk for rec in recs for reason in rec.reasons if reason.get("code") == "crafts" for pk in reason["crafts"]}
    names = {craft.pk: craft.name for craft in Craft.objects.filter(pk__in=craft_ids)} if craft_ids else {}
    return [
        Match(rec, [t for t in (reason_text(r, craft_names=names, viewer_is_buyer=viewer_is_buyer) for r in rec.reasons) if t])
        for rec in recs
    ]


def matches_for(user: User, *, limit: int | None = 5) -> list[Match]:
    """The best visible matches of a buyer (artisans) or an artisan (buyers), best first.

    One query for the rows and one for the craft names, whatever the number of rows.
    """
    if user.is_buyer:
        rows = Recommendation.objects.filter(
            buyer_user=user, hidden_by_buyer=False, artisan__status="approved"
        ).select_related("artisan", "program")
        viewer_is_buyer = True
    elif user.is_artisan:
        rows = Recommendation.objects.filter(
            artisan__user=user, hidden_by_artisan=False
        ).select_related("buyer_user", "buyer_user__buyer_profile", "program")
        viewer_is_buyer = False
    else:
        return []
    rows = rows.order_by("-score", "id")
    recs = list(rows[:limit] if limit else rows)
    return _with_reasons(recs, viewer_is_buyer=viewer_is_buyer)
