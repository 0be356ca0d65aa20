"""Reminders 24 h and 1 h before, exactly once per meeting, recipient, kind and agreed time."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from meetings import services
from meetings.models import Meeting, Reminder
from meetings.tasks import send_meeting_reminders_task
from meetings.tests.factories import MeetingFactory
from notifications.models import Email
from notifications.tests.fakes import RefusingBackend

pytestmark = pytest.mark.django_db


@pytest.fixture
def soon(workshop, shop):
    """A confirmed meeting starting in 20 hours."""
    start = (timezone.now() + timedelta(hours=20)).replace(second=0, microsecond=0)
    return MeetingFactory(artisan=workshop, buyer=shop, status=Meeting.Status.CONFIRMED, proposed_starts=[],
                          start_at=start, end_at=start + timedelta(hours=1), video_token="tok")


def _reminder_mail():
    return [m for m in mail.outbox if m.extra_headers["X-CraftMatch-Key"].startswith("meeting-reminder:")]


def test_beat_running_twice_sends_each_reminder_once(soon, artisan, buyer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        send_meeting_reminders_task.delay()
    with django_capture_on_commit_callbacks(execute=True):
        send_meeting_reminders_task.delay()
    sent = _reminder_mail()
    assert sorted(m.to[0] for m in sent) == sorted([artisan.email, buyer.email])
    assert set(Reminder.objects.values_list("kind", flat=True)) == {"24h"}
    assert Reminder.objects.count() == 2
    assert all(r.email.key == f"meeting-reminder:{soon.pk}:{r.user_id}:24h:seq0" for r in Reminder.objects.all())


def test_hour_before_reminder_follows_the_day_before(soon, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert services.reminders_send_due(now=soon.start_at - timedelta(hours=23)) == 2
    with django_capture_on_commit_callbacks(execute=True):
        assert services.reminders_send_due(now=soon.start_at - timedelta(minutes=50)) == 2
        assert services.reminders_send_due(now=soon.start_at - timedelta(minutes=45)) == 0
    assert sorted(Reminder.objects.values_list("kind", flat=True)) == ["1h", "1h", "24h", "24h"]
    assert len(_reminder_mail()) == 4


def test_nothing_for_requests_cancelled_or_far_meetings(workshop, shop, soon, django_capture_on_commit_callbacks):
    soon.status = Meeting.Status.CANCELLED
    soon.save()
    far = timezone.now() + timedelta(days=3)
    MeetingFactory(artisan=workshop, buyer=shop, status=Meeting.Status.CONFIRMED, proposed_starts=[],
                   start_at=far, end_at=far + timedelta(hours=1))
    MeetingFactory(artisan=workshop, buyer=shop, proposed_starts=[timezone.now() + timedelta(hours=5)])
    with django_capture_on_commit_callbacks(execute=True):
        assert services.reminders_send_due() == 0
    assert not Reminder.objects.exists()


def test_a_rescheduled_meeting_is_reminded_again_for_its_new_time(soon, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.reminders_send_due()
    Meeting.objects.filter(pk=soon.pk).update(sequence=1)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.reminders_send_due() == 2
        assert services.reminders_send_due() == 0
    assert len(_reminder_mail()) == 4


def test_retried_send_after_a_failure_still_sends_once(soon, refusing_relay, django_capture_on_commit_callbacks):
    from config.celery import app

    refusing_relay(1)
    # Like a worker: the task's retry is run (inline, in eager mode) instead of raised to us.
    app.conf.task_eager_propagates = False
    with django_capture_on_commit_callbacks(execute=True):
        # Eager Celery runs the retry inline after the first attempt fails.
        services.reminders_send_due()
    with django_capture_on_commit_callbacks(execute=True):
        services.reminders_send_due()
    emails = Email.objects.filter(key__startswith="meeting-reminder:")
    assert emails.count() == 2
    assert sorted(emails.values_list("status", flat=True)) == ["sent", "sent"]
    assert sorted(emails.values_list("attempts", flat=True)) == [1, 2]
    assert len(_reminder_mail()) == 2
    assert RefusingBackend.calls == 3


def test_claim_without_a_worker_is_not_claimed_again(soon, django_capture_on_commit_callbacks):
    """The beat claimed the reminders and the worker died before sending: the outbox has them."""
    with django_capture_on_commit_callbacks(execute=False):
        services.reminders_send_due()
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        assert services.reminders_send_due() == 0
    assert Email.objects.filter(key__startswith="meeting-reminder:", status="queued").count() == 2
