"""One transition table: what a page offers is exactly what the services accept.

Random actions by random people (the artisan, the buyer, another artisan, another buyer,
staff, who act for both sides in the admin) at random times; before each step every person
is asked what the page offers (selectors.allowed_actions) and every action is tried through
its service with valid arguments: an offered one in a savepoint that is rolled back, one not
offered as is (the service must refuse it, and its own transaction leaves nothing behind).
Then one step is taken for real, half the time one the actor is offered (so few steps reach
deep states), and the meeting checked: its state is the table's target, events tell the
story, times are whole.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from meetings import selectors, services
from meetings.models import Meeting, MeetingEvent
from meetings.transitions import MEETINGS, proposal_refusal
from programs.models import Application, Program, ProgramBuyer

pytestmark = pytest.mark.django_db
Status = Meeting.Status
HOUR = timedelta(hours=1)


class Rollback(Exception):
    pass


def _minute(moment):
    return moment.replace(second=0, microsecond=0)


def _new_time(meeting, now, hours):
    """A valid new time for a counter or reschedule: in the future, inside the program's window."""
    start = _minute(now + hours * HOUR)
    program = meeting.program
    if program is not None and program.meetings_close_at is not None:
        start = min(start, _minute(program.meetings_close_at - timedelta(minutes=meeting.duration_minutes)))
    if start == meeting.start_at:
        start -= timedelta(minutes=1)
    return start


def _accept_first_fitting(meeting, now, hours, **kwargs):
    fitting = [s for s in meeting.proposed_starts if proposal_refusal(meeting, s, now) is None]
    return services.meeting_accept(start_at=(fitting or meeting.proposed_starts or [now])[0], now=now, **kwargs)


# Each action of the table, called through its service with valid arguments.
CALLS = {
    "accept": _accept_first_fitting,
    "decline": lambda meeting, now, hours, **kw: services.meeting_decline(reason="Not this time.", now=now, **kw),
    "counter": lambda meeting, now, hours, **kw: services.meeting_counter(
        start_at=_new_time(meeting, now, hours), now=now, **kw),
    "confirm": lambda meeting, now, hours, **kw: services.meeting_confirm(now=now, **kw),
    "reschedule": lambda meeting, now, hours, **kw: services.meeting_reschedule(
        start_at=_new_time(meeting, now, hours), now=now, **kw),
    "cancel": lambda meeting, now, hours, **kw: services.meeting_cancel(reason="Something came up.", now=now, **kw),
    "complete": lambda meeting, now, hours, **kw: services.meeting_complete(now=now, **kw),
    "outcome": lambda meeting, now, hours, **kw: services.outcome_record(
        attendance="held", interest=2, next_step="samples", now=now, **kw),
    "staff_cancel": lambda meeting, now, hours, **kw: services.meeting_staff_cancel(
        reason="The day is called off.", now=now, **kw),
    "staff_reschedule": lambda meeting, now, hours, **kw: services.meeting_staff_reschedule(
        start_at=_new_time(meeting, now, hours), now=now, **kw),
}


def test_the_test_knows_every_action_of_the_table():
    assert set(CALLS) == set(MEETINGS.actions)


def _attempt(action, meeting, actor, now, hours):
    """Call the action's service with valid arguments; True when it accepted."""
    try:
        CALLS[action](meeting, now, hours, meeting_id=meeting.pk, actor=actor)
    except services.MeetingError:
        return False
    return True


def _accepted_without_keeping(action, meeting, actor, now, hours, *, offered):
    if not offered:
        # Refused, or the test fails at once: no savepoint needed (a query less or two each).
        return _attempt(action, meeting, actor, now, hours)
    try:
        with transaction.atomic():
            accepted = _attempt(action, meeting, actor, now, hours)
            raise Rollback
    except Rollback:
        return accepted


def _check_consistent(meeting: Meeting, before: Meeting, action: str, took: bool):
    events = list(MeetingEvent.objects.filter(meeting=meeting))
    assert events[-1].to_status == meeting.status
    assert all(a.to_status == b.from_status for a, b in zip(events, events[1:], strict=False))
    if took and not (action in ("complete", "outcome") and before.status == Status.COMPLETED):
        assert meeting.status == MEETINGS.row(before, action).target
        assert events[-1].action == ("complete" if action == "outcome" else action)
    elif not took:
        assert meeting.status == before.status and len(events) == before.events.count()
    assert meeting.sequence >= before.sequence
    if meeting.status in (*Meeting.BOOKED, Status.COMPLETED):
        assert meeting.end_at == meeting.start_at + timedelta(minutes=meeting.duration_minutes)
    if meeting.status in (Status.REQUESTED, Status.COUNTERED, Status.RESCHEDULING):
        assert meeting.proposed_starts
    if meeting.status in (Status.COUNTERED, Status.RESCHEDULING):
        assert len(meeting.proposed_starts) == 1 and meeting.proposed_by_id is not None


# A step: who acts, what (an action of the table, or the n-th of those the actor is offered),
# how many hours pass first, and how far ahead a new time is.
STEPS = st.lists(
    st.tuples(st.integers(0, 4), st.one_of(st.sampled_from(MEETINGS.actions), st.integers(0, 9)),
              st.integers(0, 40), st.integers(1, 60)),
    min_size=1, max_size=6,
)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    proposals=st.lists(st.integers(3, 90), min_size=1, max_size=3, unique=True),
    window_days=st.one_of(st.none(), st.integers(2, 5)),
    steps=STEPS,
)
def test_what_a_page_offers_is_exactly_what_the_service_accepts(
    workshop, shop, other_workshop, other_shop, artisan, buyer, other_artisan, other_buyer, staff, proposals,
    window_days, steps,
):
    people = [artisan, buyer, other_artisan, other_buyer, staff]
    base = _minute(timezone.now())
    try:
        with transaction.atomic():
            if window_days is not None:
                # A program the two share, whose window and length the meeting must keep to.
                program = Program.objects.create(
                    name="Mission", slug="mission", organiser="Agency", starts_on=base.date(),
                    ends_on=(base + timedelta(days=window_days)).date(), status=Program.Status.OPEN_BUYERS,
                    meetings_open_at=base, meetings_close_at=base + timedelta(days=window_days), meeting_minutes=60,
                )
                ProgramBuyer.objects.create(program=program, user=buyer)
                Application.objects.create(program=program, artisan=workshop, status=Application.Status.ACCEPTED)
                proposals = [h for h in proposals if h < window_days * 24 - 1] or [3]
            meeting = services.meeting_request(
                buyer_user=buyer, artisan=workshop, proposed_starts=[base + h * HOUR for h in proposals],
                duration_minutes=60, mode=Meeting.Mode.VIRTUAL, now=base,
            )
            assert (meeting.program_id is not None) == (window_days is not None)
            now = base
            for step, (who, action, advance, hours) in enumerate(steps):
                now += advance * HOUR
                meeting = Meeting.objects.select_related("program").get(pk=meeting.pk)
                offers = {}
                # The two strangers have the same (no) roles: one of them is asked per step.
                for person in [artisan, buyer, staff, (other_artisan, other_buyer)[step % 2]]:
                    offered = offers[person.pk] = selectors.allowed_actions(meeting, person, now=now)
                    accepted = {
                        name for name in MEETINGS.actions
                        if _accepted_without_keeping(name, meeting, person, now, hours, offered=name in offered)
                    }
                    assert offered == accepted, (meeting.status, person.email, now - base)
                actor = people[who]
                if isinstance(action, int):
                    choices = sorted(offers.get(actor.pk, ())) or MEETINGS.actions
                    action = choices[action % len(choices)]
                before = meeting
                took = _attempt(action, meeting, actor, now, hours)
                meeting = Meeting.objects.select_related("program").get(pk=meeting.pk)
                _check_consistent(meeting, before, action, took)
            raise Rollback
    except Rollback:
        pass


def test_declining_a_proposed_new_time_after_the_meeting_has_ended_is_refused(workshop, shop, artisan, buyer):
    """The page hid it and the service took it: now both follow the table."""
    start = _minute(timezone.now()) + 5 * HOUR
    meeting = services.meeting_request(buyer_user=buyer, artisan=workshop, proposed_starts=[start],
                                       duration_minutes=60, mode=Meeting.Mode.VIRTUAL)
    services.meeting_accept(meeting_id=meeting.pk, actor=artisan, start_at=start)
    services.meeting_reschedule(meeting_id=meeting.pk, actor=buyer, start_at=start + 24 * HOUR,
                                now=start - 2 * HOUR)
    after_end = start + 2 * HOUR
    meeting.refresh_from_db()
    assert "decline" not in selectors.allowed_actions(meeting, artisan, now=after_end)
    with pytest.raises(services.MeetingError, match="over"):
        services.meeting_decline(meeting_id=meeting.pk, actor=artisan, now=after_end)
    meeting.refresh_from_db()
    assert meeting.status == Status.RESCHEDULING
    assert selectors.allowed_actions(meeting, artisan, now=after_end) == {"complete", "outcome"}
