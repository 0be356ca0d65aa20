"""The committee's, the reorder and the artisan's pages: who sees what, what they do, in constant queries."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from deals.models import Order, ProductTerms
from referencing.models import Candidate, Listing, ReadinessTick, ReferencingRound, Score
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
    return ready_product(title="Jarre bleue", min_order_qty=6, wholesale_price=Decimal("20.00"))


def _login(client, user):
    client.force_login(user)
    return client


def test_the_committee_scores_on_its_round_page(client, shop, committee, product):
    round = referencing_round(shop, status=RS.SCORING)
    target = candidate(round, product)
    _login(client, committee.user)
    page = client.get(reverse("referencing:round", args=[round.public_id]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Jarre bleue" in html and reverse("referencing:score", args=[target.public_id]) in html
    design = round.criteria.get(name="Design")
    response = client.post(
        reverse("referencing:score", args=[target.public_id]), {f"c{target.pk}-criterion_{design.pk}": "5"}
    )
    assert response.status_code == 302
    assert Score.objects.get(candidate=target, member=committee).value == 5
    html = client.get(reverse("referencing:round", args=[round.public_id])).content.decode()
    assert "Committee score: 5.00 of 5" in html


def test_a_mark_out_of_range_is_refused_and_nothing_saved(client, shop, committee, product):
    round = referencing_round(shop, status=RS.SCORING)
    target = candidate(round, product)
    design = round.criteria.get(name="Design")
    _login(client, committee.user)
    response = client.post(
        reverse("referencing:score", args=[target.public_id]), {f"c{target.pk}-criterion_{design.pk}": "9"}
    )
    assert response.status_code == 400
    assert not Score.objects.exists()


def test_nobody_outside_the_committee_opens_a_round(client, shop, product, artisan):
    round = referencing_round(shop, status=RS.SCORING)
    candidate(round, product)
    assert (
        _login(client, member().user).get(reverse("referencing:round", args=[round.public_id])).status_code
        == 404
    )
    assert (
        _login(client, product.artisan.user)
        .get(reverse("referencing:round", args=[round.public_id]))
        .status_code
        == 403
    )


def test_a_trial_order_from_the_round_page_opens_its_deal(client, shop, committee, product):
    round = referencing_round(shop, status=RS.DECIDED)
    target = candidate(round, product, status=CS.SELECTED)
    _login(client, committee.user)
    html = client.get(reverse("referencing:round", args=[round.public_id])).content.decode()
    assert reverse("referencing:trial", args=[target.public_id]) in html
    response = client.post(
        reverse("referencing:trial", args=[target.public_id]),
        {
            f"t{target.pk}-quantity": "12",
            f"t{target.pk}-delivery_address": "40 bd Haussmann",
            f"t{target.pk}-po_number": "GL-7",
        },
    )
    order = Order.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "deals:detail", args=[order.deal.public_id]
    )
    assert order.po_number == "GL-7"


def test_a_trial_order_off_the_pack_is_refused_with_the_nearest_quantities(client, shop, committee, product):
    ProductTerms.objects.create(product=product, pack_multiple=6)
    round = referencing_round(shop, status=RS.DECIDED)
    target = candidate(round, product, status=CS.SELECTED)
    response = _login(client, committee.user).post(
        reverse("referencing:trial", args=[target.public_id]),
        {f"t{target.pk}-quantity": "8", f"t{target.pk}-delivery_address": "Paris"},
    )
    assert response.status_code == 400
    assert "The nearest quantities are 6 and 12." in response.content.decode()
    assert not Order.objects.exists()


def _listing(shop, product, number):
    round = referencing_round(shop, status=RS.CLOSED, name=f"Round {number}")
    listed = candidate(round, product, status=CS.LISTED)
    return Listing.objects.create(candidate=listed, retailer=shop, product=product, article_number=number)


def test_reorder_from_the_referenced_list(client, shop, committee, product):
    listing = _listing(shop, product, "GL-1")
    _login(client, committee.user)
    assert (
        reverse("referencing:reorder", args=[shop.public_id])
        in client.get(reverse("referencing:rounds")).content.decode()
    )
    html = client.get(reverse("referencing:reorder", args=[shop.public_id])).content.decode()
    assert "GL-1" in html and "Wholesale price: 20.00 EUR" in html
    response = client.post(
        reverse("referencing:reorder", args=[shop.public_id]),
        {f"listing_{listing.pk}": "6", "delivery_address": "Paris"},
    )
    assert response.status_code == 302
    assert Order.objects.get().lines.get().quantity == 6
    assert (
        _login(client, member().user).get(reverse("referencing:reorder", args=[shop.public_id])).status_code
        == 404
    )


def test_the_artisan_sees_its_decisions_with_reasons_and_its_checklist(client, shop, product):
    round = referencing_round(shop, status=RS.DECIDED)
    candidate(round, product, status=CS.SELECTED, reason="Fits the spring window")
    other = ready_product(artisan=product.artisan, title="Bol vert", gtin="")
    candidate(round, other, status=CS.NOT_SELECTED, reason="Too close to our own range")
    stranger = candidate(
        round, ready_product(title="Someone else's"), status=CS.NOT_SELECTED, reason="Secret"
    )
    html = _login(client, product.artisan.user).get(reverse("referencing:artisan")).content.decode()
    assert "Fits the spring window" in html and "Too close to our own range" in html
    assert "Secret" not in html and stranger.product.title not in html
    assert "A GTIN (EAN) for each product" in html
    response = client.post(reverse("referencing:tick", args=[round.public_id, "labels"]), {"done": "1"})
    assert response.status_code == 302
    assert ReadinessTick.objects.filter(round=round, artisan=product.artisan, item="labels").exists()
    # Not selected: nothing left to withdraw.
    assert reverse("referencing:withdraw", args=[stranger.public_id]) not in html


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_pages_read_in_constant_queries(client, shop, committee):
    round = referencing_round(shop, status=RS.SCORING)
    products = [ready_product(min_order_qty=1) for _ in range(6)]
    artisan = products[0].artisan
    for product in products[:2]:
        candidate(round, product)
    _listing(shop, products[0], "GL-0")
    mine = ready_product(artisan=artisan)
    candidate(round, mine)
    _login(client, committee.user)
    urls = [reverse("referencing:round", args=[round.public_id]), reverse("referencing:rounds"),
            reverse("referencing:reorder", args=[shop.public_id])]  # fmt: skip
    small = [_count(client, url) for url in urls]
    artisan_small = _count(_login(client, artisan.user), reverse("referencing:artisan"))
    for product in products[2:]:
        target = candidate(round, product)
        for criterion in round.criteria.all():
            Score.objects.create(candidate=target, member=committee, criterion=criterion, value=4)
        _listing(shop, product, f"GL-{product.pk}")
    for _ in range(3):
        candidate(round, ready_product(artisan=artisan))
    _login(client, committee.user)
    assert [_count(client, url) for url in urls] == small
    assert _count(_login(client, artisan.user), reverse("referencing:artisan")) == artisan_small


def test_the_artisans_page_in_arabic_reads_right_to_left_with_names_isolated(client, shop, product):
    round = referencing_round(shop, status=RS.DECIDED)
    candidate(round, product, status=CS.SELECTED, reason="Parfait pour la vitrine de printemps")
    user = product.artisan.user
    user.language = "ar"
    user.save(update_fields=["language"])
    html = _login(client, user).get(reverse("referencing:artisan")).content.decode()
    assert 'dir="rtl"' in html
    assert "قائمة جاهزية المورد" in html and "مختار" in html
    assert "<bdi>Jarre bleue</bdi>" in html
    assert '<span dir="auto">Parfait pour la vitrine de printemps</span>' in html
