"""Writes of a fair: exhibitors, stand applications, stands' moves, the allocator's run, publishing.

Every stand write of a program takes the program's stand lock first (`common.limits.limit_lock`),
then reads and checks: the rules between stands (competitors apart) are about neighbours, so two
moves at once must not both pass their checks. The database's unique stand column is the last
line: one stand per exhibitor, one exhibitor per stand, whatever reaches it.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from artisans.models import ArtisanProfile
from common.limits import limit_lock
from common.runs import run_claim, run_fail, run_fail_lost
from common.statemachine import TransitionRefused
from fairs import allocator, planning, tasks
from fairs.models import (
    AllocationRun,
    Delegation,
    Exhibitor,
    ExhibitorMember,
    FairSettings,
    Stand,
    StandApplication,
    StandApplicationEntry,
    StandEvent,
    Zone,
)
from fairs.transitions import STAFF, STANDS, SYSTEM
from notifications.services import email_enqueue_to_user
from programs.models import Application, Program


def _lock_stands(program: Program) -> None:
    limit_lock(("fair-stands", program.pk))


def _is_accepted(program: Program, artisan: ArtisanProfile) -> bool:
    return Application.objects.filter(
        program=program, artisan=artisan, status=Application.Status.ACCEPTED
    ).exists()


# --- Exhibitors ---------------------------------------------------------------------------------


def exhibitor_check(
    *, program: Program, artisan: ArtisanProfile, delegation: Delegation | None = None
) -> None:
    """Why this artisan may not exhibit (TransitionRefused), for the service and the admin's form."""
    if not _is_accepted(program, artisan):
        raise TransitionRefused(_("Only an artisan accepted into the program can exhibit at its fair."))
    if delegation is not None and delegation.program_id != program.pk:
        raise TransitionRefused(_("This delegation belongs to another fair."))


def exhibitor_add(
    *, program: Program, artisan: ArtisanProfile, delegation: Delegation | None = None
) -> Exhibitor:
    """An artisan accepted into the program becomes one of its exhibitors (once)."""
    exhibitor_check(program=program, artisan=artisan, delegation=delegation)
    try:
        with transaction.atomic():
            return Exhibitor.objects.create(program=program, artisan=artisan, delegation=delegation)
    except IntegrityError:
        raise TransitionRefused(_("This artisan already exhibits at this fair.")) from None


def exhibitor_member_check(*, exhibitor: Exhibitor, artisan: ArtisanProfile) -> None:
    """Why this artisan may not be a member on the stand (TransitionRefused)."""
    if exhibitor.artisan.kind != ArtisanProfile.Kind.COOPERATIVE:
        raise TransitionRefused(_("Only a cooperative's stand lists member artisans."))
    if artisan.pk == exhibitor.artisan_id:
        raise TransitionRefused(_("The cooperative is not a member of itself."))
    if not _is_accepted(exhibitor.program, artisan):
        raise TransitionRefused(_("Only an artisan accepted into the program can be a member on a stand."))


def exhibitor_member_add(*, exhibitor: Exhibitor, artisan: ArtisanProfile) -> ExhibitorMember:
    """A member artisan on a cooperative's stand; they must be accepted into the program too, so
    the public may send them inquiries on their products."""
    exhibitor_member_check(exhibitor=exhibitor, artisan=artisan)
    try:
        with transaction.atomic():
            return ExhibitorMember.objects.create(exhibitor=exhibitor, artisan=artisan)
    except IntegrityError:
        raise TransitionRefused(_("This artisan is already a member on this stand.")) from None


def stand_application_submit(
    *,
    exhibitor: Exhibitor,
    zone: Zone | None,
    min_size_m2: Decimal,
    needs_power: bool,
    needs_water: bool,
    needs_storage: bool,
    next_to: Exhibitor | None,
    keep_apart: bool,
    entered_by: User | None = None,
) -> StandApplication:
    """The exhibitor's wishes, new or changed; a change keeps its place in the queue.

    Staff who take an application by phone or email enter it here too (`entered_by`): the same
    checks, one StandApplicationEntry naming them, and the exhibitor mailed once that it was
    entered for them (keyed by the application, so a second entry or a retry mails no one).
    """
    if zone is not None and zone.hall.venue.program_id != exhibitor.program_id:
        raise TransitionRefused(_("This zone is not at this fair."))
    if next_to is not None and (next_to.program_id != exhibitor.program_id or next_to.pk == exhibitor.pk):
        raise TransitionRefused(_("Choose another exhibitor of this fair to be next to."))
    if min_size_m2 < 0:
        raise TransitionRefused(_("The size cannot be negative."))
    wishes: dict[str, object] = {
        "zone": zone,
        "min_size_m2": min_size_m2,
        "needs_power": needs_power,
        "needs_water": needs_water,
        "needs_storage": needs_storage,
        "next_to": next_to,
        "keep_apart": keep_apart,
    }
    if entered_by is not None:
        wishes["entered_by"] = entered_by
    with transaction.atomic():
        application, created = StandApplication.objects.update_or_create(exhibitor=exhibitor, defaults=wishes)
        if entered_by is not None:
            StandApplicationEntry.objects.create(application=application, by=entered_by, created=created)
            # Recorded with the entry, sent after commit (the outbox); its key makes it once.
            _mail_application_entered(application)
    return application


def _mail_application_entered(application: StandApplication) -> None:
    program = application.exhibitor.program
    _mail_exhibitor(
        application.exhibitor,
        key=f"fair-application-entered:{application.pk}",
        template="fair_application_entered",
        context={
            "program": program,
            "application": application,
            "url": f"{settings.SITE_URL}{reverse('fairs:apply', args=[program.slug])}",
        },
    )


def _mail_exhibitor(exhibitor: Exhibitor, *, key: str, template: str, context: dict) -> None:
    """One mail to the exhibitor's own account, in its language and zone, once per key."""
    email_enqueue_to_user(key=key, user=exhibitor.artisan.user, template=template, context=context)


# --- Stands -------------------------------------------------------------------------------------


def _step(
    stand: Stand,
    action: str,
    *,
    roles: frozenset[str],
    by: User | None,
    exhibitor: Exhibitor | None,
    note: str = "",
) -> Stand:
    """Take `action` from the table on a locked stand, setting its exhibitor: one row, one event."""
    row = STANDS.check(stand, action, roles=roles, now=timezone.now())
    before = stand.status
    event_exhibitor = exhibitor if exhibitor is not None else stand.exhibitor
    stand.status = row.target
    stand.exhibitor = exhibitor
    try:
        with transaction.atomic():
            stand.save(update_fields=["status", "exhibitor"])
    except IntegrityError:
        # The unique stand column: this exhibitor holds another stand (a write that skipped the lock).
        raise TransitionRefused(_("This exhibitor already has a stand.")) from None
    StandEvent.objects.create(
        stand=stand,
        exhibitor=event_exhibitor,
        action=action,
        from_status=before,
        to_status=row.target,
        by=by,
        note=note[:300],
    )
    return stand


def _locked(stand: Stand) -> Stand:
    return Stand.objects.select_for_update(of=("self",)).select_related("exhibitor").get(pk=stand.pk)


def violation_message(violation: allocator.Violation) -> str:
    messages = {
        "size": _("The stand is smaller than the exhibitor asked for."),
        "services": _("The stand lacks a service the exhibitor needs (power, water or storage)."),
        "zone_craft": _("The stand is in a zone for another craft."),
        "competitor": _(
            "The exhibitor asked to be kept apart from competitors, and a neighbour shares a craft."
        ),
        "shared": _("Another exhibitor holds this stand."),
        "fixed": _("A published stand would change."),
        "unknown": _("The stand or the exhibitor is not part of this fair."),
    }
    return messages.get(violation.kind, str(violation))


@transaction.atomic
def stand_move(*, exhibitor: Exhibitor, stand: Stand, by: User, note: str = "") -> Stand:
    """Staff place an exhibitor on a free stand by hand (leaving their stand, if any), with the
    allocator's checks; the new stand is held until published again."""
    if stand.program_id != exhibitor.program_id:
        raise TransitionRefused(_("This stand is at another fair."))
    _lock_stands(exhibitor.program)
    target = _locked(stand)
    if target.exhibitor_id == exhibitor.pk:
        raise TransitionRefused(_("The exhibitor is already on this stand."))
    STANDS.check(target, "hold", roles=frozenset({STAFF}), now=timezone.now())
    fair = planning.fair_problem(exhibitor.program)
    plan = dict(fair.current)
    plan[exhibitor.pk] = target.pk
    # A move by hand may change a published stand (the exhibitor's own): that is what it is for.
    fair.problem.fixed.pop(exhibitor.pk, None)
    before = set(allocator.violations(fair.problem, fair.current))
    new = [v for v in allocator.violations(fair.problem, plan) if v not in before]
    if new:
        raise TransitionRefused(" ".join(dict.fromkeys(violation_message(v) for v in new)))
    old = Stand.objects.select_for_update(of=("self",)).filter(exhibitor=exhibitor).first()
    if old is not None:
        _step(
            old,
            "release",
            roles=frozenset({STAFF}),
            by=by,
            exhibitor=None,
            note=_("moved to %(code)s") % {"code": target.code},
        )
    return _step(
        target,
        "hold",
        roles=frozenset({STAFF}),
        by=by,
        exhibitor=exhibitor,
        note=note or (_("moved from %(code)s") % {"code": old.code} if old else _("placed by hand")),
    )


@transaction.atomic
def stand_release(*, stand: Stand, by: User, note: str = "") -> Stand:
    _lock_stands(stand.program)
    return _step(_locked(stand), "release", roles=frozenset({STAFF}), by=by, exhibitor=None, note=note)


@transaction.atomic
def stand_block(*, stand: Stand, by: User, note: str = "") -> Stand:
    _lock_stands(stand.program)
    return _step(_locked(stand), "block", roles=frozenset({STAFF}), by=by, exhibitor=None, note=note)


@transaction.atomic
def stand_unblock(*, stand: Stand, by: User) -> Stand:
    _lock_stands(stand.program)
    return _step(_locked(stand), "unblock", roles=frozenset({STAFF}), by=by, exhibitor=None)


# --- The allocator's run and publishing ---------------------------------------------------------


def allocation_run_request(*, program: Program, by: User | None) -> AllocationRun:
    """Queue a run of the allocator (solved by a worker, `allocation_run`); its page polls it.

    A program has at most one run queued or running (the database's partial constraint): a
    second start, however close, is given the run under way instead of a new one.
    """
    # A run whose worker died never finishes: failed here, it frees the slot for this one.
    run_fail_lost(AllocationRun.objects.filter(program=program), task=tasks.allocate_stands_task)
    try:
        with transaction.atomic():
            run = AllocationRun.objects.create(program=program, by=by, status=AllocationRun.Status.QUEUED)
    except IntegrityError:
        active = AllocationRun.objects.filter(program=program, status__in=AllocationRun.ACTIVE).first()
        if active is None:  # it finished between our insert and this read: start anew
            return allocation_run_request(program=program, by=by)
        return active
    run_id = run.pk
    transaction.on_commit(lambda: tasks.allocate_stands_task.delay(run_id))
    return run


def _snapshot(fair: planning.Fair) -> tuple[object, ...]:
    # What the plan was solved from: the problem (stands offered, exhibitors and their wishes in
    # order of arrival, published stands) and who holds which stand now.
    return (fair.problem.stands, fair.problem.applications, fair.problem.fixed, fair.current)


def allocation_run(*, run_id: int, time_limit: float = 7.0) -> AllocationRun | None:
    """Solve a queued run once (a second delivery of its task does nothing), then write its plan.

    The solve reads a snapshot and holds no lock (seconds at 260 stands: moves by hand go on
    meanwhile). The writes then take the program's stand lock and read the fair again: if it is
    not what was solved, the run is marked stale and writes nothing (staff run it again, on the
    fair as it now is). Held stands are planned again, published ones kept.
    """
    claimed = run_claim(
        AllocationRun, run_id, waiting=AllocationRun.Status.QUEUED, running=AllocationRun.Status.RUNNING
    )
    run = AllocationRun.objects.select_related("program", "by").filter(pk=run_id).first()
    if not claimed or run is None:
        return run
    try:
        return _allocation_solve_and_write(run, time_limit=time_limit)
    except Exception as error:  # marked failed where staff see it, the slot freed; re-raised for the logs
        run_fail(AllocationRun, run_id, failed=AllocationRun.Status.FAILED, error=repr(error))
        raise


def _allocation_solve_and_write(run: AllocationRun, *, time_limit: float) -> AllocationRun:
    program, by = run.program, run.by
    solved = planning.fair_problem(program)
    result = allocator.solve(solved.problem, time_limit=time_limit)
    roles = frozenset({SYSTEM})
    with transaction.atomic():
        _lock_stands(program)
        fair = planning.fair_problem(program)
        if _snapshot(fair) != _snapshot(solved):
            run.status = AllocationRun.Status.STALE
            run.finished_at = timezone.now()
            run.save(update_fields=["status", "finished_at"])
            return run
        stands = {s.pk: s for s in Stand.objects.select_for_update(of=("self",)).filter(program=program)}
        # Leave first, then place: the unique stand column holds at every statement.
        for stand in stands.values():
            planned = result.plan.get(stand.exhibitor_id) if stand.exhibitor_id is not None else None
            if stand.status == Stand.Status.HELD and planned != stand.pk:
                _step(stand, "release", roles=roles, by=by, exhibitor=None, note=_("new allocation"))
        for exhibitor_id, stand_id in sorted(result.plan.items()):
            stand = stands[stand_id]
            if stand.exhibitor_id == exhibitor_id:
                continue
            _step(
                stand,
                "hold",
                roles=roles,
                by=by,
                exhibitor=fair.exhibitors[exhibitor_id],
                note=_("allocation"),
            )
        run.status = AllocationRun.Status.DONE
        run.finished_at = timezone.now()
        run.applications = len(fair.problem.applications)
        run.placed, run.placed_bound = result.placed, result.placed_bound
        run.wishes_met, run.wishes_bound, run.wishes_asked = (
            result.wishes_met,
            result.wishes_bound,
            result.wishes_asked,
        )
        run.greedy_placed, run.greedy_wishes_met = result.greedy_placed, result.greedy_wishes_met
        run.seconds = round(result.seconds, 3)
        run.solver_status = result.status
        run.save()
    return run


def _mail_stand(stand: Stand) -> None:
    exhibitor = stand.exhibitor
    assert exhibitor is not None
    program = exhibitor.program
    # One mail per exhibitor and stand: published again, nobody hears twice; moved, they hear of the new one.
    _mail_exhibitor(
        exhibitor,
        key=f"fair-stand:{exhibitor.pk}:{stand.pk}",
        template="fair_stand",
        context={
            "stand": stand,
            "exhibitor": exhibitor,
            "program": program,
            "url": f"{settings.SITE_URL}{reverse('fairs:exhibitor', args=[program.slug, exhibitor.artisan.slug])}",
        },
    )


@transaction.atomic
def allocation_publish(*, program: Program, by: User | None) -> int:
    """Every held stand becomes its exhibitor's, and each exhibitor is mailed its stand (once)."""
    _lock_stands(program)
    fair, _created = FairSettings.objects.select_for_update().get_or_create(program=program)
    held = list(
        Stand.objects.select_for_update(of=("self",))
        .filter(program=program, status=Stand.Status.HELD)
        .select_related("exhibitor__artisan__user", "exhibitor__program", "hall")
    )
    for stand in held:
        _step(
            stand, "assign", roles=frozenset({SYSTEM}), by=by, exhibitor=stand.exhibitor, note=_("published")
        )
    fair.published_at = timezone.now()
    fair.save(update_fields=["published_at"])
    assigned = Stand.objects.filter(program=program, status=Stand.Status.ASSIGNED).select_related(
        "exhibitor__artisan__user", "exhibitor__program", "hall"
    )
    for stand in assigned:
        _mail_stand(stand)
    return len(held)


def stands_release_all(*, stands: Iterable[Stand], by: User) -> int:
    """The admin's release action: each stand on its own, refusals counted out."""
    done = 0
    for stand in stands:
        try:
            stand_release(stand=stand, by=by)
        except TransitionRefused:
            continue
        done += 1
    return done
