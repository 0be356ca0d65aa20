from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from artisans.models import ArtisanProfile
from catalog import visibility
from catalog.models import Product
from common.permissions import artisan_required, buyer_required
from meetings import selectors, services
from meetings.calendar import meeting_ics
from meetings.forms import (
    AcceptForm,
    DurationsForm,
    ExceptionForm,
    MeetingRequestForm,
    MessageForm,
    OptionalReasonForm,
    OutcomeForm,
    ProposeTimeForm,
    ReasonForm,
    SlotForm,
    WindowForm,
)
from meetings.models import (
    AvailabilityException,
    AvailabilitySettings,
    AvailabilitySlot,
    AvailabilityWindow,
    Meeting,
    Outcome,
)
from programs.selectors import shared_program

# --- availability -------------------------------------------------------------------------

AVAILABILITY_FORMS = {"durations": DurationsForm, "window": WindowForm, "slot": SlotForm, "exception": ExceptionForm}
AVAILABILITY_MODELS = {"window": AvailabilityWindow, "slot": AvailabilitySlot, "exception": AvailabilityException}


def _artisan_profile(request: HttpRequest) -> ArtisanProfile | None:
    return ArtisanProfile.objects.filter(user=request.user).first()


@artisan_required
def availability(request: HttpRequest) -> HttpResponse:
    profile = _artisan_profile(request)
    if profile is None:
        messages.info(request, _("Create your workshop profile first, then say when you can meet."))
        return redirect("artisans:dashboard")
    durations = selectors.artisan_durations(profile)
    forms = {
        "durations": DurationsForm(prefix="durations", initial={"durations": durations}),
        "window": WindowForm(prefix="window"),
        "slot": SlotForm(prefix="slot"),
        "exception": ExceptionForm(prefix="exception"),
    }
    status = 200
    if request.method == "POST":
        which = request.POST.get("form", "")
        if which not in AVAILABILITY_FORMS:
            raise Http404
        form = AVAILABILITY_FORMS[which](request.POST, prefix=which)
        if form.is_valid():
            if which == "durations":
                AvailabilitySettings.objects.update_or_create(
                    artisan=profile, defaults={"durations": sorted(form.cleaned_data["durations"])}
                )
            else:
                item = form.save(commit=False)
                item.artisan = profile
                item.save()
            messages.success(request, _("Your availability is saved."))
            return redirect("meetings:availability")
        forms[which] = form
        status = 400
    context = {
        "profile": profile,
        "forms": forms,
        "windows": profile.availability_windows.all(),
        "slots": profile.availability_slots.filter(date__gte=timezone.localdate()),
        "exceptions": profile.availability_exceptions.filter(end_date__gte=timezone.localdate()),
        "free_slots": selectors.artisan_free_slots(artisan=profile, weeks=2)[:40],
        "artisan_zone": profile.time_zone,
    }
    return render(request, "meetings/availability.html", context, status=status)


@artisan_required
@require_POST
def availability_delete(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    model = AVAILABILITY_MODELS.get(kind)
    if model is None:
        raise Http404
    item = get_object_or_404(model, pk=pk, artisan__user=request.user)
    item.delete()
    messages.success(request, _("Removed."))
    return redirect("meetings:availability")


# --- the request --------------------------------------------------------------------------


@buyer_required
def request_create(request: HttpRequest, artisan_slug: str) -> HttpResponse:
    # Only an artisan this buyer may see in the catalog can be asked for a meeting.
    artisan = get_object_or_404(visibility.visible_artisans(request.user).select_related("user"), slug=artisan_slug)
    if not hasattr(request.user, "buyer_profile"):
        messages.info(request, _("Tell us about your organisation first; then you can request meetings."))
        return redirect("buyers:dashboard")
    initial = {}
    product_id = request.GET.get("product")
    if product_id:
        initial["products"] = list(
            Product.objects.filter(
                visibility.published_q(), public_id__in=[product_id] if _is_uuid(product_id) else [],
                artisan=artisan,
            )
        )
    program = shared_program(buyer_user=request.user, artisan=artisan)
    form = MeetingRequestForm(request.POST or None, artisan=artisan, initial=initial, program=program)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            meeting = services.meeting_request(
                buyer_user=request.user, artisan=artisan, proposed_starts=data["starts"],
                duration_minutes=data["duration_minutes"], mode=data["mode"], location=data["location"],
                message=data["message"], products=data["products"],
            )
        except services.MeetingError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Your request is sent. The artisan will answer soon."))
            return redirect("meetings:detail", public_id=meeting.public_id)
    return render(
        request, "meetings/request_form.html",
        {"form": form, "artisan": artisan, "artisan_zone": artisan.time_zone, "program": program},
        status=400 if form.is_bound else 200,
    )


def _is_uuid(value: str) -> bool:
    import uuid

    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


# --- my meetings --------------------------------------------------------------------------


@login_required
def meeting_list(request: HttpRequest) -> HttpResponse:
    sections = selectors.meeting_sections(request.user)
    return render(request, "meetings/list.html", {"sections": sections})


def _detail_context(request: HttpRequest, meeting: Meeting, **forms) -> dict:
    now = timezone.now()
    user = request.user
    place = selectors.place_of(meeting, user)
    context = {
        "meeting": meeting,
        "row": selectors.meeting_row(meeting, user, now),
        "actions": selectors.allowed_actions(meeting, user, now=now),
        "events": meeting.events.select_related("actor"),
        "thread": meeting.messages.select_related("author"),
        "products": meeting.products.all(),
        "outcomes": meeting.outcomes.select_related("user"),
        "is_artisan": user.pk == meeting.artisan_user_id,
        "decline_form": ReasonForm(prefix="decline") if meeting.status == Meeting.Status.REQUESTED
        else OptionalReasonForm(prefix="decline"),
        "cancel_form": ReasonForm(prefix="cancel"),
        "counter_form": ProposeTimeForm(prefix="counter"),
        "reschedule_form": ProposeTimeForm(prefix="reschedule"),
        "message_form": MessageForm(),
        "outcome_form": OutcomeForm(instance=Outcome.objects.filter(meeting=meeting, user=user).first()),
        # Once it was held, its buyer may go on to a quote or a sample (deals.entry_views).
        "deal_start": selectors.held_meeting_for_buyer(user, meeting.public_id) is not None,
        # A group meeting: everyone at it, and the person's own place (confirm, cancel, outcome).
        "places": selectors.meeting_places(meeting),
        "place": place,
        "place_cancel_form": ReasonForm(prefix="place"),
        "place_outcome": place is not None and place.status != place.Status.CANCELLED and meeting.has_ended(now)
        and meeting.status in (Meeting.Status.CONFIRMED, Meeting.Status.RESCHEDULING, Meeting.Status.COMPLETED),
    }
    context.update(forms)
    return context


@login_required
def meeting_detail(request: HttpRequest, public_id) -> HttpResponse:
    meeting = selectors.meeting_for_user(request.user, public_id)
    return render(request, "meetings/detail.html", _detail_context(request, meeting))


ACTION_FORMS = {
    "accept": (AcceptForm, None),
    "decline": (None, "decline"),
    "counter": (ProposeTimeForm, "counter"),
    "confirm": (None, None),
    "cancel": (ReasonForm, "cancel"),
    "reschedule": (ProposeTimeForm, "reschedule"),
}
DONE = {
    "accept": gettext_lazy("The meeting is confirmed. Both of you will receive an invitation."),
    "decline": gettext_lazy("Your answer is sent."),
    "counter": gettext_lazy("Your proposal is sent to the buyer."),
    "confirm": gettext_lazy("The meeting is confirmed. Both of you will receive an invitation."),
    "cancel": gettext_lazy("The meeting is cancelled."),
    "reschedule": gettext_lazy("Your proposal is sent. The current time stands until it is confirmed."),
}


@login_required
@require_POST
def meeting_action(request: HttpRequest, public_id, action: str) -> HttpResponse:
    meeting = selectors.meeting_for_user(request.user, public_id)
    if action not in ACTION_FORMS:
        raise Http404
    form_class, prefix = ACTION_FORMS[action]
    if action == "decline":
        form_class = ReasonForm if meeting.status == Meeting.Status.REQUESTED else OptionalReasonForm
    form = form_class(request.POST, prefix=prefix) if form_class else None
    if form is not None and not form.is_valid():
        context = _detail_context(request, meeting, **{f"{prefix or action}_form": form})
        return render(request, "meetings/detail.html", context, status=400)
    data = form.cleaned_data if form is not None else {}
    user = request.user
    try:
        if action == "accept":
            services.meeting_accept(meeting_id=meeting.pk, actor=user, start_at=data["start"])
        elif action == "decline":
            services.meeting_decline(meeting_id=meeting.pk, actor=user, reason=data["reason"])
        elif action == "counter":
            services.meeting_counter(meeting_id=meeting.pk, actor=user, start_at=data["start"], note=data["note"])
        elif action == "confirm":
            services.meeting_confirm(meeting_id=meeting.pk, actor=user)
        elif action == "cancel":
            services.meeting_cancel(meeting_id=meeting.pk, actor=user, reason=data["reason"])
        elif action == "reschedule":
            services.meeting_reschedule(meeting_id=meeting.pk, actor=user, start_at=data["start"], note=data["note"])
    except services.MeetingError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, DONE[action])
    return redirect("meetings:detail", public_id=meeting.public_id)


@login_required
@require_POST
def meeting_message(request: HttpRequest, public_id) -> HttpResponse:
    meeting = selectors.meeting_for_user(request.user, public_id)
    form = MessageForm(request.POST)
    if not form.is_valid():
        return render(request, "meetings/detail.html", _detail_context(request, meeting, message_form=form), status=400)
    try:
        services.message_post(meeting_id=meeting.pk, author=request.user, body=form.cleaned_data["body"])
    except services.MeetingError as error:
        messages.error(request, error.message)
    return redirect(f"{meeting_url(meeting)}#thread")


@login_required
@require_POST
def meeting_outcome(request: HttpRequest, public_id) -> HttpResponse:
    meeting = selectors.meeting_for_user(request.user, public_id)
    form = OutcomeForm(request.POST)
    if not form.is_valid():
        return render(request, "meetings/detail.html", _detail_context(request, meeting, outcome_form=form), status=400)
    place = selectors.place_of(meeting, request.user)
    try:
        if place is not None:
            services.participant_outcome_record(participant_id=place.pk, actor=request.user, **form.cleaned_data)
        else:
            services.outcome_record(meeting_id=meeting.pk, actor=request.user, **form.cleaned_data)
    except services.MeetingError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Thank you: the outcome is recorded."))
    return redirect("meetings:detail", public_id=meeting.public_id)


@login_required
@require_POST
def place_action(request: HttpRequest, public_id, action: str) -> HttpResponse:
    """A group meeting's participant confirms or cancels their own place."""
    meeting = selectors.meeting_for_user(request.user, public_id)
    place = selectors.place_of(meeting, request.user)
    if place is None or action not in ("confirm", "cancel"):
        raise Http404
    try:
        if action == "confirm":
            services.participant_confirm(participant_id=place.pk, actor=request.user)
            messages.success(request, _("Your place is confirmed."))
        else:
            form = ReasonForm(request.POST, prefix="place")
            if not form.is_valid():
                context = _detail_context(request, meeting, place_cancel_form=form)
                return render(request, "meetings/detail.html", context, status=400)
            services.participant_cancel(participant_id=place.pk, actor=request.user, reason=form.cleaned_data["reason"])
            messages.success(request, _("Your place is cancelled; the meeting goes on for the others."))
    except services.MeetingError as error:
        messages.error(request, error.message)
    return redirect("meetings:detail", public_id=meeting.public_id)


@login_required
def meeting_calendar(request: HttpRequest, public_id) -> HttpResponse:
    meeting = selectors.meeting_for_user(request.user, public_id)
    if meeting.start_at is None or meeting.status not in (*Meeting.BOOKED, Meeting.Status.CANCELLED,
                                                          Meeting.Status.COMPLETED):
        raise Http404
    response = HttpResponse(
        meeting_ics(meeting, recipient=request.user, method="PUBLISH"), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="craftmatch-meeting-{meeting.public_id}.ics"'
    return response


def meeting_url(meeting: Meeting) -> str:
    from django.urls import reverse

    return reverse("meetings:detail", args=[meeting.public_id])

