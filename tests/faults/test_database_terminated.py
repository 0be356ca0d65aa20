"""The database connection is terminated mid-booking and mid-batch: nothing half-made, a retry works."""

from __future__ import annotations

import contextlib
import secrets
import threading
from collections.abc import Iterator
from datetime import timedelta

import psycopg2
import pytest
import requests
from django.db import connection
from django.test import Client
from django.utils import timezone

from catalog.tests.factories import ArtisanProfileFactory
from meetings.models import Meeting, MeetingEvent
from meetings.tests.factories import BuyerProfileFactory, MeetingFactory
from notifications.models import Email
from programs.models import BuyerInvitation
from tests.faults.conftest import report, wait_until, worker_env
from tests.faults.test_worker_killed import _invite

pytestmark = [pytest.mark.faults, pytest.mark.django_db(transaction=True)]


@contextlib.contextmanager
def table_locked(table: str) -> Iterator[psycopg2.extensions.connection]:
    """Hold a lock that lets readers through but makes the next INSERT into `table` wait."""
    settings = connection.settings_dict
    locker = psycopg2.connect(
        dbname=settings["NAME"], user=settings["USER"], host=settings["HOST"] or None, port=settings["PORT"] or None
    )
    try:
        with locker.cursor() as cursor:
            cursor.execute(f"LOCK TABLE {table} IN SHARE ROW EXCLUSIVE MODE")
        yield locker
    finally:
        # Always let go, or the test database cannot be flushed afterwards.
        locker.rollback()
        locker.close()


def _terminate_when_blocked(locker, insert_into: str, timeout: float = 30) -> int:
    """Wait for a backend blocked on our table lock to write, and terminate it."""
    found: list[int] = []

    def blocked() -> bool:
        with locker.cursor() as cursor:
            # pg_stat_activity may still show the previous statement; the lock table does not lie.
            cursor.execute(
                "SELECT pid FROM pg_locks WHERE relation = %s::regclass AND mode = 'RowExclusiveLock' "
                "AND NOT granted",
                [insert_into],
            )
            found.extend(row[0] for row in cursor.fetchall())
        return bool(found)

    wait_until(blocked, timeout, f"a backend blocked inserting into {insert_into}")
    with locker.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(%s)", [found[0]])
    return found[0]


def _session(user) -> requests.Session:
    client = Client()
    client.force_login(user)
    token = secrets.token_hex(16)
    session = requests.Session()
    session.cookies.set("sessionid", client.cookies["sessionid"].value)
    session.cookies.set("csrftoken", token)
    session.headers.update({"X-CSRFToken": token})
    return session


def test_connection_killed_during_booking_leaves_no_half_meeting_and_the_retry_confirms(
    celery_worker_process, web_server, smtp
):
    worker = celery_worker_process(env=worker_env(smtp, LOG_LEVEL="INFO"))
    web = web_server(env={"EMAIL_URL": smtp.url})
    start = (timezone.now() + timedelta(days=7)).replace(hour=15, minute=0, second=0, microsecond=0)
    meeting = MeetingFactory(
        artisan=ArtisanProfileFactory(), buyer=BuyerProfileFactory(), proposed_starts=[start], duration_minutes=60
    )
    artisan = _session(meeting.artisan_user)
    url = f"{web.url}/meetings/{meeting.public_id}/accept/"
    form = {"start": start.isoformat()}

    responses: list[requests.Response] = []
    attempt = threading.Thread(
        target=lambda: responses.append(artisan.post(url, data=form, allow_redirects=False, timeout=60))
    )
    # Block the booking after it has confirmed the meeting, before its history row.
    with table_locked("meetings_meetingevent") as locker:
        attempt.start()
        _terminate_when_blocked(locker, "meetings_meetingevent")
    attempt.join(timeout=30)

    (refused,) = responses
    assert refused.status_code == 503
    assert "Please try again" in refused.text
    assert "Nothing was saved" in refused.text
    assert refused.headers["Retry-After"] == "5"
    assert refused.headers["X-Request-ID"] in refused.text
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.REQUESTED
    assert meeting.start_at is None
    assert not MeetingEvent.objects.filter(meeting=meeting, action="accept").exists()
    assert not Email.objects.filter(key__startswith=f"meeting-invitation:{meeting.pk}:").exists()

    retried = artisan.post(url, data=form, allow_redirects=False, headers={"X-Request-ID": "retry-booking-0001"})
    assert retried.status_code == 302
    assert retried.headers["X-Request-ID"] == "retry-booking-0001"
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.CONFIRMED
    assert meeting.start_at == start
    assert MeetingEvent.objects.filter(meeting=meeting, action="accept").count() == 1
    expected = {
        f"meeting-invitation:{meeting.pk}:{user_id}:seq0" for user_id in (meeting.buyer_user_id, meeting.artisan_user_id)
    }
    delivered = smtp.wait_for_keys(expected, timeout=30)
    assert delivered == {key: 1 for key in expected}
    # The request's id followed its work into the worker: invitation task, then each email task.
    wait_until(lambda: worker.log_path.read_text().count("[retry-booking-0001] notifications.services Email") == 2,
               10, "the worker's log lines with the request id")
    report("DB connection killed mid-booking", first_status=refused.status_code, retry_status=retried.status_code,
           half_made=0, invitations_delivered=sum(delivered.values()))


def test_connection_killed_during_invitation_batch_is_retried_and_sends_each_once(celery_worker_process, smtp, tmp_path):
    count = 200
    celery_worker_process(env=worker_env(smtp, INVITATION_BATCH_SIZE="100", INVITATION_BATCH_INTERVAL="0.2"))
    # The first batch locks its invitations, then waits to record its first outbox row.
    with table_locked("notifications_email") as locker:
        program, keys = _invite(count)
        _terminate_when_blocked(locker, "notifications_email")

    delivered = smtp.wait_for_keys(keys, timeout=60)
    wait_until(lambda: Email.objects.filter(status=Email.Status.SENT).count() == count, 20, "rows sent")
    delivered = smtp.keys()
    assert delivered == {key: 1 for key in keys}
    assert Email.objects.count() == count
    assert not BuyerInvitation.objects.filter(program=program, outbox__isnull=True).exists()
    report("DB connection killed mid-batch", invitations=count, delivered=sum(delivered.values()),
           duplicates=sum(n - 1 for n in delivered.values()), lost=len(keys - set(delivered)))
