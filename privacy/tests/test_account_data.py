"""Export and deletion run every app's declaration: programs and wishes are exported, and after
deletion no text the person gave is left in any column of any model."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.apps import apps
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone

from artisans.tests.factories import ProductPhotoFactory, WorkshopPhotoFactory
from buyers.tests.factories import ShortlistItemFactory
from catalog.tests.factories import ArtisanProfileFactory, ProductFactory
from common import personal_data
from matchmaking.models import Preference
from matchmaking.tests.factories import wish
from meetings.models import AvailabilityException, Meeting, MeetingEvent, Message, Outcome
from meetings.tests.factories import AvailabilityWindowFactory, BuyerProfileFactory, MeetingFactory
from notifications.models import Email
from privacy.services import account_delete, account_export
from programs.models import Application, BuyerInvitation, JoinRequest, ProgramBuyer
from programs.tests.factories import ProgramFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def program_world(artisan, buyer, other_buyer):
    program = ProgramFactory(name="Talavera to New York")
    mine = ArtisanProfileFactory(user=artisan, business_name="Cerámica Moreno")
    shop = BuyerProfileFactory(user=buyer, organisation_name="Met Shop")
    BuyerProfileFactory(user=other_buyer, organisation_name="Getty Shop")
    Application.objects.create(program=program, artisan=mine, status=Application.Status.APPLIED,
                               motivation="Our blue plates suit museum shops")
    forwarded = BuyerInvitation.objects.create(program=program, email="colleague@met.example")
    waiting = JoinRequest.objects.create(invitation=forwarded, user=buyer)
    own = BuyerInvitation.objects.create(program=program, email=buyer.email, user=buyer, registered_at=timezone.now())
    ProgramBuyer.objects.create(program=program, user=buyer)
    wish(program, mine, buyer, level=Preference.Level.MUST, side=Preference.Side.BUYER)
    wish(program, mine, other_buyer, level=Preference.Level.LIKE, side=Preference.Side.ARTISAN)
    return {"program": program, "mine": mine, "shop": shop, "forwarded": forwarded, "waiting": waiting, "own": own}


def test_export_has_one_section_per_declared_section_and_is_json(program_world, buyer):
    data = account_export(user=buyer)
    sections = {name for declaration in personal_data.registrations() for name in declaration.sections}
    assert set(data) == {"format"} | sections
    assert json.loads(json.dumps(data)) == data


def test_buyer_export_holds_join_requests_invitations_memberships_and_own_wishes(program_world, buyer):
    programs = account_export(user=buyer)["programs"]
    assert programs["join_requests"] == [{
        "program": "Talavera to New York", "status": "pending",
        "requested_at": program_world["waiting"].requested_at.isoformat(), "decided_at": None,
    }]
    # The forwarded link's address is someone else's: the buyer's own invitation is listed, not it.
    assert [(i["program"], i["email"]) for i in programs["invitations"]] == [("Talavera to New York", buyer.email)]
    assert [m["program"] for m in programs["memberships"]] == ["Talavera to New York"]
    assert "colleague@met.example" not in json.dumps(programs)
    wishes = account_export(user=buyer)["preferences"]
    assert [(w["about"], w["level"], w["as"]) for w in wishes] == [("Cerámica Moreno", "must", "buyer")]


def test_artisan_export_holds_applications_and_the_artisans_own_wishes_only(program_world, artisan):
    data = account_export(user=artisan)
    assert [(a["program"], a["motivation"]) for a in data["programs"]["applications"]] == [
        ("Talavera to New York", "Our blue plates suit museum shops")
    ]
    assert [(w["about"], w["level"]) for w in data["preferences"]] == [("Getty Shop", "like")]
    assert data["programs"]["join_requests"] == []


def test_artisan_export_holds_their_availability_and_a_buyers_has_none(program_world, artisan, buyer):
    AvailabilityWindowFactory(artisan=program_world["mine"], weekday=2)
    AvailabilityException.objects.create(artisan=program_world["mine"], start_date=dt.date(2026, 12, 7),
                                         end_date=dt.date(2026, 12, 9), reason="Fair in Fez")
    availability = account_export(user=artisan)["availability"]
    assert [window["weekday"] for window in availability["weekly"]] == [2]
    assert availability["unavailable"] == [{"first_day": "2026-12-07", "last_day": "2026-12-09", "reason": "Fair in Fez"}]
    assert account_export(user=buyer)["availability"] is None


def test_deletion_drops_a_waiting_join_request_and_keeps_decided_ones(program_world, buyer, staff):
    decided = JoinRequest.objects.create(
        invitation=program_world["own"], user=buyer, status=JoinRequest.Status.CONFIRMED,
        decided_by=staff, decided_at=timezone.now(),
    )
    account_delete(user=buyer)
    assert list(JoinRequest.objects.values_list("pk", flat=True)) == [decided.pk]
    assert ProgramBuyer.objects.filter(program=program_world["program"], user=buyer).exists()


def text_columns(model: type[models.Model]) -> list[str]:
    return [field.name for field in model._meta.concrete_fields
            if isinstance(field, (models.CharField, models.TextField)) and not field.choices]


def test_no_text_the_person_gave_is_left_in_any_column_after_deletion(program_world, artisan, buyer, staff):
    mine, shop = program_world["mine"], program_world["shop"]
    mine.story = "Marker story of the kiln"
    mine.website = "https://marker-moreno.example"
    mine.save()
    product = ProductFactory(artisan=mine, title="Marker blue plate", description="Marker glaze")
    ProductPhotoFactory(product=product, alt_text="Marker plate photo")
    WorkshopPhotoFactory(artisan=mine, alt_text="Marker kiln photo")
    shop.job_title = "Marker head buyer"
    shop.save()
    ShortlistItemFactory(buyer=shop, artisan=mine, note="Marker note about plates")
    meeting = MeetingFactory(artisan=mine, buyer=shop, status=Meeting.Status.CANCELLED,
                             cancelled_by=buyer, cancel_reason="Marker reason to cancel")
    MeetingEvent.objects.create(meeting=meeting, actor=buyer, action="cancel", from_status="requested",
                                to_status="cancelled", note="Marker reason to cancel")
    Message.objects.create(meeting=meeting, author=artisan, body="Marker hello from the workshop")
    Outcome.objects.create(meeting=meeting, user=buyer, attendance="held", notes="Marker buyer's notes")
    Email.objects.create(key="x:buyer", to=buyer.email, subject="Hi", body_text="Marker mail")
    AvailabilityException.objects.create(artisan=mine, start_date=dt.date(2026, 12, 7),
                                         end_date=dt.date(2026, 12, 9), reason="Marker fair")
    # What the admin's history wrote of the person's rows when staff changed them.
    for row in (artisan, mine, shop, product, meeting):
        LogEntry.objects.create(
            user=staff, content_type=ContentType.objects.get_for_model(row), object_id=str(row.pk),
            object_repr=str(row)[:200], action_flag=CHANGE,
            change_message='[{"added": {"name": "photo", "object": "Marker plate photo"}}]',
        )
    # Addresses whole (other.buyer@example.org is someone else's), texts anywhere in a column.
    markers = [("iexact", artisan.email), ("iexact", buyer.email)] + [
        ("icontains", text) for text in
        ("Marker", artisan.full_name, buyer.full_name, "Cerámica Moreno", "Met Shop", "Our blue plates")
    ]

    account_delete(user=artisan)
    account_delete(user=buyer)

    assert LogEntry.objects.filter(user=staff).count() == 5
    left = []
    for model in apps.get_models():
        for column in text_columns(model):
            for lookup, marker in markers:
                if model._default_manager.filter(**{f"{column}__{lookup}": marker}).exists():
                    left.append(f"{model._meta.label}.{column} still holds {marker!r}")
    assert not left, "\n".join(left)
