"""Shows: an SME's applications (their own business data), and the leads captured at stands.

Export: the person's applications and the leads they captured. Deletion: staff and capturers'
references go (decided_by, captured_by, recorded_by set empty); a lead whose email is the
person's loses its name, email and note (the count stays for the show's results).
"""

from __future__ import annotations

from typing import Any

from accounts.models import User
from common.personal_data import DELETED_NAME, Erasure, PersonalData, iso
from shows.models import Application, Coverage, Lead


def _applications(user: User) -> list[dict[str, Any]]:
    return [
        {"show": a.show.name, "status": a.status, "motivation": a.motivation, "created_at": iso(a.created_at)}
        for a in Application.objects.filter(artisan__user=user).select_related("show")
    ]


def _leads(user: User) -> list[dict[str, Any]]:
    return [
        {"name": lead.full_name, "organisation": lead.organisation, "captured_at": iso(lead.captured_at)}
        for lead in Lead.objects.filter(email__iexact=user.email)
    ]


def _erase(erasure: Erasure) -> None:
    user = erasure.user
    Application.objects.filter(decided_by=user).update(decided_by=None)
    Lead.objects.filter(captured_by=user).update(captured_by=None)
    Coverage.objects.filter(recorded_by=user).update(recorded_by=None)
    Lead.objects.filter(email__iexact=user.email).update(full_name=DELETED_NAME, email="", note="")


PERSONAL_DATA = PersonalData(
    app_label="shows",
    models=("shows.Application", "shows.Lead", "shows.Coverage"),
    sections={"show_applications": _applications, "stand_leads_about_me": _leads},
    erase=_erase,
)
