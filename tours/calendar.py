"""A participant's itinerary as an iCalendar file: one event per stop, stable UIDs, SEQUENCE = version.

Built on meetings.calendar's helpers (the organiser's address, attendees), so a tour's calendar
reads like a meeting's in a person's calendar program.
"""

from __future__ import annotations

from datetime import UTC
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vCalAddress, vText

from meetings.calendar import attendee_address, from_address
from tours.selectors import map_links

PRODID = "-//CraftMatch//Tours//EN"


def itinerary_ics(*, participant: Any, stops: list[Any]) -> bytes:
    tour = participant.tour
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    url = f"{settings.SITE_URL}{reverse('tours:itinerary', args=[tour.public_id])}"
    organizer = vCalAddress(f"mailto:{from_address()}")
    organizer.params["CN"] = vText("CraftMatch")
    with translation.override(participant.user.language or settings.LANGUAGE_CODE):
        for stop in stops:
            links = map_links(stop.candidate.latitude, stop.candidate.longitude)
            event = Event()
            event.add("uid", f"tour-stop-{stop.public_id}@craftmatch")
            event.add("sequence", tour.version)
            event.add("dtstamp", timezone.now().astimezone(UTC))
            event.add("dtstart", stop.arrival_at.astimezone(UTC))
            event.add("dtend", stop.departure_at.astimezone(UTC))
            event.add(
                "summary",
                _("Workshop visit: %(artisan)s") % {"artisan": stop.candidate.artisan.business_name},
            )
            event.add("location", stop.candidate.address)
            event.add("geo", (stop.candidate.latitude, stop.candidate.longitude))
            event.add(
                "description",
                "\n".join(
                    [_("Map: %(url)s") % {"url": links["osm"]}, _("Itinerary: %(url)s") % {"url": url}]
                ),
            )
            event.add("url", url)
            event.add("status", "CONFIRMED" if stop.status == "confirmed" else "TENTATIVE")
            event.add("organizer", organizer)
            event.add("attendee", attendee_address(participant.user, role="REQ-PARTICIPANT"), encode=0)
            calendar.add_component(event)
    return calendar.to_ical()
