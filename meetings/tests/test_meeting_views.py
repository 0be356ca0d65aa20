"""Meeting pages per persona: the two parties, the other artisan and buyer, staff, anonymous."""

from __future__ import annotations

import re
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.tests.factories import BuyerUserFactory
from artisans.models import ArtisanProfile
from catalog.tests.factories import ArtisanProfileFactory
from meetings import services
from meetings.models import Meeting, Message, Outcome
from meetings.tests.factories import BuyerProfileFactory, MeetingFactory, in_days

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(workshop, shop):
    return MeetingFactory(artisan=workshop, buyer=shop)


def _detail(meeting):
    return reverse("meetings:detail", args=[meeting.public_id])


def _action(meeting, action):
    return reverse("meetings:action", args=[meeting.public_id, action])


def _messages(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


# --- list ---------------------------------------------------------------------------------


def test_list_needs_sign_in(anonymous):
    response = anonymous.get(reverse("meetings:list"))
    assert response.status_code == 302 and "login" in response.url


def test_each_side_sees_only_their_meetings_in_the_list(meeting, login, artisan, buyer, other_artisan, other_buyer):
    for user in (artisan, buyer):
        response = login(user).get(reverse("meetings:list"))
        assert response.status_code == 200
        assert _detail(meeting) in response.content.decode()
    for stranger in (other_artisan, other_buyer):
        response = login(stranger).get(reverse("meetings:list"))
        assert response.status_code == 200
        assert _detail(meeting) not in response.content.decode()


def test_list_sorts_requests_to_answer_for_the_artisan(meeting, login, artisan, buyer):
    body = login(artisan).get(reverse("meetings:list")).content.decode()
    answer = body.index('id="to-answer"')
    assert answer < body.index(_detail(meeting)) < body.index('id="upcoming"')
    body = login(buyer).get(reverse("meetings:list")).content.decode()
    assert body.index('id="waiting"') < body.index(_detail(meeting))


def _make_meetings(workshop, shop, count, first_day=3):
    for n in range(count):
        start = in_days(first_day + n)
        MeetingFactory(artisan=workshop, buyer=shop, status=Meeting.Status.CONFIRMED, proposed_starts=[],
                       start_at=start, end_at=start + timedelta(hours=1), video_token=f"t{n}")
        MeetingFactory(artisan=workshop, buyer=shop)


def test_list_query_count_does_not_grow_with_meetings(workshop, shop, login, buyer):
    client = login(buyer)
    _make_meetings(workshop, shop, 1)
    # Warm up: the first request of a session may touch the session and the cache.
    client.get(reverse("meetings:list"))
    with CaptureQueriesContext(connection) as few:
        assert client.get(reverse("meetings:list")).status_code == 200
    _make_meetings(workshop, shop, 10, first_day=10)
    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse("meetings:list"))
    assert response.content.decode().count("meeting-row") >= 22
    assert len(many) == len(few)


def test_upcoming_meeting_shows_both_local_times_across_the_dst_gap(workshop, shop, login, artisan, buyer):
    # 28 October 2026, 09:00 UTC: 10:00 in Madrid (winter time), 05:00 in New York (still summer time).
    start = datetime(2026, 10, 28, 9, tzinfo=UTC)
    meeting = MeetingFactory(artisan=workshop, buyer=shop, status=Meeting.Status.CONFIRMED, proposed_starts=[],
                             start_at=start, end_at=start + timedelta(hours=1))
    buyer_view = login(buyer).get(_detail(meeting)).content.decode()
    assert "05:00" in buyer_view and "America/New_York" in buyer_view
    assert "10:00" in buyer_view and "Europe/Madrid" in buyer_view
    artisan_view = login(artisan).get(_detail(meeting)).content.decode()
    assert artisan_view.index("10:00") < artisan_view.index("05:00")


def test_join_link_appears_shortly_before_a_video_call(workshop, shop, login, buyer):
    from django.utils import timezone

    start = timezone.now() + timedelta(minutes=10)
    meeting = MeetingFactory(artisan=workshop, buyer=shop, status=Meeting.Status.CONFIRMED, proposed_starts=[],
                             start_at=start, end_at=start + timedelta(hours=1), video_token="abcdefgh")
    later = MeetingFactory(artisan=workshop, buyer=shop, status=Meeting.Status.CONFIRMED, proposed_starts=[],
                           start_at=start + timedelta(days=2), end_at=start + timedelta(days=2, hours=1),
                           video_token="zyxwvuts")
    body = login(buyer).get(reverse("meetings:list")).content.decode()
    assert meeting.video_url in body
    assert later.video_url not in body


# --- detail and actions -------------------------------------------------------------------


def test_detail_is_for_the_two_parties_only(meeting, login, client, artisan, buyer, other_artisan, other_buyer, staff):
    for user in (artisan, buyer):
        assert login(user).get(_detail(meeting)).status_code == 200
    for user in (other_artisan, other_buyer, staff):
        assert login(user).get(_detail(meeting)).status_code == 404
    client.logout()
    assert client.get(_detail(meeting)).status_code == 302


def test_strangers_cannot_act_post_or_download(meeting, login, other_artisan, other_buyer):
    for stranger in (other_artisan, other_buyer):
        client = login(stranger)
        assert client.post(_action(meeting, "cancel"), {"cancel-reason": "x"}).status_code == 404
        assert client.post(reverse("meetings:message", args=[meeting.public_id]), {"body": "x"}).status_code == 404
        assert client.get(reverse("meetings:ics", args=[meeting.public_id])).status_code == 404
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.REQUESTED
    assert not Message.objects.exists()


def test_artisan_accepts_from_the_page(meeting, login, artisan):
    start = meeting.proposed_starts[1]
    response = login(artisan).post(_action(meeting, "accept"), {"start": start.isoformat()})
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.CONFIRMED and meeting.start_at == start


def test_impossible_transition_is_a_clear_message_not_an_error(meeting, login, buyer):
    response = login(buyer).post(_action(meeting, "accept"), {"start": meeting.proposed_starts[0].isoformat()})
    assert response.status_code == 302
    assert _messages(response) == ["Only the artisan can accept a request."]
    response = login(buyer).post(_action(meeting, "confirm"))
    assert "cannot confirm" in _messages(response)[-1]
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.REQUESTED


def test_taken_slot_is_refused_with_a_clear_message(workshop, shop, login, artisan):
    start = in_days(7)
    MeetingFactory(artisan=workshop, buyer=BuyerProfileFactory(), status=Meeting.Status.CONFIRMED,
                   proposed_starts=[], start_at=start, end_at=start + timedelta(hours=1))
    meeting = MeetingFactory(artisan=workshop, buyer=shop, proposed_starts=[start + timedelta(minutes=30)])
    response = login(artisan).post(_action(meeting, "accept"), {"start": meeting.proposed_starts[0].isoformat()})
    assert response.status_code == 302
    assert "already has a confirmed meeting" in _messages(response)[0]
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.REQUESTED


def test_cancel_without_reason_shows_the_form_error(meeting, login, buyer):
    response = login(buyer).post(_action(meeting, "cancel"), {"cancel-reason": ""})
    assert response.status_code == 400
    assert 'id="id_cancel-reason_error"' in response.content.decode()


def test_counter_time_is_read_in_the_artisans_zone(meeting, login, artisan):
    # The artisan (Madrid) proposes 10:00 in a week, Madrid time: stored as that instant in UTC.
    day = (in_days(7)).astimezone(ZoneInfo("Europe/Madrid")).date()
    response = login(artisan).post(_action(meeting, "counter"), {"counter-start": f"{day.isoformat()}T10:00"})
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.COUNTERED
    madrid_ten = datetime.combine(day, time(10), tzinfo=ZoneInfo("Europe/Madrid"))
    assert meeting.proposed_starts == [madrid_ten.astimezone(UTC)]
    assert madrid_ten.astimezone(UTC).hour in (8, 9)  # UTC+1 in winter, UTC+2 in summer


def test_unknown_action_is_404(meeting, login, buyer):
    assert login(buyer).post(_action(meeting, "explode")).status_code == 404


def test_actions_only_accept_post(meeting, login, artisan):
    assert login(artisan).get(_action(meeting, "cancel")).status_code == 405


def test_message_is_posted_to_the_thread(meeting, login, buyer):
    response = login(buyer).post(reverse("meetings:message", args=[meeting.public_id]), {"body": "Samples?"})
    assert response.status_code == 302
    assert Message.objects.get(meeting=meeting).body == "Samples?"


def test_outcome_is_recorded_after_the_meeting(workshop, shop, login, buyer):
    start = in_days(-2)
    meeting = MeetingFactory(artisan=workshop, buyer=shop, status=Meeting.Status.CONFIRMED, proposed_starts=[],
                             start_at=start, end_at=start + timedelta(hours=1))
    response = login(buyer).post(reverse("meetings:outcome", args=[meeting.public_id]), {
        "attendance": "held", "interest": "3", "next_step": "samples", "estimated_order_value": "1200",
        "currency": "USD", "notes": "Great glazes",
    })
    assert response.status_code == 302
    outcome = Outcome.objects.get(meeting=meeting, user=buyer)
    assert outcome.next_step == "samples" and outcome.currency == "USD"
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.COMPLETED


def test_calendar_download_for_a_party(workshop, shop, login, artisan, meeting):
    assert login(artisan).get(reverse("meetings:ics", args=[meeting.public_id])).status_code == 404
    services.meeting_accept(meeting_id=meeting.pk, actor=artisan, start_at=meeting.proposed_starts[0])
    response = login(artisan).get(reverse("meetings:ics", args=[meeting.public_id]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert b"BEGIN:VEVENT" in response.content
    assert f"meeting-{meeting.public_id}@craftmatch".encode() in response.content


# --- request ------------------------------------------------------------------------------


def _request_url(slug="ceramica-moreno"):
    return reverse("meetings:request-create", kwargs={"artisan_slug": slug})


def test_request_page_per_persona(workshop, login, anonymous, artisan, staff):
    assert anonymous.get(_request_url()).status_code == 302
    assert login(artisan).get(_request_url()).status_code == 403
    assert login(staff).get(_request_url()).status_code == 403


def test_buyer_without_profile_is_sent_to_their_dashboard(workshop, login):
    response = login(BuyerUserFactory()).get(_request_url())
    assert response.status_code == 302 and response.url == reverse("buyers:dashboard")


def test_artisan_not_approved_is_not_found(login, shop, buyer):
    ArtisanProfileFactory(slug="pending-one", status=ArtisanProfile.Status.PENDING)
    assert login(buyer).get(_request_url("pending-one")).status_code == 404
    assert login(buyer).get(_request_url("nobody")).status_code == 404


def test_buyer_requests_with_a_product_preselected(workshop, shop, product, login, buyer, artisan):
    client = login(buyer)
    page = client.get(_request_url() + f"?product={product.public_id}")
    assert page.status_code == 200
    assert re.search(rf'name="products" value="{product.pk}"[^>]*checked', page.content.decode())
    response = client.post(_request_url(), {
        "proposed_1": "2026-12-10T10:00", "proposed_2": "2026-12-11T11:00", "duration_minutes": "60",
        "mode": "in_person", "location": "Booth 4, NY NOW", "message": "Bowls please", "products": [product.pk],
    })
    assert response.status_code == 302
    meeting = Meeting.objects.get()
    assert response.url == _detail(meeting)
    # Read in the buyer's zone: 10:00 in New York on 10 December is 15:00 UTC.
    assert meeting.proposed_starts[0] == datetime(2026, 12, 10, 15, tzinfo=UTC)
    assert meeting.location == "Booth 4, NY NOW"
    assert list(meeting.products.all()) == [product]


def test_invalid_request_keeps_the_input_and_shows_errors(workshop, shop, login, buyer):
    response = login(buyer).post(_request_url(), {
        "proposed_1": "2026-12-10T10:00", "duration_minutes": "60", "mode": "in_person", "location": "",
        "message": "Keep me",
    })
    assert response.status_code == 400
    body = response.content.decode()
    assert "Keep me" in body and 'value="2026-12-10T10:00"' in body
    assert "Say where you will meet in person." in body
    assert not Meeting.objects.exists()


# --- availability -------------------------------------------------------------------------


def test_availability_per_persona(workshop, login, anonymous, buyer, staff):
    url = reverse("meetings:availability")
    assert anonymous.get(url).status_code == 302
    assert login(buyer).get(url).status_code == 403
    assert login(staff).get(url).status_code == 403


def test_artisan_without_profile_is_sent_to_their_dashboard(login, other_artisan):
    response = login(other_artisan).get(reverse("meetings:availability"))
    assert response.status_code == 302 and response.url == reverse("artisans:dashboard")


def test_artisan_adds_a_window_and_sees_free_slots(workshop, login, artisan):
    client = login(artisan)
    response = client.post(reverse("meetings:availability"), {
        "form": "window", "window-weekday": "2", "window-start_time": "10:00", "window-end_time": "12:00",
    })
    assert response.status_code == 302
    window = workshop.availability_windows.get()
    assert (window.weekday, window.start_time.hour, window.end_time.hour) == (2, 10, 12)
    body = client.get(reverse("meetings:availability")).content.decode()
    assert "10:00" in body and "free-slots" in body


def test_invalid_window_keeps_input_and_shows_error(workshop, login, artisan):
    response = login(artisan).post(reverse("meetings:availability"), {
        "form": "window", "window-weekday": "3", "window-start_time": "15:00", "window-end_time": "09:00",
    })
    assert response.status_code == 400
    body = response.content.decode()
    assert "The window must end after it starts." in body
    assert 'value="15:00"' in body
    assert not workshop.availability_windows.exists()


def test_artisan_sets_durations_and_exceptions(workshop, login, artisan):
    client = login(artisan)
    client.post(reverse("meetings:availability"), {"form": "durations", "durations-durations": ["45", "90"]})
    assert workshop.availability_settings.durations == [45, 90]
    client.post(reverse("meetings:availability"), {
        "form": "exception", "exception-start_date": "2026-12-20", "exception-end_date": "2026-12-31",
        "exception-reason": "Holidays",
    })
    assert workshop.availability_exceptions.get().reason == "Holidays"


def test_only_the_owner_removes_a_window(workshop, other_workshop, login, artisan, other_artisan):
    from meetings.tests.factories import AvailabilityWindowFactory

    window = AvailabilityWindowFactory(artisan=workshop)
    url = reverse("meetings:availability-delete", args=["window", window.pk])
    assert login(other_artisan).post(url).status_code == 404
    assert login(artisan).post(url).status_code == 302
    assert not workshop.availability_windows.exists()
