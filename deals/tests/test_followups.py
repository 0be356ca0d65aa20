"""Follow-ups 3, 6 and 12 months after a held meeting: asked once per side and milestone, answered once."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail, signing
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from config.celery import app as celery_app
from deals import followups
from deals.models import FollowUp
from deals.tasks import send_follow_ups_task
from meetings.models import Meeting, Outcome
from meetings.tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db


def _held(days_ago: int, *, attendance: str = Outcome.Attendance.HELD) -> Meeting:
    end = timezone.now() - timedelta(days=days_ago)
    meeting = MeetingFactory(status=Meeting.Status.COMPLETED, proposed_starts=[],
                             start_at=end - timedelta(hours=1), end_at=end)
    Outcome.objects.create(meeting=meeting, user=meeting.buyer_user, attendance=attendance)
    return meeting


def _followup_mail():
    return [m for m in mail.outbox if m.extra_headers["X-CraftMatch-Key"].startswith("deal-followup:")]


@pytest.fixture
def asked(django_capture_on_commit_callbacks) -> FollowUp:
    meeting = _held(100)
    with django_capture_on_commit_callbacks(execute=True):
        followups.followups_send_due()
    return FollowUp.objects.get(meeting=meeting, user=meeting.buyer_user)


def test_beat_firing_twice_and_a_retried_task_ask_each_side_once(django_capture_on_commit_callbacks):
    meeting = _held(100)
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            send_follow_ups_task.delay()
    with django_capture_on_commit_callbacks(execute=True):
        send_follow_ups_task.apply()  # what a retry runs
    sent = _followup_mail()
    assert sorted(m.to[0] for m in sent) == sorted([meeting.buyer_user.email, meeting.artisan_user.email])
    assert set(FollowUp.objects.values_list("milestone", flat=True)) == {3}
    buyer_mail = next(m for m in sent if m.to[0] == meeting.buyer_user.email)
    assert meeting.artisan.business_name in buyer_mail.subject
    assert "?answer=reorder" in buyer_mail.body and "/deals/follow-ups/answer/" in buyer_mail.body
    assert all(f.email.key == f"deal-followup:{meeting.pk}:{f.user_id}:3" for f in FollowUp.objects.all())


def test_each_milestone_is_asked_in_its_turn_and_only_for_held_meetings(django_capture_on_commit_callbacks):
    meeting = _held(100)
    _held(100, attendance=Outcome.Attendance.NO_SHOW)
    recent = _held(30)
    with django_capture_on_commit_callbacks(execute=True):
        assert followups.followups_send_due() == 2  # only the meeting of 100 days ago, at 3 months
        assert followups.followups_send_due(now=timezone.now() + timedelta(days=90)) == 4
        assert followups.followups_send_due(now=timezone.now() + timedelta(days=270)) == 4
        assert followups.followups_send_due(now=timezone.now() + timedelta(days=400)) == 2
        assert followups.followups_send_due(now=timezone.now() + timedelta(days=500)) == 0
    assert sorted(FollowUp.objects.filter(meeting=recent).values_list("milestone", flat=True)) == [3, 3, 6, 6, 12, 12]
    assert sorted(FollowUp.objects.filter(meeting=meeting).values_list("milestone", flat=True)) == [3, 3, 6, 6, 12, 12]


def test_a_worker_dying_before_the_commit_leaves_nothing_and_the_next_beat_asks(
    monkeypatch, django_capture_on_commit_callbacks
):
    meeting = _held(100)
    real = followups.email_enqueue_to_user

    def dies(**kwargs):
        raise SystemExit("worker killed")

    monkeypatch.setattr(followups, "email_enqueue_to_user", dies)
    with pytest.raises(SystemExit):
        followups.followups_send_due()
    assert not FollowUp.objects.exists()
    monkeypatch.setattr(followups, "email_enqueue_to_user", real)
    with django_capture_on_commit_callbacks(execute=True):
        assert followups.followups_send_due() == 2
    assert len(_followup_mail()) == 2
    assert FollowUp.objects.filter(meeting=meeting).count() == 2


def _link(follow_up: FollowUp, token: str | None = None) -> str:
    return reverse("deals:followup-link", args=[token or followups.followup_token(follow_up)])


def test_the_emailed_link_shows_the_choices_then_records_the_answer_once(client, asked):
    url = _link(asked)
    page = client.get(url + "?answer=order")
    assert page.status_code == 200 and page.context["form"].initial == {"answer": "order"}
    assert 'value="reorder"' in page.content.decode()
    asked.refresh_from_db()
    assert asked.status == FollowUp.Status.ASKED  # GET records nothing
    response = client.post(url, {"answer": "order", "value": "1200.50", "currency": "USD"})
    assert response.status_code == 200
    asked.refresh_from_db()
    assert (asked.status, asked.answer, asked.value, asked.currency) == ("answered", "order", Decimal("1200.50"), "USD")
    first_at = asked.answered_at

    replay = client.post(url, {"answer": "reorder", "value": "9", "currency": "EUR"})
    assert replay.status_code == 400
    assert "already recorded" in replay.content.decode()
    asked.refresh_from_db()
    assert (asked.answer, asked.value, asked.answered_at) == ("order", Decimal("1200.50"), first_at)


def test_an_expired_link_is_refused(client, asked, monkeypatch):
    issued = signing.time.time() - followups.LINK_MAX_AGE - 60
    with monkeypatch.context() as past:
        past.setattr(signing.time, "time", lambda: issued)
        token = followups.followup_token(asked)
    response = client.post(_link(asked, token), {"answer": "order", "currency": "EUR"})
    assert response.status_code == 400 and "expired" in response.content.decode()
    asked.refresh_from_db()
    assert asked.status == FollowUp.Status.ASKED


def test_a_tampered_link_is_refused(client, asked):
    token = followups.followup_token(asked)
    forged = signing.dumps({"f": asked.pk, "u": asked.user_id}, salt="another.salt")
    for bad in (token[:-2] + ("AA" if not token.endswith("AA") else "BB"), forged):
        response = client.post(_link(asked, bad), {"answer": "order", "currency": "EUR"})
        assert response.status_code == 400 and "not valid" in response.content.decode()
    asked.refresh_from_db()
    assert asked.status == FollowUp.Status.ASKED


def test_someone_elses_link_is_refused_to_a_signed_in_person(client, asked):
    other_side = FollowUp.objects.exclude(pk=asked.pk).get()
    client.force_login(other_side.user)
    response = client.post(_link(asked), {"answer": "order", "currency": "EUR"})
    assert response.status_code == 400 and "someone else" in response.content.decode()
    asked.refresh_from_db()
    assert asked.status == FollowUp.Status.ASKED


def test_answered_in_the_app_from_the_deal_list(client, asked):
    client.force_login(asked.user)
    listing = client.get(reverse("deals:list"))
    url = reverse("deals:followup", args=[asked.public_id])
    assert url in listing.content.decode()
    response = client.post(url, {"answer": "samples", "currency": "EUR"})
    assert response.status_code == 302
    asked.refresh_from_db()
    assert (asked.answer, asked.value) == ("samples", None)
    assert url not in client.get(reverse("deals:list")).content.decode()


def test_a_value_with_nothing_yet_is_refused_with_a_message(client, asked):
    client.force_login(asked.user)
    response = client.post(reverse("deals:followup", args=[asked.public_id]),
                           {"answer": "nothing", "value": "10", "currency": "EUR"})
    assert response.status_code == 400 and "Leave the value empty" in response.content.decode()
    asked.refresh_from_db()
    assert asked.status == FollowUp.Status.ASKED


def test_a_worker_dying_after_the_commit_leaves_the_email_to_the_outbox_and_asks_nothing_again():
    # The claim and its email committed, the send task never ran (the worker died, the broker lost
    # it): the next beat finds the row, and the outbox's own requeue sends the queued email.
    meeting = _held(100)
    assert followups.followups_send_due() == 2
    assert followups.followups_send_due() == 0
    emails = [f.email for f in FollowUp.objects.filter(meeting=meeting).select_related("email")]
    assert len(emails) == 2 and all(e.status == e.Status.QUEUED for e in emails)
    assert mail.outbox == []


def test_the_deal_list_shows_waiting_follow_ups_in_constant_queries(client, django_assert_max_num_queries):
    first = _held(100)
    followups.followups_send_due()
    user = first.buyer_user
    client.force_login(user)
    client.get(reverse("deals:list"))
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("deals:list"))
    for _ in range(3):
        end = timezone.now() - timedelta(days=100)
        meeting = MeetingFactory(buyer=first.buyer, status=Meeting.Status.COMPLETED, proposed_starts=[],
                                 start_at=end - timedelta(hours=1), end_at=end)
        Outcome.objects.create(meeting=meeting, user=user, attendance=Outcome.Attendance.HELD)
    followups.followups_send_due()
    assert FollowUp.objects.filter(user=user).count() == 4
    with django_assert_max_num_queries(len(one)):
        page = client.get(reverse("deals:list"))
    assert page.content.decode().count("/deals/follow-ups/") == 4


def test_beat_runs_the_follow_up_task(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["send-deal-follow-ups"]
    assert entry["task"] == send_follow_ups_task.name == "deals.send_follow_ups"
    assert entry["task"] in celery_app.tasks
