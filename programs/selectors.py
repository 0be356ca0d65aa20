"""Reads with rules: which programs a person belongs to, which are open to an artisan."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from django.db.models import QuerySet

from accounts.models import User
from artisans.models import ArtisanProfile
from catalog import visibility
from common.statements import Statement
from programs.models import Application, Program


def programs_open_to_artisans() -> QuerySet[Program]:
    return Program.objects.filter(status=Program.Status.OPEN_ARTISANS).order_by("starts_on")


def applications_of(artisan: ArtisanProfile) -> QuerySet[Application]:
    return Application.objects.filter(artisan=artisan).select_related("program").order_by("-program__starts_on")


def program_ids_of_buyer(user: User) -> list[int]:
    return list(user.program_memberships.values_list("program_id", flat=True))


def shared_program(*, buyer_user: User, artisan: ArtisanProfile) -> Program | None:
    """The open program a buyer joined and an artisan was accepted into, the newest first."""
    return (
        Program.objects.filter(
            memberships__user=buyer_user,
            applications__artisan=artisan,
            applications__status=Application.Status.ACCEPTED,
        )
        .exclude(status__in=[Program.Status.DRAFT, Program.Status.CLOSED])
        .order_by("-starts_on")
        .first()
    )


def _filter_programs(viewer: Any) -> QuerySet[Program]:
    return Program.objects.filter(visibility.program_filter_q(viewer)).distinct().order_by("-starts_on")


# Every catalog list runs one of these: compiled once per process (catalog.visibility decides which
# programs; a stand-in viewer of each kind, with a marker for a member's id, gives each statement).
_FILTER_PROGRAMS = {
    "staff": Statement(lambda: _filter_programs(SimpleNamespace(is_staff=True, is_authenticated=True, pk=None))),
    "member": Statement(
        lambda user_id: _filter_programs(SimpleNamespace(is_staff=False, is_authenticated=True, pk=user_id)), "user_id"
    ),
    "anonymous": Statement(lambda: _filter_programs(SimpleNamespace(is_staff=False, is_authenticated=False, pk=None))),
}


def programs_to_filter_by(user: Any) -> list[Program]:
    """Programs a person can narrow the catalog to (catalog.visibility says which)."""
    if getattr(user, "is_staff", False):
        return _FILTER_PROGRAMS["staff"].models(Program)
    if getattr(user, "is_authenticated", False):
        return _FILTER_PROGRAMS["member"].models(Program, user_id=user.pk)
    return _FILTER_PROGRAMS["anonymous"].models(Program)


def programs_joined_by(user: User) -> list[Program]:
    """The programs a buyer joined that are not over, the soonest first: their dashboard lists them."""
    return list(
        Program.objects.filter(memberships__user=user).exclude(status__in=[Program.Status.DRAFT, Program.Status.CLOSED])
        .order_by("starts_on", "pk")
    )


def invitations_to_apply(artisan: ArtisanProfile) -> list[Application]:
    """Programs that invited this artisan to apply and still take applications."""
    return list(
        Application.objects.filter(
            artisan=artisan, status=Application.Status.INVITED, program__status=Program.Status.OPEN_ARTISANS
        ).select_related("program").order_by("program__starts_on", "pk")
    )
