"""Visitors: registrations by address, passes, seats in sessions, scans staff made.

Export: the registrations made with one of the account's addresses (with their passes' days and
state, never the codes) and the account's seats. Deletion: such registrations lose their name,
address and organisation and their passes are revoked; the account's seats stay as the agency's
attendance figures, on the tombstone; scans and hand-entered counts keep which member of staff
made them (SET_NULL when that account goes).
"""

from __future__ import annotations

from typing import Any

from allauth.account.models import EmailAddress
from django.utils import timezone

from accounts.models import User
from common.personal_data import DELETED_NAME, Erasure, PersonalData, iso, tombstone_email
from visitors.models import Pass, Seat, Visitor


def _addresses(user: User) -> list[str]:
    return [
        user.email.lower(),
        *(a.lower() for a in EmailAddress.objects.filter(user=user).values_list("email", flat=True)),
    ]


def _visits(user: User) -> list[dict[str, Any]]:
    visitors = (
        Visitor.objects.filter(email__in=_addresses(user))
        .select_related("program")
        .prefetch_related("passes")
    )
    return [
        {
            "program": visitor.program.name,
            "kind": visitor.kind,
            "status": visitor.status,
            "full_name": visitor.full_name,
            "email": visitor.email,
            "organisation": visitor.organisation,
            "country": str(visitor.country),
            "days": [day.isoformat() for day in visitor.days],
            "registered_at": iso(visitor.created_at),
            "passes": [
                {
                    "days": [d.isoformat() for d in p.days],
                    "issued_at": iso(p.issued_at),
                    "revoked_at": iso(p.revoked_at),
                }
                for p in visitor.passes.all()
            ],
        }
        for visitor in visitors
    ]


def _seats(user: User) -> list[dict[str, Any]]:
    return [
        {
            "session": seat.session.title,
            "status": seat.status,
            "joined_at": iso(seat.joined_at),
            "attended_at": iso(seat.attended_at),
        }
        for seat in Seat.objects.filter(user=user).select_related("session").order_by("joined_at")
    ]


def _erase(erasure: Erasure) -> None:
    emails = {address.lower() for address in erasure.emails}
    visitors = Visitor.objects.filter(email__in=emails)
    Pass.objects.filter(visitor__in=visitors, revoked_at__isnull=True).update(revoked_at=timezone.now())
    for visitor in visitors:
        visitor.full_name, visitor.email, visitor.organisation = DELETED_NAME, tombstone_email(), ""
        visitor.save(update_fields=["full_name", "email", "organisation"])


PERSONAL_DATA = PersonalData(
    app_label="visitors",
    models=("visitors.Visitor", "visitors.Pass", "visitors.Seat", "visitors.Scan", "visitors.DailyCount"),
    sections={"fair_visits": _visits, "agenda_seats": _seats},
    erase=_erase,
)
