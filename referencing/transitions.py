"""The referencing state machines as tables: the round and each candidate in it.

referencing.services checks every change against these tables before it writes, and the pages
(the committee's, the artisan's, the admin's candidate form) offer exactly what they allow
(referencing.selectors.candidate_actions / round_actions). Roles (who the person is here):

    staff    agency staff (they run rounds in the admin)
    member   a committee member of the round's retailer (a buyer account)
    artisan  the artisan whose product the candidate is
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from common.statemachine import Guard, Machine, transition
from referencing.models import Candidate, ReferencingRound

STAFF, MEMBER, ARTISAN = "staff", "member", "artisan"

RS, CS = ReferencingRound.Status, Candidate.Status

_STAFF_ONLY = gettext_lazy("Only the agency's staff can do this.")
_MEMBER_ONLY = gettext_lazy("Only the retailer's committee can do this.")
_ARTISAN_ONLY = gettext_lazy("Only the artisan can do this.")


def candidate_roles(
    candidate: Candidate, user: Any, *, member_ids: frozenset[int] | None = None
) -> frozenset[str]:
    """What `user` is to `candidate`; `member_ids` (the retailer's buyer profiles) saves a query per row."""
    if user is None or not user.is_authenticated:
        return frozenset()
    roles: set[str] = set()
    if user.is_staff:
        roles.add(STAFF)
    if user.pk == candidate.artisan.user_id:
        roles.add(ARTISAN)
    buyer = getattr(user, "buyer_profile", None)
    if buyer is not None:
        if member_ids is None:
            member_ids = frozenset(candidate.round.retailer.members.values_list("pk", flat=True))
        if buyer.pk in member_ids:
            roles.add(MEMBER)
    return frozenset(roles)


def round_roles(user: Any) -> frozenset[str]:
    return frozenset({STAFF}) if user is not None and user.is_authenticated and user.is_staff else frozenset()


def _impossible(kind: Any):
    def message(action: str, obj: Any) -> str:
        return _("This %(kind)s is %(status)s: it cannot be changed that way any more.") % {
            "kind": kind,
            "status": obj.get_status_display().lower(),
        }

    return message


def _round_in(*states: str):
    return lambda candidate, now: candidate.round.status in states


def _before_deadline(candidate: Candidate, now: datetime) -> bool:
    return candidate.round.deadline >= now


ROUND_OPEN = Guard(
    "round_open",
    _round_in(RS.OPEN, RS.SCORING),
    gettext_lazy("The round no longer takes changes to candidates."),
)
ROUND_SCORING = Guard(
    "round_scoring", _round_in(RS.SCORING), gettext_lazy("The round is not being scored now.")
)
BEFORE_DEADLINE = Guard("deadline", _before_deadline, gettext_lazy("The scoring deadline has passed."))
ROUND_DECIDED = Guard(
    "round_decided", _round_in(RS.DECIDED), gettext_lazy("Trial orders are placed once the round is decided.")
)
ROUND_DONE = Guard(
    "round_done",
    _round_in(RS.DECIDED, RS.CLOSED),
    gettext_lazy("Products are listed once the round is decided."),
)

CANDIDATES = Machine(
    [
        transition(
            "score",
            [CS.PROPOSED],
            CS.PROPOSED,
            roles=[MEMBER],
            role_message=_MEMBER_ONLY,
            guards=[ROUND_SCORING, BEFORE_DEADLINE],
        ),
        transition(
            "withdraw",
            [CS.PROPOSED],
            CS.WITHDRAWN,
            roles=[ARTISAN],
            role_message=_ARTISAN_ONLY,
            guards=[ROUND_OPEN],
        ),
        transition(
            "select",
            [CS.PROPOSED],
            CS.SELECTED,
            roles=[STAFF],
            role_message=_STAFF_ONLY,
            guards=[ROUND_SCORING],
        ),
        transition(
            "not_select",
            [CS.PROPOSED],
            CS.NOT_SELECTED,
            roles=[STAFF],
            role_message=_STAFF_ONLY,
            guards=[ROUND_SCORING],
        ),
        transition(
            "order_trial",
            [CS.SELECTED],
            CS.TRIAL,
            roles=[MEMBER],
            role_message=_MEMBER_ONLY,
            guards=[ROUND_DECIDED],
        ),
        transition(
            "list",
            [CS.SELECTED, CS.TRIAL],
            CS.LISTED,
            roles=[STAFF],
            role_message=_STAFF_ONLY,
            guards=[ROUND_DONE],
        ),
    ],
    impossible=_impossible(gettext_lazy("candidate")),
)


def _has_criteria(round: ReferencingRound, now: datetime) -> bool:
    return round.criteria.exists() and round.candidates.exists()


def _all_decided(round: ReferencingRound, now: datetime) -> bool:
    return not round.candidates.filter(status=CS.PROPOSED).exists()


ROUNDS = Machine(
    [
        transition(
            "start_scoring",
            [RS.OPEN],
            RS.SCORING,
            roles=[STAFF],
            role_message=_STAFF_ONLY,
            guards=[
                Guard("ready", _has_criteria, gettext_lazy("Add criteria and candidates before scoring."))
            ],
        ),
        transition(
            "decide",
            [RS.SCORING],
            RS.DECIDED,
            roles=[STAFF],
            role_message=_STAFF_ONLY,
            guards=[
                Guard(
                    "all_decided",
                    _all_decided,
                    gettext_lazy("Select or not select every candidate before deciding the round."),
                )
            ],
        ),
        transition("close", [RS.DECIDED], RS.CLOSED, roles=[STAFF], role_message=_STAFF_ONLY),
    ],
    impossible=_impossible(gettext_lazy("round")),
)

# Candidate actions whose service needs a reason (shown to the artisan).
NEEDS_REASON = {"not_select"}
