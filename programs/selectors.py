"""Reads with rules: which programs a person belongs to, which are open to an artisan."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet

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


def catalog_scope(user) -> QuerySet | None:
    """The artisans a person may see in the catalog (None: every approved artisan).

    Staff see every approved artisan (None). Otherwise an artisan accepted only into programs
    whose catalog is private is seen only by the buyers who joined one of those programs;
    artisans in no program, or in a program with a public catalog, are seen by everyone.
    """
    from artisans.models import ArtisanProfile

    if getattr(user, "is_staff", False):
        return None
    accepted = Application.objects.filter(artisan=OuterRef("pk"), status=Application.Status.ACCEPTED)
    private = accepted.filter(program__public_catalog=False)
    if not Application.objects.filter(
        status=Application.Status.ACCEPTED, program__public_catalog=False
    ).exists():
        return None
    joined = program_ids_of_buyer(user) if getattr(user, "is_authenticated", False) and user.is_buyer else []
    allowed = ~Exists(private) | Exists(accepted.filter(program__public_catalog=True))
    if joined:
        allowed |= Exists(accepted.filter(program_id__in=joined))
    return ArtisanProfile.objects.filter(allowed)


def programs_to_filter_by(user) -> list[Program]:
    """Programs a person can narrow the catalog to: the ones they joined, and public ones."""
    if getattr(user, "is_staff", False):
        return list(Program.objects.exclude(status=Program.Status.DRAFT).order_by("-starts_on"))
    joined = Q(memberships__user=user) if getattr(user, "is_authenticated", False) else Q(pk__in=[])
    return list(
        Program.objects.filter(joined | Q(public_catalog=True)).exclude(status=Program.Status.DRAFT)
        .distinct().order_by("-starts_on")
    )


def program_artisans(program: Program) -> QuerySet:
    from artisans.models import ArtisanProfile

    return ArtisanProfile.objects.filter(
        applications__program=program, applications__status=Application.Status.ACCEPTED
    )


def programs_joined_by(user) -> list[Program]:
    """The programs a buyer joined that are not over, the soonest first: their dashboard lists them."""
    return list(
        Program.objects.filter(memberships__user=user).exclude(status__in=[Program.Status.DRAFT, Program.Status.CLOSED])
        .order_by("starts_on", "pk")
    )


def invitations_to_apply(artisan) -> list[Application]:
    """Programs that invited this artisan to apply and still take applications."""
    return list(
        Application.objects.filter(
            artisan=artisan, status=Application.Status.INVITED, program__status=Program.Status.OPEN_ARTISANS
        ).select_related("program").order_by("program__starts_on", "pk")
    )
