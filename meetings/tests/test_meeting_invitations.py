"""Calendar invitations: parsed back with icalendar, sent once per version, in each side's language."""

from __future__ import annotations

from datetime import UTC, timedelta

import pytest
from django.core import mail
from icalendar import Calendar

from meetings import services
from meetings.calendar import meeting_ics
from meetings.models import Meeting
from meetings.tasks import send_meeting_invitations_task
from meetings.tests.factories import in_days
from notifications.models import Email

pytestmark = pytest.mark.django_db


@pytest.fixture
def requested(workshop, shop, buyer):
    return services.meeting_request(buyer_user=buyer, artisan=workshop, proposed_starts=[in_days(7)],
                                    duration_minutes=45, mode=Meeting.Mode.VIRTUAL)


def _event(ics: bytes):
    calendar = Calendar.from_ical(ics)
    events = [c for c in calendar.walk() if c.name == "VEVENT"]
    assert len(events) == 1
    return calendar, events[0]


def _attached_ics(message) -> bytes:
    (attachment,) = [a for a in message.attachments if a[0] == "invite.ics"]
    content = attachment[1]
    return content.encode() if isinstance(content, str) else content


def test_confirmation_sends_each_side_a_calendar_invitation(requested, artisan, buyer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        meeting = services.meeting_accept(meeting_id=requested.pk, actor=artisan, start_at=in_days(7))
    by_recipient = {m.to[0]: m for m in mail.outbox if "meeting-invitation" in m.extra_headers["X-CraftMatch-Key"]}
    assert set(by_recipient) == {artisan.email, buyer.email}
    for message in by_recipient.values():
        calendar, event = _event(_attached_ics(message))
        assert str(calendar["METHOD"]) == "REQUEST"
        assert str(event["UID"]) == f"meeting-{meeting.public_id}@craftmatch"
        assert int(event["SEQUENCE"]) == 0
        assert event.decoded("DTSTART") == in_days(7)
        assert event.decoded("DTSTART").tzinfo is not None and event.decoded("DTSTART").utcoffset() == timedelta(0)
        assert event.decoded("DTEND") == in_days(7) + timedelta(minutes=45)
        assert str(event["LOCATION"]) == meeting.video_url
        attendees = {str(a).lower() for a in event.get("ATTENDEE")}
        assert attendees == {f"mailto:{artisan.email}", f"mailto:{buyer.email}"}
        assert str(event["ORGANIZER"]).startswith("mailto:")
    # The artisan (Spanish, Madrid) reads their local time; the buyer (New York) theirs.
    madrid = in_days(7).astimezone(meeting.artisan_zone).strftime("%H:%M")
    new_york = in_days(7).astimezone(meeting.buyer_zone).strftime("%H:%M")
    assert madrid in by_recipient[artisan.email].body and "Europe/Madrid" in by_recipient[artisan.email].body
    assert new_york in by_recipient[buyer.email].body and "America/New_York" in by_recipient[buyer.email].body
    assert meeting.video_url in by_recipient[buyer.email].body


def test_video_room_is_unique_and_unguessable(workshop, shop, buyer, artisan, settings):
    settings.VIDEO_BASE_URL = "https://video.example.org/rooms"
    first = services.meeting_request(buyer_user=buyer, artisan=workshop, proposed_starts=[in_days(7)],
                                     duration_minutes=30, mode=Meeting.Mode.VIRTUAL)
    second = services.meeting_request(buyer_user=buyer, artisan=workshop, proposed_starts=[in_days(9)],
                                      duration_minutes=30, mode=Meeting.Mode.VIRTUAL)
    first = services.meeting_accept(meeting_id=first.pk, actor=artisan, start_at=in_days(7))
    second = services.meeting_accept(meeting_id=second.pk, actor=artisan, start_at=in_days(9))
    assert first.video_url.startswith("https://video.example.org/rooms/CraftMatch-")
    assert first.video_token != second.video_token
    assert len(first.video_token) >= 32


def test_in_person_meeting_has_no_video_link(workshop, shop, buyer, artisan):
    meeting = services.meeting_request(buyer_user=buyer, artisan=workshop, proposed_starts=[in_days(7)],
                                       duration_minutes=30, mode=Meeting.Mode.IN_PERSON, location="Stand B12")
    meeting = services.meeting_accept(meeting_id=meeting.pk, actor=artisan, start_at=in_days(7))
    assert meeting.video_token == "" and meeting.video_url == ""
    _calendar, event = _event(meeting_ics(meeting, recipient=buyer))
    assert str(event["LOCATION"]) == "Stand B12"


def test_reschedule_raises_sequence_with_the_same_uid_and_cancel_sends_method_cancel(
    requested, artisan, buyer, django_capture_on_commit_callbacks
):
    steps = [
        lambda: services.meeting_accept(meeting_id=requested.pk, actor=artisan, start_at=in_days(7)),
        lambda: services.meeting_reschedule(meeting_id=requested.pk, actor=buyer, start_at=in_days(8)),
        lambda: services.meeting_confirm(meeting_id=requested.pk, actor=artisan),
        lambda: services.meeting_cancel(meeting_id=requested.pk, actor=buyer, reason="Budget frozen"),
    ]
    for step in steps:
        # Each step commits on its own, as each request does.
        with django_capture_on_commit_callbacks(execute=True):
            step()
    keys = sorted(Email.objects.filter(key__startswith=f"meeting-invitation:{requested.pk}:").values_list("key", flat=True))
    assert keys == sorted(f"meeting-invitation:{requested.pk}:{user.pk}:seq{n}" for user in (artisan, buyer) for n in (0, 1))

    to_buyer = [m for m in mail.outbox if m.to == [buyer.email] and "invite.ics" in str(m.attachments)]
    parsed = [_event(_attached_ics(m)) for m in to_buyer]
    assert [str(cal["METHOD"]) for cal, _ in parsed] == ["REQUEST", "REQUEST", "CANCEL"]
    assert len({str(event["UID"]) for _, event in parsed}) == 1
    assert [int(event["SEQUENCE"]) for _, event in parsed] == [0, 1, 2]
    assert [event.decoded("DTSTART") for _, event in parsed] == [in_days(7), in_days(8), in_days(8)]
    assert str(parsed[-1][1]["STATUS"]) == "CANCELLED"


def test_invitation_task_run_twice_sends_once(requested, artisan, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        meeting = services.meeting_accept(meeting_id=requested.pk, actor=artisan, start_at=in_days(7))
    with django_capture_on_commit_callbacks(execute=True):
        send_meeting_invitations_task.delay(meeting.pk, meeting.sequence)
        send_meeting_invitations_task.delay(meeting.pk, meeting.sequence)
    assert len(mail.outbox) == 2
    assert Email.objects.filter(key__startswith="meeting-invitation:").count() == 2


def test_stale_invitation_task_sends_nothing(requested, artisan, buyer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        meeting = services.meeting_accept(meeting_id=requested.pk, actor=artisan, start_at=in_days(7))
        services.meeting_cancel(meeting_id=meeting.pk, actor=buyer, reason="Changed plans")
    # The confirmation's task arrives after the cancellation: version 0 is gone.
    assert services.meeting_send_invitations(meeting_id=meeting.pk, sequence=0) == []


def test_downloaded_calendar_is_for_the_viewer(requested, artisan, buyer):
    meeting = services.meeting_accept(meeting_id=requested.pk, actor=artisan, start_at=in_days(7))
    calendar, event = _event(meeting_ics(meeting, recipient=artisan, method="PUBLISH"))
    assert str(calendar["METHOD"]) == "PUBLISH"
    # Texts in the artisan's language (Spanish when translated; the English source otherwise).
    assert meeting.artisan.business_name in str(event["SUMMARY"])
    assert event.decoded("DTSTART").astimezone(UTC) == in_days(7)


def test_invitation_whose_task_was_lost_is_sent_by_the_sweep_once(
    requested, artisan, buyer, django_capture_on_commit_callbacks
):
    # The confirmation commits but its task message never reaches a worker (Redis restarted).
    with django_capture_on_commit_callbacks(execute=False):
        meeting = services.meeting_accept(meeting_id=requested.pk, actor=artisan, start_at=in_days(7))
    meeting.refresh_from_db()
    assert meeting.calendar_due == services.CALENDAR_REQUEST
    # Within the grace period the task may only be slow: nothing is queued again.
    assert services.meetings_resume_calendar_mail() == 0
    later = meeting.calendar_due_since + services.CALENDAR_MAIL_GRACE
    with django_capture_on_commit_callbacks(execute=True):
        assert services.meetings_resume_calendar_mail(now=later) == 1
    assert {m.to[0] for m in mail.outbox} == {artisan.email, buyer.email}
    # The outbox holds them now: a later sweep queues nothing and nothing is sent twice.
    with django_capture_on_commit_callbacks(execute=True):
        assert services.meetings_resume_calendar_mail(now=later + timedelta(hours=1)) == 0
    assert len(mail.outbox) == 2


def test_lost_cancellation_is_sent_by_the_sweep_and_the_stale_invitation_is_not(
    requested, artisan, buyer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        meeting = services.meeting_accept(meeting_id=requested.pk, actor=artisan, start_at=in_days(7))
        services.meeting_cancel(meeting_id=meeting.pk, actor=buyer, reason="Changed plans")
    meeting.refresh_from_db()
    assert meeting.calendar_due == services.CALENDAR_CANCEL
    with django_capture_on_commit_callbacks(execute=True):
        services.meetings_resume_calendar_mail(now=meeting.calendar_due_since + services.CALENDAR_MAIL_GRACE)
    keys = {m.extra_headers["X-CraftMatch-Key"].split(":")[0] for m in mail.outbox}
    assert keys == {"meeting-cancellation"} and len(mail.outbox) == 2


def test_calendar_mail_missing_for_more_than_a_day_is_given_up(
    requested, artisan, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        meeting = services.meeting_accept(meeting_id=requested.pk, actor=artisan, start_at=in_days(7))
    meeting.refresh_from_db()
    assert services.meetings_resume_calendar_mail(now=meeting.calendar_due_since + timedelta(days=2)) == 0


def test_a_published_schedule_owes_no_calendar_invitation(workshop, shop, buyer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        meeting = services.meeting_schedule(artisan=workshop, buyer_user=buyer, start_at=in_days(3),
                                            duration_minutes=30, mode=Meeting.Mode.VIRTUAL, invite=False)
    meeting.refresh_from_db()
    assert meeting.calendar_due == ""
    assert services.meetings_resume_calendar_mail(now=in_days(1)) == 0
