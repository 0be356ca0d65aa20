"""Staff publish a schedule while the same buyers ask the same artisans: limits hold, nobody deadlocks."""

from __future__ import annotations

import datetime as dt
from datetime import timedelta

import pytest

from catalog.tests.factories import ArtisanProfileFactory
from common.tests.races import race
from matchmaking import services
from matchmaking.models import SchedulePlan
from matchmaking.tests.factories import SessionFactory, join, wish
from meetings import services as meeting_services
from meetings.models import Meeting
from meetings.tests.factories import AvailabilityWindowFactory, BuyerProfileFactory, in_days

pytestmark = pytest.mark.django_db(transaction=True)


def test_publishing_while_buyers_ask_keeps_every_limit_and_raises_nothing(staff):
    day = dt.date.today() + dt.timedelta(days=14)
    session = SessionFactory(first_day=day, last_day=day, day_starts=dt.time(9), day_ends=dt.time(10, 30), tables=2)
    program = session.program
    program.max_meetings_per_artisan = program.max_meetings_per_buyer = 2
    program.save(update_fields=["max_meetings_per_artisan", "max_meetings_per_buyer"])
    artisans = [ArtisanProfileFactory() for _ in range(2)]
    buyers = [BuyerProfileFactory() for _ in range(2)]
    join(program, artisans=artisans, buyers=[b.user for b in buyers])
    for artisan in artisans:
        AvailabilityWindowFactory(artisan=artisan)
        for buyer in buyers:
            wish(program, artisan, buyer.user)
    plan = services.schedule_run_request(session=session, actor=staff)
    plan.refresh_from_db()
    assert plan.status == SchedulePlan.Status.DRAFT and plan.items.count() == 4

    def ask(buyer, artisan, n):
        return lambda: meeting_services.meeting_request(
            buyer_user=buyer.user, artisan=artisan, proposed_starts=[in_days(20) + timedelta(hours=n)],
            duration_minutes=30, mode=Meeting.Mode.VIRTUAL,
        )

    # Each request needs an artisan's and a buyer's lock; the publish needs all four. Whoever
    # comes first gets the places: the rest are refused (a request, a plan item, or the whole plan).
    asks = [ask(buyer, artisan, n) for n, (buyer, artisan) in enumerate(
        [(b, a) for a in artisans for b in buyers] + [(b, a) for b in reversed(buyers) for a in reversed(artisans)]
    )]
    result = race([lambda: services.plan_publish(plan_id=plan.pk, actor=staff), *asks],
                  refused=(meeting_services.MeetingError, services.PlanError))
    assert result.errors == []
    live = Meeting.objects.filter(program=program).exclude(status__in=[Meeting.Status.DECLINED, Meeting.Status.CANCELLED])
    for artisan in artisans:
        assert live.filter(artisan=artisan).count() == 2
    for buyer in buyers:
        assert live.filter(buyer_user=buyer.user).count() == 2
