"""Group meetings: several participants, no one in two places at once (the database says so),
one invitation and one reminder per person, one place cancelled alone, an outcome per person."""

from __future__ import annotations

import base64
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from catalog.tests.factories import ArtisanProfileFactory
from meetings import services
from meetings.models import Meeting, MeetingParticipant, Outcome, Reminder
from meetings.tasks import send_meeting_invitations_task
from meetings.tests.factories import BuyerProfileFactory, MeetingFactory, in_days
from notifications.models import Email

pytestmark = pytest.mark.django_db

Place = MeetingParticipant


def _confirmed(start=None, *, artisan=None, minutes=60, **kwargs) -> Meeting:
    start = start or in_days(7)
    return MeetingFactory(
        artisan=artisan or ArtisanProfileFactory(),
        status=Meeting.Status.CONFIRMED,
        start_at=start,
        end_at=start + timedelta(minutes=minutes),
        proposed_starts=[],
        mode=Meeting.Mode.IN_PERSON,
        location="Fez medina",
        confirmed_at=start - timedelta(days=3),
        **kwargs,
    )


def _add(meeting, staff, person, role=Place.Role.BUYER):
    return services.participant_add(meeting_id=meeting.pk, actor=staff, user=person, role=role)


def test_every_meeting_has_its_buyer_as_lead_participant_kept_in_step_by_the_database(
    workshop, shop, buyer, artisan
):
    meeting = services.meeting_request(
        buyer_user=buyer,
        artisan=workshop,
        proposed_starts=[in_days(7)],
        duration_minutes=45,
        mode=Meeting.Mode.VIRTUAL,
    )
    (lead,) = meeting.participants.all()
    assert (lead.user, lead.buyer, lead.lead, lead.meeting_booked, lead.start_at) == (
        buyer,
        shop,
        True,
        False,
        None,
    )
    services.meeting_accept(meeting_id=meeting.pk, actor=artisan, start_at=in_days(7))
    lead.refresh_from_db()
    assert (
        lead.meeting_booked
        and lead.start_at == in_days(7)
        and lead.end_at == in_days(7) + timedelta(minutes=45)
    )


def test_a_buyer_at_a_one_to_one_meeting_cannot_join_a_group_meeting_at_the_same_time(staff):
    own = _confirmed()
    group = _confirmed(in_days(7) + timedelta(minutes=30))
    with pytest.raises(services.SlotTaken, match="already has a meeting"):
        _add(group, staff, own.buyer_user)
    # ...and back to back is fine.
    services.participant_add(meeting_id=_confirmed(in_days(7, 16)).pk, actor=staff, user=own.buyer_user)


def test_a_participant_of_a_group_meeting_cannot_be_booked_one_to_one_at_that_time(staff):
    group = _confirmed()
    guest = BuyerProfileFactory()
    _add(group, staff, guest.user)
    request = MeetingFactory(
        buyer=guest, proposed_starts=[in_days(7) + timedelta(minutes=15)], proposed_by=guest.user
    )
    with pytest.raises(services.SlotTaken, match="buyer already has a confirmed meeting"):
        services.meeting_accept(
            meeting_id=request.pk, actor=request.artisan_user, start_at=request.proposed_starts[0]
        )


def test_moving_a_group_meeting_moves_every_place_and_is_refused_if_one_person_is_busy(staff):
    group = _confirmed()
    guest = BuyerProfileFactory()
    _add(group, staff, guest.user)
    services.meeting_staff_reschedule(meeting_id=group.pk, actor=staff, start_at=in_days(8))
    assert set(group.participants.values_list("start_at", flat=True)) == {in_days(8)}
    _confirmed(in_days(9), buyer=guest)
    with pytest.raises(services.SlotTaken):
        services.meeting_staff_reschedule(meeting_id=group.pk, actor=staff, start_at=in_days(9))
    assert set(group.participants.values_list("start_at", flat=True)) == {in_days(8)}


def test_only_staff_add_participants_and_the_artisan_is_not_one(staff, buyer, other_buyer):
    group = _confirmed()
    BuyerProfileFactory(user=other_buyer)
    with pytest.raises(services.MeetingError, match="Only agency staff"):
        _add(group, buyer, other_buyer)
    with pytest.raises(services.MeetingError, match="hosts"):
        _add(group, staff, group.artisan_user, role=Place.Role.INTERPRETER)
    _add(group, staff, other_buyer)
    with pytest.raises(services.MeetingError, match="already at this meeting"):
        _add(group, staff, other_buyer)


def _keys(prefix):
    return list(Email.objects.filter(key__startswith=prefix).values_list("to", flat=True))


def test_each_participant_gets_one_invitation_naming_everyone(staff, django_capture_on_commit_callbacks):
    group = _confirmed()
    guests = [BuyerProfileFactory().user, BuyerProfileFactory().user]
    interpreter = BuyerProfileFactory().user  # anyone with an account may interpret
    with django_capture_on_commit_callbacks(execute=True):
        for person in guests:
            _add(group, staff, person)
        _add(group, staff, interpreter, role=Place.Role.INTERPRETER)
    everyone = {
        group.artisan_user.email,
        group.buyer_user.email,
        interpreter.email,
        *(g.email for g in guests),
    }
    sent = _keys(f"meeting-invitation:{group.pk}:")
    assert sorted(sent) == sorted(everyone)  # one each, though three places were added
    send_meeting_invitations_task(group.pk, group.sequence)  # a retried task sends nothing new
    assert len(_keys(f"meeting-invitation:{group.pk}:")) == 5
    email = Email.objects.get(key=f"meeting-invitation:{group.pk}:{interpreter.pk}:seq{group.sequence}")
    (attachment,) = email.attachments
    (event,) = [
        c for c in Calendar.from_ical(base64.b64decode(attachment["content"])).walk() if c.name == "VEVENT"
    ]
    attendees = {str(a).lower() for a in event.get("ATTENDEE")}
    assert attendees == {f"mailto:{address}" for address in everyone}


def test_each_participant_gets_one_reminder_per_kind(staff, django_capture_on_commit_callbacks):
    start = (timezone.now() + timedelta(hours=20)).replace(second=0, microsecond=0)
    group = _confirmed(start)
    guests = [BuyerProfileFactory().user for _n in range(3)]
    places = [_add(group, staff, person) for person in guests]
    services.participant_cancel(participant_id=places[2].pk, actor=staff, reason="Visa refused")
    with django_capture_on_commit_callbacks(execute=True):
        assert services.reminders_send_due() == 4  # the artisan, the lead buyer, two guests
    with django_capture_on_commit_callbacks(execute=True):
        assert services.reminders_send_due() == 0  # a second beat claims nothing
    reminded = set(Reminder.objects.filter(meeting=group).values_list("user_id", flat=True))
    assert reminded == {group.artisan_user_id, group.buyer_user_id, guests[0].pk, guests[1].pk}
    assert sorted(_keys(f"meeting-reminder:{group.pk}:")) == sorted(
        [group.artisan_user.email, group.buyer_user.email, guests[0].email, guests[1].email]
    )


def test_cancelling_one_place_leaves_the_meeting_and_the_others(staff, django_capture_on_commit_callbacks):
    group = _confirmed()
    stays, leaves = BuyerProfileFactory().user, BuyerProfileFactory().user
    with django_capture_on_commit_callbacks(execute=True):
        _add(group, staff, stays)
        place = _add(group, staff, leaves)
    with django_capture_on_commit_callbacks(execute=True):
        services.participant_cancel(participant_id=place.pk, actor=leaves, reason="Flight moved")
    group.refresh_from_db()
    assert group.status == Meeting.Status.CONFIRMED and group.sequence == 0
    statuses = dict(group.participants.values_list("user_id", "status"))
    assert statuses[leaves.pk] == Place.Status.CANCELLED and statuses[stays.pk] == Place.Status.INVITED
    assert _keys("meeting-participant-cancellation:") == [leaves.email]
    assert _keys(f"meeting-cancellation:{group.pk}:") == []
    # Their time is free again: another meeting at that hour may take them.
    _add(_confirmed(), staff, leaves)
    with pytest.raises(services.MeetingError, match="already cancelled"):
        services.participant_cancel(participant_id=place.pk, actor=leaves, reason="again")
    lead = group.participants.get(lead=True)
    with pytest.raises(services.MeetingError, match="cancels the meeting itself"):
        services.participant_cancel(participant_id=lead.pk, actor=staff, reason="no")


def test_a_participant_cancels_only_their_own_place(staff):
    group = _confirmed()
    first, second = BuyerProfileFactory().user, BuyerProfileFactory().user
    _add(group, staff, first)
    place = _add(group, staff, second)
    with pytest.raises(services.MeetingError, match="Only agency staff"):
        services.participant_cancel(participant_id=place.pk, actor=first, reason="not mine")
    services.participant_cancel(participant_id=place.pk, actor=staff, reason="Visa refused")


def test_each_participant_records_their_own_outcome(staff):
    group = _confirmed(in_days(-1))
    first, second = BuyerProfileFactory().user, BuyerProfileFactory().user
    places = [_add(group, staff, first), _add(group, staff, second)]
    services.participant_outcome_record(
        participant_id=places[0].pk,
        actor=first,
        attendance="held",
        interest=Outcome.Interest.HIGH,
        next_step=Outcome.NextStep.ORDER,
    )
    services.participant_outcome_record(
        participant_id=places[1].pk,
        actor=second,
        attendance="held",
        interest=Outcome.Interest.LOW,
        next_step=Outcome.NextStep.NONE,
    )
    assert dict(Outcome.objects.filter(meeting=group).values_list("user_id", "interest")) == {
        first.pk: Outcome.Interest.HIGH,
        second.pk: Outcome.Interest.LOW,
    }
    with pytest.raises(services.MeetingError, match="not yours"):
        services.participant_outcome_record(
            participant_id=places[0].pk, actor=second, attendance="held", interest=1, next_step="none"
        )
    future = _confirmed(in_days(5))
    place = _add(future, staff, BuyerProfileFactory().user)
    with pytest.raises(services.MeetingError, match="once the meeting has ended"):
        services.participant_outcome_record(
            participant_id=place.pk, actor=place.user, attendance="held", interest=1, next_step="none"
        )


def test_a_participant_sees_the_meeting_and_others_get_a_404(client, staff, other_buyer):
    group = _confirmed()
    guest = BuyerProfileFactory().user
    place = _add(group, staff, guest)
    url = reverse("meetings:detail", args=[group.public_id])
    client.force_login(guest)
    page = client.get(url)
    assert page.status_code == 200 and b"Confirm my place" in page.content
    assert client.get(reverse("meetings:ics", args=[group.public_id])).status_code == 200
    client.post(reverse("meetings:place", args=[group.public_id, "confirm"]))
    place.refresh_from_db()
    assert place.status == Place.Status.CONFIRMED
    client.post(reverse("meetings:place", args=[group.public_id, "cancel"]), {"place-reason": "Ill"})
    place.refresh_from_db()
    assert place.status == Place.Status.CANCELLED
    assert client.get(url).status_code == 404  # a cancelled place no longer opens the meeting
    client.force_login(other_buyer)
    assert client.get(url).status_code == 404
    assert client.post(reverse("meetings:place", args=[group.public_id, "confirm"])).status_code == 404


def test_the_meeting_page_takes_the_same_queries_for_two_or_eight_participants(client, staff):
    def page_queries(count):
        group = _confirmed(in_days(10 + count))
        for _n in range(count):
            _add(group, staff, BuyerProfileFactory().user)
        client.force_login(group.buyer_user)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("meetings:detail", args=[group.public_id])).status_code == 200
        return len(queries)

    assert page_queries(8) == page_queries(2)


def test_each_buyer_of_a_held_group_meeting_may_start_a_deal_from_it(client, staff):
    group = _confirmed(in_days(-1))
    guest, gone = BuyerProfileFactory().user, BuyerProfileFactory().user
    _add(group, staff, guest)
    place = _add(group, staff, gone)
    services.participant_cancel(participant_id=place.pk, actor=staff, reason="Did not travel")
    url = reverse("deals:meeting-start", args=[group.public_id])
    client.force_login(guest)
    assert client.get(url).status_code == 404  # not held yet: nobody said so
    services.participant_outcome_record(
        participant_id=group.participants.get(user=guest).pk,
        actor=guest,
        attendance="held",
        interest=3,
        next_step="order",
    )
    assert client.get(url).status_code == 200
    client.force_login(group.buyer_user)
    assert client.get(url).status_code == 200
    client.force_login(gone)
    assert client.get(url).status_code == 404


def test_staff_add_a_participant_in_the_admin_through_the_service(login, staff, settings):
    settings.REQUIRE_STAFF_MFA = False
    group = _confirmed()
    guest = BuyerProfileFactory().user
    client = login(staff)
    url = reverse("admin:meetings_meeting_add_participant", args=[group.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"email": guest.email.upper(), "role": "interpreter"})
    assert response.status_code == 302
    assert group.participants.get(user=guest).role == Place.Role.INTERPRETER
    again = client.post(url, {"email": guest.email, "role": "buyer"})
    assert again.status_code == 200 and b"already at this meeting" in again.content
    unknown = client.post(url, {"email": "nobody@example.org", "role": "buyer"})
    assert b"No account has this email" in unknown.content
