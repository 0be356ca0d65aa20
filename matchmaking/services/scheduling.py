"""Scheduling a session: run the scheduler, adjust the plan by hand, publish it, send agendas.

A run is a SchedulePlan claimed by one worker (status running, started_at set by a
conditional update), solved outside any transaction, then written in one. Hand moves and
swaps are checked with `scheduler.violations()` against the session as it stands, and are
refused when they would break a rule the plan did not already break. Publishing creates
each meeting through `meetings.services.meeting_schedule` (the exclusion constraints have
the last word) and skips items that already have one, so publishing twice creates nothing
twice; each person then gets one agenda email per plan (outbox key agenda:<plan>:<user>).
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import User
from common.limits import limit_keys, limit_lock
from common.runs import run_claim, run_fail, run_fail_lost
from matchmaking import planning, scheduler
from matchmaking.models import PlanItem, SchedulePlan, Session
from meetings.calendar import PRODID, meeting_ics
from meetings.models import Meeting
from meetings.selectors import program_meeting_limits
from meetings.services import MeetingError, meeting_schedule
from notifications.models import Email
from notifications.services import email_enqueue_to_user

log = logging.getLogger(__name__)

TIME_LIMIT_SECONDS = 4.5


class PlanError(Exception):
    """A change of a plan that is not possible; the message is shown to staff as is."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


# --- running the scheduler ------------------------------------------------------------------


def schedule_run_request(*, session: Session, actor: User | None) -> SchedulePlan:
    """Record a run and queue it after commit; the page polls the plan until it is a draft.

    The session's runs whose worker was lost are failed first, so their pages stop waiting."""
    from matchmaking.tasks import run_schedule_task

    run_fail_lost(SchedulePlan.objects.filter(session=session), task=run_schedule_task)
    plan = SchedulePlan.objects.create(session=session, created_by=actor, status=SchedulePlan.Status.RUNNING)
    plan_id = plan.pk
    transaction.on_commit(lambda: run_schedule_task.delay(plan_id))
    return plan


def schedule_run(*, plan_id: int, time_limit: float = TIME_LIMIT_SECONDS) -> SchedulePlan | None:
    """Solve a queued run once: a second call (a retry, a duplicate message) does nothing."""
    # A plan is created running; its claim only sets started_at (waiting and running are one status).
    claimed = run_claim(
        SchedulePlan, plan_id, waiting=SchedulePlan.Status.RUNNING, running=SchedulePlan.Status.RUNNING
    )
    plan = SchedulePlan.objects.select_related("session", "session__program").filter(pk=plan_id).first()
    if not claimed or plan is None:
        return plan
    try:
        built = planning.build(plan.session)
        result = scheduler.solve(built.problem, time_limit=time_limit)
    except Exception as error:  # the run is marked failed where staff see it, then re-raised for the logs
        run_fail(SchedulePlan, plan_id, failed=SchedulePlan.Status.FAILED, error=repr(error))
        raise
    weights = {(p.artisan, p.buyer): p.weight for p in built.problem.pairs}
    items = [
        PlanItem(
            plan=plan, artisan_id=a.artisan, buyer_user_id=a.buyer, start_at=built.slots[a.slot], table=a.table,
            interpreter_id=a.interpreter, weight=weights.get((a.artisan, a.buyer), 0),
        )
        for a in result.assignments
    ]
    items += [
        PlanItem(
            plan=plan, artisan_id=a.artisan, buyer_user_id=a.buyer, start_at=built.slots[a.slot], table=a.table,
            interpreter_id=a.interpreter, kept=True, meeting=built.kept[(a.artisan, a.buyer)],
        )
        for a in built.problem.fixed
    ]
    with transaction.atomic():
        PlanItem.objects.bulk_create(items)
        plan.status = SchedulePlan.Status.DRAFT
        plan.value, plan.bound, plan.gap = result.value, result.bound, result.gap
        plan.greedy_value, plan.solve_seconds = result.greedy_value, result.seconds
        plan.solver_status = result.status
        plan.finished_at = timezone.now()
        plan.save()
    return plan


# --- hand changes -----------------------------------------------------------------------------


def _lock_plan(plan_id: int) -> SchedulePlan:
    # The plan's row only: a lock on the program's row would make every buyer's meeting request
    # (its foreign key to the program) wait for the publish, which waits for the request's limit lock.
    return (
        SchedulePlan.objects.select_for_update(of=("self",))
        .select_related("session", "session__program")
        .get(pk=plan_id)
    )


def _own_meetings(plan: SchedulePlan) -> set[int]:
    return set(plan.items.exclude(meeting=None).values_list("meeting_id", flat=True))


def _check(built: planning.SessionProblem, items: list[PlanItem], changed: dict[int, scheduler.Assignment]) -> None:
    """Refuse a change that breaks a rule the plan did not already break."""
    before = [built.assignment_of(item) for item in items]
    after = [changed.get(item.pk, built.assignment_of(item)) for item in items]
    fixed = list(built.problem.fixed)
    old = set(scheduler.violations(built.problem, [*fixed, *before]))
    new = [v for v in scheduler.violations(built.problem, [*fixed, *after]) if v not in old]
    tables = built.problem.tables
    for assignment in changed.values():
        if tables is not None and (assignment.table is None or not 1 <= assignment.table <= tables):
            new.append(_("table %(table)s does not exist (tables 1 to %(tables)s)") % {
                "table": assignment.table, "tables": tables})
    if new:
        raise PlanError(_("This change is refused: %(problems)s.") % {"problems": "; ".join(new)})


def _interpreter_for(built: planning.SessionProblem, items: list[PlanItem], moved: scheduler.Assignment,
                     skip: set[int]) -> int | None:
    """Keep the interpreter when they are free in the new slot, else the first who is."""
    pair = next((p for p in built.problem.pairs if (p.artisan, p.buyer) == (moved.artisan, moved.buyer)), None)
    if pair is None or not pair.needs_interpreter:
        return moved.interpreter
    busy = {
        i.interpreter_id for i in items
        if i.pk not in skip and i.interpreter_id is not None and built.slot_of(i.start_at) == moved.slot
    } | {a.interpreter for a in built.problem.fixed if a.slot == moved.slot}
    pool = sorted(built.problem.interpreters, key=lambda i: i.id != moved.interpreter)
    return next(
        (i.id for i in pool if i.can_serve(pair) and moved.slot in i.slots and i.id not in busy), moved.interpreter
    )


def _free_table(built: planning.SessionProblem, items: list[PlanItem], slot: int, skip: set[int]) -> int | None:
    if built.problem.tables is None:
        return None
    used = {i.table for i in items if i.pk not in skip and built.slot_of(i.start_at) == slot}
    used |= {a.table for a in built.problem.fixed if a.slot == slot}
    return next((t for t in range(1, built.problem.tables + 1) if t not in used), None)


def _draft_items(plan: SchedulePlan, ids: list[int]) -> tuple[list[PlanItem], list[PlanItem]]:
    if plan.status not in (SchedulePlan.Status.DRAFT, SchedulePlan.Status.PUBLISHED):
        raise PlanError(_("Only a finished plan can be changed."))
    items = list(plan.items.all())
    by_pk = {i.pk: i for i in items}
    if any(pk not in by_pk for pk in ids):
        raise PlanError(_("That meeting is not in this plan."))
    chosen = [by_pk[pk] for pk in ids]
    if any(i.meeting_id is not None for i in chosen):
        raise PlanError(_("A published or kept meeting cannot be moved here; reschedule it from the meeting itself."))
    return items, chosen


def plan_item_move(*, item_id: int, start_at: datetime, table: int | None = None) -> PlanItem:
    """Move one planned meeting to another slot (and table), if no rule breaks."""
    with transaction.atomic():
        item = PlanItem.objects.select_related("plan").get(pk=item_id)
        plan = _lock_plan(item.plan_id)
        items, (item,) = _draft_items(plan, [item_id])
        built = planning.build(plan.session, ignore_meetings=_own_meetings(plan))
        slot = built.slot_of(start_at)
        if slot is None:
            raise PlanError(_("There is no slot at that time in this session."))
        if table is None:
            table = _free_table(built, items, slot, {item.pk})
        moved = scheduler.Assignment(item.artisan_id, item.buyer_user_id, slot, item.interpreter_id, table)
        moved = scheduler.Assignment(moved.artisan, moved.buyer, slot,
                                     _interpreter_for(built, items, moved, {item.pk}), table)
        _check(built, items, {item.pk: moved})
        item.start_at, item.table, item.interpreter_id = built.slots[slot], table, moved.interpreter
        item.save(update_fields=["start_at", "table", "interpreter"])
    return item


def plan_items_swap(*, first_id: int, second_id: int) -> tuple[PlanItem, PlanItem]:
    """Exchange the slots and tables of two planned meetings, if no rule breaks."""
    if first_id == second_id:
        raise PlanError(_("Choose two different meetings to swap."))
    with transaction.atomic():
        plan_id = PlanItem.objects.get(pk=first_id).plan_id
        plan = _lock_plan(plan_id)
        items, (first, second) = _draft_items(plan, [first_id, second_id])
        built = planning.build(plan.session, ignore_meetings=_own_meetings(plan))
        a, b = built.assignment_of(first), built.assignment_of(second)
        skip = {first.pk, second.pk}
        moved_a = scheduler.Assignment(a.artisan, a.buyer, b.slot, a.interpreter, b.table)
        moved_b = scheduler.Assignment(b.artisan, b.buyer, a.slot, b.interpreter, a.table)
        moved_a = scheduler.Assignment(a.artisan, a.buyer, b.slot, _interpreter_for(built, items, moved_a, skip), b.table)
        moved_b = scheduler.Assignment(b.artisan, b.buyer, a.slot, _interpreter_for(built, items, moved_b, skip), a.table)
        _check(built, items, {first.pk: moved_a, second.pk: moved_b})
        first.start_at, second.start_at = second.start_at, first.start_at
        first.table, second.table = moved_a.table, moved_b.table
        first.interpreter_id, second.interpreter_id = moved_a.interpreter, moved_b.interpreter
        for item in (first, second):
            item.save(update_fields=["start_at", "table", "interpreter"])
    return first, second


# --- publishing -------------------------------------------------------------------------------


@dataclass
class PublishReport:
    created: int = 0
    skipped: int = 0
    failed: list[str] = field(default_factory=list)


def _location(session: Session, table: int | None) -> str:
    if not session.is_physical:
        return ""
    with translation.override(settings.LANGUAGE_CODE):
        if table is None:
            return session.venue
        return _("%(venue)s, table %(table)s") % {"venue": session.venue, "table": table}


def plan_publish(*, plan_id: int, actor: User | None, now: datetime | None = None) -> PublishReport:
    """Create the plan's meetings (confirmed) and queue one agenda email per person.

    Items that already have a meeting are skipped, so a second call creates nothing. A
    meeting the database refuses (someone booked that time meanwhile) is reported and the
    others go ahead; publishing again later retries only those.
    """
    report = PublishReport()
    with transaction.atomic():
        plan = _lock_plan(plan_id)
        if plan.status not in (SchedulePlan.Status.DRAFT, SchedulePlan.Status.PUBLISHED):
            raise PlanError(_("Only a finished plan can be published."))
        session = plan.session
        items = list(plan.items.select_related("artisan", "artisan__user", "buyer_user", "buyer_user__buyer_profile"))
        # Every limit lock the meetings below take, taken first and in one order (taken one
        # meeting at a time they could deadlock with a buyer's request holding two of them), and
        # before the check, so the counts it reads stay true until the meetings are made.
        limit_lock(*(
            key for item in items if item.meeting_id is None
            for key in limit_keys(program_meeting_limits(
                program=session.program, artisan_id=item.artisan_id, buyer_user_id=item.buyer_user_id))
        ))
        built = planning.build(session, ignore_meetings=_own_meetings(plan))
        problems = scheduler.violations(
            built.problem, [*built.problem.fixed, *(built.assignment_of(i) for i in items)]
        )
        if problems:
            raise PlanError(_("The plan breaks rules now and cannot be published: %(problems)s.") % {
                "problems": "; ".join(problems[:10])})
        mode = Meeting.Mode.IN_PERSON if session.is_physical else Meeting.Mode.VIRTUAL
        for item in items:
            if item.meeting_id is not None:
                report.skipped += 1
                continue
            try:
                meeting = meeting_schedule(
                    artisan=item.artisan, buyer_user=item.buyer_user, start_at=item.start_at,
                    duration_minutes=session.program.meeting_minutes, mode=mode, location=_location(session, item.table),
                    program=session.program, actor=actor, invite=False, now=now,
                )
            except MeetingError as error:
                report.failed.append(f"{item.artisan} – {item.buyer_user}: {error.message}")
                continue
            item.meeting = meeting
            item.save(update_fields=["meeting"])
            report.created += 1
        if plan.status != SchedulePlan.Status.PUBLISHED:
            plan.status = SchedulePlan.Status.PUBLISHED
            plan.published_at = now or timezone.now()
            plan.published_by = actor
            plan.save(update_fields=["status", "published_at", "published_by"])
        if report.created:
            from matchmaking.tasks import send_agendas_task

            transaction.on_commit(lambda: send_agendas_task.delay(plan_id))
    return report


# --- agendas ----------------------------------------------------------------------------------


@dataclass
class AgendaRow:
    meeting: Meeting
    other_name: str
    other_person: str
    other_zone: str
    table: int | None
    interpreter: str


def _agenda_ics(meetings: list[Meeting], recipient: User) -> bytes:
    """One calendar with every meeting: the same UIDs as the meetings' own invitations, so a
    later reschedule or cancellation updates these events."""
    from icalendar import Calendar

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    for meeting in meetings:
        single = Calendar.from_ical(meeting_ics(meeting, recipient=recipient, method="PUBLISH"))
        for event in single.walk("VEVENT"):
            calendar.add_component(event)
    return calendar.to_ical()


def agenda_rows(plan: SchedulePlan, user: User, items: list[PlanItem]) -> list[AgendaRow]:
    rows: list[tuple[datetime, AgendaRow]] = []
    for item in items:
        meeting = item.meeting
        # A booked meeting has its times (constraint meeting_booked_has_time); the check tells the types.
        if meeting is None or meeting.status not in Meeting.BOOKED or meeting.start_at is None:
            continue
        if user.pk == meeting.buyer_user_id:
            other_name, other_person = meeting.artisan.business_name, meeting.artisan_user.get_full_name()
        else:
            other_name, other_person = meeting.buyer.organisation_name, meeting.buyer_user.get_full_name()
        rows.append((meeting.start_at, AgendaRow(
            meeting=meeting, other_name=other_name, other_person=other_person,
            other_zone=meeting.other_zone(user).key, table=item.table,
            interpreter=item.interpreter.name if item.interpreter else "",
        )))
    rows.sort(key=lambda pair: pair[0])
    return [row for _, row in rows]


def plan_send_agendas(*, plan_id: int) -> list[Email]:
    """One email per person who got a new meeting from this plan: every meeting of theirs in
    the plan, one .ics, and for a B2B day a printable PDF. Sent once per plan and person."""
    from matchmaking.agenda_pdf import build_agenda_pdf

    plan = SchedulePlan.objects.select_related("session", "session__program").filter(pk=plan_id).first()
    if plan is None or plan.status != SchedulePlan.Status.PUBLISHED:
        return []
    session = plan.session
    items = list(
        plan.items.exclude(meeting=None).select_related(
            "interpreter", "meeting", "meeting__artisan", "meeting__buyer", "meeting__artisan_user",
            "meeting__buyer_user",
        )
    )
    people: dict[int, User] = {}
    by_person: dict[int, list[PlanItem]] = defaultdict(list)
    new_for: set[int] = set()
    for item in items:
        assert item.meeting is not None  # the query left out items without a meeting
        for user in (item.meeting.artisan_user, item.meeting.buyer_user):
            people[user.pk] = user
            by_person[user.pk].append(item)
            if not item.kept:
                new_for.add(user.pk)
    sent = []
    url = f"{settings.SITE_URL}{reverse('meetings:list')}"
    for user_id in sorted(new_for):
        user = people[user_id]
        key = f"agenda:{plan.pk}:{user.pk}"
        existing = Email.objects.filter(key=key).first()
        if existing is not None:
            sent.append(existing)
            continue
        rows = agenda_rows(plan, user, by_person[user_id])
        if not rows:
            continue
        context = {"session": session, "program": session.program, "recipient": user, "rows": rows, "url": url,
                   "venue_zone": session.time_zone}
        attachments = [("agenda.ics", _agenda_ics([row.meeting for row in rows], user), "text/calendar")]
        if session.is_physical:
            with translation.override(user.language):
                pdf = build_agenda_pdf(session=session, recipient=user, rows=rows)
            attachments.append(("agenda.pdf", pdf, "application/pdf"))
        sent.append(email_enqueue_to_user(key=key, user=user, template="agenda", context=context,
                                          attachments=attachments))
    return sent
