"""Scale-out on one machine: two gunicorn instances, two workers and two beats, all real processes
started from the Procfile, on one PostgreSQL, one Redis and one S3-compatible store (moto).

- a person signs in on one web instance and goes on on the other (sessions in the database);
- a product changed through one is seen at once through the other (each catalog index catches up);
- a batch of invitations and the reminders of meetings are delivered once each, with both beats
  running (one schedules, the other waits on the lock) and one worker killed mid-batch; only the
  message in flight at the kill may arrive twice (RELIABILITY.md, "The one-message window");
- a photo uploaded through one is served through the other, from the store.
"""

from __future__ import annotations

import re
import tempfile
import threading
import time
import uuid
from datetime import timedelta
from pathlib import Path

import pytest
import requests
from django.db import connection
from django.utils import timezone

from accounts.models import User
from accounts.tests.factories import PASSWORD, ArtisanUserFactory
from catalog.models import Product
from catalog.tests.factories import ArtisanProfileFactory, ProductFactory
from common.tests.imaging import jpeg_bytes
from meetings.models import Meeting, Reminder
from meetings.tests.factories import BuyerProfileFactory, MeetingFactory
from notifications.models import Email
from programs import services as program_services
from programs.models import BuyerInvitation
from programs.tests.factories import ProgramFactory
from tests.cluster.processes import free_port, start, wait_for_web, wait_until
from tests.faults.conftest import FaultySmtp

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

# The figures: 1,000 invitations and the reminders of 200 meetings.
INVITATIONS = 1000
MEETINGS = 200
# Recovery timings in seconds instead of minutes (config/settings.py has the production ones).
# At 1,400 mails the outbox is the bottleneck: a requeue that fires while mails merely wait their
# turn in the queue sends each of them again as a duplicate task (every one a no-op, yet each takes
# a worker's turn: 2,265 tasks for 1,400 mails with 5 s), so the batches are paced near what the
# workers deliver and a queued mail counts as lost only after 20 s. Reminders are claimed every 10 s
# (each pass reads every due meeting: about a second of a worker's time at 200 meetings).
FAST = {
    "EMAIL_STALE_CLAIM_SECONDS": "3",
    "EMAIL_REQUEUE_AFTER_SECONDS": "20",
    "EMAIL_REQUEUE_INTERVAL": "5",
    "EMAIL_RETRY_BASE_SECONDS": "0.5",
    "EMAIL_RETRY_MAX_SECONDS": "2",
    "INVITATION_RESUME_INTERVAL": "2",
    "INVITATION_STALL_SECONDS": "6",
    "INVITATION_BATCH_SIZE": "40",
    "INVITATION_BATCH_INTERVAL": "1",
    "MEETING_REMINDER_INTERVAL": "10",
    "HEARTBEAT_INTERVAL": "2",
    "BEAT_LOCK_TIMEOUT": "6",
}


class Cluster:
    def __init__(self, queue: str, webs: list, workers: list, beats: list, smtp: FaultySmtp) -> None:
        self.queue, self.webs, self.workers, self.beats, self.smtp = queue, webs, workers, beats, smtp

    def stop(self) -> None:
        for process in [*self.webs, *self.workers, *self.beats]:
            process.stop()


@pytest.fixture(scope="module")
def cluster(django_db_setup, s3_server):
    queue = f"test-cluster-{uuid.uuid4().hex[:8]}"
    smtp = FaultySmtp()
    smtp.start()
    log_dir = Path(tempfile.mkdtemp(prefix="cm-cluster-"))
    env = {
        **FAST,
        "DATABASE_NAME": connection.settings_dict["NAME"],
        "CELERY_TASK_DEFAULT_QUEUE": queue,
        "EMAIL_URL": smtp.url,
        "MEDIA_STORAGE_URL": s3_server.storage_url(f"cluster-{uuid.uuid4().hex[:6]}"),
        "WEB_CONCURRENCY": "1",
        "CELERY_WORKER_CONCURRENCY": "2",
        "LOG_LEVEL": "INFO",
    }
    webs = [start("web", env, log_dir, port=free_port()) for _ in range(2)]
    # The worker to be killed runs one process, so exactly one message is in flight when it dies;
    # the other runs two (a send mostly waits on the database and the relay) and does the rest.
    workers = [start("worker", {**env, "CELERY_WORKER_CONCURRENCY": "1"}, log_dir), start("worker", env, log_dir)]
    beats = [start("beat", env, log_dir) for _ in range(2)]
    running = Cluster(queue, webs, workers, beats, smtp)
    try:
        for web in webs:
            wait_for_web(web, timeout=90)
        wait_until(lambda: all("ready." in w.log() for w in workers), 90, "both workers to be ready")
        wait_until(
            lambda: any("beat: Acquired lock" in b.log() for b in beats), 60, "a beat to take the lock"
        )
        yield running
    finally:
        running.stop()
        smtp.stop()
        from config.celery import app

        with app.connection_for_write() as conn:
            conn.default_channel.queue_delete(queue)
            client = conn.default_channel.client
            keys = client.keys(f"redbeat:{queue}:*")
            if keys:
                client.delete(*keys)


@pytest.fixture
def publish_to_cluster(settings, cluster):
    """Tasks queued by this test process go to the cluster's workers, not run here."""
    from config.celery import app

    previous = app.conf.task_default_queue
    app.conf.task_always_eager = False
    settings.CELERY_TASK_ALWAYS_EAGER = False
    app.conf.task_default_queue = cluster.queue
    yield
    app.conf.task_default_queue = previous


def sign_in(session: requests.Session, url: str, email: str) -> None:
    page = session.get(url + "/accounts/login/", timeout=20)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    answer = session.post(
        url + "/accounts/login/",
        data={"csrfmiddlewaretoken": token, "login": email, "password": PASSWORD},
        headers={"Referer": url + "/accounts/login/"},
        timeout=20,
        allow_redirects=False,
    )
    assert answer.status_code == 302, answer.text[:2000]


def words(html: str) -> str:
    """A page's text without its tags (search marks the matched words)."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))


def csrf(session: requests.Session, url: str) -> str:
    page = session.get(url, timeout=20)
    assert page.status_code == 200, (url, page.status_code)
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)


def test_signed_in_on_one_web_instance_and_going_on_on_the_other(cluster):
    user = ArtisanUserFactory(email="potter@workshop.example")
    ArtisanProfileFactory(user=user, business_name="Clay Street Pottery")
    first, second = (web.url for web in cluster.webs)
    session = requests.Session()
    sign_in(session, first, user.email)
    # Cookies are per host, not per port: the same browser, now on the other instance.
    answer = session.get(second + "/artisan/", timeout=20, allow_redirects=False)
    assert answer.status_code == 200
    assert "Clay Street Pottery" in answer.text


def test_a_product_changed_through_one_is_seen_at_once_through_the_other(cluster):
    product = ProductFactory(title="Blue Glazed Serving Bowl")
    first, second = (web.url for web in cluster.webs)
    listing = requests.get(second + "/catalog/products/?q=Glazed", timeout=20)
    assert "Blue Glazed Serving Bowl" in words(listing.text)
    detail = f"/catalog/products/{product.public_id}/"
    assert requests.get(second + detail, timeout=20).status_code == 200

    session = requests.Session()
    sign_in(session, first, product.artisan.user.email)
    page = f"{first}/artisan/products/"
    token = csrf(session, page)
    changed = session.post(
        f"{first}/artisan/products/{product.public_id}/status/",
        data={"csrfmiddlewaretoken": token, "action": "unpublish"},
        headers={"Referer": page},
        timeout=20,
        allow_redirects=False,
    )
    assert changed.status_code == 302
    product.refresh_from_db()
    assert product.status == Product.Status.DRAFT
    # The other instance's index read the change log on this request: gone from list and page.
    assert "Blue Glazed Serving Bowl" not in words(
        requests.get(second + "/catalog/products/?q=Glazed", timeout=20).text
    )
    assert requests.get(second + detail, timeout=20).status_code == 404


def test_a_photo_uploaded_through_one_is_served_through_the_other_from_the_store(cluster, s3_server):
    product = ProductFactory(title="Woven Palm Basket")
    first, second = (web.url for web in cluster.webs)
    session = requests.Session()
    sign_in(session, first, product.artisan.user.email)
    page = f"{first}/artisan/products/{product.public_id}/photos/"
    token = csrf(session, page)
    image = jpeg_bytes(900, 700)
    uploaded = session.post(
        page,
        data={"csrfmiddlewaretoken": token, "alt_text": "The basket from above"},
        files={"image": ("basket.jpg", image, "image/jpeg")},
        headers={"Referer": page},
        timeout=60,
        allow_redirects=False,
    )
    assert uploaded.status_code == 302, uploaded.text[:2000]
    # A worker makes the renditions (reading the original from the store, writing them there).
    from_store: list[str] = []

    def rendered() -> bool:
        shown = session.get(f"{second}/artisan/products/{product.public_id}/photos/", timeout=20)
        sources = re.findall(r'<img[^>]+src="([^"]+)"', shown.text)
        from_store[:] = [src.replace("&amp;", "&") for src in sources if src.startswith(s3_server.endpoint)]
        return bool(from_store)

    wait_until(rendered, 60, "the photo's rendition, served from the store", interval=0.5)
    for src in from_store:
        answer = requests.get(src, timeout=20)
        assert answer.status_code == 200 and answer.content[8:12] == b"WEBP"


def _confirmed_meetings(count: int, starts_in: timedelta) -> list[Meeting]:
    """`count` confirmed meetings, each between its own artisan and buyer, written in bulk.

    Through the factories each meeting cost two hashed passwords and a dozen queries: most of the
    test's time at 200 meetings. Nobody signs in here, so the accounts have no usable password;
    the database's own triggers (the lead participant) run on bulk inserts as on single ones.
    """
    start = (timezone.now() + starts_in).replace(second=0, microsecond=0)
    tag = uuid.uuid4().hex[:8]
    users = User.objects.bulk_create(
        User(email=f"{role}{n}-{tag}@cluster.example", role=role, full_name=f"{role} {n}", password="!",
             time_zone=zone, language="en")
        for n in range(count)
        for role, zone in ((User.Role.ARTISAN, "Europe/Madrid"), (User.Role.BUYER, "America/New_York"))
    )
    artisans = ArtisanProfileFactory._meta.model.objects.bulk_create(
        ArtisanProfileFactory.build(user=user, slug=f"cluster-{tag}-{user.pk}") for user in users[0::2]
    )
    buyers = BuyerProfileFactory._meta.model.objects.bulk_create(
        BuyerProfileFactory.build(user=user) for user in users[1::2]
    )
    return Meeting.objects.bulk_create(
        MeetingFactory.build(
            artisan=artisan,
            buyer=buyer,
            status=Meeting.Status.CONFIRMED,
            proposed_starts=[],
            start_at=start,
            end_at=start + timedelta(minutes=30),
            video_token="room",
        )
        for artisan, buyer in zip(artisans, buyers, strict=True)
    )


def test_invitations_and_reminders_go_out_once_with_two_beats_and_a_worker_killed(
    cluster, publish_to_cluster
):
    smtp = cluster.smtp
    meetings = _confirmed_meetings(MEETINGS, timedelta(minutes=40))
    reminders = {
        f"meeting-reminder:{m.pk}:{user}:{Reminder.Kind.HOUR_BEFORE}:seq{m.sequence}"
        for m in meetings
        for user in (m.buyer_user_id, m.artisan_user_id)
    }
    killed = threading.Event()
    in_flight: list[str] = []
    victim = cluster.workers[0]
    start_count = len(smtp.messages)

    def kill_mid_batch(count: int) -> None:
        # Inside the SMTP transaction: the relay has the message, the worker has not heard "250".
        if count - start_count >= 60 and not killed.is_set():
            in_flight.append(smtp.messages[-1]["X-CraftMatch-Key"])
            victim.kill()
            killed.set()

    smtp.on_accept = kill_mid_batch
    program = ProgramFactory()
    addresses = "\n".join(f"buyer{n}@shops.example" for n in range(INVITATIONS))
    program_services.program_invite_buyers(program=program, text=addresses, invited_by=None)
    invitations = {
        f"buyer-invitation:{pk}:r0"
        for pk in BuyerInvitation.objects.filter(program=program).values_list("pk", flat=True)
    }
    assert len(invitations) == INVITATIONS
    expected = invitations | reminders

    assert killed.wait(timeout=90), "the batch never reached 60 messages"
    assert not victim.alive()
    smtp.wait_for_keys(expected, timeout=300)
    wait_until(
        lambda: not Email.objects.filter(key__in=expected).exclude(status=Email.Status.SENT).exists(),
        30,
        "every outbox row to be sent",
    )
    time.sleep(2)  # anything still on its way arrives now
    delivered = {key: n for key, n in smtp.keys().items() if key in expected}
    assert set(delivered) == expected
    twice = {key: n for key, n in delivered.items() if n > 1}
    assert set(twice) <= set(in_flight) and all(n == 2 for n in twice.values()), twice
    # One beat scheduled everything; the other waited on the lock the whole time.
    scheduling = [beat for beat in cluster.beats if "Sending due task" in beat.log()]
    assert len(scheduling) == 1, [beat.log()[-1500:] for beat in cluster.beats]
    assert Reminder.objects.filter(meeting__in=meetings).count() == len(reminders)
