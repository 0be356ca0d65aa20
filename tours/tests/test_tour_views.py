"""The tour pages as each person sees them, and their queries not growing with the tour."""

from __future__ import annotations

import pytest
from django.urls import reverse
from icalendar import Calendar

from tours.models import Participant
from tours.tests.factories import make_tour, plan_now, staff_planner

pytestmark = pytest.mark.django_db


def _planned(artisans: int):
    tour = make_tour(artisans=artisans, buyers=2, vehicles=1)
    plan_now(tour, staff_planner())
    return tour


@pytest.mark.parametrize("artisans", [2, 6])
def test_itinerary_page_queries_do_not_grow_with_stops(client, django_assert_max_num_queries, artisans):
    tour = _planned(artisans)
    buyer = tour.participants.first().user
    client.force_login(buyer)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("tours:itinerary", args=[tour.public_id]))
    assert response.status_code == 200
    assert response.content.decode().count('class="card itinerary-stop"') == tour.stops.count() == artisans
    assert "openstreetmap.org/?mlat=" in response.content.decode() and "geo:" in response.content.decode()


def test_calendar_has_one_event_per_stop_with_the_version(client):
    tour = _planned(3)
    client.force_login(tour.participants.first().user)
    response = client.get(reverse("tours:itinerary-ics", args=[tour.public_id]))
    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert len(events) == 3 and {int(e["SEQUENCE"]) for e in events} == {1}


def test_pdf_in_arabic(client):
    tour = _planned(2)
    user = tour.participants.first().user
    user.language = "ar"
    user.save(update_fields=["language"])
    client.force_login(user)
    response = client.get(reverse("tours:itinerary-pdf", args=[tour.public_id]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


def test_host_sees_only_their_stops_and_confirms(client):
    tour = _planned(3)
    stop = tour.stops.first()
    host = stop.candidate.artisan.user
    client.force_login(host)
    page = client.get(reverse("tours:host")).content.decode()
    assert page.count('class="card" id="host-stop-') == 1
    response = client.post(reverse("tours:host-answer", args=[stop.public_id, "confirm"]))
    assert response.status_code == 302
    stop.refresh_from_db()
    assert stop.status == "confirmed"


def test_staff_plan_page_moves_a_stop_and_shows_refusals(client):
    tour = _planned(2)
    staff = staff_planner()
    client.force_login(staff)
    stop = tour.stops.order_by("arrival_at").first()
    response = client.post(
        reverse("tours:plan-stop", args=[tour.public_id, stop.public_id, "move"]),
        {f"{stop.pk}-arrival": stop.arrival_at.strftime("%Y-%m-%d") + "T13:15"},
    )
    assert response.status_code == 400
    assert "breaks the plan" in response.content.decode()


def test_a_participant_on_another_vehicle_does_not_see_the_stop(client):
    tour = make_tour(artisans=3, buyers=2, vehicles=2)
    plan_now(tour, staff_planner())
    stop = tour.stops.first()
    other = Participant.objects.filter(tour=tour).exclude(vehicle=stop.vehicle).first()
    client.force_login(other.user)
    assert client.get(reverse("tours:stop", args=[stop.public_id])).status_code == 404


@pytest.mark.parametrize("artisans", [2, 6])
def test_plan_and_host_pages_queries_do_not_grow_with_stops(client, django_assert_max_num_queries, artisans):
    tour = _planned(artisans)
    staff = staff_planner()
    client.force_login(staff)
    with django_assert_max_num_queries(14):
        assert client.get(reverse("tours:plan", args=[tour.public_id])).status_code == 200
    host = tour.stops.first().candidate.artisan.user
    client.force_login(host)
    with django_assert_max_num_queries(10):
        assert client.get(reverse("tours:host")).status_code == 200


def test_an_artisan_places_their_workshop_until_a_visit_is_planned(client):
    tour = make_tour(artisans=1, buyers=1)
    candidate = tour.candidates.get()
    client.force_login(candidate.artisan.user)
    prefix = f"place-{candidate.pk}"
    data = {
        f"{prefix}-address": "7 Derb Lamtiyyin, Fès",
        f"{prefix}-latitude": "34.0641",
        f"{prefix}-longitude": "-4.9735",
    }
    assert client.post(reverse("tours:host-locate", args=[candidate.public_id]), data).status_code == 302
    candidate.refresh_from_db()
    assert (candidate.latitude, candidate.located_by) == (34.0641, "artisan")
    plan_now(tour, staff_planner())
    response = client.post(reverse("tours:host-locate", args=[candidate.public_id]), data)
    assert response.status_code == 400 and "already planned" in response.content.decode()


def _kind_cases(tour):
    stop = tour.stops.order_by("arrival_at").first()
    host = stop.candidate.artisan.user
    rider = tour.participants.filter(vehicle=stop.vehicle).first().user
    staff = staff_planner()
    return {
        "participant: itinerary": (rider, "get", reverse("tours:itinerary", args=[tour.public_id])),
        "participant: calendar": (rider, "get", reverse("tours:itinerary-ics", args=[tour.public_id])),
        "participant: stop": (rider, "get", reverse("tours:stop", args=[stop.public_id])),
        "participant: outcome": (rider, "post", reverse("tours:stop-outcome", args=[stop.public_id])),
        "host: answer": (host, "post", reverse("tours:host-answer", args=[stop.public_id, "confirm"])),
        "host: workshop": (host, "post", reverse("tours:host-locate", args=[stop.candidate.public_id])),
        "staff: plan": (staff, "get", reverse("tours:plan", args=[tour.public_id])),
        "staff: stop": (
            staff,
            "post",
            reverse("tours:plan-stop", args=[tour.public_id, stop.public_id, "cancel"]),
        ),
    }


@pytest.mark.parametrize(
    "case",
    [
        "participant: itinerary",
        "participant: calendar",
        "participant: stop",
        "participant: outcome",
        "host: answer",
        "host: workshop",
        "staff: plan",
        "staff: stop",
    ],
)
def test_a_tour_page_of_a_program_of_another_kind_is_not_found(client, case):
    tour = _planned(2)
    user, method, url = _kind_cases(tour)[case]
    client.force_login(user)
    assert getattr(client, method)(url).status_code in (200, 302, 400)  # a tour's program: the page is there
    tour.program.kind = "b2b_day"
    tour.program.save(update_fields=["kind"])
    client.force_login(user)
    assert getattr(client, method)(url).status_code == 404
