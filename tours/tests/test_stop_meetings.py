"""A tour's stop is a group meeting: booked when its host confirms, moved and cancelled with it,
refused whole when someone on board is busy, with outcomes per person and deals from the visit."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from accounts.tests.factories import UserFactory
from catalog.tests.factories import ArtisanProfileFactory
from common.statemachine import TransitionRefused
from common.tests.races import race
from meetings import services as meeting_services
from meetings.models import Meeting, MeetingParticipant, Outcome
from notifications.models import Email
from tours import services
from tours.models import Participant, PlannedStop, StopEvent, StopOutcome
from tours.tests.factories import FIRST_DAY, make_tour, staff_planner

ARRIVAL = datetime(2026, 10, 6, 9, 30, tzinfo=UTC)


def _stop_tour():
    """One day, one van: three buyers, a journalist, an interpreter and the driver ride it; two workshops."""
    tour = make_tour(artisans=2, buyers=3, vehicles=1, days=1)
    van = tour.vehicles.get()
    for role in (Participant.Role.JOURNALIST, Participant.Role.INTERPRETER, Participant.Role.DRIVER):
        Participant.objects.create(
            tour=tour, user=UserFactory(), role=role, arrives_on=FIRST_DAY, leaves_on=FIRST_DAY
        )
    tour.participants.update(vehicle=van)
    day = tour.days.get()
    stops = []
    for n, candidate in enumerate(tour.candidates.order_by("pk")):
        arrival = ARRIVAL + timedelta(hours=4 * n)  # 10:30 and 14:30 in Fez, around lunch
        stops.append(
            PlannedStop.objects.create(
                tour=tour,
                candidate=candidate,
                day=day,
                vehicle=van,
                arrival_at=arrival,
                departure_at=arrival + timedelta(hours=1),
            )
        )
    return tour, stops


def _buyers(tour) -> list:
    return [p.user for p in tour.participants.filter(role=Participant.Role.BUYER).order_by("pk")]


@pytest.mark.django_db
def test_confirming_a_stop_books_one_group_meeting_with_the_host_and_the_riders():
    tour, (stop, _other) = _stop_tour()
    host = stop.candidate.artisan.user
    services.planned_stop_confirm(stop=stop, by=host)
    stop.refresh_from_db()
    meeting = stop.meeting
    assert meeting.status == Meeting.Status.CONFIRMED and meeting.mode == Meeting.Mode.IN_PERSON
    assert (meeting.start_at, meeting.end_at) == (stop.arrival_at, stop.departure_at)
    assert meeting.artisan_user_id == host.pk and meeting.program_id == tour.program_id
    assert meeting.location == stop.candidate.address
    buyers = _buyers(tour)
    assert meeting.buyer_user_id == buyers[0].pk  # the first buyer on the tour leads
    places = {p.user_id: p.role for p in meeting.participants.exclude(status="cancelled")}
    journalist, interpreter, driver = (
        tour.participants.get(role=role).user_id for role in ("journalist", "interpreter", "driver")
    )
    assert places == {
        **{b.pk: "buyer" for b in buyers},
        journalist: "journalist",
        interpreter: "interpreter",
    }
    assert driver not in places and host.pk not in places
    # The itinerary stands for the invitations: the meeting owes and queues none of its own.
    assert meeting.calendar_due == ""
    assert not Email.objects.filter(key__startswith=f"meeting-invitation:{meeting.pk}:").exists()


@pytest.mark.django_db(transaction=True)
def test_two_confirmations_at_once_make_one_meeting():
    _tour, (stop, _other) = _stop_tour()
    host = stop.candidate.artisan.user
    result = race(
        [lambda: services.planned_stop_confirm(stop=stop, by=host) for _ in range(2)],
        refused=TransitionRefused,
    )
    assert not result.errors, result.errors
    assert len(result.wins) == 1 and len(result.refusals) == 1
    stop.refresh_from_db()
    assert Meeting.objects.filter(artisan=stop.candidate.artisan).count() == 1
    assert Meeting.objects.get().pk == stop.meeting_id


@pytest.mark.django_db
def test_moving_a_confirmed_stop_reschedules_its_meeting_and_the_host_keeps_it():
    tour, (stop, _other) = _stop_tour()
    host = stop.candidate.artisan.user
    services.planned_stop_confirm(stop=stop, by=host)
    stop.refresh_from_db()
    meeting_id, sequence = stop.meeting_id, stop.meeting.sequence
    later = stop.arrival_at + timedelta(minutes=30)
    services.planned_stop_move(stop=stop, by=staff_planner(), arrival_at=later)
    stop.refresh_from_db()
    meeting = Meeting.objects.get(pk=meeting_id)
    assert stop.status == "proposed" and stop.meeting_id == meeting_id
    assert stop.departure_at == later + timedelta(hours=1)  # the visit keeps its length
    assert meeting.status == "confirmed" and meeting.sequence == sequence + 1
    assert (meeting.start_at, meeting.end_at) == (later, later + timedelta(hours=1))
    assert set(meeting.participants.values_list("start_at", flat=True)) == {later}
    services.planned_stop_confirm(stop=stop, by=host)
    stop.refresh_from_db()
    assert stop.meeting_id == meeting_id and Meeting.objects.count() == 1


@pytest.mark.django_db
def test_cancelling_the_stop_cancels_its_meeting():
    tour, (stop, _other) = _stop_tour()
    services.planned_stop_confirm(stop=stop, by=stop.candidate.artisan.user)
    stop.refresh_from_db()
    services.planned_stop_cancel(stop=stop, by=staff_planner())
    meeting = Meeting.objects.get(pk=stop.meeting_id)
    assert meeting.status == Meeting.Status.CANCELLED
    assert not MeetingParticipant.objects.filter(meeting=meeting, meeting_booked=True).exists()


@pytest.mark.django_db
def test_a_buyer_with_a_meeting_at_that_time_cannot_be_put_on_the_stop():
    tour, (stop, _other) = _stop_tour()
    busy = _buyers(tour)[1]
    busy.full_name = "Jonas Berg"
    busy.save(update_fields=["full_name"])
    elsewhere = ArtisanProfileFactory(indexed=False)
    meeting_services.meeting_schedule(
        artisan=elsewhere,
        buyer_user=busy,
        start_at=stop.arrival_at + timedelta(minutes=15),
        duration_minutes=30,
        mode=Meeting.Mode.VIRTUAL,
        invite=False,
        now=stop.arrival_at - timedelta(days=3),
    )
    host = stop.candidate.artisan.user
    with pytest.raises(TransitionRefused, match="Jonas Berg already has a meeting at this time"):
        services.planned_stop_confirm(stop=stop, by=host)
    stop.refresh_from_db()
    # Nothing of the confirmation is kept: the stop still awaits its host, no visit meeting exists.
    assert stop.status == "proposed" and stop.meeting_id is None and stop.confirmed_arrival_at is None
    assert not StopEvent.objects.filter(stop=stop, action="confirm").exists()
    assert not Meeting.objects.filter(artisan=stop.candidate.artisan).exists()


@pytest.mark.django_db
def test_moving_a_stop_onto_a_buyers_other_meeting_is_refused_whole():
    tour, (stop, _other) = _stop_tour()
    services.planned_stop_confirm(stop=stop, by=stop.candidate.artisan.user)
    stop.refresh_from_db()
    busy = _buyers(tour)[2]
    later = stop.arrival_at + timedelta(minutes=40)
    meeting_services.meeting_schedule(
        artisan=ArtisanProfileFactory(indexed=False),
        buyer_user=busy,
        start_at=stop.departure_at + timedelta(minutes=5),
        duration_minutes=30,
        mode=Meeting.Mode.VIRTUAL,
        invite=False,
        now=stop.arrival_at - timedelta(days=3),
    )
    with pytest.raises(TransitionRefused, match="already has a meeting at this time"):
        services.planned_stop_move(stop=stop, by=staff_planner(), arrival_at=later)
    stop.refresh_from_db()
    assert stop.status == "confirmed" and stop.arrival_at == ARRIVAL
    assert stop.meeting.start_at == ARRIVAL


@pytest.mark.django_db
def test_a_participant_cancelling_their_place_leaves_the_others_meeting():
    tour, (stop, _other) = _stop_tour()
    services.planned_stop_confirm(stop=stop, by=stop.candidate.artisan.user)
    stop.refresh_from_db()
    leaving = _buyers(tour)[2]
    place = MeetingParticipant.objects.get(meeting=stop.meeting, user=leaving)
    meeting_services.participant_cancel(participant_id=place.pk, actor=leaving, reason="Flight changed")
    meeting = Meeting.objects.get(pk=stop.meeting_id)
    assert meeting.status == "confirmed"
    holding = set(
        MeetingParticipant.objects.filter(meeting=meeting)
        .exclude(status="cancelled")
        .values_list("user_id", flat=True)
    )
    assert leaving.pk not in holding and len(holding) == 4  # two buyers, the journalist, the interpreter
    # Moving the visit keeps them off it.
    services.planned_stop_move(
        stop=stop, by=staff_planner(), arrival_at=stop.arrival_at + timedelta(minutes=20)
    )
    assert MeetingParticipant.objects.get(pk=place.pk).status == "cancelled"


@pytest.mark.django_db
def test_outcomes_are_per_participant_on_the_visits_meeting():
    tour, (stop, _other) = _stop_tour()
    services.planned_stop_confirm(stop=stop, by=stop.candidate.artisan.user)
    stop.refresh_from_db()
    first, second, _third = _buyers(tour)
    services.stop_outcome_record(stop=stop, user=first, held=True, interest=3, next_step="samples")
    services.stop_outcome_record(
        stop=stop, user=second, held=True, interest=1, next_step="none", notes="Pricey"
    )
    journalist = tour.participants.get(role="journalist").user
    services.stop_outcome_record(stop=stop, user=journalist, held=True, interest=2, next_step="follow_up")
    # Recording again replaces the person's own answer.
    services.stop_outcome_record(stop=stop, user=first, held=True, interest=2, next_step="order")
    outcomes = {o.user_id: (o.interest, o.next_step) for o in Outcome.objects.filter(meeting=stop.meeting)}
    assert outcomes == {first.pk: (2, "order"), second.pk: (1, "none"), journalist.pk: (2, "follow_up")}
    assert not StopOutcome.objects.exists()
    driver = tour.participants.get(role="driver").user
    with pytest.raises(TransitionRefused):
        services.stop_outcome_record(stop=stop, user=driver, held=True, interest=2, next_step="none")


@pytest.mark.django_db
def test_a_deal_starts_from_the_held_visit_for_a_buyer_on_it():
    tour, (stop, _other) = _stop_tour()
    services.planned_stop_confirm(stop=stop, by=stop.candidate.artisan.user)
    stop.refresh_from_db()
    first, second, _third = _buyers(tour)
    with pytest.raises(TransitionRefused, match="Record that the visit took place first"):
        services.stop_deal_start(stop=stop, user=second, specification="Tiles", quantity=10)
    services.stop_outcome_record(stop=stop, user=first, held=True, interest=3, next_step="order")
    deal = services.stop_deal_start(stop=stop, user=second, specification="Blue tiles", quantity=400)
    assert deal.meeting_id == stop.meeting_id and deal.source == "meeting"
    assert deal.program_id == tour.program_id and deal.buyer.user_id == second.pk


@pytest.mark.django_db
def test_a_visit_with_no_buyer_on_board_has_no_meeting():
    tour, (stop, _other) = _stop_tour()
    tour.participants.filter(role=Participant.Role.BUYER).update(vehicle=None)
    services.planned_stop_confirm(stop=stop, by=stop.candidate.artisan.user)
    stop.refresh_from_db()
    assert stop.status == "confirmed" and stop.meeting_id is None


@pytest.mark.django_db
def test_a_buyer_added_to_the_tour_without_a_profile_is_refused_clearly():
    tour, (stop, _other) = _stop_tour()
    user = UserFactory(full_name="Nadia Profileless")
    Participant.objects.create(
        tour=tour,
        user=user,
        role="buyer",
        vehicle=tour.vehicles.get(),
        arrives_on=FIRST_DAY,
        leaves_on=FIRST_DAY,
    )
    with pytest.raises(TransitionRefused, match="Nadia Profileless has no buyer profile"):
        services.planned_stop_confirm(stop=stop, by=stop.candidate.artisan.user)


@pytest.mark.django_db
def test_the_first_buyer_gives_up_their_place_like_the_others_and_cannot_cancel_the_visit():
    tour, (stop, _other) = _stop_tour()
    services.planned_stop_confirm(stop=stop, by=stop.candidate.artisan.user)
    stop.refresh_from_db()
    lead = stop.meeting.buyer_user
    # The visit is the tour's: neither its buyer nor its host cancels or moves it as a meeting.
    for actor in (lead, stop.candidate.artisan.user):
        with pytest.raises(meeting_services.MeetingError, match="part of its program's plan"):
            meeting_services.meeting_cancel(meeting_id=stop.meeting_id, actor=actor, reason="Ill")
    with pytest.raises(meeting_services.MeetingError, match="part of its program's plan"):
        meeting_services.meeting_staff_cancel(meeting_id=stop.meeting_id, actor=staff_planner(), reason="x")
    place = MeetingParticipant.objects.get(meeting=stop.meeting, user=lead)
    meeting_services.participant_cancel(participant_id=place.pk, actor=lead, reason="Ill")
    meeting = Meeting.objects.get(pk=stop.meeting_id)
    assert meeting.status == "confirmed"
    assert MeetingParticipant.objects.filter(meeting=meeting).exclude(status="cancelled").count() == 4
    # A moved visit keeps them off it.
    services.planned_stop_move(
        stop=stop, by=staff_planner(), arrival_at=stop.arrival_at + timedelta(minutes=20)
    )
    assert MeetingParticipant.objects.get(pk=place.pk).status == "cancelled"


@pytest.mark.django_db
def test_a_new_van_for_the_visit_gives_it_a_new_meeting_for_the_people_on_board():
    tour, (stop, _other) = _stop_tour()
    services.planned_stop_confirm(stop=stop, by=stop.candidate.artisan.user)
    stop.refresh_from_db()
    first = stop.meeting
    van2 = tour.vehicles.create(name="Van 2", seats=4)
    later_buyer = _buyers(tour)[2]
    tour.participants.filter(user=later_buyer).update(vehicle=van2)
    services.planned_stop_move(stop=stop, by=staff_planner(), arrival_at=stop.arrival_at, vehicle=van2)
    stop.refresh_from_db()
    assert Meeting.objects.get(pk=first.pk).status == "cancelled"
    assert stop.meeting_id != first.pk and stop.meeting.buyer_user_id == later_buyer.pk
    assert set(stop.meeting.participants.values_list("user_id", flat=True)) == {later_buyer.pk}
