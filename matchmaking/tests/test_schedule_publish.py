"""Run the scheduler for a session, adjust by hand, publish twice, one agenda per person."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from icalendar import Calendar

from catalog.tests.factories import ArtisanProfileFactory
from matchmaking import planning, scheduler, services, tasks
from matchmaking.models import PlanItem, SchedulePlan
from matchmaking.tests.factories import SessionFactory, join, wish
from meetings.models import Meeting
from meetings.tests.factories import BuyerProfileFactory
from notifications.models import Email

pytestmark = pytest.mark.django_db


@pytest.fixture
def day():
    return dt.date.today() + dt.timedelta(days=14)


@pytest.fixture
def fair(day, buyer, other_buyer, artisan, staff):
    """A morning of three slots and two tables: two artisans, two buyers, all wanting to meet."""
    session = SessionFactory(first_day=day, last_day=day, day_starts=dt.time(9), day_ends=dt.time(10, 30), tables=2)
    potter = ArtisanProfileFactory(user=artisan, business_name="Cerámica Moreno")
    weaver = ArtisanProfileFactory(business_name="Tapis Fès")
    BuyerProfileFactory(user=buyer, organisation_name="Met Store")
    BuyerProfileFactory(user=other_buyer, organisation_name="LACMA Store")
    join(session.program, artisans=[potter, weaver], buyers=[buyer, other_buyer])
    for a in (potter, weaver):
        for b in (buyer, other_buyer):
            wish(session.program, a, b)
    return session


def run(session, staff, capture) -> SchedulePlan:
    with capture(execute=True):
        plan = services.schedule_run_request(session=session, actor=staff)
    plan.refresh_from_db()
    return plan


def test_run_makes_a_draft_that_breaks_no_rule_and_running_it_again_does_nothing(
    fair, staff, django_capture_on_commit_callbacks
):
    plan = run(fair, staff, django_capture_on_commit_callbacks)

    assert plan.status == SchedulePlan.Status.DRAFT
    assert plan.items.count() == 4
    assert plan.value == plan.bound and plan.gap == 0
    assert plan.value >= plan.greedy_value
    built = planning.build(fair)
    assert scheduler.violations(built.problem, [built.assignment_of(i) for i in plan.items.all()]) == []
    assert {i.table for i in plan.items.all()} <= {1, 2}

    tasks.run_schedule_task(plan.pk)
    assert plan.items.count() == 4


def test_publish_twice_creates_each_meeting_once_and_one_agenda_per_person(
    fair, staff, buyer, artisan, django_capture_on_commit_callbacks
):
    plan = run(fair, staff, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        first = services.plan_publish(plan_id=plan.pk, actor=staff)
    with django_capture_on_commit_callbacks(execute=True):
        second = services.plan_publish(plan_id=plan.pk, actor=staff)
    tasks.send_agendas_task(plan.pk)

    assert (first.created, first.skipped, first.failed) == (4, 0, [])
    assert (second.created, second.skipped) == (0, 4)
    assert Meeting.objects.filter(status=Meeting.Status.CONFIRMED, program=fair.program).count() == 4
    assert not PlanItem.objects.filter(plan=plan, meeting=None).exists()
    meeting = Meeting.objects.filter(buyer_user=buyer).first()
    assert meeting.mode == Meeting.Mode.IN_PERSON and "Palais des congrès, Fez, table" in meeting.location
    # Four people, one agenda each; no per-meeting invitation on top.
    assert sorted(Email.objects.filter(key__startswith=f"agenda:{plan.pk}:").values_list("key", flat=True)) == sorted(
        f"agenda:{plan.pk}:{pk}" for pk in {i.buyer_user_id for i in plan.items.all()} | {
            i.artisan.user_id for i in plan.items.select_related("artisan")}
    )
    assert len(mail.outbox) == 4
    (message,) = [m for m in mail.outbox if m.to == [buyer.email]]
    assert "2 meetings" in message.subject
    names = [a[0] for a in message.attachments]
    assert names == ["agenda.ics", "agenda.pdf"]
    ics, pdf = message.attachments[0][1], message.attachments[1][1]
    calendar = Calendar.from_ical(ics.encode() if isinstance(ics, str) else ics)
    events = list(calendar.walk("VEVENT"))
    mine = Meeting.objects.filter(buyer_user=buyer).order_by("start_at")
    assert sorted(str(e["UID"]) for e in events) == sorted(f"meeting-{m.public_id}@craftmatch" for m in mine)
    assert sorted(e.decoded("DTSTART") for e in events) == [m.start_at for m in mine]
    assert pdf[:4] == b"%PDF"
    assert "Tapis Fès" in message.body and "Cerámica Moreno" in message.body


def test_rerun_after_publishing_keeps_published_meetings_and_fills_free_slots(
    fair, staff, django_capture_on_commit_callbacks
):
    plan = run(fair, staff, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        services.plan_publish(plan_id=plan.pk, actor=staff)
    published = {(i.artisan_id, i.buyer_user_id, i.start_at, i.meeting_id) for i in plan.items.all()}
    newcomer = ArtisanProfileFactory(business_name="Verre de Hébron")
    join(fair.program, artisans=[newcomer])
    for membership in fair.program.memberships.select_related("user"):
        wish(fair.program, newcomer, membership.user)
    # One more slot, so each buyer has two free ones for the newcomer.
    fair.day_ends = dt.time(11)
    fair.save()

    again = run(fair, staff, django_capture_on_commit_callbacks)

    kept = {(i.artisan_id, i.buyer_user_id, i.start_at, i.meeting_id) for i in again.items.filter(kept=True)}
    assert kept == published
    new = list(again.items.filter(kept=False))
    assert {i.artisan_id for i in new} == {newcomer.pk}
    assert len(new) == 2
    with django_capture_on_commit_callbacks(execute=True):
        report = services.plan_publish(plan_id=again.pk, actor=staff)
    assert (report.created, report.skipped) == (2, 4)
    assert Meeting.objects.filter(program=fair.program).count() == 6


def test_move_into_a_busy_slot_is_refused_and_into_a_free_one_is_done(
    fair, staff, buyer, django_capture_on_commit_callbacks
):
    plan = run(fair, staff, django_capture_on_commit_callbacks)
    mine = list(plan.items.filter(buyer_user=buyer).order_by("start_at"))
    built = planning.build(fair)
    free = next(s for s in built.slots if s not in {i.start_at for i in mine})

    with pytest.raises(services.PlanError, match="two meetings in slot"):
        services.plan_item_move(item_id=mine[0].pk, start_at=mine[1].start_at)
    with pytest.raises(services.PlanError, match="no slot"):
        services.plan_item_move(item_id=mine[0].pk, start_at=free + dt.timedelta(minutes=7))

    moved = services.plan_item_move(item_id=mine[0].pk, start_at=free)
    assert moved.start_at == free and moved.table in {1, 2}
    assert scheduler.violations(built.problem, [built.assignment_of(i) for i in plan.items.all()]) == []


def test_swap_exchanges_places_refuses_a_clash_and_a_published_item_cannot_move(
    fair, staff, buyer, django_capture_on_commit_callbacks
):
    plan = run(fair, staff, django_capture_on_commit_callbacks)
    first_slot = plan.items.order_by("start_at").first().start_at
    first, second = plan.items.filter(start_at=first_slot).order_by("table")
    before = ((first.start_at, first.table), (second.start_at, second.table))

    services.plan_items_swap(first_id=first.pk, second_id=second.pk)

    first.refresh_from_db()
    second.refresh_from_db()
    assert ((second.start_at, second.table), (first.start_at, first.table)) == before
    # The buyer's two meetings swapped would put each artisan twice in one slot.
    mine = list(plan.items.filter(buyer_user=buyer).order_by("start_at"))
    with pytest.raises(services.PlanError, match="two meetings in slot"):
        services.plan_items_swap(first_id=mine[0].pk, second_id=mine[1].pk)
    with django_capture_on_commit_callbacks(execute=True):
        services.plan_publish(plan_id=plan.pk, actor=staff)
    with pytest.raises(services.PlanError, match="published"):
        services.plan_items_swap(first_id=first.pk, second_id=second.pk)


def test_virtual_window_publishes_video_calls_within_both_working_hours_and_an_agenda_without_pdf(
    buyer, artisan, staff, django_capture_on_commit_callbacks
):
    from zoneinfo import ZoneInfo

    from matchmaking.models import Session

    day = dt.date.today() + dt.timedelta(days=14)
    session = SessionFactory(kind=Session.Kind.VIRTUAL, first_day=day, last_day=day, tables=None, venue="",
                             day_starts=dt.time(9), day_ends=dt.time(18))
    workshop = ArtisanProfileFactory(user=artisan, time_zone="Europe/Madrid")
    BuyerProfileFactory(user=buyer, languages=["en"])
    join(session.program, artisans=[workshop], buyers=[buyer])
    wish(session.program, workshop, buyer)

    plan = run(session, staff, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        services.plan_publish(plan_id=plan.pk, actor=staff)

    meeting = Meeting.objects.get()
    assert meeting.mode == Meeting.Mode.VIRTUAL and meeting.video_url
    for zone in ("Europe/Madrid", "America/New_York"):
        local = meeting.start_at.astimezone(ZoneInfo(zone))
        assert dt.time(9) <= local.time() and meeting.end_at.astimezone(ZoneInfo(zone)).time() <= dt.time(18)
    (message,) = [m for m in mail.outbox if m.to == [buyer.email]]
    assert [a[0] for a in message.attachments] == ["agenda.ics"]
    assert "Video call:" in message.body and "America/New_York" in message.body
