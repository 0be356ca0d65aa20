"""A person's matches page, hiding, marks from the catalog and the matches, dashboards."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from catalog.tests.factories import ArtisanProfileFactory
from matchmaking import services
from matchmaking.models import Preference, Recommendation
from matchmaking.tests.factories import join
from meetings.tests.factories import BuyerProfileFactory
from programs.tests.factories import ProgramFactory

pytestmark = pytest.mark.django_db

URL = reverse("matchmaking:recommendations")


@pytest.fixture
def program(buyer, artisan):
    BuyerProfileFactory(user=buyer, organisation_name="Met Store", languages=["en"])
    workshop = ArtisanProfileFactory(user=artisan, business_name="Cerámica Moreno", slug="ceramica-moreno")
    program = ProgramFactory(name="US Museum Shops")
    join(program, artisans=[workshop], buyers=[buyer])
    services.recommendations_recompute(program_id=program.pk)
    return program


def test_anonymous_is_sent_to_sign_in_and_staff_get_403(program, anonymous, staff, login):
    assert anonymous.get(URL).status_code == 302
    assert login(staff).get(URL).status_code == 403


def test_buyer_sees_the_artisan_with_reasons_and_artisan_sees_the_buyer(program, buyer, artisan, login):
    page = login(buyer).get(URL).content.decode()
    assert "Cerámica Moreno" in page and "speaks English" in page and "Must meet" in page
    page = login(artisan).get(URL).content.decode()
    assert "Met Store" in page


def test_other_buyer_cannot_hide_someone_elses_recommendation(program, other_buyer, login):
    rec = Recommendation.objects.get()
    response = login(other_buyer).post(reverse("matchmaking:hide", args=[rec.pk]))
    assert response.status_code == 404
    rec.refresh_from_db()
    assert not rec.hidden_by_buyer


def test_hide_then_show_again(program, buyer, login):
    client = login(buyer)
    rec = Recommendation.objects.get()
    client.post(reverse("matchmaking:hide", args=[rec.pk]))
    rec.refresh_from_db()
    assert rec.hidden_by_buyer
    page = client.get(URL).content.decode()
    assert "Show again" in page
    assert "Cerámica Moreno" not in client.get(reverse("buyers:dashboard")).content.decode()
    client.post(reverse("matchmaking:unhide", args=[rec.pk]))
    rec.refresh_from_db()
    assert not rec.hidden_by_buyer


def test_buyer_marks_an_artisan_from_the_catalog_page(program, buyer, login):
    client = login(buyer)
    artisan_url = reverse("catalog:artisan-detail", args=["ceramica-moreno"])
    page = client.get(artisan_url).content.decode()
    assert "Meet Cerámica Moreno in US Museum Shops?" in page
    workshop = program.applications.get().artisan
    response = client.post(reverse("matchmaking:preference"),
                           {"program": program.pk, "other": workshop.pk, "level": 3, "next": artisan_url})
    assert response["Location"] == artisan_url
    assert Preference.objects.get().level == Preference.Level.MUST
    assert 'value="3" class="button button-small" aria-pressed="true"' in client.get(artisan_url).content.decode()


def test_artisan_marks_a_buyer_and_strangers_cannot(program, buyer, artisan, other_artisan, other_buyer, login):
    response = login(artisan).post(reverse("matchmaking:preference"),
                                   {"program": program.pk, "other": buyer.pk, "level": 2})
    assert response.status_code == 302
    assert Preference.objects.get().side == Preference.Side.ARTISAN
    ArtisanProfileFactory(user=other_artisan)
    assert login(other_artisan).post(reverse("matchmaking:preference"),
                                     {"program": program.pk, "other": buyer.pk, "level": 2}).status_code == 404
    BuyerProfileFactory(user=other_buyer)
    workshop = program.applications.get().artisan
    assert login(other_buyer).post(reverse("matchmaking:preference"),
                                   {"program": program.pk, "other": workshop.pk, "level": 3}).status_code == 404
    assert Preference.objects.count() == 1


def test_catalog_page_has_no_preference_form_outside_a_shared_program(program, other_buyer, login):
    BuyerProfileFactory(user=other_buyer)
    page = login(other_buyer).get(reverse("catalog:artisan-detail", args=["ceramica-moreno"])).content.decode()
    assert "preference-form" not in page


def _queries(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_matches_page_and_dashboards_take_the_same_queries_for_few_and_many(program, buyer, login):
    client = login(buyer)
    few = [_queries(client, URL), _queries(client, reverse("buyers:dashboard"))]
    others = [ArtisanProfileFactory(indexed=False) for _ in range(12)]
    join(program, artisans=others)
    services.recommendations_recompute(program_id=program.pk)
    many = [_queries(client, URL), _queries(client, reverse("buyers:dashboard"))]
    assert few == many
    assert client.get(reverse("buyers:dashboard")).content.decode().count('class="card match stack"') == 5


def test_artisan_dashboard_shows_top_matches(program, artisan, login):
    page = login(artisan).get(reverse("artisans:dashboard")).content.decode()
    assert "Your best matches" in page and "Met Store" in page
