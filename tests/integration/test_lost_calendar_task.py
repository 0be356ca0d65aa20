"""A meeting's invitation whose task message was lost is recovered by the sweep, through a real worker."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from django.utils import timezone

from catalog.tests.factories import ArtisanProfileFactory
from meetings import services
from meetings.models import Meeting
from meetings.tasks import resume_calendar_mail_task
from meetings.tests.factories import BuyerProfileFactory, MeetingFactory, in_days

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def test_sweep_sends_the_invitation_whose_message_was_lost_once(celery_worker_process, smtp_sink):
    from config.celery import app

    app.conf.task_always_eager = False
    workshop = ArtisanProfileFactory(business_name="Cerámica Moreno", time_zone="Europe/Madrid")
    shop = BuyerProfileFactory(organisation_name="Met Store")
    meeting = MeetingFactory(artisan=workshop, buyer=shop, proposed_starts=[in_days(7)], duration_minutes=45)
    services.meeting_accept(meeting_id=meeting.pk, actor=workshop.user, start_at=in_days(7))

    # No worker yet: the invitation task waits in the queue. Redis loses it (a restart without
    # persistence), and six minutes pass.
    with app.connection_for_write() as conn:
        assert conn.default_channel.queue_purge(app.conf.task_default_queue) == 1
    Meeting.objects.filter(pk=meeting.pk).update(calendar_due_since=timezone.now() - timedelta(minutes=6))

    celery_worker_process(env={"EMAIL_URL": smtp_sink.url, "CRAFTMATCH_TESTING": "1"})
    resume_calendar_mail_task.delay()  # what beat publishes every 5 minutes
    messages = smtp_sink.wait_for(2, timeout=60)
    assert sorted(m["To"] for m in messages) == sorted([workshop.user.email, shop.user.email])
    assert {m["X-CraftMatch-Key"].split(":")[0] for m in messages} == {"meeting-invitation"}

    # Delivered: the next sweeps find nothing owed, and nothing is sent twice.
    for _ in range(100):
        if services.meetings_resume_calendar_mail() == 0:
            break
        time.sleep(0.1)
    assert services.meetings_resume_calendar_mail() == 0
    resume_calendar_mail_task.delay()
    time.sleep(2)
    assert len(smtp_sink.messages) == 2
