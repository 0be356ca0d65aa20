"""The planned stop's state machine as one table.

    proposed ──host confirms──▶ confirmed
        │                          │
        └─host proposes a time─▶ host_proposed ──staff accept──▶ confirmed
    staff move (any active stop) ──▶ proposed: a confirmed stop moved waits for its host again
    staff cancel (any active stop) ──▶ cancelled

Roles: host (the artisan whose workshop it is), staff.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from common.statemachine import Machine, transition
from tours.models import PlannedStop

HOST, STAFF = "host", "staff"
S = PlannedStop.Status
ACTIVE = [S.PROPOSED, S.HOST_PROPOSED, S.CONFIRMED]

_HOST_ONLY = gettext_lazy("Only the host of this workshop can answer.")
_STAFF_ONLY = gettext_lazy("Only the agency's staff can change the plan.")


def stop_roles(stop: PlannedStop, user: Any) -> frozenset[str]:
    if user is None or not user.is_authenticated:
        return frozenset()
    roles = set()
    if user.pk == stop.candidate.artisan.user_id:
        roles.add(HOST)
    if user.is_staff:
        roles.add(STAFF)
    return frozenset(roles)


def _impossible(action: str, stop: PlannedStop) -> str:
    return _("This stop is %(status)s: it cannot be changed that way now.") % {
        "status": stop.get_status_display().lower()
    }


STOPS = Machine(
    [
        transition("confirm", [S.PROPOSED], S.CONFIRMED, roles=[HOST], role_message=_HOST_ONLY),
        transition(
            "propose", [S.PROPOSED, S.CONFIRMED], S.HOST_PROPOSED, roles=[HOST], role_message=_HOST_ONLY
        ),
        transition("accept", [S.HOST_PROPOSED], S.CONFIRMED, roles=[STAFF], role_message=_STAFF_ONLY),
        transition("move", ACTIVE, S.PROPOSED, roles=[STAFF], role_message=_STAFF_ONLY),
        transition("cancel", ACTIVE, S.CANCELLED, roles=[STAFF], role_message=_STAFF_ONLY),
    ],
    impossible=_impossible,
)
