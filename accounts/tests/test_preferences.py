from __future__ import annotations

import datetime as dt

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone

from common.zones import zone_label

pytestmark = pytest.mark.django_db


def test_language_switch_to_arabic_renders_right_to_left(client):
    response = client.post(reverse("set_language"), {"language": "ar", "next": "/"}, follow=True)
    content = response.content.decode()
    assert 'lang="ar"' in content
    assert 'dir="rtl"' in content
    assert "تصفح" in content or "الكتالوج" in content


def test_language_switch_is_remembered_on_the_account(login, buyer):
    client = login(buyer)
    client.post(reverse("set_language"), {"language": "fr", "next": "/"})
    buyer.refresh_from_db()
    assert buyer.language == "fr"
    assert 'lang="fr"' in client.get("/").content.decode()


def test_user_time_zone_is_active_for_their_requests(login, buyer, artisan):
    # 15:00 UTC in January: 10:00 in New York, 16:00 in Madrid.
    moment = dt.datetime(2026, 1, 15, 15, 0, tzinfo=dt.UTC)
    template = Template("{{ moment|time:'H:i' }}")

    login(buyer).get("/")
    with timezone.override(buyer.zone):
        assert template.render(Context({"moment": moment})) == "10:00"
    response = login(buyer).get(reverse("buyers:dashboard"))
    # The footer names the viewer's zone as a place with its offset (common.zones.zone_label).
    assert zone_label("America/New_York") in response.content.decode()
    response = login(artisan).get(reverse("artisans:dashboard"), follow=True)
    assert zone_label("Europe/Madrid") in response.content.decode()


def test_preferences_form_changes_time_zone(login, buyer):
    client = login(buyer)
    response = client.post(
        reverse("accounts:preferences"),
        {"full_name": "Emily Carter", "language": "en", "time_zone": "America/Chicago"},
    )
    assert response.status_code == 302
    buyer.refresh_from_db()
    assert buyer.time_zone == "America/Chicago"


def test_preferences_refuse_unknown_time_zone(login, buyer):
    response = login(buyer).post(
        reverse("accounts:preferences"), {"full_name": "E", "language": "en", "time_zone": "Nowhere/City"}
    )
    assert response.status_code == 200
    buyer.refresh_from_db()
    assert buyer.time_zone == "America/New_York"
