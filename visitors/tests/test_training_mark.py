"""The mark on an artisan's public page: "Trained at <fair>: <session>" once their attendance is recorded."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from catalog.tests.factories import ArtisanProfileFactory
from programs.models import Program
from visitors.models import AgendaSession, Seat
from visitors.tests.factories import AgendaSessionFactory, RoomFactory, fair_program

pytestmark = pytest.mark.django_db


def _training(program, title, kind=AgendaSession.Kind.TRAINING):
    now = timezone.now()
    return AgendaSessionFactory(
        room=RoomFactory(program=program),
        program=program,
        kind=kind,
        title=title,
        starts_at=now - timedelta(hours=3),
        ends_at=now - timedelta(hours=2),
    )


def test_an_artisan_scanned_at_a_training_shows_the_mark_and_one_who_only_booked_does_not(client):
    fair = fair_program(name="Fès Crafts Fair")
    attended, booked = ArtisanProfileFactory(indexed=False), ArtisanProfileFactory(indexed=False)
    dyes = _training(fair, "Natural dyes")
    Seat.objects.create(
        session=dyes, user=attended.user, status=Seat.Status.CONFIRMED, attended_at=timezone.now()
    )
    Seat.objects.create(session=dyes, user=booked.user, status=Seat.Status.CONFIRMED)
    # A conference attended is no training.
    talk = _training(fair, "Export talk", AgendaSession.Kind.CONFERENCE)
    Seat.objects.create(
        session=talk, user=booked.user, status=Seat.Status.CONFIRMED, attended_at=timezone.now()
    )

    page = client.get(reverse("catalog:artisan-detail", args=[attended.slug])).content.decode()
    assert "Trained at <bdi>Fès Crafts Fair</bdi>: <bdi>Natural dyes</bdi>" in page
    other = client.get(reverse("catalog:artisan-detail", args=[booked.slug])).content.decode()
    assert "Trained at" not in other


def test_a_training_at_a_draft_fair_is_not_shown(client):
    fair = fair_program(status=Program.Status.DRAFT)
    artisan = ArtisanProfileFactory(indexed=False)
    Seat.objects.create(
        session=_training(fair, "Glazes"),
        user=artisan.user,
        status=Seat.Status.CONFIRMED,
        attended_at=timezone.now(),
    )
    assert (
        "Trained at"
        not in client.get(reverse("catalog:artisan-detail", args=[artisan.slug])).content.decode()
    )


def test_the_mark_reads_in_arabic(client):
    fair = fair_program(name="ملتقى الصناعة التقليدية")
    artisan = ArtisanProfileFactory(indexed=False)
    Seat.objects.create(
        session=_training(fair, "الأصباغ الطبيعية"),
        user=artisan.user,
        status=Seat.Status.CONFIRMED,
        attended_at=timezone.now(),
    )
    page = client.get(
        reverse("catalog:artisan-detail", args=[artisan.slug]), headers={"accept-language": "ar"}
    ).content.decode()
    assert "<bdi>ملتقى الصناعة التقليدية</bdi>" in page and "<bdi>الأصباغ الطبيعية</bdi>" in page
