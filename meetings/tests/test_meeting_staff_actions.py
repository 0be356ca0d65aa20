"""Agency staff cancel or move a meeting for both sides, in the admin, only through the service."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.core import mail
from django.urls import reverse

from accounts.tests.factories import UserFactory
from meetings import selectors, services
from meetings.models import Meeting
from meetings.tests.factories import MeetingFactory, in_days

pytestmark = pytest.mark.django_db
Status = Meeting.Status


@pytest.fixture
def confirmed(workshop, shop, artisan):
    meeting = MeetingFactory(artisan=workshop, buyer=shop, proposed_starts=[in_days(7)])
    services.meeting_accept(meeting_id=meeting.pk, actor=artisan, start_at=in_days(7))
    mail.outbox.clear()
    return Meeting.objects.get(pk=meeting.pk)


@pytest.fixture
def agency(db):
    """Staff who may view meetings and change them (through the service), not a superuser."""
    user = UserFactory(email="desk@example.org", full_name="Agency Desk", is_staff=True)
    user.user_permissions.add(*Permission.objects.filter(
        content_type__app_label="meetings", codename__in=["view_meeting", "change_meeting"]))
    return user


@pytest.fixture
def reader(db):
    user = UserFactory(email="reader@example.org", full_name="Agency Reader", is_staff=True)
    user.user_permissions.add(Permission.objects.get(content_type__app_label="meetings", codename="view_meeting"))
    return user


def _keys(prefix: str) -> list[str]:
    return sorted(m.to[0] for m in mail.outbox if m.extra_headers["X-CraftMatch-Key"].startswith(prefix))


def _last_event(meeting):
    return meeting.events.order_by("created_at", "id").last()


# --- the service ---------------------------------------------------------------------------


def test_staff_cancel_a_booked_meeting_and_both_sides_get_the_calendar_cancellation(
    confirmed, staff, artisan, buyer, django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_staff_cancel(meeting_id=confirmed.pk, actor=staff, reason="The fair is postponed.")
    meeting = Meeting.objects.get(pk=confirmed.pk)
    assert (meeting.status, meeting.cancelled_by, meeting.cancel_reason) == (
        Status.CANCELLED, staff, "The fair is postponed.")
    assert meeting.sequence == confirmed.sequence + 1
    event = _last_event(meeting)
    assert (event.action, event.actor, event.from_status, event.to_status) == (
        "staff_cancel", staff, "confirmed", "cancelled")
    assert _keys("meeting-cancellation") == sorted([artisan.email, buyer.email])
    assert all("The fair is postponed." in m.body for m in mail.outbox)


def test_staff_cancel_a_request_and_both_sides_are_told(
    workshop, shop, staff, artisan, buyer, django_capture_on_commit_callbacks,
):
    request = MeetingFactory(artisan=workshop, buyer=shop)
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_staff_cancel(meeting_id=request.pk, actor=staff, reason="Program closed early.")
    assert Meeting.objects.get(pk=request.pk).status == Status.CANCELLED
    assert _keys("meeting-event") == sorted([artisan.email, buyer.email])
    assert all("Program closed early." in m.body for m in mail.outbox)


def test_staff_move_a_meeting_and_both_sides_get_the_new_invitation(
    confirmed, staff, artisan, buyer, django_capture_on_commit_callbacks,
):
    new_start = in_days(9, hour=10)
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_staff_reschedule(meeting_id=confirmed.pk, actor=staff, start_at=new_start,
                                          note="The room changed.")
    meeting = Meeting.objects.get(pk=confirmed.pk)
    assert (meeting.status, meeting.start_at) == (Status.CONFIRMED, new_start)
    assert meeting.end_at == new_start + timedelta(minutes=meeting.duration_minutes)
    assert meeting.sequence == confirmed.sequence + 1
    event = _last_event(meeting)
    assert (event.action, event.actor, event.start_at, event.note) == (
        "staff_reschedule", staff, new_start, "The room changed.")
    assert _keys(f"meeting-invitation:{meeting.pk}:") == sorted([artisan.email, buyer.email])
    assert all(f":seq{meeting.sequence}" in m.extra_headers["X-CraftMatch-Key"] for m in mail.outbox)


def test_staff_settle_a_pending_new_time_by_setting_another(confirmed, staff, buyer):
    services.meeting_reschedule(meeting_id=confirmed.pk, actor=buyer, start_at=in_days(8))
    services.meeting_staff_reschedule(meeting_id=confirmed.pk, actor=staff, start_at=in_days(10))
    meeting = Meeting.objects.get(pk=confirmed.pk)
    assert (meeting.status, meeting.start_at, meeting.proposed_starts) == (Status.CONFIRMED, in_days(10), [])


def test_staff_cannot_move_onto_a_time_one_side_already_has(confirmed, staff, other_workshop, shop, other_artisan):
    clash = MeetingFactory(artisan=other_workshop, buyer=shop, proposed_starts=[in_days(9)])
    services.meeting_accept(meeting_id=clash.pk, actor=other_artisan, start_at=in_days(9))
    with pytest.raises(services.SlotTaken):
        services.meeting_staff_reschedule(meeting_id=confirmed.pk, actor=staff, start_at=in_days(9))
    assert Meeting.objects.get(pk=confirmed.pk).start_at == in_days(7)


def test_the_sides_cannot_take_staff_actions_and_staff_take_no_sides_action(confirmed, staff, artisan, buyer):
    for person in (artisan, buyer):
        with pytest.raises(services.MeetingError, match="agency staff"):
            services.meeting_staff_cancel(meeting_id=confirmed.pk, actor=person, reason="Mine.")
        assert not {"staff_cancel", "staff_reschedule"} & selectors.allowed_actions(confirmed, person)
    with pytest.raises(services.MeetingError, match="not yours"):
        services.meeting_cancel(meeting_id=confirmed.pk, actor=staff, reason="Theirs.")
    assert selectors.allowed_actions(confirmed, staff) == {"staff_cancel", "staff_reschedule"}
    assert Meeting.objects.get(pk=confirmed.pk).status == Status.CONFIRMED


def test_an_ended_meeting_is_neither_cancelled_nor_moved_by_staff(confirmed, staff):
    after = confirmed.end_at + timedelta(minutes=1)
    assert selectors.allowed_actions(confirmed, staff, now=after) == set()
    with pytest.raises(services.MeetingError, match="over"):
        services.meeting_staff_cancel(meeting_id=confirmed.pk, actor=staff, reason="Late.", now=after)


# --- the admin -----------------------------------------------------------------------------


def test_staff_cancel_selected_meetings_from_the_list_with_a_reason(confirmed, login, agency):
    client = login(agency)
    url = reverse("admin:meetings_meeting_changelist")
    form = {"action": "cancel_for_both", admin.helpers.ACTION_CHECKBOX_NAME: [confirmed.pk]}
    page = client.post(url, form)
    assert page.status_code == 200 and b'name="reason"' in page.content
    # An empty reason shows the form again with its error; nothing changes.
    again = client.post(url, {**form, "reason": " "})
    assert b"errorlist" in again.content
    assert Meeting.objects.get(pk=confirmed.pk).status == Status.CONFIRMED
    done = client.post(url, {**form, "reason": "Speaker ill."}, follow=True)
    assert "1 meeting cancelled" in done.content.decode()
    meeting = Meeting.objects.get(pk=confirmed.pk)
    assert (meeting.status, meeting.cancelled_by) == (Status.CANCELLED, agency)


def test_staff_move_a_meeting_from_its_page_in_their_own_zone(confirmed, login, agency):
    agency.time_zone = "America/New_York"
    agency.save(update_fields=["time_zone"])
    client = login(agency)
    change = client.get(reverse("admin:meetings_meeting_change", args=[confirmed.pk])).content.decode()
    url = reverse("admin:meetings_meeting_reschedule", args=[confirmed.pk])
    assert url in change
    assert client.get(url).status_code == 200
    day = in_days(9).date()
    response = client.post(url, {"start": f"{day.isoformat()}T10:00", "note": ""})
    assert response.status_code == 302
    meeting = Meeting.objects.get(pk=confirmed.pk)
    # 10:00 in New York.
    assert meeting.start_at.astimezone(ZoneInfo("America/New_York")).hour == 10
    assert _last_event(meeting).actor == agency


def test_a_past_time_is_refused_with_the_form_shown_again(confirmed, login, agency):
    url = reverse("admin:meetings_meeting_reschedule", args=[confirmed.pk])
    response = login(agency).post(url, {"start": in_days(-1).strftime("%Y-%m-%dT%H:%M")})
    assert response.status_code == 200
    assert "already passed" in response.content.decode()
    assert Meeting.objects.get(pk=confirmed.pk).start_at == in_days(7)


def test_staff_who_may_only_view_get_neither_the_action_nor_the_page(confirmed, login, reader):
    client = login(reader)
    url = reverse("admin:meetings_meeting_changelist")
    response = client.post(url, {"action": "cancel_for_both", "reason": "No.",
                                 admin.helpers.ACTION_CHECKBOX_NAME: [confirmed.pk]})
    assert response.status_code in (200, 302)
    assert Meeting.objects.get(pk=confirmed.pk).status == Status.CONFIRMED
    reschedule = reverse("admin:meetings_meeting_reschedule", args=[confirmed.pk])
    assert reschedule not in client.get(reverse("admin:meetings_meeting_change", args=[confirmed.pk])).content.decode()
    assert client.post(reschedule, {"start": "2099-01-01T10:00"}).status_code == 403
