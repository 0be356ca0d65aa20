"""iCalendar files for a meeting: one stable UID, SEQUENCE raised on each change of time."""

from __future__ import annotations

from datetime import UTC
from email.utils import parseaddr

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vCalAddress, vText

from accounts.models import User
from meetings.models import Meeting, MeetingParticipant

PRODID = "-//CraftMatch//Meetings//EN"


def meeting_uid(meeting: Meeting) -> str:
    return f"meeting-{meeting.public_id}@craftmatch"


def attendee_address(user: User, *, role: str | None = None) -> vCalAddress:
    """A person as an iCalendar attendee (their name, and with a role, accepted)."""
    address = vCalAddress(f"mailto:{user.email}")
    address.params["CN"] = vText(user.get_full_name())
    if role:
        address.params["ROLE"] = vText(role)
        address.params["PARTSTAT"] = vText("ACCEPTED")
    return address


def meeting_ics(meeting: Meeting, *, recipient: User, method: str = "REQUEST") -> bytes:
    """The calendar for one person: texts in their language, times in UTC.

    method is REQUEST for an invitation, CANCEL for a cancellation, PUBLISH for a download.
    """
    # A CANCEL for one person whose place was cancelled: the meeting goes on without them.
    cancelled = meeting.status == Meeting.Status.CANCELLED or method == "CANCEL"
    if cancelled:
        method = "CANCEL"
    with translation.override(recipient.language):
        summary = _("Meeting: %(artisan)s and %(buyer)s") % {
            "artisan": meeting.artisan.business_name,
            "buyer": meeting.buyer.organisation_name,
        }
        url = f"{settings.SITE_URL}{reverse('meetings:detail', args=[meeting.public_id])}"
        lines = [_("Details and messages: %(url)s") % {"url": url}]
        if meeting.is_virtual and meeting.video_url:
            lines.insert(0, _("Video call: %(url)s") % {"url": meeting.video_url})
        location = meeting.video_url if meeting.is_virtual else meeting.location

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", method)
    event = Event()
    event.add("uid", meeting_uid(meeting))
    event.add("sequence", meeting.sequence)
    event.add("dtstamp", timezone.now().astimezone(UTC))
    event.add("dtstart", meeting.start_at.astimezone(UTC))
    event.add("dtend", meeting.end_at.astimezone(UTC))
    event.add("summary", summary)
    event.add("description", "\n".join(lines))
    if location:
        event.add("location", location)
    event.add("url", url)
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    # The platform organises; both people attend, so neither calendar treats it as its own.
    organizer = vCalAddress(f"mailto:{from_address()}")
    organizer.params["CN"] = vText("CraftMatch")
    event.add("organizer", organizer)
    event.add("attendee", attendee_address(meeting.artisan_user, role="REQ-PARTICIPANT"), encode=0)
    event.add("attendee", attendee_address(meeting.buyer_user, role="REQ-PARTICIPANT"), encode=0)
    # A group meeting's other participants (buyers, an interpreter, a journalist) whose places hold.
    for place in (
        meeting.participants.filter(lead=False)
        .exclude(status=MeetingParticipant.Status.CANCELLED)
        .select_related("user")
        .order_by("pk")
    ):
        event.add("attendee", attendee_address(place.user, role="REQ-PARTICIPANT"), encode=0)
    calendar.add_component(event)
    return calendar.to_ical()


def from_address() -> str:
    """The platform's own address, the organiser of every calendar event it sends."""
    return parseaddr(settings.DEFAULT_FROM_EMAIL)[1] or "no-reply@craftmatch.local"
