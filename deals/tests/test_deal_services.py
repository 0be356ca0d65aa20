"""Inquiry → quote → order through the services: history, mail to the other side, minimums, visibility."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail, signing
from django.utils import timezone

from buyers.tests.factories import BuyerProfileFactory
from catalog.models import Product
from catalog.tests.factories import ProductFactory
from common.statemachine import TransitionRefused
from deals import services
from deals.models import Deal, DealEvent, DealTerms, Inquiry, Order, ProductTerms, Quote, Sample
from deals.tests.factories import quoted_deal, verified_buyer
from programs.tests.factories import ProgramFactory

pytestmark = pytest.mark.django_db


def test_a_quote_accepted_and_ordered_leaves_one_history_and_tells_the_other_side(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        deal, quote = quoted_deal()
        buyer = deal.buyer.user
        services.quote_accept(user=buyer, quote=quote)
        order = services.order_place_from_quote(
            user=buyer, quote=quote, delivery_address="1 Museum Mile, NY", po_number="PO-77"
        )
        services.order_accept(
            user=deal.artisan.user, order=order, ship_by=timezone.localdate() + timedelta(days=20)
        )
    history = list(DealEvent.objects.filter(deal=deal).values_list("subject", "action"))
    assert history == [
        ("inquiry", "send"),
        ("inquiry", "quote"),
        ("quote", "send"),
        ("quote", "accept"),
        ("inquiry", "order"),
        ("order", "place"),
        ("order", "accept"),
    ]
    assert Inquiry.objects.get(deal=deal).status == Inquiry.Status.ORDERED
    order.refresh_from_db()
    assert order.status == Order.Status.ACCEPTED and order.total() == Decimal("370.00")
    to_artisan = [m for m in mail.outbox if m.to == [deal.artisan.user.email]]
    to_buyer = [m for m in mail.outbox if m.to == [buyer.email]]
    # The artisan hears of the inquiry, the acceptance and the order; the buyer of the quote and the acceptance.
    assert len(to_artisan) == 3 and len(to_buyer) == 2
    assert all(str(deal.public_id) in m.body for m in to_buyer)


def test_a_new_version_replaces_the_one_on_the_table():
    deal, first = quoted_deal()
    services.quote_ask_again(user=deal.buyer.user, quote=first, reason="Could you do 40 at a lower price?")
    second = services.quote_send(
        user=deal.artisan.user,
        deal=deal,
        currency="EUR",
        incoterm="FCA",
        lead_time_days=30,
        valid_until=timezone.localdate() + timedelta(days=10),
        lines=[services.Line(quantity=40, description="Bowl", unit_price=Decimal("16"))],
    )
    first.refresh_from_db()
    assert (first.status, second.version, second.status) == (Quote.Status.SUPERSEDED, 2, Quote.Status.SENT)
    with pytest.raises(TransitionRefused):
        services.quote_accept(user=deal.buyer.user, quote=first)


def test_only_the_buyer_accepts_and_only_the_artisan_quotes():
    deal, quote = quoted_deal()
    stranger = verified_buyer()
    for user in (deal.artisan.user, stranger):
        with pytest.raises(TransitionRefused):
            services.quote_accept(user=user, quote=quote)
    with pytest.raises(TransitionRefused):
        services.quote_send(
            user=deal.buyer.user,
            deal=deal,
            currency="EUR",
            incoterm="EXW",
            lead_time_days=1,
            valid_until=timezone.localdate(),
            lines=[services.Line(quantity=1, description="x", unit_price=Decimal(1))],
        )


def test_an_expired_quote_cannot_be_accepted():
    deal, quote = quoted_deal()
    Quote.objects.filter(pk=quote.pk).update(valid_until=timezone.localdate() - timedelta(days=1))
    with pytest.raises(TransitionRefused, match="expired"):
        services.quote_accept(user=deal.buyer.user, quote=quote)


def test_a_declining_buyer_must_say_why():
    deal, quote = quoted_deal()
    with pytest.raises(TransitionRefused):
        services.quote_decline(user=deal.buyer.user, quote=quote, reason="  ")
    services.quote_decline(user=deal.buyer.user, quote=quote, reason="Too expensive for us")
    assert DealEvent.objects.get(subject="quote", action="decline").reason == "Too expensive for us"


def test_a_direct_order_below_the_minimums_is_refused_with_the_nearest_quantities_and_nothing_saved():
    product = ProductFactory(min_order_qty=10, wholesale_price=Decimal("20.00"), indexed=False)
    ProductTerms.objects.create(product=product, pack_multiple=6)
    DealTerms.objects.create(
        artisan=product.artisan, opening_order_minimum=Decimal("500"), reorder_minimum=Decimal("200")
    )
    buyer = verified_buyer()
    with pytest.raises(services.QuantitiesRefused) as refused:
        services.order_place(
            user=buyer,
            artisan=product.artisan,
            delivery_address="NY",
            lines=[services.Line(quantity=13, product=product)],
        )
    assert "12" in refused.value.messages[0] and "18" in refused.value.messages[0]
    assert "500" in refused.value.messages[1]
    assert not Deal.objects.exists() and not Order.objects.exists()
    first = services.order_place(
        user=buyer,
        artisan=product.artisan,
        delivery_address="NY",
        lines=[services.Line(quantity=30, product=product)],
    )
    assert not first.is_reorder
    # The next order is a reorder: the lower minimum applies (12 × 20 = 240 ≥ 200).
    again = services.order_place(
        user=buyer,
        artisan=product.artisan,
        delivery_address="NY",
        lines=[services.Line(quantity=12, product=product)],
    )
    assert again.is_reorder and again.lines.get().quantity == 12


def test_unverified_buyers_cannot_order_at_wholesale_prices_and_nobody_asks_for_what_they_cannot_see():
    product = ProductFactory(indexed=False)
    unverified = BuyerProfileFactory(is_verified=False).user
    with pytest.raises(TransitionRefused):
        services.order_place(
            user=unverified,
            artisan=product.artisan,
            delivery_address="NY",
            lines=[services.Line(quantity=10, product=product)],
        )
    draft = ProductFactory(artisan=product.artisan, status=Product.Status.DRAFT, indexed=False)
    with pytest.raises(TransitionRefused):
        services.inquiry_send(
            user=unverified,
            artisan=product.artisan,
            source=Deal.Source.PRODUCT,
            lines=[services.Line(quantity=10, product=draft)],
        )
    elsewhere = ProductFactory(indexed=False)
    with pytest.raises(TransitionRefused):
        services.inquiry_send(
            user=unverified,
            artisan=product.artisan,
            source=Deal.Source.PRODUCT,
            lines=[services.Line(quantity=10, product=elsewhere)],
        )
    assert not Deal.objects.exists()


def test_changes_proposed_by_the_artisan_apply_only_once_the_buyer_confirms():
    product = ProductFactory(min_order_qty=1, indexed=False)
    buyer = verified_buyer()
    order = services.order_place(
        user=buyer,
        artisan=product.artisan,
        delivery_address="NY",
        lines=[services.Line(quantity=50, product=product)],
    )
    line = order.lines.get()
    later = timezone.localdate() + timedelta(days=60)
    services.order_propose_changes(
        user=product.artisan.user,
        order=order,
        quantities={line.pk: 40},
        ship_by=later,
        reason="We can make 40 by then",
    )
    line.refresh_from_db()
    assert (line.quantity, line.proposed_quantity) == (50, 40)
    services.order_confirm_changes(user=buyer, order=order)
    line.refresh_from_db()
    order.refresh_from_db()
    assert (line.quantity, line.proposed_quantity, order.ship_by, order.status) == (
        40,
        None,
        later,
        "accepted",
    )


def test_staff_acting_for_an_artisan_is_recorded_as_such(staff):
    deal, quote = quoted_deal()
    services.quote_accept(user=deal.buyer.user, quote=quote)
    order = services.order_place_from_quote(user=deal.buyer.user, quote=quote, delivery_address="NY")
    with pytest.raises(TransitionRefused):
        services.order_accept(user=staff, order=order, ship_by=timezone.localdate())
    services.order_accept(user=staff, order=order, ship_by=timezone.localdate(), for_artisan=True)
    event = DealEvent.objects.get(subject="order", action="accept")
    assert (event.actor, event.on_behalf_of) == (staff, deal.artisan.user)


def test_a_sample_in_rounds_then_an_order():
    product = ProductFactory(min_order_qty=1, indexed=False)
    buyer = verified_buyer()
    artisan = product.artisan.user
    sample = services.sample_request(user=buyer, product=product, message="One in blue please")
    services.sample_approve(user=artisan, sample=sample)
    services.sample_ship(user=artisan, sample=sample, carrier="DHL", tracking_number="123")
    services.sample_deliver(user=buyer, sample=sample)
    second = services.sample_ask_changes(user=buyer, sample=sample, feedback="Darker glaze")
    assert (second.round, second.status) == (2, Sample.Status.REQUESTED)
    services.sample_approve(user=artisan, sample=second)
    services.sample_ship(user=artisan, sample=second, carrier="DHL")
    services.sample_deliver(user=buyer, sample=second)
    services.sample_accept(user=buyer, sample=second, feedback="Perfect")
    order = services.order_place(
        user=buyer,
        artisan=product.artisan,
        delivery_address="NY",
        sample=second,
        lines=[services.Line(quantity=5, product=product)],
    )
    second.refresh_from_db()
    assert second.status == Sample.Status.ORDERED and order.deal_id == second.deal_id


def test_a_public_inquiry_reaches_the_artisan_only_once_confirmed_and_the_link_is_safe(
    django_capture_on_commit_callbacks,
):
    product = ProductFactory(indexed=False)
    program = ProgramFactory(public_catalog=True)
    with django_capture_on_commit_callbacks(execute=True):
        deal = services.inquiry_send_public(
            program=program,
            artisan=product.artisan,
            name="Ana",
            email="ana@example.org",
            lines=[services.Line(quantity=12, product=product)],
            language="es",
        )
    (confirmation,) = mail.outbox
    assert confirmation.to == ["ana@example.org"] and "/deals/confirm/" in confirmation.body
    token = confirmation.body.split("/deals/confirm/")[1].split("/")[0]
    with pytest.raises(TransitionRefused):
        services.inquiry_confirm(token=token[:-2] + "xx")
    other = signing.dumps(deal.inquiry.pk + 1000, salt="another-salt")
    with pytest.raises(TransitionRefused):
        services.inquiry_confirm(token=other)
    with django_capture_on_commit_callbacks(execute=True):
        services.inquiry_confirm(token=token)
        services.inquiry_confirm(token=token)  # a replay changes nothing
    assert Inquiry.objects.get(pk=deal.inquiry.pk).status == Inquiry.Status.OPEN
    assert DealEvent.objects.filter(deal=deal, action="confirm").count() == 1
    assert [m.to for m in mail.outbox[1:]] == [[product.artisan.user.email]]


def test_an_expired_confirmation_link_is_refused(monkeypatch):
    product = ProductFactory(indexed=False)
    deal = services.inquiry_send_public(
        program=ProgramFactory(public_catalog=True),
        artisan=product.artisan,
        name="Ana",
        email="ana@example.org",
        lines=[services.Line(quantity=12, product=product)],
    )
    token = signing.dumps(deal.inquiry.pk, salt=services.CONFIRM_SALT)
    monkeypatch.setattr(services.inquiries, "CONFIRM_MAX_AGE", -1)
    with pytest.raises(TransitionRefused, match="expired"):
        services.inquiry_confirm(token=token)
    assert Inquiry.objects.get(pk=deal.inquiry.pk).status == Inquiry.Status.UNCONFIRMED


def test_a_private_program_takes_no_public_inquiry():
    product = ProductFactory(indexed=False)
    with pytest.raises(TransitionRefused):
        services.inquiry_send_public(
            program=ProgramFactory(public_catalog=False),
            artisan=product.artisan,
            name="Ana",
            email="ana@example.org",
            lines=[services.Line(quantity=12, product=product)],
        )
    assert not Deal.objects.exists()
