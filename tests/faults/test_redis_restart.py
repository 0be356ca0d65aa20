"""Redis (the broker) restarted in the middle of 1,000 invitations: all arrive, at most one twice."""

from __future__ import annotations

import threading
import time

import pytest

from notifications.models import Email
from programs.models import BuyerInvitation
from tests.faults.conftest import beat_args, report, wait_until, worker_env
from tests.faults.test_worker_killed import INVITATIONS, _invite

pytestmark = [pytest.mark.faults, pytest.mark.django_db(transaction=True)]

OUTAGE_SECONDS = 3


def test_redis_restarted_mid_batch_loses_nothing_and_repeats_at_most_the_message_in_flight(
    private_redis, celery_worker_process, smtp, tmp_path
):
    env = worker_env(smtp, private_redis.url, INVITATION_BATCH_SIZE="100", INVITATION_BATCH_INTERVAL="0.2")
    celery_worker_process(env=env, args=beat_args(tmp_path))
    reached = threading.Event()
    in_flight: list[str] = []

    def note_300(count: int) -> None:
        if count == 300 and not reached.is_set():
            in_flight.append(smtp.messages[-1]["X-CraftMatch-Key"])
            reached.set()

    smtp.on_accept = note_300
    started = time.monotonic()
    program, keys = _invite(INVITATIONS)

    assert reached.wait(timeout=90), "the worker never reached 300 messages"
    # Down for a few seconds (publishing fails meanwhile), then back with its append-only file.
    private_redis.stop()
    time.sleep(OUTAGE_SECONDS)
    private_redis.start()
    restarted_at = time.monotonic()

    smtp.wait_for_keys(keys, timeout=120)
    recovered_in = time.monotonic() - restarted_at
    wait_until(
        lambda: not Email.objects.exclude(status=Email.Status.SENT).exists(), 30, "every outbox row to be sent"
    )
    time.sleep(2)
    delivered = smtp.keys()

    duplicates = {key: n for key, n in delivered.items() if n > 1}
    assert set(delivered) == keys
    # The stop lands between two messages or during one; only that one may go twice.
    assert len(duplicates) <= 1
    assert all(n == 2 for n in duplicates.values())
    assert Email.objects.filter(status=Email.Status.SENT).count() == INVITATIONS
    assert not BuyerInvitation.objects.filter(program=program, outbox__isnull=True).exists()
    report(
        "Redis restart", invitations=INVITATIONS, delivered=sum(delivered.values()), unique=len(delivered),
        lost=len(keys - set(delivered)), duplicates=sum(n - 1 for n in duplicates.values()),
        outage_s=OUTAGE_SECONDS, recovered_s=round(recovered_in, 1), total_s=round(time.monotonic() - started, 1),
    )
