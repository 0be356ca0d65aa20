"""An application to a show's call as one table (common.statemachine).

Roles: `sme` the applying artisan, `staff` agency staff. shows.services checks each change here
before it writes; shows.selectors.application_actions offers exactly what the table allows.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from common.statemachine import Guard, Machine, transition
from shows.models import Application

SME, STAFF = "sme", "staff"
S = Application.Status


STAFF_PERMISSION = "shows.change_application"


def is_show_staff(user: Any) -> bool:
    """Staff who run the trade shows: staff holding the right to change applications."""
    return bool(
        getattr(user, "is_authenticated", False) and user.is_staff and user.has_perm(STAFF_PERMISSION)
    )


def application_roles(application: Application, user: Any) -> frozenset[str]:
    roles: set[str] = set()
    if user is None or not user.is_authenticated:
        return frozenset()
    if user.pk == application.artisan.user_id:
        roles.add(SME)
    if is_show_staff(user):
        roles.add(STAFF)
    return frozenset(roles)


def _call_open(application: Application, now) -> bool:
    return timezone.localdate(now) <= application.show.applications_close_on


CALL_OPEN = Guard("call_open", _call_open, gettext_lazy("The call for this show has closed."))


def _impossible(action: str, obj: Application) -> str:
    return _("This application is %(status)s: it cannot be changed that way any more.") % {
        "status": obj.get_status_display().lower()
    }


# The samples list (what the SME takes, for the pro forma and the ATA carnet) is kept while the SME
# may still go to the show; a refused or withdrawn application keeps its list as it was.
SAMPLES_STATES = frozenset({S.DRAFT, S.SUBMITTED, S.SELECTED})


def samples_refusal(application: Application, user: Any) -> str | None:
    """Why `user` may not change the application's samples list now, or None: the applying SME
    and staff who run the shows, while the application is in SAMPLES_STATES. The service checks it
    before writing and the page asks it before offering the form."""
    if not application_roles(application, user):
        return _("Only the applying business or the agency's staff can do this.")
    if application.status not in SAMPLES_STATES:
        return _("This application is %(status)s: its samples list cannot be changed any more.") % {
            "status": application.get_status_display().lower()
        }
    return None


_SME_ONLY = gettext_lazy("Only the applying business can do this.")
_STAFF_ONLY = gettext_lazy("Only the agency's staff can do this.")

APPLICATIONS = Machine(
    [
        transition("submit", [S.DRAFT], S.SUBMITTED, roles=[SME], role_message=_SME_ONLY, guards=[CALL_OPEN]),
        transition(
            "select", [S.SUBMITTED, S.NOT_SELECTED], S.SELECTED, roles=[STAFF], role_message=_STAFF_ONLY
        ),
        transition(
            "refuse", [S.SUBMITTED, S.SELECTED], S.NOT_SELECTED, roles=[STAFF], role_message=_STAFF_ONLY
        ),
        transition(
            "withdraw", [S.DRAFT, S.SUBMITTED, S.SELECTED], S.WITHDRAWN, roles=[SME], role_message=_SME_ONLY
        ),
    ],
    impossible=_impossible,
)
