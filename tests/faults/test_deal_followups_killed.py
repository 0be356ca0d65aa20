"""Deal follow-ups under a SIGKILLed worker and beat firing twice: each asked exactly once.

A worker asking the sides of 150 held meetings "what did it lead to?" (deals.followups) is
killed with SIGKILL in the middle of the batch: some claims committed with their email queued,
one claim in its open transaction, the rest not started, and the task's message gone (acked when
it started). Two fresh workers then get two beat ticks at once and race over the same meetings;
the outbox's sweep (embedded beat) sends what the dead worker queued but never handed over.
At the SMTP server every (meeting, side, milestone) arrives exactly once: the FollowUp row is
unique and written with its email in one transaction, and the email is keyed.

A kill inside an SMTP transaction (the server has the message, the worker has not heard "250")
may repeat that one message: that is the outbox's case, tested in test_worker_killed.py.
"""

from __future__ import annotations

import re
import time
from datetime import timedelta

import pytest
from django.utils import timezone

from catalog.tests.factories import ArtisanProfileFactory
from deals.models import FollowUp
from deals.tasks import send_follow_ups_task
from meetings.models import Meeting, Outcome
from meetings.tests.factories import BuyerProfileFactory, MeetingFactory
from notifications.models import Email
from tests.faults.conftest import beat_args, kill_worker, report, wait_until, worker_env

pytestmark = [pytest.mark.faults, pytest.mark.django_db(transaction=True)]

MEETINGS = 150
KILL_AFTER = 60  # follow-ups claimed when the worker is killed, of 2 × MEETINGS


def _held_meetings(count: int) -> list[Meeting]:
    artisans = [ArtisanProfileFactory(indexed=False) for _ in range(5)]
    buyers = [BuyerProfileFactory() for _ in range(10)]
    end = timezone.now() - timedelta(days=100)  # past three months, before six
    meetings = []
    for n in range(count):
        start = end - timedelta(hours=1, minutes=n)
        meeting = MeetingFactory(
            artisan=artisans[n % len(artisans)],
            buyer=buyers[n % len(buyers)],
            status=Meeting.Status.COMPLETED,
            proposed_starts=[],
            start_at=start,
            end_at=start + timedelta(minutes=30),
        )
        Outcome.objects.create(meeting=meeting, user=meeting.buyer_user, attendance=Outcome.Attendance.HELD)
        meetings.append(meeting)
    return meetings


def _ticks_run(worker) -> int:
    """Follow-up tasks a worker finished, from its log."""
    return len(re.findall(r"Task deals\.send_follow_ups\[\S+\] succeeded", worker.log_path.read_text()))


def test_follow_ups_go_out_once_per_meeting_side_and_milestone_despite_a_killed_worker_and_two_beats(
    celery_worker_process, smtp, tmp_path
):
    meetings = _held_meetings(MEETINGS)
    expected = {
        f"deal-followup:{m.pk}:{user_id}:{FollowUp.Milestone.THREE_MONTHS}"
        for m in meetings
        for user_id in (m.buyer_user_id, m.artisan_user_id)
    }
    env = worker_env(smtp)
    doomed = celery_worker_process(env=env)
    wait_until(lambda: "ready." in doomed.log_path.read_text(), 90, "the first worker to be ready")
    started = time.monotonic()
    send_follow_ups_task.delay()

    # SIGKILL in the middle of the batch, with claims behind it and ahead of it.
    wait_until(lambda: FollowUp.objects.count() >= KILL_AFTER, 60, f"{KILL_AFTER} follow-ups to be claimed")
    kill_worker(doomed)
    claimed_at_kill = FollowUp.objects.count()
    assert claimed_at_kill < len(expected), "the batch finished before the kill: raise MEETINGS"
    assert doomed.poll() is not None
    killed_at = time.monotonic()

    # Two fresh workers (one with the beat that runs the outbox's sweeps) and two ticks at once.
    workers = [celery_worker_process(env=env, args=beat_args(tmp_path)), celery_worker_process(env=env)]
    wait_until(
        lambda: all("ready." in w.log_path.read_text() for w in workers), 90, "both workers to be ready"
    )
    send_follow_ups_task.delay()
    send_follow_ups_task.delay()

    smtp.wait_for_keys(expected, timeout=240)  # a loaded 2-core machine: ~50 s seen
    recovered_in = time.monotonic() - killed_at
    followups = Email.objects.filter(key__startswith="deal-followup:")
    wait_until(
        lambda: not followups.exclude(status=Email.Status.SENT).exists(), 30, "every follow-up email sent"
    )
    # A later tick finds nothing left to ask; anything still on its way arrives meanwhile.
    send_follow_ups_task.delay()
    wait_until(lambda: sum(_ticks_run(w) for w in workers) == 3, 120, "the later tick to finish")
    time.sleep(2)
    delivered = smtp.keys()

    ran = [_ticks_run(w) for w in workers]
    assert delivered == {key: 1 for key in expected}
    assert FollowUp.objects.count() == len(expected)
    assert not FollowUp.objects.filter(email__isnull=True).exists()
    assert set(followups.values_list("key", flat=True)) == expected
    assert set(FollowUp.objects.values_list("milestone", flat=True)) == {FollowUp.Milestone.THREE_MONTHS}
    report(
        "deal follow-ups, worker SIGKILL and two beats",
        follow_ups=len(expected),
        claimed_at_kill=claimed_at_kill,
        delivered=sum(delivered.values()),
        duplicates=sum(n - 1 for n in delivered.values()),
        lost=len(expected - set(delivered)),
        ticks_per_worker=ran,
        recovered_s=round(recovered_in, 1),
        total_s=round(time.monotonic() - started, 1),
    )
