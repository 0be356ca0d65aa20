"""Shortlist: one target per item, private to its buyer, add/remove/note without JavaScript."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from artisans.models import ArtisanProfile
from buyers.models import ShortlistItem
from buyers.tests.factories import BuyerProfileFactory, ShortlistItemFactory
from catalog.tests.factories import ArtisanProfileFactory, ProductFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def maker():
    return ArtisanProfileFactory(business_name="Taller Moreno")


@pytest.fixture
def profile(buyer):
    return BuyerProfileFactory(user=buyer)


def test_an_item_has_exactly_one_target(profile, maker):
    product = ProductFactory(artisan=maker)
    with pytest.raises(IntegrityError), transaction.atomic():
        ShortlistItem.objects.create(buyer=profile)
    with pytest.raises(IntegrityError), transaction.atomic():
        ShortlistItem.objects.create(buyer=profile, artisan=maker, product=product)


def test_an_item_is_unique_per_buyer_and_target(profile, maker):
    ShortlistItem.objects.create(buyer=profile, artisan=maker)
    with pytest.raises(IntegrityError), transaction.atomic():
        ShortlistItem.objects.create(buyer=profile, artisan=maker)
    # Another buyer may shortlist the same artisan.
    ShortlistItemFactory(artisan=maker)


def test_buyer_adds_an_artisan_from_its_page_and_comes_back(client, buyer, login, profile, maker):
    login(buyer)
    page = reverse("catalog:artisan-detail", args=[maker.slug])
    response = client.post(reverse("buyers:shortlist-add"), {"artisan": maker.slug, "next": page})
    assert response.status_code == 302 and response["Location"] == page
    assert ShortlistItem.objects.filter(buyer=profile, artisan=maker).count() == 1
    html = client.get(page).content.decode()
    assert "Shortlisted ✓ Remove" in html
    # Adding twice keeps one item.
    client.post(reverse("buyers:shortlist-add"), {"artisan": maker.slug})
    assert ShortlistItem.objects.filter(buyer=profile).count() == 1


def test_buyer_adds_and_removes_a_product(client, buyer, login, profile, maker):
    product = ProductFactory(artisan=maker)
    login(buyer)
    client.post(reverse("buyers:shortlist-add"), {"product": str(product.public_id)})
    assert ShortlistItem.objects.filter(buyer=profile, product=product).exists()
    client.post(reverse("buyers:shortlist-remove"), {"product": str(product.public_id)})
    assert not ShortlistItem.objects.filter(buyer=profile).exists()


def test_next_must_stay_on_this_site(client, buyer, login, profile, maker):
    login(buyer)
    response = client.post(reverse("buyers:shortlist-add"), {"artisan": maker.slug, "next": "https://evil.example/"})
    assert response["Location"] == reverse("buyers:shortlist")


def test_hidden_targets_cannot_be_added(client, buyer, login, profile):
    pending = ArtisanProfileFactory(status=ArtisanProfile.Status.PENDING)
    draft = ProductFactory(status="draft")
    login(buyer)
    assert client.post(reverse("buyers:shortlist-add"), {"artisan": pending.slug}).status_code == 404
    assert client.post(reverse("buyers:shortlist-add"), {"product": str(draft.public_id)}).status_code == 404
    assert client.post(reverse("buyers:shortlist-add"), {}).status_code == 400
    assert not ShortlistItem.objects.exists()


def test_buyer_without_profile_is_sent_to_create_it(client, buyer, login, maker):
    login(buyer)
    response = client.post(reverse("buyers:shortlist-add"), {"artisan": maker.slug})
    assert response.status_code == 302 and response["Location"].startswith(reverse("buyers:profile"))
    assert not ShortlistItem.objects.exists()


def test_buyer_sees_and_edits_only_their_own_items(client, buyer, other_buyer, login, profile, maker):
    mine = ShortlistItem.objects.create(buyer=profile, artisan=maker, note="Call about the blue series")
    theirs = ShortlistItemFactory(buyer=BuyerProfileFactory(user=other_buyer), artisan=ArtisanProfileFactory(
        business_name="Atelier Secret"), note="Their private note")
    login(buyer)
    html = client.get(reverse("buyers:shortlist")).content.decode()
    assert "Taller Moreno" in html and "Call about the blue series" in html
    assert "Atelier Secret" not in html and "Their private note" not in html
    response = client.post(reverse("buyers:shortlist-note", args=[theirs.public_id]), {"note": "hijack"})
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.note == "Their private note"
    # Removing by target touches only the buyer's own list.
    client.post(reverse("buyers:shortlist-remove"), {"artisan": theirs.artisan.slug})
    assert ShortlistItem.objects.filter(pk=theirs.pk).exists()
    response = client.post(reverse("buyers:shortlist-note", args=[mine.public_id]), {"note": "Order 40 bowls"})
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.note == "Order 40 bowls"


@pytest.mark.parametrize("persona", ["artisan", "staff"])
def test_artisans_and_staff_get_403(client, login, request, persona, maker):
    login(request.getfixturevalue(persona))
    assert client.get(reverse("buyers:shortlist")).status_code == 403
    assert client.post(reverse("buyers:shortlist-add"), {"artisan": maker.slug}).status_code == 403
    assert client.post(reverse("buyers:shortlist-remove"), {"artisan": maker.slug}).status_code == 403
    assert not ShortlistItem.objects.exists()


def test_anonymous_is_sent_to_sign_in(client, maker):
    response = client.post(reverse("buyers:shortlist-add"), {"artisan": maker.slug})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert client.get(reverse("buyers:shortlist")).status_code == 302


def test_add_needs_post(client, buyer, login, profile):
    login(buyer)
    assert client.get(reverse("buyers:shortlist-add")).status_code == 405


def test_item_that_left_the_catalog_stays_listed_without_link(client, buyer, login, profile, maker):
    ShortlistItem.objects.create(buyer=profile, artisan=maker)
    ArtisanProfile.objects.filter(pk=maker.pk).update(status=ArtisanProfile.Status.REJECTED)
    login(buyer)
    html = client.get(reverse("buyers:shortlist")).content.decode()
    assert "No longer in the catalog" in html
    assert reverse("catalog:artisan-detail", args=[maker.slug]) not in html


def test_request_a_meeting_link_when_meetings_offer_it(client, buyer, login, profile, maker):
    from django.urls import NoReverseMatch
    from django.urls import reverse as url

    ShortlistItem.objects.create(buyer=profile, artisan=maker)
    login(buyer)
    html = client.get(reverse("buyers:shortlist")).content.decode()
    try:
        expected = url("meetings:request-create", kwargs={"artisan_slug": maker.slug})
    except NoReverseMatch:
        assert "Request a meeting" not in html
    else:
        assert expected in html
