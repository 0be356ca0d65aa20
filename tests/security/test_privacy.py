"""A person downloads their data and deletes their account; the agency's figures stay true."""

from __future__ import annotations

import json
from dataclasses import asdict
from decimal import Decimal
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from accounts.models import User
from artisans.models import ArtisanProfile, WorkshopPhoto
from artisans.tests.factories import ProductPhotoFactory, WorkshopPhotoFactory
from buyers.models import BuyerProfile, ShortlistItem
from buyers.tests.factories import ShortlistItemFactory
from catalog.models import Product
from catalog.tests.factories import ArtisanProfileFactory, ProductFactory
from meetings.models import Meeting, Message, Outcome
from meetings.results import program_results
from meetings.tests.factories import BuyerProfileFactory, MeetingFactory
from meetings.tests.test_program_results import known_program  # noqa: F401  (the fixture)
from notifications.models import Email
from privacy.services import account_delete, account_export
from programs.models import Application, BuyerInvitation

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(artisan, other_artisan, buyer, other_buyer):
    mine = ArtisanProfileFactory(user=artisan, business_name="Cerámica Moreno", story="Three generations.",
                                 website="https://moreno.example", city="Talavera")
    theirs = ArtisanProfileFactory(user=other_artisan, business_name="Tifawin", story="Their story.")
    draft = ProductFactory(artisan=mine, title="Draft bowl", status=Product.Status.DRAFT)
    published = ProductFactory(artisan=mine, title="Blue plate")
    ProductFactory(artisan=theirs, title="Their rug")
    photo = ProductPhotoFactory(product=published, alt_text="A blue plate")
    workshop = WorkshopPhotoFactory(artisan=mine, alt_text="The kiln")
    buyer_profile = BuyerProfileFactory(user=buyer, organisation_name="Met Shop", job_title="Head buyer")
    other_profile = BuyerProfileFactory(user=other_buyer, organisation_name="Getty Shop")
    ShortlistItemFactory(buyer=buyer_profile, artisan=mine, note="Call about plates")
    ShortlistItemFactory(buyer=other_profile, artisan=mine, note="Other buyer's secret note")
    meeting = MeetingFactory(artisan=mine, buyer=buyer_profile)
    MeetingFactory(artisan=theirs, buyer=other_profile)
    Message.objects.create(meeting=meeting, author=artisan, body="Hello from the workshop")
    Message.objects.create(meeting=meeting, author=buyer, body="Hello from the shop")
    Outcome.objects.create(meeting=meeting, user=artisan, attendance="held", notes="Liked the plates")
    Outcome.objects.create(meeting=meeting, user=buyer, attendance="held", notes="Buyer's own notes")
    return {"mine": mine, "theirs": theirs, "draft": draft, "published": published, "photo": photo,
            "workshop": workshop, "buyer_profile": buyer_profile, "meeting": meeting}


def test_artisan_export_holds_their_own_data_and_nothing_of_others(world, artisan):
    data = json.loads(json.dumps(account_export(user=artisan)))
    assert data["account"]["email"] == artisan.email
    assert data["artisan_profile"]["business_name"] == "Cerámica Moreno"
    assert data["artisan_profile"]["workshop_photos"][0]["alt_text"] == "The kiln"
    assert {p["title"] for p in data["products"]} == {"Draft bowl", "Blue plate"}
    assert data["products"][1]["photos"][0]["alt_text"] == "A blue plate"
    assert [m["id"] for m in data["meetings"]] == [str(world["meeting"].public_id)]
    assert [m["body"] for m in data["messages"]] == ["Hello from the workshop"]
    assert [o["notes"] for o in data["outcomes"]] == ["Liked the plates"]
    text = json.dumps(data)
    for foreign in ("Their rug", "Their story", "Hello from the shop", "Buyer's own notes",
                    "Other buyer's secret note", "Call about plates", "Tifawin"):
        assert foreign not in text


def test_buyer_export_holds_shortlist_and_own_messages_only(world, buyer):
    data = account_export(user=buyer)
    assert data["buyer_profile"]["organisation_name"] == "Met Shop"
    assert data["artisan_profile"] is None and data["products"] == []
    assert [item["note"] for item in data["shortlist"]] == ["Call about plates"]
    assert [m["body"] for m in data["messages"]] == ["Hello from the shop"]
    assert [o["notes"] for o in data["outcomes"]] == ["Buyer's own notes"]
    assert "Other buyer's secret note" not in json.dumps(data)


def test_export_view_downloads_json_for_the_signed_in_person(world, login, buyer):
    response = login(buyer).get(reverse("privacy:data-export"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith("attachment;")
    assert json.loads(response.content)["account"]["email"] == buyer.email


def test_export_and_delete_need_sign_in(client):
    for name in ("privacy:data-export", "privacy:account-delete"):
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))


def test_staff_cannot_delete_themselves_here(login, staff):
    assert login(staff).get(reverse("privacy:account-delete")).status_code == 403


def test_delete_with_wrong_password_deletes_nothing(world, login, artisan):
    response = login(artisan).post(reverse("privacy:account-delete"), {"password": "wrong"})
    assert response.status_code == 200
    assert b"not correct" in response.content
    artisan.refresh_from_db()
    assert artisan.is_active and artisan.email == "artisan@example.org"


def test_artisan_deletion_removes_personal_data_and_files(world, login, artisan, password, settings,
                                                          django_capture_on_commit_callbacks):
    files = [Path(settings.MEDIA_ROOT) / world["photo"].image.name,
             Path(settings.MEDIA_ROOT) / world["workshop"].image.name]
    assert all(path.exists() for path in files)
    client = login(artisan)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("privacy:account-delete"), {"password": password})
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
    assert not any(path.exists() for path in files)

    user = User.objects.get(pk=artisan.pk)
    assert not user.is_active and not user.has_usable_password()
    assert user.email.startswith("deleted-") and user.email.endswith("@invalid")
    assert user.full_name == "Deleted user"
    assert not EmailAddress.objects.filter(user=user).exists()
    profile = ArtisanProfile.objects.get(pk=world["mine"].pk)
    assert profile.status == ArtisanProfile.Status.REJECTED
    assert profile.business_name == "Deleted user" and profile.story == "" and profile.website == ""
    assert not Product.objects.filter(artisan=profile).exists()
    assert not WorkshopPhoto.objects.filter(artisan=profile).exists()
    assert not Message.objects.filter(author=user).exists()
    assert Message.objects.filter(body="Hello from the shop").exists()
    meeting = Meeting.objects.get(pk=world["meeting"].pk)
    assert meeting.artisan_user_id == user.pk
    assert Outcome.objects.get(meeting=meeting, user=user).notes == ""
    # Hidden from the catalog and from the other party's shortlist.
    assert client.get(reverse("catalog:artisan-detail", args=[world["mine"].slug])).status_code == 404
    # The password no longer opens anything.
    client.logout()
    client.post(reverse("account_login"), {"login": "artisan@example.org", "password": password})
    assert "_auth_user_id" not in client.session


def test_buyer_deletion_removes_profile_texts_shortlist_and_mail(world, buyer, other_buyer):
    Email.objects.create(key="x:buyer", to=buyer.email, subject="Hi", body_text="Private")
    Email.objects.create(key="x:other", to=other_buyer.email, subject="Hi", body_text="Kept")
    account_delete(user=buyer)
    profile = BuyerProfile.objects.get(pk=world["buyer_profile"].pk)
    assert (profile.organisation_name, profile.job_title, profile.city) == ("Deleted user", "", "")
    assert not ShortlistItem.objects.filter(buyer=profile).exists()
    assert ShortlistItem.objects.filter(note="Other buyer's secret note").exists()
    assert list(Email.objects.values_list("key", flat=True)) == ["x:other"]
    assert Meeting.objects.filter(buyer=profile).count() == 1


def test_deletion_runs_twice_harmlessly(world, artisan):
    account_delete(user=artisan)
    account_delete(user=User.objects.get(pk=artisan.pk))
    assert User.objects.filter(pk=artisan.pk, is_active=False).exists()


def _figures(results) -> dict:
    figures = asdict(results)
    figures.pop("program")
    for key in ("per_artisan", "per_country"):
        figures[key] = sorted(
            (row["requests"], row["confirmed"], row["held"], row["no_shows"], row["orders"],
             str(row["value_usd"]), len(row["people"]))
            for row in figures[key]
        )
    return figures


def test_results_are_unchanged_after_artisan_and_buyer_delete_their_accounts(known_program):  # noqa: F811
    before = _figures(program_results(known_program))
    held = Meeting.objects.get(program=known_program, status="completed", outcomes__estimated_order_value=Decimal("1000"))
    invitation_count = BuyerInvitation.objects.filter(program=known_program).count()
    account_delete(user=held.artisan_user)
    account_delete(user=held.buyer_user)
    after = _figures(program_results(known_program))
    assert after == before
    assert BuyerInvitation.objects.filter(program=known_program).count() == invitation_count
    assert Application.objects.filter(program=known_program, artisan=held.artisan).exists()
    labels = {row.label for row in program_results(known_program).per_artisan}
    assert "Deleted user" in labels and "A1" not in labels


def test_privacy_page_is_public_and_linked_from_every_page(client):
    response = client.get(reverse("privacy:page"))
    assert response.status_code == 200
    assert b"730 days" in response.content
    assert reverse("privacy:page").encode() in client.get(reverse("home")).content
