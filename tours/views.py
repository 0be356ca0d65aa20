"""Tour pages: a participant's itinerary (page, PDF, .ics) and stops, a host's stops, staff's plan.

Thin: the selectors decide who sees what (a participant their own tour, a host their own stops),
a form validates, one service writes, and a refusal is shown beside the form.
"""

from __future__ import annotations

from functools import wraps
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.permissions import artisan_required
from common.statemachine import TransitionRefused
from programs import kinds
from tours import selectors, services
from tours.calendar import itinerary_ics
from tours.forms import LocateForm, MoveForm, OutcomeForm, ProposeForm, StopDealForm
from tours.itinerary_pdf import build_itinerary_pdf
from tours.models import ACTIVE_STOP, CandidateStop, Participant, PlannedStop, Tour, TourPlanRun
from tours.transitions import STOPS, stop_roles

PLAN_PERMISSION = "tours.change_plannedstop"


def staff_permission_required(permission: str):
    def decorator(view):
        @login_required
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not (request.user.is_staff and request.user.has_perm(permission)):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


# --- participants -------------------------------------------------------------------------------
@login_required
def my_tours(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "tours/mine.html",
        {"places": selectors.my_tours(request.user), "hosting": selectors.host_stops(request.user)},
    )


def _participant(request: HttpRequest, public_id: UUID) -> Participant:
    participant = selectors.participant_for(request.user, public_id)
    if participant is None:
        raise Http404
    kinds.require(participant.tour.program, kinds.TOUR)
    return participant


def _participant_stop(request: HttpRequest, public_id: UUID) -> tuple[PlannedStop, Participant]:
    found = selectors.participant_stop(request.user, public_id)
    if found is None:
        raise Http404
    kinds.require(found[0].tour.program, kinds.TOUR)
    return found


@login_required
def itinerary(request: HttpRequest, public_id: UUID) -> HttpResponse:
    participant = _participant(request, public_id)
    stops = selectors.itinerary(participant)
    tour = participant.tour
    for stop in stops:
        stop.links = selectors.map_links(stop.candidate.latitude, stop.candidate.longitude)
    return render(
        request,
        "tours/itinerary.html",
        {"participant": participant, "tour": tour, "stops": stops, "zone": tour.program.time_zone},
    )


@login_required
def itinerary_pdf(request: HttpRequest, public_id: UUID) -> HttpResponse:
    participant = _participant(request, public_id)
    response = HttpResponse(
        build_itinerary_pdf(participant=participant, stops=selectors.itinerary(participant)),
        content_type="application/pdf",
    )
    response["Content-Disposition"] = 'attachment; filename="itinerary.pdf"'
    return response


@login_required
def itinerary_calendar(request: HttpRequest, public_id: UUID) -> HttpResponse:
    participant = _participant(request, public_id)
    response = HttpResponse(
        itinerary_ics(participant=participant, stops=selectors.itinerary(participant)),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="itinerary.ics"'
    return response


def _stop_page(request: HttpRequest, public_id: UUID, *, status: int = 200, **forms) -> HttpResponse:
    stop, participant = _participant_stop(request, public_id)
    is_buyer = participant.role == Participant.Role.BUYER
    place = selectors.visit_place(stop, request.user)
    outcome = selectors.visit_outcome(stop, request.user)
    context = {
        "stop": stop,
        "participant": participant,
        "is_buyer": is_buyer,
        "place": place,
        "zone": stop.tour.program.time_zone,
        "links": selectors.map_links(stop.candidate.latitude, stop.candidate.longitude),
        "outcome_form": forms.get("outcome_form")
        or OutcomeForm(
            initial={
                "held": outcome.attendance == outcome.Attendance.HELD,
                "interest": outcome.interest,
                "next_step": outcome.next_step,
                "notes": outcome.notes,
            }
            if outcome
            else None
        ),
        "deal_form": forms.get("deal_form") or StopDealForm(),
        "outcome": outcome,
    }
    return render(request, "tours/stop.html", context, status=status)


@login_required
def stop_detail(request: HttpRequest, public_id: UUID) -> HttpResponse:
    return _stop_page(request, public_id)


@login_required
@require_POST
def stop_outcome(request: HttpRequest, public_id: UUID) -> HttpResponse:
    found = _participant_stop(request, public_id)
    form = OutcomeForm(request.POST)
    if form.is_valid():
        try:
            services.stop_outcome_record(stop=found[0], user=request.user, **form.cleaned_data)
        except TransitionRefused as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(request, _("Outcome recorded."))
            return redirect("tours:stop", public_id)
    return _stop_page(request, public_id, status=400, outcome_form=form)


@login_required
@require_POST
def stop_deal(request: HttpRequest, public_id: UUID) -> HttpResponse:
    found = _participant_stop(request, public_id)
    form = StopDealForm(request.POST)
    if form.is_valid():
        try:
            deal = services.stop_deal_start(stop=found[0], user=request.user, **form.cleaned_data)
        except TransitionRefused as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(request, _("Your request for a quote was sent to the artisan."))
            return redirect("deals:detail", deal.public_id)
    return _stop_page(request, public_id, status=400, deal_form=form)


# --- hosts -------------------------------------------------------------------------------------
def _host_page(
    request: HttpRequest,
    *,
    status: int = 200,
    failed: PlannedStop | None = None,
    form=None,
    failed_place: CandidateStop | None = None,
    locate_form=None,
) -> HttpResponse:
    stops = selectors.host_stops(request.user)
    now = timezone.now()
    rows = []
    for stop in stops:
        zone = selectors.tour_zone(stop.tour)
        rows.append(
            {
                "stop": stop,
                "actions": STOPS.allowed(stop, roles=stop_roles(stop, request.user), now=now),
                "form": form
                if failed is not None and failed.pk == stop.pk
                else ProposeForm(zone=zone, prefix=str(stop.pk)),
                "zone": str(zone),
            }
        )
    places = [
        {
            "candidate": c,
            "form": locate_form
            if failed_place is not None and failed_place.pk == c.pk
            else LocateForm(
                prefix=f"place-{c.pk}",
                initial={"address": c.address, "latitude": c.latitude, "longitude": c.longitude},
            ),
        }
        for c in selectors.host_candidacies(request.user)
    ]
    return render(request, "tours/host.html", {"rows": rows, "places": places}, status=status)


@artisan_required
def host_stops(request: HttpRequest) -> HttpResponse:
    return _host_page(request)


@artisan_required
@require_POST
def host_answer(request: HttpRequest, public_id: UUID, action: str) -> HttpResponse:
    stop = selectors.host_stop(request.user, public_id)
    if stop is None or action not in {"confirm", "propose"}:
        raise Http404
    kinds.require(stop.tour.program, kinds.TOUR)
    form = None
    try:
        if action == "confirm":
            services.planned_stop_confirm(stop=stop, by=request.user)
            messages.success(request, _("Visit confirmed. Thank you."))
            return redirect("tours:host")
        form = ProposeForm(request.POST, zone=selectors.tour_zone(stop.tour), prefix=str(stop.pk))
        if form.is_valid():
            services.planned_stop_propose(
                stop=stop, by=request.user, at=form.cleaned_data["at"], note=form.cleaned_data["note"]
            )
            messages.success(request, _("Your time was sent to the organisers."))
            return redirect("tours:host")
    except TransitionRefused as refused:
        if form is None:
            messages.error(request, refused.message)
            return redirect("tours:host")
        form.add_error(None, refused.message)
    return _host_page(request, status=400, failed=stop, form=form)


@artisan_required
@require_POST
def host_locate(request: HttpRequest, public_id: UUID) -> HttpResponse:
    candidate = selectors.host_candidacy(request.user, public_id)
    if candidate is None:
        raise Http404
    kinds.require(candidate.tour.program, kinds.TOUR)
    form = LocateForm(request.POST, prefix=f"place-{candidate.pk}")
    if form.is_valid():
        try:
            services.candidate_locate(candidate=candidate, by=request.user, **form.cleaned_data)
        except TransitionRefused as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(request, _("Your workshop's place was saved."))
            return redirect("tours:host")
    return _host_page(request, status=400, failed_place=candidate, locate_form=form)


# --- staff -------------------------------------------------------------------------------------
def _plan_page(
    request: HttpRequest, tour: Tour, *, status: int = 200, failed=None, form=None
) -> HttpResponse:
    zone = selectors.tour_zone(tour)
    now = timezone.now()
    stops = list(
        tour.stops.filter(status__in=ACTIVE_STOP)
        .select_related("candidate__artisan", "vehicle", "day")
        .order_by("day__date", "vehicle__name", "arrival_at")
    )
    vehicles = list(tour.vehicles.all())
    rows = [
        {
            "stop": stop,
            "actions": STOPS.allowed(stop, roles=stop_roles(stop, request.user), now=now),
            "form": form
            if failed is not None and failed.pk == stop.pk
            else MoveForm(
                zone=zone,
                vehicles=vehicles,
                prefix=str(stop.pk),
                initial={
                    "arrival": stop.arrival_at.astimezone(zone).replace(tzinfo=None),
                    "vehicle": stop.vehicle_id,
                },
            ),
        }
        for stop in stops
    ]
    return render(
        request,
        "tours/plan.html",
        {
            "tour": tour,
            "rows": rows,
            "zone": str(zone),
            "participants": tour.participants.select_related("user", "vehicle"),
            "plan_run": tour.plan_runs.select_related("by").first(),
        },
        status=status,
    )


def _staff_tour(public_id: UUID) -> Tour:
    tour = get_object_or_404(Tour.objects.select_related("program"), public_id=public_id)
    kinds.require(tour.program, kinds.TOUR)
    return tour


@staff_permission_required(PLAN_PERMISSION)
def plan(request: HttpRequest, public_id: UUID) -> HttpResponse:
    return _plan_page(request, _staff_tour(public_id))


@staff_permission_required(PLAN_PERMISSION)
@require_POST
def plan_run(request: HttpRequest, public_id: UUID) -> HttpResponse:
    tour = _staff_tour(public_id)
    try:
        run = services.tour_plan_request(tour=tour, by=request.user)
    except TransitionRefused as refused:
        messages.error(request, refused.message)
        return redirect("tours:plan", public_id)
    return redirect("tours:plan-run-status", public_id, run.public_id)


@staff_permission_required(PLAN_PERMISSION)
def plan_run_status(request: HttpRequest, public_id: UUID, run_id: UUID) -> HttpResponse:
    """A planner run's page: it reloads itself while the run waits or runs, then shows the plan's figures."""
    tour = _staff_tour(public_id)
    run = get_object_or_404(TourPlanRun.objects.select_related("by"), tour=tour, public_id=run_id)
    return render(request, "tours/plan_run.html", {"tour": tour, "run": run, "refresh_seconds": 2})


@staff_permission_required(PLAN_PERMISSION)
@require_POST
def plan_send(request: HttpRequest, public_id: UUID) -> HttpResponse:
    services.tour_itineraries_request(tour=_staff_tour(public_id))
    messages.success(request, _("The itineraries are being sent."))
    return redirect("tours:plan", public_id)


@staff_permission_required(PLAN_PERMISSION)
@require_POST
def plan_stop(request: HttpRequest, public_id: UUID, stop_id: UUID, action: str) -> HttpResponse:
    tour = _staff_tour(public_id)
    stop = get_object_or_404(
        PlannedStop.objects.select_related("candidate__artisan"), tour=tour, public_id=stop_id
    )
    if action not in {"move", "accept", "cancel"}:
        raise Http404
    form = None
    try:
        if action == "accept":
            services.planned_stop_accept(stop=stop, by=request.user)
        elif action == "cancel":
            services.planned_stop_cancel(stop=stop, by=request.user)
        else:
            form = MoveForm(
                request.POST,
                zone=selectors.tour_zone(tour),
                vehicles=list(tour.vehicles.all()),
                prefix=str(stop.pk),
            )
            if not form.is_valid():
                return _plan_page(request, tour, status=400, failed=stop, form=form)
            services.planned_stop_move(
                stop=stop,
                by=request.user,
                arrival_at=form.cleaned_data["arrival"],
                vehicle=form.cleaned_data["vehicle"],
            )
    except TransitionRefused as refused:
        if form is None:
            messages.error(request, refused.message)
            return redirect("tours:plan", public_id)
        form.add_error(None, refused.message)
        return _plan_page(request, tour, status=400, failed=stop, form=form)
    messages.success(request, _("The plan was changed."))
    return redirect("tours:plan", public_id)
