"""An agenda session as an iCalendar file: a stable UID, times in UTC, the room as the location."""

from __future__ import annotations

from datetime import UTC

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event

from visitors.models import AgendaSession

PRODID = "-//CraftMatch//Agenda//EN"


def session_uid(session: AgendaSession) -> str:
    return f"agenda-session-{session.public_id}@craftmatch"


def session_ics(session: AgendaSession) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    event = Event()
    url = f"{settings.SITE_URL}{reverse('visitors:session', args=[session.public_id])}"
    event.add("uid", session_uid(session))
    event.add("dtstamp", timezone.now().astimezone(UTC))
    event.add("dtstart", session.starts_at.astimezone(UTC))
    event.add("dtend", session.ends_at.astimezone(UTC))
    event.add("summary", session.title)
    description = "\n".join(filter(None, [session.description, ", ".join(session.speaker_list), url]))
    event.add("description", description)
    event.add("location", f"{session.room.name}, {session.program.name}")
    event.add("url", url)
    calendar.add_component(event)
    return calendar.to_ical()
