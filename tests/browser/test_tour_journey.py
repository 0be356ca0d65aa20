"""A two-day workshop tour: Fez, then Marrakech. Staff plan it, hosts confirm, a buyer follows it on a phone.

Three buyers share a van over eight workshops (four in Fez's medina on the Tuesday, four in
Marrakech's on the Wednesday, the day starting from its own point). Staff press "Plan the tour";
two hosts confirm on their page, the other six through the same service; a buyer opens the
itinerary on a phone, records what each visit led to (their outcome at the visit's group meeting)
and asks one host for a quote from it.
"""

from __future__ import annotations

import datetime as dt
from datetime import time

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts.tests.factories import PASSWORD, ArtisanUserFactory, BuyerUserFactory, StaffUserFactory
from buyers.tests.factories import BuyerProfileFactory
from catalog.tests.factories import ArtisanProfileFactory
from deals.models import Deal
from matchmaking.models import Recommendation
from meetings.models import Outcome
from programs.models import Program
from programs.tests.factories import ProgramFactory
from tours import services
from tours.models import (
    CandidateStop,
    OpeningHours,
    Participant,
    PlannedStop,
    Tour,
    TourDay,
    Vehicle,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TUESDAY = dt.date(2026, 10, 6)
FEZ, MARRAKECH = (34.0617, -4.9732), (31.6258, -7.9891)


def _sign_in(page, email):
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def _tour() -> Tour:
    program = ProgramFactory(
        name="Medinas 2026",
        kind=Program.Kind.WORKSHOP_TOUR,
        time_zone="Africa/Casablanca",
        starts_on=TUESDAY,
        ends_on=TUESDAY + dt.timedelta(days=1),
    )
    tour = Tour.objects.create(
        program=program,
        start_name="Bab Boujloud",
        start_latitude=FEZ[0],
        start_longitude=FEZ[1],
        speed_kmh=20,
    )
    TourDay.objects.create(
        tour=tour, date=TUESDAY, starts_at=time(9), ends_at=time(18), breaks=["13:00-14:00"]
    )
    TourDay.objects.create(
        tour=tour,
        date=TUESDAY + dt.timedelta(days=1),
        starts_at=time(9),
        ends_at=time(18),
        breaks=["13:00-14:00"],
        start_name="Jemaa el-Fna",
        start_latitude=MARRAKECH[0],
        start_longitude=MARRAKECH[1],
    )
    van = Vehicle.objects.create(tour=tour, name="Van 1", seats=6)
    buyers = []
    for n, name in enumerate(["Emily Carter", "Jonas Berg", "Aiko Tanaka"]):
        user = BuyerUserFactory(email=f"buyer{n}@shops.example", full_name=name, language="en")
        BuyerProfileFactory(user=user, organisation_name=f"{name.split()[1]} Home")
        Participant.objects.create(
            tour=tour,
            user=user,
            role=Participant.Role.BUYER,
            vehicle=van,
            arrives_on=TUESDAY,
            leaves_on=TUESDAY + dt.timedelta(days=1),
        )
        buyers.append(user)
    now = timezone.now()
    for n in range(8):
        city, (lat, lon) = ("Fès", FEZ) if n < 4 else ("Marrakech", MARRAKECH)
        user = ArtisanUserFactory(email=f"host{n}@workshops.example", full_name=f"Host {n}", language="en")
        artisan = ArtisanProfileFactory(
            user=user, business_name=f"Atelier {city} {n}", region=city, city=city, indexed=False
        )
        candidate = CandidateStop.objects.create(
            tour=tour,
            artisan=artisan,
            address=f"{n + 1} Derb, {city}",
            latitude=lat + 0.003 * (n % 4),
            longitude=lon + 0.002 * (n % 4),
            visit_minutes=60,
        )
        for weekday in range(7):
            OpeningHours.objects.create(
                candidate=candidate, weekday=weekday, opens_at=time(9), closes_at=time(18)
            )
        for m, buyer in enumerate(buyers):
            Recommendation.objects.create(
                program=program,
                buyer_user=buyer,
                artisan=artisan,
                score=50 + (n * 5 + m * 7) % 40,
                computed_at=now,
            )
    return tour


def test_staff_plan_hosts_confirm_a_buyer_follows_on_a_phone_records_outcomes_and_starts_a_deal(new_page):
    tour = _tour()
    StaffUserFactory(email="amina@agency.example")

    staff = new_page()
    _sign_in(staff, "amina@agency.example")
    staff.goto(f"/tours/{tour.public_id}/plan/")
    staff.get_by_role("button", name="Plan the tour").click()
    # The planner runs as a task; its run page reloads itself until the run is done.
    expect(staff.locator("#plan-run-status")).to_have_attribute("data-status", "done", timeout=60_000)
    expect(staff.locator("#plan-run-result")).to_contain_text("Planned")
    staff.get_by_role("link", name="Back to the plan").click()
    staff.wait_for_url(f"**/tours/{tour.public_id}/plan/")
    assert staff.locator("#plan tbody tr").count() == 8
    stops = list(PlannedStop.objects.filter(tour=tour).select_related("candidate__artisan__user", "day"))
    assert {(s.day.date == TUESDAY, s.candidate.artisan.city == "Fès") for s in stops} == {
        (True, True),
        (False, False),
    }

    for stop in stops[:2]:
        host = new_page()
        _sign_in(host, stop.candidate.artisan.user.email)
        host.goto("/tours/hosting/")
        host.get_by_role("button", name="Confirm this time").click()
        host.wait_for_url("**/tours/hosting/")
        assert "Confirmed" in host.locator(f"#host-stop-{stop.public_id}").inner_text()
    for stop in stops[2:]:
        services.planned_stop_confirm(stop=stop, by=stop.candidate.artisan.user)

    phone = new_page(phone=True)
    _sign_in(phone, "buyer0@shops.example")
    phone.goto(f"/tours/{tour.public_id}/")
    assert phone.locator(".itinerary-stop").count() == 8
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert (
        phone.get_by_role("link", name="Map (OpenStreetMap)")
        .first.get_attribute("href")
        .startswith("https://www.openstreetmap.org/?mlat=")
    )
    for stop in stops:
        phone.goto(f"/tours/stops/{stop.public_id}/")
        phone.get_by_label("Interest").select_option(label="High" if stop is stops[0] else "Medium")
        phone.get_by_role("button", name="Record the outcome").click()
        phone.wait_for_url(f"**/tours/stops/{stop.public_id}/")
    # Each is the buyer's outcome at the visit's group meeting.
    assert (
        Outcome.objects.filter(meeting__tour_stop__tour=tour, user__email="buyer0@shops.example").count() == 8
    )

    phone.goto(f"/tours/stops/{stops[0].public_id}/")
    phone.get_by_label("What you would like to order").fill("Blue zellige tiles, 10 × 10 cm")
    phone.get_by_label("Quantity").fill("400")
    phone.get_by_role("button", name="Send the request").click()
    phone.wait_for_url("**/deals/*-*/")
    deal = Deal.objects.get(buyer__user__email="buyer0@shops.example")
    assert deal.artisan_id == stops[0].candidate.artisan_id and deal.program_id == tour.program_id
    stops[0].refresh_from_db()
    assert deal.meeting_id == stops[0].meeting_id
