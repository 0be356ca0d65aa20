"""The meeting state machine as one table, and the rule for a program's meeting window.

meetings.services (the package) checks every change against MEETINGS before it writes, and
meetings.selectors.allowed_actions offers on a page exactly the rows MEETINGS allows: the two
cannot disagree. Roles (who the person is to this meeting):

    artisan, buyer   the two sides; party: either of them
    proposer         the side whose times are on the table; answerer: the other side
    staff            agency staff, in the admin: they call a meeting off or move it to a new
                     time for both sides (the staff_ rows), and take no side's action
    system           no person (a task completing meetings that have ended)

A meeting is created requested (meeting_request, by a buyer) or confirmed (meeting_schedule,
by staff publishing a plan); from there only these rows move it. declined, cancelled and
completed are final (an outcome can still be recorded on a completed meeting).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db.models import Q
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from common.statemachine import Guard, Machine, transition
from meetings.models import Meeting

Status = Meeting.Status
ARTISAN, BUYER, PARTY, PROPOSER, ANSWERER, STAFF, SYSTEM = (
    "artisan", "buyer", "party", "proposer", "answerer", "staff", "system")
OPEN = (Status.REQUESTED, Status.COUNTERED, Status.CONFIRMED, Status.RESCHEDULING)


def meeting_roles(meeting: Meeting, user) -> frozenset[str]:
    if user is None:
        return frozenset({SYSTEM})
    roles = set()
    if user.pk == meeting.artisan_user_id:
        roles.add(ARTISAN)
    if user.pk == meeting.buyer_user_id:
        roles.add(BUYER)
    if roles:
        roles.add(PARTY)
        if meeting.proposed_by_id is not None:
            roles.add(PROPOSER if user.pk == meeting.proposed_by_id else ANSWERER)
    if user.is_staff:
        roles.add(STAFF)
    return frozenset(roles)


# --- a program's meeting window ------------------------------------------------------------


def _when(moment: datetime) -> str:
    return formats.date_format(timezone.localtime(moment), "j F Y, H:i")


def program_window_refusal(program, start: datetime, minutes: int) -> str | None:
    """Why a meeting of `minutes` at `start` falls outside its program's window, or None.

    The one place the window (Program.meetings_open_at / meetings_close_at) is read, with
    program_window_q below (its form as a filter, for results): requests, answers, counters,
    reschedules and the scheduler all ask it.
    """
    if program is None:
        return None
    opens, closes = program.meetings_open_at, program.meetings_close_at
    end = start + timedelta(minutes=minutes)
    if (opens is None or start >= opens) and (closes is None or end <= closes):
        return None
    names = {"program": program.name}
    if opens is not None and closes is not None:
        return _("Meetings of %(program)s take place between %(opens)s and %(closes)s.") % {
            **names, "opens": _when(opens), "closes": _when(closes)}
    if opens is not None:
        return _("Meetings of %(program)s take place from %(opens)s.") % {**names, "opens": _when(opens)}
    return _("Meetings of %(program)s take place until %(closes)s.") % {**names, "closes": _when(closes)}


def program_window_q(program) -> Q:
    """The same window as a filter on Meeting rows: their agreed time fits it, or none is agreed yet."""
    bounds = {}
    if program.meetings_open_at is not None:
        bounds["start_at__gte"] = program.meetings_open_at
    if program.meetings_close_at is not None:
        bounds["end_at__lte"] = program.meetings_close_at
    # No bounds: every meeting fits (an empty Q would vanish from the "or" below).
    return Q(start_at__isnull=True) | Q(**bounds) if bounds else Q()


def proposal_refusal(meeting: Meeting, start: datetime, now: datetime) -> str | None:
    """Why a time on the table cannot be agreed now (passed, or outside the window), or None."""
    if start <= now:
        return _("That time has already passed. Please choose a time in the future.")
    return program_window_refusal(meeting.program if meeting.program_id else None, start, meeting.duration_minutes)


def _a_proposal_stands(meeting: Meeting, now: datetime) -> bool:
    return any(proposal_refusal(meeting, start, now) is None for start in meeting.proposed_starts)


def _a_new_time_fits(meeting: Meeting, now: datetime) -> bool:
    """Some whole minute after now still fits the program's window."""
    program = meeting.program if meeting.program_id else None
    if program is None or program.meetings_close_at is None:
        return True
    latest = (program.meetings_close_at - timedelta(minutes=meeting.duration_minutes)).replace(second=0, microsecond=0)
    return latest > now and (program.meetings_open_at is None or latest >= program.meetings_open_at)


NOT_ENDED = Guard("not ended", lambda m, now: not m.has_ended(now),
                  gettext_lazy("This meeting is over; record its outcome instead."))
NOT_STARTED = Guard("not started", lambda m, now: m.start_at is not None and m.start_at > now,
                    gettext_lazy("This meeting has already started."))
# A tour's visit is moved and cancelled by its tour (meetings.services.visits), never here.
NOT_A_VISIT = Guard("not a program's visit", lambda m, now: not m.visit,
                    gettext_lazy("This visit is part of its program's plan: the organisers move or cancel it. "
                                 "You can cancel your own place."))
ENDED = Guard("ended", lambda m, now: m.has_ended(now), gettext_lazy("This meeting has not ended yet."))
PROPOSAL_STANDS = Guard("a proposed time can still be agreed", _a_proposal_stands,
                        gettext_lazy("The proposed time has passed or is outside the program's meeting window. "
                                     "Please propose another time."))
NEW_TIME_FITS = Guard("a new time still fits the program", _a_new_time_fits,
                      gettext_lazy("The program's meeting window is over."))


def _impossible(action: str, meeting: Meeting) -> str:
    return _("You cannot %(action)s a meeting that is %(status)s.") % {
        "action": ACTION_VERBS.get(action, action), "status": meeting.get_status_display().lower()}


ACTION_VERBS = {
    "accept": gettext_lazy("accept"),
    "decline": gettext_lazy("decline"),
    "counter": gettext_lazy("propose another time for"),
    "confirm": gettext_lazy("confirm"),
    "reschedule": gettext_lazy("reschedule"),
    "cancel": gettext_lazy("cancel"),
    "complete": gettext_lazy("complete"),
    "outcome": gettext_lazy("record the outcome of"),
    "staff_cancel": gettext_lazy("cancel"),
    "staff_reschedule": gettext_lazy("move"),
}

MEETINGS = Machine(
    transitions=[
        transition("accept", [Status.REQUESTED], Status.CONFIRMED, roles=[ARTISAN],
                   role_message=gettext_lazy("Only the artisan can accept a request."), guards=[PROPOSAL_STANDS]),
        transition("decline", [Status.REQUESTED], Status.DECLINED, roles=[ARTISAN],
                   role_message=gettext_lazy("Only the artisan can decline a request.")),
        transition("counter", [Status.REQUESTED], Status.COUNTERED, roles=[ARTISAN],
                   role_message=gettext_lazy("Only the artisan can propose another time."), guards=[NEW_TIME_FITS]),
        transition("confirm", [Status.COUNTERED], Status.CONFIRMED, roles=[BUYER],
                   role_message=gettext_lazy("Only the buyer can confirm the artisan's proposal."),
                   guards=[PROPOSAL_STANDS]),
        transition("decline", [Status.COUNTERED], Status.DECLINED, roles=[BUYER],
                   role_message=gettext_lazy("Only the buyer can answer the artisan's proposal.")),
        transition("reschedule", [Status.CONFIRMED], Status.RESCHEDULING, roles=[PARTY],
                   role_message=gettext_lazy("This meeting is not yours."),
                   guards=[NOT_A_VISIT, NOT_STARTED, NEW_TIME_FITS]),
        # The other side agrees to the new time (SEQUENCE + 1), or turns it down and the old time
        # stands; once the meeting is over neither makes sense: its outcome is recorded instead.
        transition("confirm", [Status.RESCHEDULING], Status.CONFIRMED, roles=[ANSWERER],
                   role_message=gettext_lazy("The other side has to confirm your proposal."),
                   guards=[NOT_ENDED, PROPOSAL_STANDS]),
        transition("decline", [Status.RESCHEDULING], Status.CONFIRMED, roles=[ANSWERER],
                   role_message=gettext_lazy("The other side has to answer your proposal."), guards=[NOT_ENDED]),
        transition("cancel", OPEN, Status.CANCELLED, roles=[PARTY],
                   role_message=gettext_lazy("This meeting is not yours."), guards=[NOT_A_VISIT, NOT_ENDED]),
        # Completing again is harmless (nothing is written), so a task may run twice.
        transition("complete", [*Meeting.BOOKED, Status.COMPLETED], Status.COMPLETED, roles=[PARTY, SYSTEM],
                   role_message=gettext_lazy("This meeting is not yours."), guards=[ENDED]),
        # Recording an outcome completes a booked meeting that has ended, and may be done again.
        transition("outcome", [*Meeting.BOOKED, Status.COMPLETED], Status.COMPLETED, roles=[PARTY],
                   role_message=gettext_lazy("This meeting is not yours."), guards=[ENDED]),
        # Agency staff act for both sides (a speaker fell ill, a day is called off): both are
        # told, and the history row names the staff member.
        transition("staff_cancel", OPEN, Status.CANCELLED, roles=[STAFF],
                   role_message=gettext_lazy("Only agency staff can do this."), guards=[NOT_A_VISIT, NOT_ENDED]),
        # Staff set the new time themselves: it is booked at once (no answer is awaited) and a
        # pending proposal of either side goes.
        transition("staff_reschedule", [Status.CONFIRMED, Status.RESCHEDULING], Status.CONFIRMED, roles=[STAFF],
                   role_message=gettext_lazy("Only agency staff can do this."),
                   guards=[NOT_A_VISIT, NOT_ENDED, NEW_TIME_FITS]),
    ],
    impossible=_impossible,
)
