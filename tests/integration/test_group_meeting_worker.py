"""A group meeting's participants each get one invitation through a real Celery worker, and a
cancelled place its own cancellation, while the others' invitations stand."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest

from catalog.tests.factories import ArtisanProfileFactory
from meetings import services
from meetings.models import Meeting
from meetings.tests.factories import BuyerProfileFactory, MeetingFactory, in_days
from notifications.models import Email

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def test_worker_sends_each_participant_one_invitation_and_one_cancellation(
    celery_worker_process, smtp_sink, staff
):
    from config.celery import app

    app.conf.task_always_eager = False
    celery_worker_process(env={"EMAIL_URL": smtp_sink.url, "CRAFTMATCH_TESTING": "1"})
    workshop = ArtisanProfileFactory(business_name="Dar Tazi", time_zone="Africa/Casablanca")
    visit = MeetingFactory(
        artisan=workshop,
        status=Meeting.Status.CONFIRMED,
        start_at=in_days(7),
        end_at=in_days(7) + timedelta(hours=1),
        proposed_starts=[],
        mode=Meeting.Mode.IN_PERSON,
        location="Fez medina",
    )
    guests = [BuyerProfileFactory().user, BuyerProfileFactory().user]
    places = [services.participant_add(meeting_id=visit.pk, actor=staff, user=guest) for guest in guests]

    # Two adds queue the version's invitations twice: keyed, each of the four people gets one.
    messages = smtp_sink.wait_for(4, timeout=60)
    expected = sorted([workshop.user.email, visit.buyer_user.email, *(g.email for g in guests)])
    assert sorted(m["To"] for m in messages) == expected

    services.participant_cancel(participant_id=places[1].pk, actor=guests[1], reason="Flight cancelled")
    messages = smtp_sink.wait_for(5, timeout=60)
    cancellation = [
        m for m in messages if m["X-CraftMatch-Key"].startswith("meeting-participant-cancellation:")
    ]
    assert [m["To"] for m in cancellation] == [guests[1].email]
    for _ in range(100):
        if set(Email.objects.values_list("status", flat=True)) == {Email.Status.SENT}:
            break
        time.sleep(0.1)
    time.sleep(1)
    assert len(smtp_sink.messages) == 5
    assert Meeting.objects.get(pk=visit.pk).status == Meeting.Status.CONFIRMED
