"""Creating and editing the artisan profile, and what sends it back to review."""

from __future__ import annotations

import pytest
from django.urls import reverse

from artisans.models import ArtisanProfile
from artisans.services import unique_slug
from catalog.models import Craft
from catalog.search import refresh_documents
from catalog.tests.factories import ArtisanProfileFactory, CraftFactory
from common.tests.imaging import SVG, png_bytes, upload

pytestmark = pytest.mark.django_db


def profile_data(**overrides) -> dict:
    data = {
        "business_name": "Cerámica Moreno",
        "kind": "workshop",
        "crafts": [CraftFactory(slug="ceramics").pk],
        "country": "ES",
        "region": "Andalusia",
        "city": "Úbeda",
        "time_zone": "Europe/Madrid",
        "story": "Three generations of potters.",
        "language": "es",
        "languages_spoken": ["es", "en"],
        "year_founded": "1962",
        "team_size": "4",
        "website": "moreno.example.com",
        "instagram": "",
        "facebook": "",
        "exported_before": "on",
        "export_markets": "France, Japan",
        "monthly_capacity": "300",
        "lead_time_days": "45",
        "min_order_value": "500",
        "currency": "EUR",
        "incoterms": ["EXW", "FCA"],
        "payment_terms": "50% deposit",
        "certifications": "Artesanía de Andalucía,  , Fair Trade",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def test_first_visit_creates_a_pending_profile_with_a_unique_slug(login, artisan, django_capture_on_commit_callbacks):
    ArtisanProfileFactory(slug="ceramica-moreno")
    client = login(artisan)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("artisans:profile-edit"), profile_data())
    assert response.status_code == 302
    assert response.url == reverse("artisans:dashboard")
    profile = ArtisanProfile.objects.get(user=artisan)
    assert profile.status == ArtisanProfile.Status.PENDING
    assert profile.submitted_at is not None
    assert profile.slug == "ceramica-moreno-2"
    assert profile.website == "https://moreno.example.com"
    assert profile.languages_spoken == ["es", "en"]
    assert profile.incoterms == ["EXW", "FCA"]
    assert profile.certifications == ["Artesanía de Andalucía", "Fair Trade"]
    assert [c.slug for c in profile.crafts.all()] == ["ceramics"]
    refresh_documents()  # what the next search does first
    profile.refresh_from_db()
    assert "ubeda" in str(profile.search_vector)

    dashboard = client.get(reverse("artisans:dashboard")).content.decode()
    assert 'badge badge-warn' in dashboard


def test_slug_falls_back_for_names_without_latin_letters():
    assert unique_slug("تعاونية الفخار") == "تعاونية-الفخار"
    assert unique_slug("!!!") == "workshop"


@pytest.mark.parametrize(
    ("overrides", "field", "code"),
    [
        ({"business_name": ""}, "business_name", "required"),
        ({"crafts": []}, "crafts", "required"),
        ({"country": "XX"}, "country", "invalid_choice"),
        ({"year_founded": "1500"}, "year_founded", "year"),
        ({"team_size": "0"}, "team_size", "team_size"),
        ({"website": "not a url"}, "website", "invalid"),
        ({"exported_before": "on", "export_markets": ""}, "export_markets", "markets_required"),
        ({"min_order_value": "-5"}, "min_order_value", "negative"),
        ({"incoterms": ["XYZ"]}, "incoterms", "invalid_choice"),
        ({"certifications": "x" * 81}, "certifications", "item_too_long"),
    ],
)
def test_profile_form_errors_are_shown_beside_the_field_and_input_is_kept(login, artisan, overrides, field, code):
    response = login(artisan).post(reverse("artisans:profile-edit"), profile_data(**overrides))
    assert response.status_code == 400
    form = response.context["form"]
    assert form.has_error(field, code), form.errors
    content = response.content.decode()
    assert f'id="id_{field}_error"' in content
    assert 'value="Úbeda"' in content
    assert not ArtisanProfile.objects.filter(user=artisan).exists()


def test_bad_logo_is_refused_and_nothing_is_stored(login, artisan, settings):
    response = login(artisan).post(
        reverse("artisans:profile-edit"), {**profile_data(), "logo": upload(SVG, "logo.png", "image/png")}
    )
    assert response.status_code == 400
    assert response.context["form"].has_error("logo", "invalid_image")
    assert "JPEG, PNG" in response.content.decode()
    assert not ArtisanProfile.objects.exists()
    media = settings.MEDIA_ROOT
    assert not media.exists() or not any(p.is_file() for p in media.rglob("*"))


def test_logo_is_cleaned_stored_and_gets_a_thumbnail(login, artisan, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = login(artisan).post(
            reverse("artisans:profile-edit"), {**profile_data(), "logo": upload(png_bytes(), "logo.png", "image/png")}
        )
    assert response.status_code == 302
    profile = ArtisanProfile.objects.get(user=artisan)
    assert profile.logo.name.startswith("logos/") and profile.logo.name.endswith(".png")
    assert profile.logo_thumb.name.endswith(".webp")
    assert profile.logo_thumb.storage.exists(profile.logo_thumb.name)


@pytest.fixture
def approved(artisan):
    profile = ArtisanProfileFactory(user=artisan, business_name="Cerámica Moreno", slug="ceramica-moreno",
                                    city="Úbeda", crafts=[CraftFactory(slug="ceramics")])
    return profile


@pytest.mark.parametrize(
    "change",
    [
        {"business_name": "Cerámicas Moreno e Hijos"},
        {"story": "A new story."},
        {"country": "PT"},
        {"crafts": "another"},
    ],
)
def test_substantial_change_sends_an_approved_profile_back_to_review(login, approved, change):
    if change.get("crafts") == "another":
        change = {"crafts": [Craft.objects.exclude(slug="ceramics").first().pk]}
    data = profile_data(**{"story": approved.story, **change})
    response = login(approved.user).post(reverse("artisans:profile-edit"), data)
    assert response.status_code == 302
    approved.refresh_from_db()
    assert approved.status == ArtisanProfile.Status.PENDING
    assert approved.slug == "ceramica-moreno"


def test_minor_change_keeps_an_approved_profile_approved(login, approved):
    data = profile_data(story=approved.story, city="Granada", team_size="6", payment_terms="30 days")
    response = login(approved.user).post(reverse("artisans:profile-edit"), data)
    assert response.status_code == 302
    approved.refresh_from_db()
    assert approved.status == ArtisanProfile.Status.APPROVED
    assert approved.city == "Granada"
    assert approved.team_size == 6


def test_any_edit_resubmits_a_rejected_profile(login, approved):
    ArtisanProfile.objects.filter(pk=approved.pk).update(status="rejected", rejection_reason="Add photos")
    response = login(approved.user).post(reverse("artisans:profile-edit"), profile_data(story=approved.story))
    assert response.status_code == 302
    approved.refresh_from_db()
    assert approved.status == ArtisanProfile.Status.PENDING


def test_edit_form_shows_stored_values(login, approved):
    content = login(approved.user).get(reverse("artisans:profile-edit")).content.decode()
    assert 'value="Cerámica Moreno"' in content
    assert "Edit your profile" in content
