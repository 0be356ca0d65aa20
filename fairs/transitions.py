"""A stand's status as one table: what moves it, for whom.

fairs.services checks every change against this table before it writes, and the admin offers
exactly its actions. Roles:

    staff    agency staff (by hand, in the admin)
    system   the allocator's run and its publication, started by staff
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from common.statemachine import Machine, transition
from fairs.models import Stand

STAFF, SYSTEM = "staff", "system"
_STAFF_ONLY = gettext_lazy("Only the agency's staff can do this.")

S = Stand.Status


def _impossible(action: str, stand: Any) -> str:
    return _("Stand %(code)s is %(status)s: it cannot be changed that way now.") % {
        "code": stand.code,
        "status": stand.get_status_display().lower(),
    }


STANDS = Machine(
    [
        # An exhibitor is placed on a free stand (by the allocator or by hand), not yet published.
        transition("hold", [S.AVAILABLE], S.HELD, roles=[STAFF, SYSTEM], role_message=_STAFF_ONLY),
        # Publishing makes every held stand its exhibitor's; the exhibitor is mailed.
        transition("assign", [S.HELD], S.ASSIGNED, roles=[STAFF, SYSTEM], role_message=_STAFF_ONLY),
        # The exhibitor leaves the stand (a move, a new run of the allocator, a withdrawal).
        transition(
            "release", [S.HELD, S.ASSIGNED], S.AVAILABLE, roles=[STAFF, SYSTEM], role_message=_STAFF_ONLY
        ),
        # Out of use (a pillar, the organisers' own stand): no exhibitor is placed there.
        transition("block", [S.AVAILABLE], S.BLOCKED, roles=[STAFF], role_message=_STAFF_ONLY),
        transition("unblock", [S.BLOCKED], S.AVAILABLE, roles=[STAFF], role_message=_STAFF_ONLY),
    ],
    impossible=_impossible,
)
