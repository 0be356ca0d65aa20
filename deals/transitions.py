"""The deal state machines as tables: inquiries, quotes, samples and orders.

deals.services checks every change against these tables before it writes, and
deals.selectors.allowed_actions offers on a page exactly what they allow. Roles (who the person
is to this deal):

    artisan   the artisan, or staff acting for them (assisted onboarding: recorded as such)
    buyer     the buyer; sender: a member of the public who sent an inquiry without an account
    staff     agency staff
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from common.statemachine import Guard, Machine, transition
from deals.models import Deal, Inquiry, Order, Quote, Sample

ARTISAN, BUYER, SENDER, STAFF = "artisan", "buyer", "sender", "staff"
# What moves through a table: one of a deal's inquiry, quotes, samples or orders.
DealObject = Inquiry | Quote | Sample | Order

_ARTISAN_ONLY = gettext_lazy("Only the artisan can do this.")
_BUYER_ONLY = gettext_lazy("Only the buyer can do this.")
_STAFF_ONLY = gettext_lazy("Only the agency's staff can do this now.")


def deal_roles(deal: Deal, user: Any, *, for_artisan: bool = False) -> frozenset[str]:
    """What `user` is to `deal`; staff take the artisan's part only when they say they act for them."""
    roles: set[str] = set()
    if user is None or not user.is_authenticated:
        return frozenset()
    if user.pk == deal.artisan.user_id:
        roles.add(ARTISAN)
    if deal.buyer_id is not None and user.pk == deal.buyer.user_id:
        roles.add(BUYER)
    if user.is_staff:
        roles.add(STAFF)
        if for_artisan:
            roles.add(ARTISAN)
    return frozenset(roles)


def _impossible(kind: str):
    def message(action: str, obj) -> str:
        return _("This %(kind)s is %(status)s: it cannot be changed that way any more.") % {
            "kind": kind,
            "status": obj.get_status_display().lower(),
        }

    return message


def _quote_still_valid(quote: Quote, now) -> bool:
    return quote.valid_until >= timezone.localdate(now)


QUOTE_VALID = Guard(
    "valid", _quote_still_valid, gettext_lazy("This quote has expired. Ask the artisan for a new version.")
)

IS, QS, SS, OS = Inquiry.Status, Quote.Status, Sample.Status, Order.Status

INQUIRIES = Machine(
    [
        transition("confirm", [IS.UNCONFIRMED], IS.OPEN, roles=[SENDER], role_message=_BUYER_ONLY),
        transition("quote", [IS.OPEN, IS.QUOTED], IS.QUOTED, roles=[ARTISAN], role_message=_ARTISAN_ONLY),
        transition("decline", [IS.OPEN, IS.QUOTED], IS.DECLINED, roles=[ARTISAN], role_message=_ARTISAN_ONLY),
        transition(
            "withdraw",
            [IS.UNCONFIRMED, IS.OPEN, IS.QUOTED],
            IS.WITHDRAWN,
            roles=[BUYER, SENDER],
            role_message=_BUYER_ONLY,
        ),
        transition("order", [IS.QUOTED], IS.ORDERED, roles=[BUYER], role_message=_BUYER_ONLY),
    ],
    impossible=_impossible(gettext_lazy("inquiry")),
)

QUOTES = Machine(
    [
        transition(
            "accept", [QS.SENT], QS.ACCEPTED, roles=[BUYER], role_message=_BUYER_ONLY, guards=[QUOTE_VALID]
        ),
        transition("decline", [QS.SENT], QS.DECLINED, roles=[BUYER], role_message=_BUYER_ONLY),
        transition("ask_again", [QS.SENT], QS.REVISION_ASKED, roles=[BUYER], role_message=_BUYER_ONLY),
        transition(
            "supersede",
            [QS.SENT, QS.REVISION_ASKED],
            QS.SUPERSEDED,
            roles=[ARTISAN],
            role_message=_ARTISAN_ONLY,
        ),
        transition("withdraw", [QS.SENT], QS.WITHDRAWN, roles=[ARTISAN], role_message=_ARTISAN_ONLY),
    ],
    impossible=_impossible(gettext_lazy("quote")),
)

SAMPLES = Machine(
    [
        transition("approve", [SS.REQUESTED], SS.APPROVED, roles=[ARTISAN], role_message=_ARTISAN_ONLY),
        transition("decline", [SS.REQUESTED], SS.DECLINED, roles=[ARTISAN], role_message=_ARTISAN_ONLY),
        transition("ship", [SS.APPROVED], SS.SHIPPED, roles=[ARTISAN], role_message=_ARTISAN_ONLY),
        transition("deliver", [SS.SHIPPED], SS.DELIVERED, roles=[BUYER], role_message=_BUYER_ONLY),
        transition("accept", [SS.DELIVERED], SS.ACCEPTED, roles=[BUYER], role_message=_BUYER_ONLY),
        transition("ask_changes", [SS.DELIVERED], SS.CHANGES_ASKED, roles=[BUYER], role_message=_BUYER_ONLY),
        transition("order", [SS.ACCEPTED], SS.ORDERED, roles=[BUYER], role_message=_BUYER_ONLY),
    ],
    impossible=_impossible(gettext_lazy("sample")),
)

ORDERS = Machine(
    [
        transition("accept", [OS.PLACED], OS.ACCEPTED, roles=[ARTISAN], role_message=_ARTISAN_ONLY),
        transition(
            "propose_changes", [OS.PLACED], OS.CHANGES_PROPOSED, roles=[ARTISAN], role_message=_ARTISAN_ONLY
        ),
        transition(
            "confirm_changes", [OS.CHANGES_PROPOSED], OS.ACCEPTED, roles=[BUYER], role_message=_BUYER_ONLY
        ),
        transition("decline", [OS.PLACED], OS.DECLINED, roles=[ARTISAN], role_message=_ARTISAN_ONLY),
        transition(
            "start_production", [OS.ACCEPTED], OS.IN_PRODUCTION, roles=[ARTISAN], role_message=_ARTISAN_ONLY
        ),
        transition(
            "ship", [OS.ACCEPTED, OS.IN_PRODUCTION], OS.SHIPPED, roles=[ARTISAN], role_message=_ARTISAN_ONLY
        ),
        transition(
            "receive", [OS.SHIPPED, OS.DISPUTED], OS.RECEIVED, roles=[BUYER], role_message=_BUYER_ONLY
        ),
        transition("dispute", [OS.SHIPPED], OS.DISPUTED, roles=[BUYER], role_message=_BUYER_ONLY),
        transition("close", [OS.RECEIVED], OS.CLOSED, roles=[BUYER, ARTISAN], role_message=_BUYER_ONLY),
        # Before the artisan commits the buyer may withdraw; once accepted either side may, with a
        # reason; once production started only staff, after talking to both.
        transition(
            "cancel", [OS.PLACED, OS.CHANGES_PROPOSED], OS.CANCELLED, roles=[BUYER], role_message=_BUYER_ONLY
        ),
        transition("cancel", [OS.ACCEPTED], OS.CANCELLED, roles=[BUYER, ARTISAN], role_message=_BUYER_ONLY),
        transition("cancel", [OS.IN_PRODUCTION], OS.CANCELLED, roles=[STAFF], role_message=_STAFF_ONLY),
    ],
    impossible=_impossible(gettext_lazy("order")),
)

# Actions whose service needs a reason from the person, by the subject they move.
NEEDS_REASON = {
    "inquiry": {"decline"},
    "quote": {"decline", "ask_again"},
    "sample": {"decline", "ask_changes"},
    "order": {"decline", "dispute", "cancel"},
}

# Each deal object's table, for code that moves or describes any of them.
MACHINES = {Inquiry: INQUIRIES, Quote: QUOTES, Sample: SAMPLES, Order: ORDERS}

# Moves a side may make that nobody waits for: leaving a deal, closing what is done, replacing a
# quote by the next version (sending it does that), ordering an approved sample.
NOT_AWAITED = {
    Inquiry: {"withdraw"},
    Quote: {"withdraw", "supersede"},
    Sample: {"order"},
    Order: {"cancel", "close"},
}


def awaited_states(machine: Machine, *, role: str, not_awaited: set[str]) -> frozenset[str]:
    """The states in which `machine` waits for `role`: only that side has a move on from them.

    A state from which both sides may move (a quoted inquiry: the artisan may send a new version,
    the buyer may order) waits for neither; its newest quote says who must answer.
    """
    moves: dict[str, set[str]] = {}
    for row in machine.transitions:
        if row.action in not_awaited:
            continue
        for source in row.sources:
            moves.setdefault(source, set()).update(row.roles & {ARTISAN, BUYER})
    return frozenset(state for state, roles in moves.items() if roles == {role})


# Who must answer, per object and side: the dashboards' "waiting for you" (deals.selectors).
AWAITED = {
    model: {
        role: awaited_states(machine, role=role, not_awaited=NOT_AWAITED[model]) for role in (ARTISAN, BUYER)
    }
    for model, machine in MACHINES.items()
}
