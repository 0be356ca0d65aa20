"""The referencing part of the security matrices' world (tests/security/world.py calls it).

Retailer A's committee is buyer A, retailer B's is buyer B. Rounds: "open" (retailer A, ready to
score), "A" (retailer A, being scored: artisan A's and artisan B's products), "B" (retailer B,
being scored, every candidate decided), "decided" (retailer B: artisan B's product listed).
"""

from __future__ import annotations

from referencing.models import Candidate, Listing, ReferencingRound
from referencing.tests.factories import candidate, referencing_round, retailer

RS, CS = ReferencingRound.Status, Candidate.Status


def build_referencing(w) -> None:
    shops = {
        "A": retailer("Store A", members=[w.buyers["A"]]),
        "B": retailer("Store B", members=[w.buyers["B"]]),
    }
    rounds = {
        "open": referencing_round(shops["A"], name="Open round"),
        "A": referencing_round(shops["A"], status=RS.SCORING, name="Round A"),
        "B": referencing_round(shops["B"], status=RS.SCORING, name="Round B"),
        "decided": referencing_round(shops["B"], status=RS.DECIDED, name="Decided round"),
    }
    candidates = {
        "open": candidate(rounds["open"], w.products["A"]),
        "A": candidate(rounds["A"], w.products["A"]),
        "A_of_B": candidate(rounds["A"], w.products["B"]),
        "B": candidate(
            rounds["B"], w.products["B"], status=CS.SELECTED, reason="A fit for the spring window"
        ),
        "decided": candidate(rounds["decided"], w.products["B"], status=CS.LISTED),
        "decided_selected": candidate(rounds["decided"], w.products["A"], status=CS.SELECTED),
    }
    Listing.objects.create(
        candidate=candidates["decided"],
        retailer=shops["B"],
        product=w.products["B"],
        article_number="STB-001",
    )
    w.misc["retailers"] = shops
    w.misc["rounds"] = rounds
    w.misc["candidates"] = candidates
