"""A round from candidates to listings through the services: decisions, trial orders, reorders, minimums."""

from __future__ import annotations

from decimal import Decimal

import pytest

from common.statemachine import TransitionRefused
from deals.models import Deal, DealTerms, Order, ProductTerms
from deals.services import QuantitiesRefused
from referencing import selectors, services
from referencing.models import Candidate, Listing, ReferencingRound, Score
from referencing.tests.factories import candidate, member, ready_product, referencing_round, retailer

pytestmark = pytest.mark.django_db

RS, CS = ReferencingRound.Status, Candidate.Status


@pytest.fixture
def committee():
    return member()


@pytest.fixture
def shop(committee):
    return retailer(members=[committee])


@pytest.fixture
def product():
    return ready_product(min_order_qty=6, wholesale_price=Decimal("20.00"))


def test_a_round_runs_from_candidates_to_a_listing(staff, shop, committee, product):
    round = referencing_round(shop)
    other = ready_product()
    first = services.candidate_add(user=staff, round=round, product=product)
    second = services.candidate_add(user=staff, round=round, product=other)
    services.round_move(user=staff, round=round, action="start_scoring")
    criteria = {c.name: c.pk for c in round.criteria.all()}
    services.score_record(
        user=committee.user, candidate=first, marks={criteria["Design"]: 5, criteria["Price"]: 4}
    )
    # Marking again replaces the member's own marks.
    services.score_record(user=committee.user, candidate=first, marks={criteria["Design"]: 4})
    assert sorted(Score.objects.filter(candidate=first).values_list("value", flat=True)) == [4, 4]
    services.candidate_decide(user=staff, candidate=first, action="select", reason="Fits the spring window")
    services.candidate_decide(
        user=staff, candidate=second, action="not_select", reason="Too close to our range"
    )
    services.round_move(user=staff, round=round, action="decide")
    order = services.candidate_order_trial(
        user=committee.user,
        candidate=first,
        quantity=12,
        delivery_address="40 bd Haussmann, Paris",
        po_number="GL-1",
    )
    assert order.deal.artisan_id == product.artisan_id and order.deal.buyer_id == committee.pk
    assert order.deal.source == Deal.Source.DIRECT and order.status == Order.Status.PLACED
    assert [(line.product_id, line.quantity, line.unit_price) for line in order.lines.all()] == [
        (product.pk, 12, Decimal("20.00"))
    ]
    first.refresh_from_db()
    assert first.status == CS.TRIAL and first.trial_order_id == order.pk
    listing = services.candidate_list(user=staff, candidate=first, article_number=" GL-778812 ")
    assert listing.article_number == "GL-778812" and listing.retailer_id == shop.pk
    services.round_move(user=staff, round=round, action="close")
    assert selectors.round_results(round=round) == selectors.RoundResults(
        rounds=1, candidates=2, selected=1, not_selected=1, trial_orders=1, listed=1
    )


def test_not_selected_needs_a_reason_the_artisan_reads(staff, shop, product):
    round = referencing_round(shop, status=RS.SCORING)
    proposed = candidate(round, product)
    with pytest.raises(TransitionRefused, match="reason"):
        services.candidate_decide(user=staff, candidate=proposed, action="not_select", reason="  ")
    proposed.refresh_from_db()
    assert proposed.status == CS.PROPOSED


def test_a_round_is_decided_only_when_every_candidate_is(staff, shop, product):
    round = referencing_round(shop, status=RS.SCORING)
    candidate(round, product)
    with pytest.raises(TransitionRefused, match="every candidate"):
        services.round_move(user=staff, round=round, action="decide")


def test_only_public_products_become_candidates_and_only_once(staff, shop, product):
    round = referencing_round(shop)
    with pytest.raises(TransitionRefused):
        services.candidate_add(user=staff, round=round, product=ready_product(status="draft"))
    services.candidate_add(user=staff, round=round, product=product)
    with pytest.raises(TransitionRefused, match="already"):
        services.candidate_add(user=staff, round=round, product=product)


def test_the_trial_order_respects_the_minimums_and_saves_nothing_when_refused(
    staff, shop, committee, product
):
    ProductTerms.objects.create(product=product, pack_multiple=6)
    round = referencing_round(shop, status=RS.DECIDED)
    selected = candidate(round, product, status=CS.SELECTED)
    with pytest.raises(QuantitiesRefused) as refused:
        services.candidate_order_trial(
            user=committee.user, candidate=selected, quantity=8, delivery_address="Paris"
        )
    assert "The nearest quantities are 6 and 12." in refused.value.messages[0]
    selected.refresh_from_db()
    assert selected.status == CS.SELECTED and selected.trial_order_id is None
    assert not Order.objects.exists()


def test_only_the_retailers_committee_places_a_trial_order(shop, product):
    round = referencing_round(shop, status=RS.DECIDED)
    selected = candidate(round, product, status=CS.SELECTED)
    with pytest.raises(TransitionRefused, match="committee"):
        services.candidate_order_trial(
            user=member().user, candidate=selected, quantity=6, delivery_address="Paris"
        )


def test_an_article_number_is_the_retailers_once(staff, shop, product):
    round = referencing_round(shop, status=RS.DECIDED)
    first = candidate(round, product, status=CS.SELECTED)
    second = candidate(round, ready_product(), status=CS.SELECTED)
    services.candidate_list(user=staff, candidate=first, article_number="GL-1")
    with pytest.raises(TransitionRefused, match="article number"):
        services.candidate_list(user=staff, candidate=second, article_number="GL-1")
    second.refresh_from_db()
    assert second.status == CS.SELECTED and Listing.objects.count() == 1


def _listed(shop, product, number):
    round = referencing_round(shop, status=RS.CLOSED, name=f"Round {number}")
    listed = candidate(round, product, status=CS.LISTED)
    return Listing.objects.create(candidate=listed, retailer=shop, product=product, article_number=number)


def test_reorder_places_one_deals_order_per_artisan_with_the_listed_products(shop, committee, product):
    same_artisan = ready_product(artisan=product.artisan, min_order_qty=1, wholesale_price=Decimal("5.00"))
    elsewhere = ready_product(min_order_qty=1)
    listings = [_listed(shop, p, f"GL-{i}") for i, p in enumerate([product, same_artisan, elsewhere])]
    orders = services.listing_reorder(
        user=committee.user,
        retailer=shop,
        quantities={listings[0].pk: 6, listings[1].pk: 10, listings[2].pk: 2},
        delivery_address="Paris",
    )
    assert len(orders) == 2
    by_artisan = {order.deal.artisan_id: order for order in orders}
    assert sorted(by_artisan[product.artisan_id].lines.values_list("quantity", flat=True)) == [6, 10]
    assert by_artisan[elsewhere.artisan_id].lines.get().product_id == elsewhere.pk


def test_a_reorder_below_the_artisans_reorder_minimum_is_refused_whole(shop, committee, product):
    DealTerms.objects.create(artisan=product.artisan, opening_order_minimum=500, reorder_minimum=200)
    elsewhere = ready_product(min_order_qty=1)
    mine, theirs = _listed(shop, product, "GL-1"), _listed(shop, elsewhere, "GL-2")
    with pytest.raises(QuantitiesRefused, match="minimum"):
        services.listing_reorder(
            user=committee.user,
            retailer=shop,
            quantities={mine.pk: 6, theirs.pk: 1},
            delivery_address="Paris",
        )
    # All or none: the other artisan's order is not kept either.
    assert not Order.objects.exists()


def test_a_reorder_names_only_this_retailers_listings(shop, committee, product):
    other_shop = retailer("El Corte Inglés", members=[committee])
    foreign = _listed(other_shop, product, "ECI-1")
    with pytest.raises(TransitionRefused, match="not listed"):
        services.listing_reorder(
            user=committee.user, retailer=shop, quantities={foreign.pk: 6}, delivery_address="X"
        )
    with pytest.raises(TransitionRefused, match="committee"):
        services.listing_reorder(
            user=member().user, retailer=other_shop, quantities={foreign.pk: 6}, delivery_address="X"
        )


def test_the_referenced_list_shows_the_last_price_a_member_paid(shop, committee, product):
    listing = _listed(shop, product, "GL-1")
    assert selectors.member_listings(committee.user)[shop][0].paid_before is False
    services.listing_reorder(
        user=committee.user, retailer=shop, quantities={listing.pk: 6}, delivery_address="P"
    )
    type(product).objects.filter(pk=product.pk).update(wholesale_price=Decimal("25.00"))
    row = selectors.member_listings(committee.user)[shop][0]
    assert (row.last_price, row.paid_before) == (Decimal("20.00"), True)


def test_the_checklist_reads_the_products_and_takes_the_labels_tick(shop, product):
    round = referencing_round(shop, status=RS.SCORING)
    candidate(round, product)
    bare = ready_product(artisan=product.artisan, gtin="", hs_code="", country_of_origin="")
    candidate(round, bare)
    [entry] = selectors.artisan_rounds(product.artisan, product.artisan.user)
    items = {item.key: item for item in entry.checklist}
    assert [items[k].missing for k in ("gtin", "hs_code", "origin")] == [[bare.title]] * 3
    assert items["sheet"].missing == [bare.title]  # the retailer's EAN column is empty for it
    assert items["labels"].done is False and items["labels"].manual
    services.readiness_tick(
        user=product.artisan.user, round=round, artisan=product.artisan, item="labels", done=True
    )
    [entry] = selectors.artisan_rounds(product.artisan, product.artisan.user)
    assert {item.key: item.done for item in entry.checklist}["labels"] is True
