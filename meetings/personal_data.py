"""Meetings, their messages and outcomes, and an artisan's availability.

Export: an artisan's availability; the person's meetings, with the other party by organisation
or business name only (what the meeting page showed them), and only the messages and outcomes
the person wrote. Deletion: meetings, their history and outcomes stay for the agency's figures,
pointing at the account's tombstone; what the person wrote in them goes (messages, notes,
reasons), and so does their availability.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db.models import Q

from accounts.models import User
from common.personal_data import Erasure, PersonalData, decimal, iso
from meetings.models import (
    AvailabilityException,
    AvailabilitySettings,
    AvailabilitySlot,
    AvailabilityWindow,
    Meeting,
    MeetingEvent,
    MeetingParticipant,
    Message,
    Outcome,
)


def _meetings(user: User) -> list[dict[str, Any]]:
    meetings = (
        Meeting.objects.filter(Q(artisan_user=user) | Q(buyer_user=user))
        .select_related("artisan", "buyer", "program").order_by("created_at")
    )
    return [
        {
            "id": str(meeting.public_id), "status": meeting.status, "mode": meeting.mode,
            "as": "artisan" if meeting.artisan_user_id == user.pk else "buyer",
            "artisan": meeting.artisan.business_name, "buyer": meeting.buyer.organisation_name,
            "program": meeting.program.name if meeting.program_id else None,
            "start_at": iso(meeting.start_at), "end_at": iso(meeting.end_at),
            "duration_minutes": meeting.duration_minutes, "location": meeting.location,
            "created_at": iso(meeting.created_at),
        }
        for meeting in meetings
    ]


def _places(user: User) -> list[dict[str, Any]]:
    """The person's places in group meetings (besides their own one-to-one meetings above)."""
    places = (
        MeetingParticipant.objects.filter(user=user, lead=False)
        .select_related("meeting__artisan").order_by("created_at")
    )
    return [
        {
            "meeting": str(place.meeting.public_id), "artisan": place.meeting.artisan.business_name,
            "role": place.role, "status": place.status, "start_at": iso(place.start_at),
            "end_at": iso(place.end_at), "cancel_reason": place.cancel_reason, "created_at": iso(place.created_at),
        }
        for place in places
    ]


def _messages(user: User) -> list[dict[str, Any]]:
    return [
        {"meeting": str(message.meeting.public_id), "body": message.body, "created_at": iso(message.created_at)}
        for message in Message.objects.filter(author=user).select_related("meeting").order_by("created_at")
    ]


def _outcomes(user: User) -> list[dict[str, Any]]:
    return [
        {
            "meeting": str(outcome.meeting.public_id), "attendance": outcome.attendance,
            "interest": outcome.interest, "next_step": outcome.next_step,
            "estimated_order_value": decimal(outcome.estimated_order_value),
            "currency": outcome.currency, "notes": outcome.notes, "created_at": iso(outcome.created_at),
        }
        for outcome in Outcome.objects.filter(user=user).select_related("meeting").order_by("created_at")
    ]


def _availability(user: User) -> dict[str, Any] | None:
    """An artisan's weekly windows, dated slots and days off, in their own zone as they entered them."""
    if not hasattr(user, "artisan_profile"):
        return None
    settings_row = AvailabilitySettings.objects.filter(artisan__user=user).first()
    return {
        "durations": list(settings_row.durations) if settings_row else None,
        "weekly": [
            {"weekday": window.weekday, "from": window.start_time.isoformat(), "until": window.end_time.isoformat()}
            for window in AvailabilityWindow.objects.filter(artisan__user=user)
        ],
        "dated": [
            {"date": slot.date.isoformat(), "from": slot.start_time.isoformat(), "until": slot.end_time.isoformat()}
            for slot in AvailabilitySlot.objects.filter(artisan__user=user)
        ],
        "unavailable": [
            {"first_day": days.start_date.isoformat(), "last_day": days.end_date.isoformat(), "reason": days.reason}
            for days in AvailabilityException.objects.filter(artisan__user=user)
        ],
    }


def _erase(erasure: Erasure) -> None:
    user = erasure.user
    # A meeting is named in the admin's history by both parties' names.
    erasure.forget_admin_history(
        *Meeting.objects.filter(Q(artisan_user=user) | Q(buyer_user=user)), *Message.objects.filter(author=user)
    )
    for model in (AvailabilityWindow, AvailabilitySlot, AvailabilityException, AvailabilitySettings):
        model.objects.filter(artisan__user=user).delete()
    Message.objects.filter(author=user).delete()
    Outcome.objects.filter(user=user).update(notes="")
    MeetingEvent.objects.filter(actor=user).update(note="")
    Meeting.objects.filter(cancelled_by=user).update(cancel_reason="")
    MeetingParticipant.objects.filter(user=user).update(cancel_reason="")
    Meeting.objects.filter(artisan_user=user).update(decline_reason="")


def _expire_messages(cutoff: datetime) -> int:
    deleted, _by_model = Message.objects.filter(created_at__lt=cutoff).delete()
    return deleted


PERSONAL_DATA = PersonalData(
    app_label="meetings",
    models=(
        "meetings.Meeting", "meetings.MeetingEvent", "meetings.MeetingParticipant", "meetings.Message", "meetings.Outcome",
        "meetings.AvailabilityWindow", "meetings.AvailabilitySlot", "meetings.AvailabilityException",
        "meetings.AvailabilitySettings",
        # Kept: which reminder went to whom, so none is sent twice; it holds no text (the email
        # it points at is the outbox's, deleted with the account's addresses).
        "meetings.Reminder",
    ),
    sections={"meetings": _meetings, "meeting_places": _places, "messages": _messages, "outcomes": _outcomes, "availability": _availability},
    erase=_erase,
    expiries={"messages": _expire_messages},
)
