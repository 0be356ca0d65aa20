"""Reads with rules: which programs a person belongs to, which are open to an artisan."""

from __future__ import annotations

from django.db.models import QuerySet

from programs.models import Application, Program


def programs_open_to_artisans() -> QuerySet[Program]:
    return Program.objects.filter(status=Program.Status.OPEN_ARTISANS).order_by("starts_on")


def applications_of(artisan) -> QuerySet[Application]:
    return Application.objects.filter(artisan=artisan).select_related("program").order_by("-program__starts_on")


def program_ids_of_buyer(user) -> list[int]:
    return list(user.program_memberships.values_list("program_id", flat=True))


def shared_program(*, buyer_user, artisan) -> Program | None:
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


def program_meeting_limit_reached(*, program: Program, artisan, buyer_user) -> bool:
    from meetings.models import Meeting

    live = Meeting.objects.filter(program=program).exclude(
        status__in=[Meeting.Status.DECLINED, Meeting.Status.CANCELLED]
    )
    if program.max_meetings_per_artisan is not None and (
        live.filter(artisan=artisan).count() >= program.max_meetings_per_artisan
    ):
        return True
    return program.max_meetings_per_buyer is not None and (
        live.filter(buyer_user=buyer_user).count() >= program.max_meetings_per_buyer
    )
