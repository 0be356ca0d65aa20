"""Every write of a workshop tour: planning, staff adjustments, hosts' answers, seats, outcomes, mail.

A change of the planned stops raises the tour's version; once itineraries have been sent, each
change queues the participants' update (one mail per participant and version: the outbox key).

A stop is a group meeting once its host confirms it: `_visit_follow` books it (meetings'
visit_book: the host, and the buyers, journalists and interpreter riding the stop's vehicle that
day), moves it with the stop, and cancels it with the stop, inside the stop's own transaction: a
person the database finds in another meeting at that time refuses the change whole. Outcomes
and deals start from that meeting (participant_outcome_record, inquiry_send with the meeting).

Mail: the itinerary stands for the meeting's invitations, and the meeting mails none of its
own. A participant's itinerary (one per person and plan version, keyed in the outbox) already
carries every stop in their language with its calendar event, map links and PDF, and is sent
again when the plan changes; a meeting invitation per stop on top would give each person two
invitations, with two calendar events (two UIDs) for the same visit. The host is not a rider:
they confirm the visit on their page and find its meeting with their meetings. Reminders are
meetings' (one per person, kind and version), which the tour does not send.
"""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from common.runs import run_claim, run_fail, run_fail_lost
from common.statemachine import TransitionRefused
from deals.models import Deal
from deals.services import Line, inquiry_send
from meetings import selectors as meeting_selectors
from meetings import services as meeting_services
from meetings.models import Meeting, Outcome
from notifications.services import email_enqueue_template
from tours import planner, selectors, tasks
from tours.calendar import itinerary_ics
from tours.itinerary_pdf import build_itinerary_pdf
from tours.models import (
    ACTIVE_STOP,
    CandidateStop,
    Participant,
    PlannedStop,
    StopEvent,
    Tour,
    TourPlanRun,
    Vehicle,
)
from tours.transitions import STOPS, stop_roles


def _record(stop: PlannedStop, action: str, from_status: str, by: User | None) -> None:
    StopEvent.objects.create(
        stop=stop,
        action=action,
        from_status=from_status,
        to_status=stop.status,
        by=by,
        arrival_at=stop.arrival_at,
    )


def _changed(tour: Tour) -> None:
    """The plan changed: a new version, and the participants' update once itineraries are out."""
    Tour.objects.filter(pk=tour.pk).update(version=F("version") + 1)
    tour.refresh_from_db(fields=["version", "sent_version"])
    if tour.sent_version:
        _queue_itineraries(tour.pk)


def _queue_itineraries(tour_id: int) -> None:
    transaction.on_commit(lambda: tasks.send_itineraries_task.delay(tour_id))


# The riders the host meets at a visit (not staff, not the driver), as their meeting roles.
_MEETING_ROLE: dict[str, str] = {
    Participant.Role.BUYER: "buyer",
    Participant.Role.JOURNALIST: "journalist",
    Participant.Role.INTERPRETER: "interpreter",
}


def _guests(stop: PlannedStop) -> list[meeting_services.Guest]:
    """The people at a stop's visit: the buyers, journalists and interpreters riding its vehicle
    that day, in the order they joined the tour (its first buyer is the meeting's own buyer)."""
    riders = (
        Participant.objects.filter(
            tour_id=stop.tour_id,
            vehicle_id=stop.vehicle_id,
            role__in=list(_MEETING_ROLE),
            arrives_on__lte=stop.day.date,
            leaves_on__gte=stop.day.date,
        )
        .select_related("user__buyer_profile")
        .order_by("pk")
    )
    return [
        meeting_services.Guest(
            user=p.user,
            role=_MEETING_ROLE[p.role],
            buyer=getattr(p.user, "buyer_profile", None) if p.role == Participant.Role.BUYER else None,
        )
        for p in riders
    ]


def _visit_follow(stop: PlannedStop, by: User | None) -> None:
    """The stop's meeting in step with the stop, inside the stop's transaction.

    Confirmed: booked (or kept, moved to the stop's time and people). Moved and awaiting its host
    again: a booked meeting keeps the visit at its new time at once, so the people's calendars and
    the no-overlap rule follow the move; the host's answer keeps it (confirm) or cancelling drops
    it. Cancelled, or no buyer on the vehicle any more: the meeting is cancelled (a meeting needs a
    buyer: a visit of journalists alone has no meeting). A refusal of the database (someone on
    board already has a meeting then) is a TransitionRefused that undoes the whole change.
    """
    meeting = Meeting.objects.filter(pk=stop.meeting_id).first() if stop.meeting_id else None
    booked = meeting is not None and meeting.is_booked
    guests = _guests(stop) if stop.status != PlannedStop.Status.CANCELLED else []
    try:
        if not any(g.role == "buyer" for g in guests):
            if booked:
                assert meeting is not None
                reason = (
                    _("The visit was cancelled.")
                    if stop.status == PlannedStop.Status.CANCELLED
                    else _("No buyer is on this visit any more.")
                )
                meeting_services.visit_cancel(meeting_id=meeting.pk, actor=by, reason=reason)
            return
        if not booked and stop.status != PlannedStop.Status.CONFIRMED:
            return
        if booked:
            assert meeting is not None
            followed = meeting_services.visit_follow(
                meeting_id=meeting.pk,
                guests=guests,
                start_at=stop.arrival_at,
                end_at=stop.departure_at,
                location=stop.candidate.address,
                actor=by,
                reason=_("No longer on this visit's vehicle."),
            )
        else:
            followed = meeting_services.visit_book(
                artisan=stop.candidate.artisan,
                guests=guests,
                start_at=stop.arrival_at,
                end_at=stop.departure_at,
                location=stop.candidate.address,
                program=stop.tour.program,
                actor=by,
            )
    except meeting_services.MeetingError as error:
        raise TransitionRefused(error.message) from None
    if followed.pk != stop.meeting_id:
        stop.meeting = followed
        stop.save(update_fields=["meeting"])


def participant_assign_vehicle(*, participant: Participant, vehicle: Vehicle | None) -> Participant:
    """Seat a participant in a vehicle; the vehicle row is locked, then its riders counted."""
    with transaction.atomic():
        if vehicle is not None:
            locked = Vehicle.objects.select_for_update().get(pk=vehicle.pk)
            if locked.tour_id != participant.tour_id:
                raise TransitionRefused(_("This vehicle belongs to another tour."))
            taken = Participant.objects.filter(vehicle=locked).exclude(pk=participant.pk).count()
            if taken >= locked.seats:
                raise TransitionRefused(_("This vehicle has no free seat."))
        Participant.objects.filter(pk=participant.pk).update(vehicle=vehicle)
        participant.vehicle = vehicle
    return participant


def tour_plan_check(tour: Tour) -> None:
    """Why the tour cannot be planned again now (TransitionRefused), asked at the start and the write."""
    answered = tour.stops.filter(status__in=[PlannedStop.Status.CONFIRMED, PlannedStop.Status.HOST_PROPOSED])
    if answered.exists():
        raise TransitionRefused(
            _("Hosts have answered some stops: move or cancel them rather than planning the tour again.")
        )
    if not tour.days.exists() or not tour.vehicles.exists():
        raise TransitionRefused(_("Give the tour its days and at least one vehicle first."))


def tour_plan_request(*, tour: Tour, by: User | None) -> TourPlanRun:
    """Queue a run of the planner (solved by a worker, `tour_plan_run`); its page polls it.

    Refused at once when the tour cannot be planned. A tour has at most one run queued or
    running (the database's partial constraint): a second start is given the run under way.
    """
    tour_plan_check(tour)
    run_fail_lost(TourPlanRun.objects.filter(tour=tour), task=tasks.plan_tour_task)
    try:
        with transaction.atomic():
            run = TourPlanRun.objects.create(tour=tour, by=by, status=TourPlanRun.Status.QUEUED)
    except IntegrityError:
        active = TourPlanRun.objects.filter(tour=tour, status__in=TourPlanRun.ACTIVE).first()
        if active is None:  # it finished between our insert and this read: start anew
            return tour_plan_request(tour=tour, by=by)
        return active
    run_id = run.pk
    transaction.on_commit(lambda: tasks.plan_tour_task.delay(run_id))
    return run


def tour_plan_run(*, run_id: int, seconds: float = 5.0) -> TourPlanRun | None:
    """Solve a queued run once (a second delivery of its task does nothing), then write its plan.

    Buyers without a seat are seated first, in the vehicle with most free seats. The planner
    then solves a snapshot of the tour without holding its lock; the writes lock the tour, ask
    `tour_plan_check` again (a host may have answered meanwhile: the run fails with that reason)
    and read the tour again: if it is not what was solved, the run is stale and writes nothing.
    """
    claimed = run_claim(
        TourPlanRun, run_id, waiting=TourPlanRun.Status.QUEUED, running=TourPlanRun.Status.RUNNING
    )
    run = TourPlanRun.objects.select_related("tour__program", "by").filter(pk=run_id).first()
    if not claimed or run is None:
        return run
    try:
        return _tour_plan_solve_and_write(run, seconds=seconds)
    except TransitionRefused as refused:
        run_fail(TourPlanRun, run_id, failed=TourPlanRun.Status.FAILED, error=refused.message)
    except Exception as error:  # marked failed where staff see it, the slot freed; re-raised for the logs
        run_fail(TourPlanRun, run_id, failed=TourPlanRun.Status.FAILED, error=repr(error))
        raise
    run.refresh_from_db()
    return run


def _tour_plan_seat(tour: Tour) -> None:
    with transaction.atomic():
        tour = Tour.objects.select_for_update().get(pk=tour.pk)
        tour_plan_check(tour)
        for participant in tour.participants.filter(vehicle__isnull=True):
            free = sorted(tour.vehicles.all(), key=lambda v: v.riders.count() - v.seats)
            for vehicle in free:
                try:
                    participant_assign_vehicle(participant=participant, vehicle=vehicle)
                    break
                except TransitionRefused:
                    continue


def _tour_plan_solve_and_write(run: TourPlanRun, *, seconds: float) -> TourPlanRun:
    by = run.by
    _tour_plan_seat(run.tour)
    solved_version = Tour.objects.values_list("version", flat=True).get(pk=run.tour_id)
    solved = selectors.tour_problem(run.tour)
    solution = planner.plan(solved.problem, seconds=seconds)
    with transaction.atomic():
        tour = Tour.objects.select_for_update().select_related("program").get(pk=run.tour_id)
        tour_plan_check(tour)
        built = selectors.tour_problem(tour)
        # The version moves with every change of the stops; the problem holds the rest (days,
        # vehicles and who rides them, candidates, hours, travel times, recommendations).
        if tour.version != solved_version or built.problem != solved.problem:
            run.status = TourPlanRun.Status.STALE
            run.finished_at = timezone.now()
            run.save(update_fields=["status", "finished_at"])
            return run
        for stop in tour.stops.filter(status=PlannedStop.Status.PROPOSED):
            stop.status = PlannedStop.Status.CANCELLED
            stop.save(update_fields=["status"])
            _record(stop, "replan", PlannedStop.Status.PROPOSED, by)
            _visit_follow(stop, by)
        for route in solution.routes:
            for visit in route.visits:
                stop = PlannedStop.objects.create(
                    tour=tour,
                    candidate_id=visit.stop_id,
                    day=built.days[route.day],
                    vehicle_id=route.vehicle,
                    arrival_at=built.to_utc(visit.arrival),
                    departure_at=built.to_utc(visit.departure),
                    value=built.problem.values.get((visit.stop_id, route.day, route.vehicle), 0),
                )
                _record(stop, "plan", "", by)
        Tour.objects.filter(pk=tour.pk).update(
            planned_at=timezone.now(), plan_value=solution.value, baseline_value=solution.baseline_value
        )
        _changed(tour)
        run.status = TourPlanRun.Status.DONE
        run.finished_at = timezone.now()
        run.stops = sum(len(r.visits) for r in solution.routes)
        run.value, run.baseline_value = solution.value, solution.baseline_value
        run.save()
    return run


def _check_route(stop: PlannedStop, *, vehicle_id: int, arrival: datetime) -> None:
    """The vehicle's day with the stop at its new time keeps the planner's rules, or the reason why not."""
    built = selectors.tour_problem(stop.tour)
    index = (stop.day.date - built.first_day).days
    others = [
        s
        for s in stop.tour.stops.filter(
            status__in=["proposed", "host_proposed", "confirmed"], vehicle_id=vehicle_id, day=stop.day
        ).exclude(pk=stop.pk)
    ]
    start = built.to_minutes(arrival)
    visits = sorted(
        [
            planner.Visit(s.candidate_id, built.to_minutes(s.arrival_at), built.to_minutes(s.departure_at))
            for s in others
        ]
        + [planner.Visit(stop.candidate_id, start, start + stop.candidate.visit_minutes)],
        key=lambda v: v.arrival,
    )
    day = next((d for d in built.problem.days if d.index == index), None)
    if day is None:
        raise TransitionRefused(_("This day is not part of the tour."))
    route = planner.Route(index, vehicle_id, tuple(visits), day.absolute(day.start), day.absolute(day.end))
    if planner.violations(built.problem, [route]):
        raise TransitionRefused(
            _(
                "At that time the visit breaks the plan: outside the workshop's opening hours or the day, "
                "across a break, or too close to another visit."
            )
        )


def _locked(stop: PlannedStop) -> PlannedStop:
    return (
        PlannedStop.objects.select_for_update()
        .select_related("tour__program", "candidate__artisan", "day")
        .get(pk=stop.pk)
    )


def planned_stop_move(
    *, stop: PlannedStop, by: User, arrival_at: datetime, vehicle: Vehicle | None = None
) -> PlannedStop:
    """Staff move a stop (same day); it waits for its host again, even when it was confirmed."""
    with transaction.atomic():
        Tour.objects.select_for_update().filter(pk=stop.tour_id).first()
        stop = _locked(stop)
        row = STOPS.check(stop, "move", roles=stop_roles(stop, by), now=timezone.now())
        vehicle_id = vehicle.pk if vehicle is not None else stop.vehicle_id
        if vehicle is not None and vehicle.tour_id != stop.tour_id:
            raise TransitionRefused(_("This vehicle belongs to another tour."))
        _check_route(stop, vehicle_id=vehicle_id, arrival=arrival_at)
        before = stop.status
        # The visit keeps its length (read before the arrival changes).
        length = stop.departure_at - stop.arrival_at
        stop.arrival_at = arrival_at
        stop.departure_at = arrival_at + length
        stop.vehicle_id = vehicle_id
        stop.status = row.target
        stop.host_proposed_at = None
        try:
            with transaction.atomic():
                stop.save(
                    update_fields=["arrival_at", "departure_at", "vehicle", "status", "host_proposed_at"]
                )
        except IntegrityError:
            raise TransitionRefused(_("The vehicle is at another workshop at this time.")) from None
        _record(stop, "move", before, by)
        _visit_follow(stop, by)
        _changed(stop.tour)
    return stop


def planned_stop_confirm(*, stop: PlannedStop, by: User) -> PlannedStop:
    """The host confirms the visit: it becomes (or stays) its group meeting, or nothing is kept."""
    with transaction.atomic():
        stop = _locked(stop)
        row = STOPS.check(stop, "confirm", roles=stop_roles(stop, by), now=timezone.now())
        before = stop.status
        stop.status = row.target
        stop.confirmed_arrival_at = stop.arrival_at
        stop.save(update_fields=["status", "confirmed_arrival_at"])
        _record(stop, "confirm", before, by)
        _visit_follow(stop, by)
    return stop


def planned_stop_propose(*, stop: PlannedStop, by: User, at: datetime, note: str = "") -> PlannedStop:
    """The host proposes another start for the visit; staff accept it (or move the stop)."""
    with transaction.atomic():
        stop = _locked(stop)
        row = STOPS.check(stop, "propose", roles=stop_roles(stop, by), now=timezone.now())
        if at == stop.arrival_at:
            raise TransitionRefused(_("Propose a time other than the planned one, or confirm it."))
        before = stop.status
        stop.status = row.target
        stop.host_proposed_at = at
        stop.host_note = note.strip()
        stop.save(update_fields=["status", "host_proposed_at", "host_note"])
        _record(stop, "propose", before, by)
    return stop


def planned_stop_accept(*, stop: PlannedStop, by: User) -> PlannedStop:
    """Staff take the host's time: the stop moves there and is confirmed (the host chose it)."""
    with transaction.atomic():
        Tour.objects.select_for_update().filter(pk=stop.tour_id).first()
        stop = _locked(stop)
        row = STOPS.check(stop, "accept", roles=stop_roles(stop, by), now=timezone.now())
        assert stop.host_proposed_at is not None
        _check_route(stop, vehicle_id=stop.vehicle_id, arrival=stop.host_proposed_at)
        before = stop.status
        length = stop.departure_at - stop.arrival_at
        stop.arrival_at = stop.host_proposed_at
        stop.departure_at = stop.arrival_at + length
        stop.confirmed_arrival_at = stop.arrival_at
        stop.host_proposed_at = None
        stop.status = row.target
        try:
            with transaction.atomic():
                stop.save(
                    update_fields=[
                        "arrival_at",
                        "departure_at",
                        "confirmed_arrival_at",
                        "host_proposed_at",
                        "status",
                    ]
                )
        except IntegrityError:
            raise TransitionRefused(_("The vehicle is at another workshop at this time.")) from None
        _record(stop, "accept", before, by)
        _visit_follow(stop, by)
        _changed(stop.tour)
    return stop


def planned_stop_cancel(*, stop: PlannedStop, by: User) -> PlannedStop:
    with transaction.atomic():
        stop = _locked(stop)
        row = STOPS.check(stop, "cancel", roles=stop_roles(stop, by), now=timezone.now())
        before = stop.status
        stop.status = row.target
        stop.save(update_fields=["status"])
        _record(stop, "cancel", before, by)
        _visit_follow(stop, by)
        _changed(stop.tour)
    return stop


def tour_send_itineraries(*, tour: Tour) -> int:
    """Mail each participant their itinerary (PDF and calendar attached) once for this version."""
    tour = Tour.objects.select_related("program").get(pk=tour.pk)
    sent = 0
    update = tour.sent_version > 0
    for participant in tour.participants.select_related("user", "vehicle", "tour__program"):
        user = participant.user
        stops = selectors.itinerary(participant)
        link = settings.SITE_URL + reverse("tours:itinerary", args=[tour.public_id])
        email_enqueue_template(
            key=f"tour-itinerary:{tour.pk}:{participant.pk}:v{tour.version}",
            to=user.email,
            template="tour_itinerary",
            context={
                "tour": tour,
                "participant": participant,
                "stops": stops,
                "link": link,
                "update": update,
                "user": user,
            },
            language=user.language or settings.LANGUAGE_CODE,
            # The tour's times are the program's: everyone on board reads the same clock.
            time_zone=tour.program.time_zone,
            attachments=[
                (
                    "itinerary.pdf",
                    build_itinerary_pdf(participant=participant, stops=stops),
                    "application/pdf",
                ),
                ("itinerary.ics", itinerary_ics(participant=participant, stops=stops), "text/calendar"),
            ],
        )
        sent += 1
    Tour.objects.filter(pk=tour.pk, sent_version__lt=tour.version).update(sent_version=tour.version)
    return sent


def tour_itineraries_request(*, tour: Tour) -> None:
    """Staff send the itineraries: queued after commit, one task per request (the outbox dedupes)."""
    _queue_itineraries(tour.pk)


def candidate_locate(
    *, candidate: CandidateStop, by: User, address: str, latitude: float, longitude: float
) -> CandidateStop:
    """The artisan (or staff) enters the workshop's address and map point, before a visit is planned."""
    with transaction.atomic():
        candidate = CandidateStop.objects.select_for_update().select_related("artisan").get(pk=candidate.pk)
        is_host = by.pk == candidate.artisan.user_id
        if not (is_host or by.is_staff):
            raise TransitionRefused(_("Only the artisan or the agency's staff can place this workshop."))
        if candidate.planned.filter(status__in=ACTIVE_STOP).exists():
            raise TransitionRefused(
                _("A visit is already planned here: ask the organisers to change the place.")
            )
        candidate.address = address.strip()
        candidate.latitude, candidate.longitude = latitude, longitude
        candidate.located_by = CandidateStop.EnteredBy.ARTISAN if is_host else CandidateStop.EnteredBy.STAFF
        candidate.save(update_fields=["address", "latitude", "longitude", "located_by"])
    return candidate


def stop_outcome_record(
    *, stop: PlannedStop, user: User, held: bool, interest: int, next_step: str, notes: str = ""
) -> Outcome:
    """A person on the visit says what it led to: their place's outcome at the visit's meeting
    (meetings' participant_outcome_record, the one write path); recording again replaces it."""
    found = selectors.participant_stop(user, stop.public_id)
    if found is None:
        raise TransitionRefused(_("Only a person on this visit can record what it led to."))
    stop = found[0]
    if stop.status != PlannedStop.Status.CONFIRMED or stop.meeting_id is None:
        raise TransitionRefused(_("Only a confirmed visit has an outcome."))
    place = selectors.visit_place(stop, user)
    if place is None:
        raise TransitionRefused(_("You have no place at this visit."))
    try:
        return meeting_services.participant_outcome_record(
            participant_id=place.pk,
            actor=user,
            attendance=Outcome.Attendance.HELD if held else Outcome.Attendance.NO_SHOW,
            interest=interest,
            next_step=next_step,
            notes=notes,
        )
    except meeting_services.MeetingError as error:
        raise TransitionRefused(error.message) from None


def stop_deal_start(
    *, stop: PlannedStop, user: User, specification: str, quantity: int, message: str = ""
) -> Deal:
    """A buyer on the visit asks its host for a quote: a deal from the visit's meeting, once it
    was held, as from any held group meeting (deals' inquiry_send checks the buyer's place)."""
    found = selectors.participant_stop(user, stop.public_id)
    if found is None or found[1].role != Participant.Role.BUYER:
        raise TransitionRefused(_("Only a buyer on this visit can start a deal from it."))
    stop = found[0]
    meeting = (
        meeting_selectors.held_meeting_for_buyer(user, stop.meeting.public_id)
        if stop.meeting is not None
        else None
    )
    if meeting is None:
        raise TransitionRefused(
            _("Record that the visit took place first: a request for a quote starts from a held visit.")
        )
    return inquiry_send(
        user=user,
        artisan=stop.candidate.artisan,
        lines=[Line(quantity=quantity, specification=specification)],
        source=Deal.Source.MEETING,
        meeting=meeting,
        message=message,
    )
