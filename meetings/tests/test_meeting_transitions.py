"""Every transition of the state machine in meetings/services.py, and every refused one."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from accounts.tests.factories import BuyerUserFactory
from artisans.models import ArtisanProfile
from catalog.tests.factories import ArtisanProfileFactory, ProductFactory
from meetings import services
from meetings.models import Meeting, MeetingEvent, Message
from meetings.tests.factories import MeetingFactory, in_days
from programs.models import Application, ProgramBuyer
from programs.tests.factories import ProgramFactory

pytestmark = pytest.mark.django_db
Status = Meeting.Status


@pytest.fixture
def requested(workshop, shop, buyer):
    return services.meeting_request(
        buyer_user=buyer, artisan=workshop, proposed_starts=[in_days(7), in_days(8)],
        duration_minutes=60, mode=Meeting.Mode.VIRTUAL, message="We love your bowls.",
    )


def _events(meeting):
    return list(MeetingEvent.objects.filter(meeting=meeting).values_list("action", "from_status", "to_status"))


def _reload(meeting):
    return Meeting.objects.get(pk=meeting.pk)


# --- request ------------------------------------------------------------------------------


def test_buyer_requests_a_meeting_and_the_artisan_is_told(workshop, shop, buyer, artisan, product, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        meeting = services.meeting_request(
            buyer_user=buyer, artisan=workshop, proposed_starts=[in_days(8), in_days(7)],
            duration_minutes=45, mode=Meeting.Mode.IN_PERSON, location="Stand 12, Maison&Objet",
            message="Hello", products=[product],
        )
    assert meeting.status == Status.REQUESTED
    assert meeting.proposed_starts == [in_days(7), in_days(8)]
    assert meeting.artisan_user == artisan and meeting.buyer_user == buyer
    assert list(meeting.products.all()) == [product]
    assert Message.objects.get(meeting=meeting).body == "Hello"
    assert _events(meeting) == [("request", "", "requested")]
    assert [m.to for m in mail.outbox] == [[artisan.email]]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"proposed_starts": []}, "between one and three"),
        ({"proposed_starts": [in_days(2), in_days(3), in_days(4), in_days(5)]}, "between one and three"),
        ({"proposed_starts": [timezone.now() - timedelta(hours=1)]}, "already passed"),
        ({"duration_minutes": 20}, "length"),
        ({"mode": Meeting.Mode.IN_PERSON, "location": " "}, "in person"),
    ],
)
def test_invalid_requests_are_refused(workshop, shop, buyer, kwargs, message):
    arguments = {"buyer_user": buyer, "artisan": workshop, "proposed_starts": [in_days(7)],
                 "duration_minutes": 60, "mode": Meeting.Mode.VIRTUAL, **kwargs}
    with pytest.raises(services.MeetingError, match=message):
        services.meeting_request(**arguments)
    assert not Meeting.objects.exists()


def test_request_to_an_artisan_not_approved_is_refused(shop, buyer):
    pending = ArtisanProfileFactory(status=ArtisanProfile.Status.PENDING)
    with pytest.raises(services.MeetingError):
        services.meeting_request(buyer_user=buyer, artisan=pending, proposed_starts=[in_days(7)],
                                 duration_minutes=60, mode=Meeting.Mode.VIRTUAL)


def test_request_to_an_artisan_only_in_a_private_program_the_buyer_did_not_join_is_refused(workshop, shop, buyer):
    # The service is the rule, not only the request page: a direct call is refused too.
    private = ProgramFactory(public_catalog=False)
    Application.objects.create(program=private, artisan=workshop, status=Application.Status.ACCEPTED)
    arguments = dict(buyer_user=buyer, artisan=workshop, proposed_starts=[in_days(7)],
                     duration_minutes=private.meeting_minutes, mode=Meeting.Mode.VIRTUAL)
    with pytest.raises(services.MeetingError, match="cannot be met"):
        services.meeting_request(**arguments)
    assert not Meeting.objects.exists()
    ProgramBuyer.objects.create(program=private, user=buyer)
    assert services.meeting_request(**arguments).status == Status.REQUESTED


def test_request_by_buyer_without_profile_or_by_artisan_is_refused(workshop, artisan):
    for user in (BuyerUserFactory(), artisan):
        with pytest.raises(services.MeetingError):
            services.meeting_request(buyer_user=user, artisan=workshop, proposed_starts=[in_days(7)],
                                     duration_minutes=60, mode=Meeting.Mode.VIRTUAL)


def test_request_with_another_artisans_product_is_refused(workshop, shop, buyer):
    foreign = ProductFactory()
    with pytest.raises(services.MeetingError, match="catalog"):
        services.meeting_request(buyer_user=buyer, artisan=workshop, proposed_starts=[in_days(7)],
                                 duration_minutes=60, mode=Meeting.Mode.VIRTUAL, products=[foreign])


# --- accept / decline / counter -----------------------------------------------------------


def test_artisan_accepts_a_proposed_time(requested, artisan, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        meeting = services.meeting_accept(meeting_id=requested.pk, actor=artisan, start_at=in_days(8))
    meeting = _reload(meeting)
    assert meeting.status == Status.CONFIRMED
    assert meeting.start_at == in_days(8)
    assert meeting.end_at == in_days(8) + timedelta(minutes=60)
    assert meeting.proposed_starts == []
    assert len(meeting.video_token) >= 30
    assert meeting.video_url.startswith("https://meet.jit.si/")
    assert _events(meeting)[-1] == ("accept", "requested", "confirmed")
    # One invitation each, with the calendar attached.
    invitations = [m for m in mail.outbox if m.extra_headers["X-CraftMatch-Key"].startswith("meeting-invitation")]
    assert sorted(m.to[0] for m in invitations) == sorted([requested.buyer_user.email, artisan.email])


def test_accepting_a_time_that_was_not_proposed_is_refused(requested, artisan):
    with pytest.raises(services.MeetingError, match="proposed times"):
        services.meeting_accept(meeting_id=requested.pk, actor=artisan, start_at=in_days(9))
    assert _reload(requested).status == Status.REQUESTED


def test_buyer_cannot_accept_their_own_request(requested, buyer):
    with pytest.raises(services.MeetingError, match="Only the artisan"):
        services.meeting_accept(meeting_id=requested.pk, actor=buyer, start_at=in_days(7))


def test_stranger_cannot_act_on_a_meeting(requested, other_artisan, other_buyer):
    for stranger in (other_artisan, other_buyer):
        with pytest.raises(services.MeetingError, match="not yours"):
            services.meeting_cancel(meeting_id=requested.pk, actor=stranger, reason="x")
    assert _reload(requested).status == Status.REQUESTED


def test_accepting_a_time_that_has_passed_is_refused(requested, artisan):
    with pytest.raises(services.MeetingError, match="already passed"):
        services.meeting_accept(meeting_id=requested.pk, actor=artisan, start_at=in_days(7),
                                now=in_days(7) + timedelta(minutes=5))


def test_artisan_declines_with_a_reason(requested, artisan, buyer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_decline(meeting_id=requested.pk, actor=artisan, reason="We are at a fair.")
    meeting = _reload(requested)
    assert meeting.status == Status.DECLINED
    assert meeting.decline_reason == "We are at a fair."
    assert _events(meeting)[-1] == ("decline", "requested", "declined")
    assert mail.outbox[-1].to == [buyer.email]


def test_declining_a_request_needs_a_reason(requested, artisan):
    with pytest.raises(services.MeetingError, match="reason"):
        services.meeting_decline(meeting_id=requested.pk, actor=artisan, reason="  ")


def test_artisan_counters_and_the_buyer_confirms(requested, artisan, buyer):
    services.meeting_counter(meeting_id=requested.pk, actor=artisan, start_at=in_days(9), note="Thursday?")
    meeting = _reload(requested)
    assert meeting.status == Status.COUNTERED
    assert meeting.proposed_starts == [in_days(9)]
    assert meeting.proposed_by == artisan
    with pytest.raises(services.MeetingError, match="Only the buyer"):
        services.meeting_confirm(meeting_id=meeting.pk, actor=artisan)
    services.meeting_confirm(meeting_id=meeting.pk, actor=buyer)
    meeting = _reload(meeting)
    assert meeting.status == Status.CONFIRMED
    assert meeting.start_at == in_days(9)
    assert meeting.sequence == 0
    assert [e[0] for e in _events(meeting)] == ["request", "counter", "confirm"]


def test_buyer_declines_the_counter(requested, artisan, buyer):
    services.meeting_counter(meeting_id=requested.pk, actor=artisan, start_at=in_days(9))
    services.meeting_decline(meeting_id=requested.pk, actor=buyer, reason="")
    meeting = _reload(requested)
    assert meeting.status == Status.DECLINED
    assert _events(meeting)[-1] == ("decline", "countered", "declined")


def test_counter_by_buyer_or_after_an_answer_is_refused(requested, artisan, buyer):
    with pytest.raises(services.MeetingError, match="Only the artisan"):
        services.meeting_counter(meeting_id=requested.pk, actor=buyer, start_at=in_days(9))
    services.meeting_accept(meeting_id=requested.pk, actor=artisan, start_at=in_days(7))
    with pytest.raises(services.MeetingError, match="confirmed"):
        services.meeting_counter(meeting_id=requested.pk, actor=artisan, start_at=in_days(9))


def test_confirm_without_a_proposal_on_the_table_is_refused(requested, artisan, buyer):
    with pytest.raises(services.MeetingError, match="cannot confirm"):
        services.meeting_confirm(meeting_id=requested.pk, actor=buyer)


# --- reschedule ---------------------------------------------------------------------------


@pytest.fixture
def confirmed(requested, artisan):
    return services.meeting_accept(meeting_id=requested.pk, actor=artisan, start_at=in_days(7))


def test_buyer_reschedules_and_the_artisan_confirms(confirmed, artisan, buyer):
    services.meeting_reschedule(meeting_id=confirmed.pk, actor=buyer, start_at=in_days(10), note="Sorry")
    meeting = _reload(confirmed)
    assert meeting.status == Status.RESCHEDULING
    # The agreed time stands until the new one is confirmed.
    assert meeting.start_at == in_days(7)
    with pytest.raises(services.MeetingError, match="other side"):
        services.meeting_confirm(meeting_id=meeting.pk, actor=buyer)
    services.meeting_confirm(meeting_id=meeting.pk, actor=artisan)
    meeting = _reload(meeting)
    assert meeting.status == Status.CONFIRMED
    assert meeting.start_at == in_days(10)
    assert meeting.sequence == 1
    assert _events(meeting)[-2:] == [("reschedule", "confirmed", "rescheduling"),
                                    ("confirm", "rescheduling", "confirmed")]


def test_declined_reschedule_keeps_the_agreed_time(confirmed, artisan, buyer):
    services.meeting_reschedule(meeting_id=confirmed.pk, actor=artisan, start_at=in_days(10))
    with pytest.raises(services.MeetingError, match="other side"):
        services.meeting_decline(meeting_id=confirmed.pk, actor=artisan, reason="")
    services.meeting_decline(meeting_id=confirmed.pk, actor=buyer, reason="Cannot then")
    meeting = _reload(confirmed)
    assert meeting.status == Status.CONFIRMED
    assert meeting.start_at == in_days(7)
    assert meeting.proposed_starts == []
    assert meeting.sequence == 0
    assert _events(meeting)[-1] == ("decline", "rescheduling", "confirmed")


def test_reschedule_of_a_request_or_to_the_same_time_is_refused(requested, artisan, buyer):
    with pytest.raises(services.MeetingError, match="cannot reschedule"):
        services.meeting_reschedule(meeting_id=requested.pk, actor=buyer, start_at=in_days(10))
    services.meeting_accept(meeting_id=requested.pk, actor=artisan, start_at=in_days(7))
    with pytest.raises(services.MeetingError, match="already agreed"):
        services.meeting_reschedule(meeting_id=requested.pk, actor=buyer, start_at=in_days(7))


def test_reschedule_while_another_is_pending_is_refused(confirmed, artisan, buyer):
    services.meeting_reschedule(meeting_id=confirmed.pk, actor=artisan, start_at=in_days(10))
    with pytest.raises(services.MeetingError, match="cannot reschedule"):
        services.meeting_reschedule(meeting_id=confirmed.pk, actor=buyer, start_at=in_days(11))


# --- cancel -------------------------------------------------------------------------------


def test_buyer_withdraws_a_request(requested, buyer, artisan, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_cancel(meeting_id=requested.pk, actor=buyer, reason="Plans changed")
    meeting = _reload(requested)
    assert meeting.status == Status.CANCELLED
    assert meeting.cancelled_by == buyer
    assert meeting.sequence == 0
    assert mail.outbox[-1].to == [artisan.email]


def test_artisan_cancels_a_confirmed_meeting_and_both_calendars_are_told(confirmed, artisan, buyer, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_cancel(meeting_id=confirmed.pk, actor=artisan, reason="Ill")
    meeting = _reload(confirmed)
    assert meeting.status == Status.CANCELLED
    assert meeting.sequence == 1
    assert _events(meeting)[-1] == ("cancel", "confirmed", "cancelled")
    assert sorted(m.to[0] for m in mail.outbox) == sorted([artisan.email, buyer.email])
    assert all(m.extra_headers["X-CraftMatch-Key"].startswith("meeting-cancellation:") for m in mail.outbox)


def test_cancel_needs_a_reason_and_cannot_be_repeated(confirmed, buyer):
    with pytest.raises(services.MeetingError, match="reason"):
        services.meeting_cancel(meeting_id=confirmed.pk, actor=buyer, reason="")
    services.meeting_cancel(meeting_id=confirmed.pk, actor=buyer, reason="No budget")
    with pytest.raises(services.MeetingError, match="cancelled"):
        services.meeting_cancel(meeting_id=confirmed.pk, actor=buyer, reason="Again")


@pytest.mark.parametrize("final", [Status.DECLINED, Status.CANCELLED])
def test_nothing_happens_to_a_closed_meeting(final, workshop, shop, artisan, buyer):
    meeting = MeetingFactory(artisan=workshop, buyer=shop, status=final)
    attempts = [
        lambda: services.meeting_accept(meeting_id=meeting.pk, actor=artisan, start_at=meeting.proposed_starts[0]),
        lambda: services.meeting_decline(meeting_id=meeting.pk, actor=artisan, reason="x"),
        lambda: services.meeting_counter(meeting_id=meeting.pk, actor=artisan, start_at=in_days(9)),
        lambda: services.meeting_confirm(meeting_id=meeting.pk, actor=buyer),
        lambda: services.meeting_reschedule(meeting_id=meeting.pk, actor=buyer, start_at=in_days(9)),
        lambda: services.meeting_cancel(meeting_id=meeting.pk, actor=buyer, reason="x"),
        lambda: services.meeting_complete(meeting_id=meeting.pk, actor=buyer),
    ]
    for attempt in attempts:
        with pytest.raises(services.MeetingError):
            attempt()
    assert _reload(meeting).status == final
    assert not MeetingEvent.objects.filter(meeting=meeting).exists()


# --- completion and outcome ---------------------------------------------------------------


def test_outcome_after_the_end_completes_the_meeting(confirmed, artisan, buyer):
    after = confirmed.end_at + timedelta(minutes=1)
    with pytest.raises(services.MeetingError, match="not ended"):
        services.outcome_record(meeting_id=confirmed.pk, actor=buyer, attendance="held", interest=3,
                                next_step="samples", now=confirmed.start_at)
    outcome = services.outcome_record(
        meeting_id=confirmed.pk, actor=buyer, attendance="held", interest=3, next_step="order",
        estimated_order_value=2500, currency="USD", now=after,
    )
    assert outcome.next_step == "order"
    meeting = _reload(confirmed)
    assert meeting.status == Status.COMPLETED
    assert _events(meeting)[-1] == ("complete", "confirmed", "completed")
    # The other side records theirs; the meeting is not completed twice.
    services.outcome_record(meeting_id=confirmed.pk, actor=artisan, attendance="no_show", interest=0,
                            next_step="none", now=after)
    assert [e[0] for e in _events(meeting)].count("complete") == 1
    assert meeting.outcomes.count() == 2
    # Recording again updates.
    services.outcome_record(meeting_id=confirmed.pk, actor=buyer, attendance="held", interest=2,
                            next_step="follow_up", now=after)
    assert meeting.outcomes.get(user=buyer).next_step == "follow_up"


def test_cancel_after_the_end_is_refused(confirmed, buyer):
    with pytest.raises(services.MeetingError, match="over"):
        services.meeting_cancel(meeting_id=confirmed.pk, actor=buyer, reason="late",
                                now=confirmed.end_at + timedelta(hours=1))


def test_outcome_of_a_request_is_refused(requested, buyer):
    with pytest.raises(services.MeetingError):
        services.outcome_record(meeting_id=requested.pk, actor=buyer, attendance="held", interest=1,
                                next_step="none")

