"""Visitors' pages: registration, the pass, the agenda and seats, and the staff's desk and scanners.

Thin views: a form validates, one service writes, what it refuses is shown beside the form. A
visitor without an account proves who they are by their pass's code (in the pass page's address,
and in the seat forms it posts); artisans and buyers by signing in. Staff pages need the model
permission they act with (add a visitor at the desk, add a scan at a gate, view the counts).
"""

from __future__ import annotations

import contextlib
import json
import uuid
from datetime import datetime
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from common.ratelimit import client_ip, rate_limit_hit
from visitors import codes, selectors, services
from visitors.calendar import session_ics
from visitors.forms import RegistrationForm, WalkInForm
from visitors.models import AgendaSession, Gate, Pass, Scan, Seat
from visitors.pdf import badge_pdf, certificate_pdf
from visitors.qr import qr_svg
from visitors.services.base import program_zone


def registration_rate() -> str:
    """Registrations per client address (common.ratelimit); VISITOR_REGISTRATION_RATE_LIMIT, default 20/h.

    A fair's desk or a school group shares one address, hence more than a public inquiry's 5/h.
    """
    return settings.VISITOR_REGISTRATION_RATE_LIMIT


# The scanning page may use the camera of the phone it runs on, and nothing else may.
SCANNER_PERMISSIONS_POLICY = "camera=(self), microphone=(), geolocation=(), payment=(), usb=()"


def staff_permission_required(permission: str):
    """Staff holding `permission` only; others signed in get 403, anonymous visitors sign in."""

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not (request.user.is_staff and request.user.has_perm(permission)):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def _fair(slug: str):
    return get_object_or_404(selectors.fair_programs(), slug=slug)


def _live_pass(code: str) -> Pass:
    pass_obj = selectors.pass_for_code(code)
    if pass_obj is None:
        raise Http404
    return pass_obj


# --- registration ------------------------------------------------------------------------------


def register(request: HttpRequest, slug: str) -> HttpResponse:
    program = _fair(slug)
    if not selectors.registration_open(program):
        return render(request, "visitors/register.html", {"program": program, "closed": True})
    form = RegistrationForm(request.POST or None, program=program)
    status = 200
    if request.method == "POST":
        status = 400
        if not rate_limit_hit(
            scope="visitor-registration", key=client_ip(request) or "unknown", rate=registration_rate()
        ):
            form.add_error(None, _("Too many registrations from your connection. Please try again later."))
            status = 429
        elif form.is_valid():
            data = form.cleaned_data
            try:
                services.visitor_register(
                    program=program,
                    kind=data["kind"],
                    full_name=data["full_name"],
                    email=data["email"],
                    organisation=data["organisation"],
                    country=data["country"] or "",
                    language=data["language"] or get_language() or "",
                    days=data["days"],
                )
            except services.Refused as refused:
                form.add_error(None, refused.message)
            else:
                return render(request, "visitors/register.html", {"program": program, "sent": True})
    return render(request, "visitors/register.html", {"program": program, "form": form}, status=status)


def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """The registration's link; GET shows a button, POST confirms (mail scanners only GET)."""
    if request.method != "POST":
        return render(request, "visitors/confirm.html", {"token": token})
    try:
        visitor = services.visitor_confirm(token=token)
    except services.Refused as refused:
        return render(
            request, "visitors/confirm.html", {"token": token, "error": refused.message}, status=400
        )
    live = visitor.passes.filter(revoked_at__isnull=True).first()
    if live is not None:
        return redirect("visitors:pass", code=codes.sign(live.code))
    return render(request, "visitors/confirm.html", {"done": True, "visitor": visitor})


# --- the pass ----------------------------------------------------------------------------------


@require_GET
def pass_page(request: HttpRequest, code: str) -> HttpResponse:
    pass_obj = _live_pass(code)
    visitor = pass_obj.visitor
    signed = codes.sign(pass_obj.code)
    seats = list(selectors.seats_of(services.Person(visitor=visitor).seats_q()))
    taken = {
        seat.session_id
        for seat in seats
        if seat.status in (Seat.Status.CONFIRMED, Seat.Status.WAITING, Seat.Status.OFFERED)
    }
    sessions = [session for session in selectors.agenda(visitor.program) if session.pk not in taken]
    context = {
        "pass": pass_obj,
        "visitor": visitor,
        "program": visitor.program,
        "code": signed,
        "qr": qr_svg(signed),
        "badge": visitor.kind in services.BADGE_KINDS,
        "seats": seats,
        "sessions": sessions,
        "now": timezone.now(),
    }
    response = render(request, "visitors/pass.html", context)
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


@require_GET
def badge(request: HttpRequest, code: str) -> HttpResponse:
    pass_obj = _live_pass(code)
    if pass_obj.revoked_at is not None or pass_obj.visitor.kind not in services.BADGE_KINDS:
        raise Http404
    response = HttpResponse(badge_pdf(pass_obj), content_type="application/pdf")
    response["Content-Disposition"] = 'inline; filename="badge.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


# --- the agenda --------------------------------------------------------------------------------


@require_GET
def agenda(request: HttpRequest, slug: str) -> HttpResponse:
    program = _fair(slug)
    sessions = list(selectors.agenda(program))
    return render(
        request, "visitors/agenda.html", {"program": program, "sessions": sessions, "now": timezone.now()}
    )


def _session(public_id) -> AgendaSession:
    session = (
        selectors.agenda_sessions_visible()
        .filter(public_id=public_id)
        .select_related("room", "program")
        .first()
    )
    if session is None:
        raise Http404
    return session


@require_GET
def session_detail(request: HttpRequest, public_id) -> HttpResponse:
    session = _session(public_id)
    seat = None
    if request.user.is_authenticated:
        seat = Seat.objects.filter(session=session, user=request.user).order_by("-joined_at").first()
    counted = selectors.agenda(session.program).get(pk=session.pk)
    return render(
        request,
        "visitors/session.html",
        {
            "session": counted,
            "program": session.program,
            "seat": seat,
            "may_take": request.user.is_authenticated and request.user.role in ("artisan", "buyer"),
            "now": timezone.now(),
        },
    )


@require_GET
def session_calendar(request: HttpRequest, public_id) -> HttpResponse:
    session = _session(public_id)
    response = HttpResponse(session_ics(session), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="session-{session.public_id}.ics"'
    return response


def _person_from(request: HttpRequest, program_id: int) -> tuple[services.Person, str | None]:
    """Who is asking: the pass posted with the form, else the signed-in artisan or buyer."""
    code = request.POST.get("pass", "")
    if code:
        pass_obj = selectors.pass_for_code(code)
        if pass_obj is None or pass_obj.revoked_at is not None or pass_obj.visitor.program_id != program_id:
            raise PermissionDenied
        return services.Person(visitor=pass_obj.visitor), codes.sign(pass_obj.code)
    if not request.user.is_authenticated:
        raise PermissionDenied
    if request.user.role not in ("artisan", "buyer"):
        raise PermissionDenied
    return services.Person(user=request.user), None


def _back(signed: str | None) -> HttpResponse:
    if signed:
        return redirect("visitors:pass", code=signed)
    return redirect("visitors:my-agenda")


@require_POST
def seat_take(request: HttpRequest, public_id) -> HttpResponse:
    session = _session(public_id)
    person, signed = _person_from(request, session.program_id)
    try:
        seat = services.seat_take(session=session, person=person)
    except services.Refused as refused:
        return render(
            request, "visitors/refused.html", {"message": refused.message, "code": signed}, status=400
        )
    if seat.status == Seat.Status.CONFIRMED:
        messages.success(request, _("Your seat is booked."))
    else:
        messages.info(request, _("The session is full: you are on the waitlist."))
    return _back(signed)


SEAT_ACTIONS = {"cancel": services.seat_cancel, "accept": services.seat_accept_offer}


@require_POST
def seat_action(request: HttpRequest, public_id, action: str) -> HttpResponse:
    if action not in SEAT_ACTIONS:
        raise Http404
    seat = get_object_or_404(Seat.objects.select_related("session"), public_id=public_id)
    person, signed = _person_from(request, seat.session.program_id)
    if not Seat.objects.filter(person.seats_q(), pk=seat.pk).exists():
        raise Http404
    try:
        SEAT_ACTIONS[action](seat=seat)
    except services.Refused as refused:
        return render(
            request, "visitors/refused.html", {"message": refused.message, "code": signed}, status=400
        )
    return _back(signed)


@require_GET
def certificate(request: HttpRequest, public_id) -> HttpResponse:
    seat = get_object_or_404(
        Seat.objects.select_related("session__program", "user", "visitor"),
        public_id=public_id,
        session__kind=AgendaSession.Kind.TRAINING,
        attended_at__isnull=False,
    )
    code = request.GET.get("pass", "")
    if seat.visitor_id:
        pass_obj = selectors.pass_for_code(code) if code else None
        if pass_obj is None or pass_obj.visitor_id != seat.visitor_id:
            raise Http404
        name = seat.visitor.full_name
    else:
        if not request.user.is_authenticated:
            return redirect(f"{reverse('account_login')}?next={request.path}")
        if seat.user_id != request.user.pk:
            raise Http404
        name = seat.user.get_full_name()
    response = HttpResponse(certificate_pdf(seat, name=name), content_type="application/pdf")
    response["Content-Disposition"] = 'inline; filename="certificate.pdf"'
    return response


@login_required
@require_GET
def my_agenda(request: HttpRequest) -> HttpResponse:
    seats = list(selectors.seats_of(services.Person(user=request.user).seats_q()))
    return render(request, "visitors/my_agenda.html", {"seats": seats, "now": timezone.now()})


# --- staff: the desk, the scanners, the counts --------------------------------------------------


@staff_permission_required("visitors.add_visitor")
def desk(request: HttpRequest, slug: str) -> HttpResponse:
    program = _fair(slug)
    form = WalkInForm(request.POST or None, program=program)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                visitor = services.visitor_register_walk_in(
                    program=program,
                    staff=request.user,
                    kind=data["kind"],
                    full_name=data["full_name"],
                    email=data["email"] or "",
                    organisation=data["organisation"],
                    country=data["country"] or "",
                    language=data["language"],
                    days=data["days"],
                )
            except services.Refused as refused:
                form.add_error(None, refused.message)
            else:
                live = visitor.passes.get(revoked_at__isnull=True)
                return redirect("visitors:pass", code=codes.sign(live.code))
    return render(request, "visitors/desk.html", {"program": program, "form": form}, status=status)


def _place(request: HttpRequest, program) -> tuple[Gate | None, AgendaSession | None]:
    gate_id, session_id = request.GET.get("gate"), request.GET.get("session")
    gate = Gate.objects.filter(program=program, pk=gate_id).first() if gate_id and gate_id.isdigit() else None
    session = (
        AgendaSession.objects.filter(program=program, pk=session_id).select_related("room").first()
        if session_id and session_id.isdigit()
        else None
    )
    return gate, session


@staff_permission_required("visitors.add_scan")
@require_GET
def check_in(request: HttpRequest, slug: str) -> HttpResponse:
    program = _fair(slug)
    gate, session = _place(request, program)
    context = {
        "program": program,
        "gate": gate,
        "session": session,
        "gates": Gate.objects.filter(program=program),
        "sessions": AgendaSession.objects.filter(program=program).select_related("room"),
    }
    response = render(request, "visitors/check_in.html", context)
    response["Permissions-Policy"] = SCANNER_PERMISSIONS_POLICY
    return response


@require_GET
def check_in_worker(request: HttpRequest) -> HttpResponse:
    """The check-in page's service worker (its scope is /visitors/, so it is served from there)."""
    response = render(
        request, "visitors/check_in_sw.js", content_type="application/javascript; charset=utf-8"
    )
    response["Cache-Control"] = "no-cache"
    return response


def _scan_in(item: dict) -> services.ScanIn:
    at = parse_datetime(str(item.get("at", "")))
    if at is None or timezone.is_naive(at):
        raise ValueError("at")
    gate, session = item.get("gate"), item.get("session")
    return services.ScanIn(
        client_id=uuid.UUID(str(item["id"])),
        code=str(item.get("code", ""))[:64],
        scanned_at=at,
        gate_id=int(gate) if gate not in (None, "") else None,
        session_id=int(session) if session not in (None, "") else None,
    )


@staff_permission_required("visitors.add_scan")
@require_POST
def scans(request: HttpRequest, slug: str) -> JsonResponse:
    """The scanning page's endpoint: {"scans": [{id, code, at, gate|session}]} → one answer per scan."""
    program = _fair(slug)
    try:
        body = json.loads(request.body or b"{}")
        items = [_scan_in(item) for item in body["scans"]]
    except (ValueError, KeyError, TypeError, AttributeError, OverflowError):
        return JsonResponse({"error": _("The scans could not be read.")}, status=400)
    try:
        answers = services.scans_record(program=program, scans=items, staff=request.user)
    except services.Refused as refused:
        return JsonResponse({"error": refused.message}, status=400)
    return JsonResponse({"results": [answer.as_json() for answer in answers]})


@staff_permission_required("visitors.view_scan")
@require_GET
def counts(request: HttpRequest, slug: str) -> HttpResponse:
    program = _fair(slug)
    day = timezone.localdate(timezone=program_zone(program))
    asked = request.GET.get("day", "")
    with contextlib.suppress(ValueError):
        day = datetime.strptime(asked, "%Y-%m-%d").date() if asked else day
    places = selectors.live_counts(program, day)
    if request.GET.get("format") == "json":
        return JsonResponse(
            {
                "day": day.isoformat(),
                "places": [
                    {"kind": p.kind, "id": p.place_id, "name": p.name, "scans": p.scans, "people": p.people}
                    for p in places
                ],
            }
        )
    return render(
        request,
        "visitors/counts.html",
        {
            "program": program,
            "day": day,
            "places": places,
            "days": selectors.fair_days(program),
            "refused": Scan.Outcome,
        },
    )
