"""A buyer in New York books a slot of an artisan in Madrid; both see it in their own time."""

from __future__ import annotations

import zoneinfo
from datetime import datetime, time

import pytest
from django.core import mail

from accounts.tests.factories import PASSWORD, ArtisanUserFactory, BuyerUserFactory
from catalog.tests.factories import ArtisanProfileFactory
from meetings.models import AvailabilityWindow, Meeting
from meetings.tests.factories import BuyerProfileFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MADRID = zoneinfo.ZoneInfo("Europe/Madrid")
NEW_YORK = zoneinfo.ZoneInfo("America/New_York")


def _sign_in(page, email):
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def test_buyer_requests_a_slot_the_artisan_accepts_both_see_their_time(new_page):
    artisan = ArtisanUserFactory(email="lucia@ceramica.example", full_name="Lucía Moreno", language="en")
    workshop = ArtisanProfileFactory(user=artisan, slug="ceramica-moreno", business_name="Cerámica Moreno",
                                     time_zone="Europe/Madrid")
    for weekday in range(7):
        AvailabilityWindow.objects.create(artisan=workshop, weekday=weekday, start_time=time(10), end_time=time(12))
    buyer = BuyerUserFactory(email="emily@metstore.example", full_name="Emily Carter", time_zone="America/New_York")
    BuyerProfileFactory(user=buyer, organisation_name="Met Store")

    buyer_page = new_page(timezone_id="America/New_York", phone=True)
    _sign_in(buyer_page, buyer.email)
    buyer_page.goto("/meetings/request/ceramica-moreno/")
    slot = buyer_page.get_by_label("A free slot of the artisan")
    slot.select_option(index=1)
    start = datetime.fromisoformat(slot.input_value())
    buyer_page.get_by_label("Message to the artisan").fill("We would love to see your glazes.")
    buyer_page.get_by_role("button", name="Send the request").click()
    buyer_page.wait_for_url("**/meetings/*-*/")
    assert buyer_page.locator("#meeting-status").inner_text() == "Requested"

    artisan_page = new_page(timezone_id="Europe/Madrid")
    _sign_in(artisan_page, artisan.email)
    artisan_page.goto("/meetings/")
    artisan_page.get_by_role("link", name="Answer").click()
    artisan_page.get_by_role("button", name="Accept this time").click()
    assert artisan_page.locator("#meeting-status").inner_text() == "Confirmed"

    madrid, new_york = start.astimezone(MADRID).strftime("%H:%M"), start.astimezone(NEW_YORK).strftime("%H:%M")
    artisan_time = artisan_page.locator("#meeting-time").inner_text()
    assert artisan_time.index(madrid) < artisan_time.index(new_york)
    assert "America/New_York" in artisan_time
    assert artisan_page.get_by_role("link", name="Add to calendar").is_visible()

    buyer_page.reload()
    assert buyer_page.locator("#meeting-status").inner_text() == "Confirmed"
    buyer_time = buyer_page.locator("#meeting-time").inner_text()
    assert buyer_time.index(new_york) < buyer_time.index(madrid)
    assert "Europe/Madrid" in buyer_time

    meeting = Meeting.objects.get()
    assert meeting.start_at == start
    invitations = [m for m in mail.outbox if m.extra_headers["X-CraftMatch-Key"].startswith("meeting-invitation:")]
    assert sorted(m.to[0] for m in invitations) == sorted([artisan.email, buyer.email])
