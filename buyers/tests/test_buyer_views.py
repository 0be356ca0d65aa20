"""Buyer dashboard and profile, per persona; the admin's verify action."""

from __future__ import annotations

import pytest
from django.urls import reverse

from buyers.models import BuyerProfile, ShortlistItem
from buyers.tests.factories import BuyerProfileFactory
from catalog.tests.factories import ArtisanProfileFactory, CraftFactory

pytestmark = pytest.mark.django_db


def test_dashboard_without_profile_leads_to_creating_it(client, buyer, login):
    login(buyer)
    html = client.get(reverse("buyers:dashboard")).content.decode()
    assert "Create my buyer profile" in html and reverse("buyers:profile") in html
    assert reverse("catalog:artisan-list") in html


def test_buyer_creates_a_profile(client, buyer, login):
    login(buyer)
    response = client.post(reverse("buyers:profile"), {
        "organisation_kind": "museum_shop", "organisation_name": "The Met Store", "website": "https://store.example",
        "country": "US", "city": "New York", "job_title": "Head buyer", "crafts_of_interest": [CraftFactory().pk],
        "typical_order_qty": "48", "price_min_usd": "5", "price_max_usd": "60", "languages": ["en", "es"],
    })
    assert response.status_code == 302
    profile = BuyerProfile.objects.get(user=buyer)
    assert profile.organisation_name == "The Met Store" and profile.languages == ["en", "es"]
    assert not profile.is_verified
    assert [c.slug for c in profile.crafts_of_interest.all()] == ["ceramics"]


def test_profile_rejects_an_upside_down_price_range(client, buyer, login):
    login(buyer)
    response = client.post(reverse("buyers:profile"), {
        "organisation_kind": "gallery", "organisation_name": "G", "country": "US",
        "price_min_usd": "60", "price_max_usd": "5",
    })
    assert response.status_code == 200
    assert not BuyerProfile.objects.exists()


def test_buyer_edits_only_their_own_profile(client, buyer, other_buyer, login):
    mine = BuyerProfileFactory(user=buyer, organisation_name="Mine")
    theirs = BuyerProfileFactory(user=other_buyer, organisation_name="Theirs")
    login(buyer)
    client.post(reverse("buyers:profile"), {"organisation_kind": "gallery", "organisation_name": "Renamed", "country": "FR"})
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.organisation_name == "Renamed" and theirs.organisation_name == "Theirs"


def test_dashboard_shows_the_shortlist(client, buyer, login):
    profile = BuyerProfileFactory(user=buyer, is_verified=True)
    ShortlistItem.objects.create(buyer=profile, artisan=ArtisanProfileFactory(business_name="Taller Moreno"))
    login(buyer)
    html = client.get(reverse("buyers:dashboard")).content.decode()
    assert "Taller Moreno" in html and "Verified" in html


@pytest.mark.parametrize("persona", ["artisan", "staff"])
def test_other_roles_get_403(client, login, request, persona):
    login(request.getfixturevalue(persona))
    assert client.get(reverse("buyers:dashboard")).status_code == 403
    assert client.get(reverse("buyers:profile")).status_code == 403


def test_anonymous_is_sent_to_sign_in(client):
    assert client.get(reverse("buyers:dashboard")).status_code == 302
    assert client.get(reverse("buyers:profile")).status_code == 302


def test_staff_verify_buyers_in_admin(client, staff, login):
    waiting = BuyerProfileFactory()
    already = BuyerProfileFactory(is_verified=True)
    login(staff)
    changelist = reverse("admin:buyers_buyerprofile_changelist")
    assert client.get(changelist + "?is_verified__exact=0&q=Museum").status_code == 200
    response = client.post(changelist, {"action": "verify", "_selected_action": [waiting.pk, already.pk]})
    assert response.status_code == 302
    waiting.refresh_from_db()
    assert waiting.is_verified and waiting.verified_at is not None
    assert client.get(reverse("admin:buyers_shortlistitem_changelist")).status_code == 200
