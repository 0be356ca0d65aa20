"""Each part of the score, with the reason it gives, put into words."""

from __future__ import annotations

from datetime import date

import pytest

from matchmaking import scoring
from matchmaking.reasons import reason_text
from matchmaking.scoring import ArtisanFacts, BuyerFacts, Context, Weights, score

CTX = Context()


def words(reason) -> str:
    return reason_text(reason, craft_names={1: "Ceramics", 2: "Textiles"}, show_wholesale=True)


def test_crafts_shared_give_the_reason_in_the_buyers_words():
    value, reason = scoring.crafts(ArtisanFacts(1, crafts=frozenset({1, 2})), BuyerFacts(1, crafts=frozenset({1})), CTX)
    assert value == 1.0
    assert words(reason) == "Ceramics, which you are looking for"
    assert scoring.crafts(ArtisanFacts(1, crafts=frozenset({2})), BuyerFacts(1, crafts=frozenset({1})), CTX) == (0.0, None)


def test_materials_shared():
    value, reason = scoring.materials(ArtisanFacts(1, materials=frozenset({"clay"})), BuyerFacts(1, materials=frozenset({"clay"})), CTX)
    assert value == 1.0 and words(reason) == "works with clay"


def test_price_range_overlap():
    artisan = ArtisanFacts(1, price_min_usd=12.0, price_max_usd=40.0)
    value, reason = scoring.price(artisan, BuyerFacts(1, price_min_usd=10.0, price_max_usd=30.0), CTX)
    assert value == 1.0 and words(reason) == "prices from 12 to 40 USD, within the range"
    # The range is a wholesale term: a reader who may not see wholesale terms gets no words.
    assert reason_text(reason, craft_names={}, show_wholesale=False) == ""
    assert scoring.price(artisan, BuyerFacts(1, price_max_usd=8.0), CTX) == (0.0, None)


def test_order_size_against_minimum_order_and_capacity():
    buyer = BuyerFacts(1, typical_order_qty=50)
    value, reason = scoring.order_size(ArtisanFacts(1, min_order_qty=24), buyer, CTX)
    assert value == 1.0 and words(reason) == "minimum order 24, within your usual 50"
    assert scoring.order_size(ArtisanFacts(1, min_order_qty=100), buyer, CTX) == (0.0, None)
    value, reason = scoring.order_size(ArtisanFacts(1, min_order_qty=10, monthly_capacity=30), buyer, CTX)
    assert value == 0.5 and "less than the usual order of 50" in words(reason)


def test_lead_time_within_what_buyers_expect():
    value, reason = scoring.lead_time(ArtisanFacts(1, lead_time_days=30), BuyerFacts(1), CTX)
    assert value == 1.0 and words(reason) == "ready in 30 days"
    assert scoring.lead_time(ArtisanFacts(1, lead_time_days=90), BuyerFacts(1), CTX) == (0.0, None)


def test_shared_language_or_interpreter():
    value, reason = scoring.language(ArtisanFacts(1, languages=frozenset({"es", "en"})), BuyerFacts(1, languages=frozenset({"en"})), CTX)
    assert value == 1.0 and words(reason) == "speaks English"
    far = (ArtisanFacts(1, languages=frozenset({"ar"})), BuyerFacts(1, languages=frozenset({"en"})))
    assert scoring.language(*far, CTX) == (0.0, None)
    value, reason = scoring.language(*far, Context(interpreter_languages=frozenset({"ar", "en"})))
    assert value == 0.5 and words(reason) == "an interpreter can join"


def test_time_zone_overlap_of_working_hours():
    artisan = ArtisanFacts(1, time_zone="Europe/Madrid")
    value, reason = scoring.time_overlap(artisan, BuyerFacts(1, time_zone="America/New_York"), CTX)
    # Madrid 15:00-18:00 is New York 09:00-12:00 in early October.
    assert reason["hours"] == 3 and value == pytest.approx(3 / 9)
    assert words(reason) == "3 working hours overlap with New York"
    assert scoring.time_overlap(artisan, BuyerFacts(1, time_zone="Pacific/Auckland"), CTX) == (0.0, None)


def test_time_zone_overlap_follows_daylight_saving_on_one_side():
    # Europe switched on 25 October 2026, the US on 1 November: a week with one more hour.
    assert scoring.overlap_hours("Europe/Madrid", "America/New_York", date(2026, 10, 28)) == 4
    assert scoring.overlap_hours("Europe/Madrid", "America/New_York", date(2026, 11, 4)) == 3


def test_exported_before():
    assert words(scoring.exported(ArtisanFacts(1, exported_before=True), BuyerFacts(1), CTX)[1]) == "has exported before"
    assert scoring.exported(ArtisanFacts(1), BuyerFacts(1), CTX) == (0.0, None)


def test_program_part_counts_only_within_a_program():
    assert scoring.program(ArtisanFacts(1), BuyerFacts(1), CTX) == (1.0, None)
    assert scoring.program(ArtisanFacts(1), BuyerFacts(1), Context(same_program=False)) == (0.0, None)


def test_total_is_the_weighted_sum_and_reasons_strongest_first():
    artisan = ArtisanFacts(1, crafts=frozenset({1}), languages=frozenset({"en"}), exported_before=True)
    buyer = BuyerFacts(1, crafts=frozenset({1}), languages=frozenset({"en"}), time_zone="Pacific/Auckland")
    weights = Weights(crafts=4, materials=0, price=0, order_size=0, lead_time=0, language=2, time_overlap=0,
                      exported=1, program=1)
    total, reasons = score(artisan, buyer, weights)
    assert total == 100.0
    assert [r["code"] for r in reasons] == ["crafts", "language", "exported"]
    only_crafts = Weights(crafts=1, materials=0, price=0, order_size=0, lead_time=0, language=0,
                          time_overlap=0, exported=0, program=0)
    assert score(ArtisanFacts(1), buyer, only_crafts)[0] == 0.0


def test_fast_score_agrees_with_score():
    artisan = ArtisanFacts(1, crafts=frozenset({1}), materials=frozenset({"clay"}), price_min_usd=5, price_max_usd=9,
                           min_order_qty=12, lead_time_days=20, languages=frozenset({"fr"}), time_zone="Africa/Casablanca")
    buyer = BuyerFacts(2, crafts=frozenset({1, 2}), materials=frozenset({"clay"}), price_max_usd=10,
                       typical_order_qty=30, languages=frozenset({"en", "fr"}), time_zone="America/New_York")
    assert scoring._fast_score(artisan, buyer, Weights(), CTX) == score(artisan, buyer, Weights(), CTX)[0]
