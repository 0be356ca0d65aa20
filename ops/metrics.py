"""Prometheus metrics: requests and their latencies (every web process), and at each scrape the
Celery queue's length, the outbox's backlog and failed mails, and the worker heartbeat's age.

Under gunicorn, each worker writes its counters to PROMETHEUS_MULTIPROC_DIR (config/gunicorn.py
sets one per server) and a scrape of any worker sums them all. `/metrics/` is for staff, or for
a scraper that sends `Authorization: Bearer <METRICS_TOKEN>` (docs/deploy.md, "What to watch").
"""

from __future__ import annotations

import hmac
import logging
import os
import time
from collections.abc import Iterator

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

from config.celery import app as celery_app
from ops.health import HEARTBEAT_KEY
from ops.selectors import outbox_backlog

log = logging.getLogger(__name__)

REQUESTS = Counter(
    "craftmatch_http_requests_total",
    "HTTP requests answered, by view and status",
    ["method", "view", "status"],
)
LATENCY = Histogram(
    "craftmatch_http_request_duration_seconds",
    "Time to answer a request, by view",
    ["method", "view"],
    buckets=(0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0),
)


def observe(*, method: str, view: str, status: int, seconds: float) -> None:
    REQUESTS.labels(method, view, str(status)).inc()
    LATENCY.labels(method, view).observe(seconds)


class BacklogCollector(Collector):
    """Read at scrape time from Redis and the database, not counted by the web processes."""

    def collect(self) -> Iterator[GaugeMetricFamily]:
        queue = GaugeMetricFamily(
            "craftmatch_celery_queue_length", "Tasks waiting in a Celery queue", labels=["queue"]
        )
        name = settings.CELERY_TASK_DEFAULT_QUEUE
        try:
            with celery_app.connection_for_read() as connection:
                queue.add_metric([name], connection.default_channel.client.llen(name))
        except Exception as error:  # noqa: BLE001 (a metric missing is the signal; the page still answers)
            log.warning("Metrics: the queue length could not be read: %s", error)
        yield queue

        counts, oldest = outbox_backlog()
        emails = GaugeMetricFamily("craftmatch_outbox_emails", "Outgoing emails by status", labels=["status"])
        for status, count in counts.items():
            emails.add_metric([status], count)
        yield emails
        yield GaugeMetricFamily(
            "craftmatch_outbox_oldest_unsent_seconds", "Age of the oldest email not sent yet", value=oldest
        )
        yield GaugeMetricFamily(
            "craftmatch_outbox_failed_emails",
            "Emails given up after every attempt (staff can retry them)",
            value=counts["failed"],
        )
        beat = cache.get(HEARTBEAT_KEY)
        if beat is not None:
            yield GaugeMetricFamily(
                "craftmatch_worker_heartbeat_age_seconds",
                "Seconds since a worker last ran the heartbeat",
                value=time.time() - float(beat),
            )


def may_scrape(request: HttpRequest) -> bool:
    token = settings.METRICS_TOKEN
    header = request.headers.get("Authorization", "")
    if token and header.startswith("Bearer ") and hmac.compare_digest(header.removeprefix("Bearer "), token):
        return True
    return bool(request.user.is_authenticated and request.user.is_staff)


def render() -> tuple[bytes, str]:
    registry = CollectorRegistry()
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        multiprocess.MultiProcessCollector(registry)
    else:
        registry.register(REQUESTS)
        registry.register(LATENCY)
    registry.register(BacklogCollector())
    return generate_latest(registry), CONTENT_TYPE_LATEST
