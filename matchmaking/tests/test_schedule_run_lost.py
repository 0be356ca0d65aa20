"""A scheduler run whose worker was lost is failed by the next start of its session (common.runs),
by the rule the fair allocator and the tour planner use; a live one is left alone."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from common import runs
from matchmaking import services, tasks
from matchmaking.models import SchedulePlan
from matchmaking.tests.factories import SessionFactory

pytestmark = pytest.mark.django_db


def test_the_next_start_fails_lost_runs_of_its_session_and_leaves_live_ones():
    session, other = SessionFactory(), SessionFactory()
    now = timezone.now()
    limit = runs.run_lost_after(tasks.run_schedule_task)
    running = SchedulePlan.Status.RUNNING

    def plan(session, *, created: timedelta, started: timedelta | None) -> SchedulePlan:
        made = SchedulePlan.objects.create(session=session, status=running)
        SchedulePlan.objects.filter(pk=made.pk).update(
            created_at=now - created, started_at=None if started is None else now - started
        )
        return made

    never_taken = plan(session, created=runs.QUEUE_WAIT + timedelta(seconds=5), started=None)
    killed = plan(session, created=limit * 2, started=limit + timedelta(seconds=5))
    waiting = plan(session, created=timedelta(seconds=10), started=None)
    solving = plan(session, created=limit * 2, started=limit - timedelta(seconds=30))
    elsewhere = plan(other, created=limit * 2, started=None)
    fresh = services.schedule_run_request(session=session, actor=None)

    found = {p.pk: (p.status, p.error) for p in SchedulePlan.objects.all()}
    assert found[never_taken.pk] == (SchedulePlan.Status.FAILED, runs.LOST_WAITING)
    assert found[killed.pk] == (SchedulePlan.Status.FAILED, runs.LOST_RUNNING)
    for live in (waiting, solving, elsewhere, fresh):
        assert found[live.pk] == (running, ""), live
