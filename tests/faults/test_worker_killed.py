"""SIGKILL of the worker in the middle of 1,000 invitations: all arrive, at most one twice."""

from __future__ import annotations

import threading
import time

import pytest

from notifications.models import Email
from programs import services
from programs.models import BuyerInvitation
from programs.tests.factories import ProgramFactory
from tests.faults.conftest import beat_args, kill_worker, report, wait_until, worker_env

pytestmark = [pytest.mark.faults, pytest.mark.django_db(transaction=True)]

INVITATIONS = 1000


def _invite(count: int):
    program = ProgramFactory()
    addresses = "\n".join(f"buyer{n}@shops.example" for n in range(count))
    report_ = services.program_invite_buyers(program=program, text=addresses, invited_by=None)
    assert len(report_.created) == count
    keys = {f"buyer-invitation:{pk}:r0" for pk in BuyerInvitation.objects.filter(program=program).values_list("pk", flat=True)}
    return program, keys


def test_worker_killed_mid_batch_loses_nothing_and_repeats_at_most_the_message_in_flight(
    celery_worker_process, smtp, tmp_path
):
    env = worker_env(smtp, INVITATION_BATCH_SIZE="100", INVITATION_BATCH_INTERVAL="0.2")
    worker = celery_worker_process(env=env, args=beat_args(tmp_path))
    killed = threading.Event()
    in_flight: list[str] = []

    def kill_at_300(count: int) -> None:
        # Inside the SMTP transaction: the server has the message, the worker has not heard
        # "250" yet. The worst moment for a duplicate, and the only one.
        if count == 300 and not killed.is_set():
            in_flight.append(smtp.messages[-1]["X-CraftMatch-Key"])
            kill_worker(worker)
            killed.set()

    smtp.on_accept = kill_at_300
    started = time.monotonic()
    program, keys = _invite(INVITATIONS)

    assert killed.wait(timeout=90), "the worker never reached 300 messages"
    assert worker.poll() is not None
    killed_at = time.monotonic()
    celery_worker_process(env=env, args=beat_args(tmp_path))

    delivered = smtp.wait_for_keys(keys, timeout=120)
    recovered_in = time.monotonic() - killed_at
    wait_until(
        lambda: not Email.objects.exclude(status=Email.Status.SENT).exists(), 30, "every outbox row to be sent"
    )
    time.sleep(2)  # anything still on its way would arrive now
    delivered = smtp.keys()

    duplicates = {key: n for key, n in delivered.items() if n > 1}
    assert set(delivered) == keys  # nothing lost, nothing foreign
    assert set(duplicates) <= set(in_flight)  # only the message in flight at the kill ...
    assert all(n == 2 for n in duplicates.values())  # ... and only once more
    for key in duplicates:  # the second copy is recognisably the same message
        assert len({m["Message-ID"] for m in smtp.messages if m["X-CraftMatch-Key"] == key}) == 1
    assert Email.objects.filter(status=Email.Status.SENT).count() == INVITATIONS
    assert not BuyerInvitation.objects.filter(program=program, outbox__isnull=True).exists()
    report(
        "worker SIGKILL", invitations=INVITATIONS, delivered=sum(delivered.values()), unique=len(delivered),
        lost=len(keys - set(delivered)), duplicates=sum(n - 1 for n in duplicates.values()),
        recovered_s=round(recovered_in, 1), total_s=round(time.monotonic() - started, 1),
    )
