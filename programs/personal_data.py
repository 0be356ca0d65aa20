"""A person's place in programs: applications, invitations, requests to join, memberships.

Deletion keeps the rows the agency's figures count (applications, invitations, memberships,
decided join requests) and takes out what identifies the person: the motivation they wrote and
the addresses. A request still waiting for staff goes: nobody is left to let in.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from accounts.models import User
from common.personal_data import Erasure, PersonalData, iso, tombstone_email
from programs.models import Application, BuyerInvitation, JoinRequest, ProgramBuyer


def _programs(user: User) -> dict[str, list[dict[str, Any]]]:
    addresses = {user.email, *user.emailaddress_set.values_list("email", flat=True)}
    own = {address.lower() for address in addresses}
    applications = Application.objects.filter(artisan__user=user).select_related("program").order_by("id")
    invitations = (
        BuyerInvitation.objects.filter(Q(user=user) | Q(email__in=addresses | own)).select_related("program").order_by("id")
    )
    join_requests = JoinRequest.objects.filter(user=user).select_related("invitation__program").order_by("id")
    memberships = ProgramBuyer.objects.filter(user=user).select_related("program").order_by("id")
    return {
        "applications": [
            {
                "program": application.program.name, "status": application.status,
                "motivation": application.motivation, "invited_at": iso(application.invited_at),
                "applied_at": iso(application.applied_at), "decided_at": iso(application.decided_at),
            }
            for application in applications
        ],
        "invitations": [
            {
                "program": invitation.program.name,
                # An invitation accepted from a forwarded link was sent to someone else's address.
                "email": invitation.email if invitation.email.lower() in own else None,
                "created_at": iso(invitation.created_at), "registered_at": iso(invitation.registered_at),
            }
            for invitation in invitations
        ],
        "join_requests": [
            {
                "program": request.invitation.program.name, "status": request.status,
                "requested_at": iso(request.requested_at), "decided_at": iso(request.decided_at),
            }
            for request in join_requests
        ],
        "memberships": [
            {"program": membership.program.name, "joined_at": iso(membership.joined_at)}
            for membership in memberships
        ],
    }


def _erase(erasure: Erasure) -> None:
    user = erasure.user
    erasure.forget_admin_history(
        *Application.objects.filter(artisan__user=user),
        *BuyerInvitation.objects.filter(Q(user=user) | Q(email__in=erasure.emails)),
        *JoinRequest.objects.filter(user=user),
    )
    Application.objects.filter(artisan__user=user).update(motivation="", email="")
    # One address per program is unique: each invitation gets its own placeholder.
    for pk in BuyerInvitation.objects.filter(Q(user=user) | Q(email__in=erasure.emails)).values_list("pk", flat=True):
        BuyerInvitation.objects.filter(pk=pk).update(email=tombstone_email())
    JoinRequest.objects.filter(user=user, status=JoinRequest.Status.PENDING).delete()


PERSONAL_DATA = PersonalData(
    app_label="programs",
    # Each model's *_by key (decided_by, invited_by) is the member of staff who acted: kept.
    models=("programs.Application", "programs.BuyerInvitation", "programs.JoinRequest", "programs.ProgramBuyer"),
    sections={"programs": _programs},
    erase=_erase,
)
