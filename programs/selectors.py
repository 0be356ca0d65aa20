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
