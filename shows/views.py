"""Trade show pages: an SME's application (status, checklist, samples, leads at its stand), staff's
decisions on it, and a media tour's press kits. Thin: selectors decide who sees what, one service writes."""

from __future__ import annotations

from datetime import datetime
from functools import wraps
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from artisans.models import ArtisanProfile
from common.csvfiles import csv_response
from common.statemachine import TransitionRefused
from deals.services import Line, QuantitiesRefused
from programs.models import Program
from shows import selectors, services
from shows.forms import (
    DecisionForm,
    DocumentForm,
    LeadForm,
    LeadInquiryForm,
    SamplesForm,
    StandMeetingForm,
)
from shows.models import Application, ForeignShow, Lead
from shows.presskit import press_kit, press_kit_pdf, press_kit_zip
from shows.samples_pdf import CARNET, PROFORMA, samples_cells, samples_header, samples_pdf
from shows.transitions import is_show_staff, samples_refusal

ACTIONS = ("submit", "select", "refuse", "withdraw")


def show_staff_required(view):
    """Staff who run the trade shows (shows.transitions.is_show_staff); anyone else signed in: 403."""

    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not is_show_staff(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


@login_required
def calls(request: HttpRequest) -> HttpResponse:
    """The open calls for SMEs, each with the signed-in artisan's application if they have one."""
    shows = list(selectors.open_calls())
    mine = {}
    artisan = getattr(request.user, "artisan_profile", None)
    if artisan is not None:
        mine = {a.show_id: a for a in Application.objects.filter(artisan=artisan, show__in=shows)}
    rows = [{"show": show, "application": mine.get(show.pk)} for show in shows]
    return render(request, "shows/calls.html", {"rows": rows, "is_artisan": artisan is not None})


def _application(request: HttpRequest, public_id: UUID) -> Application:
    application = selectors.application_for(request.user, public_id)
    if application is None:
        raise Http404
    return application


def _samples_form(application: Application, samples: list[selectors.SampleRow], data=None) -> SamplesForm:
    return SamplesForm(
        data,
        products=selectors.sample_products(application),
        quantities={row.product_id: row.quantity for row in samples},
        default_origin=str(application.artisan.country),
    )


def _page(request: HttpRequest, application: Application, *, status: int = 200, **forms) -> HttpResponse:
    samples = selectors.samples_list(application)
    refusal = samples_refusal(application, request.user)
    samples_form = forms.get("samples_form")
    if samples_form is None and refusal is None:
        samples_form = _samples_form(application, samples)
    context = {
        "application": application,
        "show": application.show,
        "actions": selectors.application_actions(application, request.user),
        "checklist": selectors.checklist(application),
        "samples": samples,
        "samples_form": samples_form,
        "samples_refusal": refusal,
        "samples_max": services.SAMPLE_QUANTITY_MAX,
        "leads": application.leads.all()[:200],
        "decision_form": forms.get("decision_form") or DecisionForm(),
        "document_form": forms.get("document_form") or DocumentForm(),
        "lead_form": forms.get("lead_form") or LeadForm(),
        "show_staff": is_show_staff(request.user),
        "stands": application.show.stands.all(),
    }
    return render(request, "shows/application.html", context, status=status)


@login_required
@require_POST
def apply(request: HttpRequest, public_id: UUID) -> HttpResponse:
    show = get_object_or_404(ForeignShow, public_id=public_id)
    try:
        application = services.application_start(user=request.user, show=show)
    except TransitionRefused as refusal:
        messages.error(request, refusal.message)
        return redirect("dashboard")
    return redirect("shows:application", application.public_id)


@login_required
def application(request: HttpRequest, public_id: UUID) -> HttpResponse:
    return _page(request, _application(request, public_id))


@login_required
@require_POST
def application_action(request: HttpRequest, public_id: UUID, action: str) -> HttpResponse:
    application = _application(request, public_id)
    if action not in ACTIONS:
        raise Http404
    form = DecisionForm(request.POST)
    if not form.is_valid():
        return _page(request, application, status=400, decision_form=form)
    reason, motivation = form.cleaned_data["reason"], form.cleaned_data["motivation"]
    try:
        if action == "submit":
            services.application_submit(user=request.user, application=application, motivation=motivation)
        elif action == "select":
            services.application_select(user=request.user, application=application, reason=reason)
        elif action == "refuse":
            services.application_refuse(user=request.user, application=application, reason=reason)
        else:
            services.application_withdraw(user=request.user, application=application)
    except TransitionRefused as refusal:
        form.add_error(None, refusal.message)
        return _page(request, application, status=400, decision_form=form)
    messages.success(request, _("Saved."))
    return redirect("shows:application", application.public_id)


@show_staff_required
@require_POST
def application_stand(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """Staff give a selected SME one of its show's stands (the service keeps a stand one SME's)."""
    application = _application(request, public_id)
    code = request.POST.get("code", "").strip()
    try:
        services.application_assign_stand(user=request.user, application=application, code=code)
    except TransitionRefused as refusal:
        form = DecisionForm({})
        form.is_valid()  # an empty decision is valid: the form only carries the refusal
        form.add_error(None, refusal.message)
        return _page(request, application, status=400, decision_form=form)
    messages.success(request, _("Saved."))
    return redirect("shows:application", application.public_id)


@login_required
@require_POST
def document_upload(request: HttpRequest, public_id: UUID, document_id: int) -> HttpResponse:
    application = _application(request, public_id)
    required = get_object_or_404(application.show.required_documents, pk=document_id)
    form = DocumentForm(request.POST, request.FILES, uploader=request.user)
    if not form.is_valid():
        return _page(request, application, status=400, document_form=form)
    try:
        services.application_document_upload(
            user=request.user, application=application, required=required, upload=form.cleaned_data["file"]
        )
    except TransitionRefused as refusal:
        form.add_error(None, refusal.message)
        return _page(request, application, status=400, document_form=form)
    return redirect("shows:application", application.public_id)


@login_required
@require_POST
def samples_set(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """The SME (or staff who run the shows) choose the products and quantities of the samples list."""
    application = _application(request, public_id)
    form = _samples_form(application, selectors.samples_list(application), data=request.POST)
    if not form.is_valid():
        return _page(request, application, status=400, samples_form=form)
    try:
        services.application_samples_set(
            user=request.user, application=application, quantities=form.quantities()
        )
    except TransitionRefused as refusal:
        form.add_error(None, refusal.message)
        return _page(request, application, status=400, samples_form=form)
    messages.success(request, _("The samples list is saved."))
    return redirect(f"{reverse('shows:application', args=[application.public_id])}#samples")


@login_required
def samples_csv(request: HttpRequest, public_id: UUID) -> HttpResponse:
    application = _application(request, public_id)
    rows = selectors.samples_list(application)
    return csv_response(
        "samples.csv", samples_header(), [samples_cells(n, row) for n, row in enumerate(rows, start=1)]
    )


@login_required
def samples_document(request: HttpRequest, public_id: UUID, kind: str) -> HttpResponse:
    application = _application(request, public_id)
    if kind not in (PROFORMA, CARNET):
        raise Http404
    response = HttpResponse(
        samples_pdf(application, selectors.samples_list(application), kind=kind),
        content_type="application/pdf",
    )
    response["Content-Disposition"] = f'attachment; filename="samples-{kind}.pdf"'
    return response


@login_required
@require_POST
def lead_capture(request: HttpRequest, public_id: UUID) -> HttpResponse:
    application = _application(request, public_id)
    form = LeadForm(request.POST)
    if not form.is_valid():
        return _page(request, application, status=400, lead_form=form)
    data = form.cleaned_data
    try:
        if data["code"]:
            _lead, new = services.lead_capture_badge(
                user=request.user, application=application, code=data["code"], note=data["note"]
            )
            if not new:
                messages.info(request, _("This badge was already scanned at this stand."))
        else:
            services.lead_capture_card(
                user=request.user,
                application=application,
                full_name=data["full_name"],
                email=data["email"],
                organisation=data["organisation"],
                note=data["note"],
            )
    except TransitionRefused as refusal:
        form.add_error(None, refusal.message)
        return _page(request, application, status=400, lead_form=form)
    return redirect("shows:application", application.public_id)


def _kit(request: HttpRequest, program_id: UUID, artisan_id: UUID):
    program = get_object_or_404(Program, public_id=program_id)
    if not selectors.press_kit_allowed(request.user, program):
        raise Http404
    artisan = get_object_or_404(selectors.press_kit_artisans(program), public_id=artisan_id)
    return press_kit(program, artisan)


@login_required
def press_kits(request: HttpRequest, program_id: UUID) -> HttpResponse:
    program = get_object_or_404(Program, public_id=program_id)
    if not selectors.press_kit_allowed(request.user, program):
        raise Http404
    artisans: list[ArtisanProfile] = list(selectors.press_kit_artisans(program))
    return render(request, "shows/press_kits.html", {"program": program, "artisans": artisans})


@login_required
def press_kit_archive(request: HttpRequest, program_id: UUID, artisan_id: UUID) -> HttpResponse:
    kit = _kit(request, program_id, artisan_id)
    response = HttpResponse(press_kit_zip(kit), content_type="application/zip")
    response["Content-Disposition"] = 'attachment; filename="press-kit.zip"'
    return response


@login_required
def press_kit_document(request: HttpRequest, program_id: UUID, artisan_id: UUID) -> HttpResponse:
    kit = _kit(request, program_id, artisan_id)
    response = HttpResponse(press_kit_pdf(kit), content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="press-kit.pdf"'
    return response


# --- staff at the stand: a lead's meeting and inquiry ---------------------------------------------
def _lead(request: HttpRequest, public_id: UUID, lead_id: int) -> Lead:
    lead = selectors.lead_for_staff(request.user, public_id, lead_id)
    if lead is None:
        raise Http404
    return lead


def _lead_page(request: HttpRequest, lead: Lead, *, status: int = 200, **forms) -> HttpResponse:
    context = {
        "lead": lead,
        "application": lead.application,
        "show": lead.application.show,
        "buyer_user": selectors.lead_buyer(lead),
        "meeting_form": forms.get("meeting_form")
        or StandMeetingForm(initial={"day": lead.application.show.starts_on}),
        "inquiry_form": forms.get("inquiry_form") or LeadInquiryForm(products=selectors.lead_products(lead)),
    }
    return render(request, "shows/lead.html", context, status=status)


@show_staff_required
def lead(request: HttpRequest, public_id: UUID, lead_id: int) -> HttpResponse:
    return _lead_page(request, _lead(request, public_id, lead_id))


@show_staff_required
@require_POST
def lead_meeting(request: HttpRequest, public_id: UUID, lead_id: int) -> HttpResponse:
    lead = _lead(request, public_id, lead_id)
    form = StandMeetingForm(request.POST)
    if not form.is_valid():
        return _lead_page(request, lead, status=400, meeting_form=form)
    local_start = datetime.combine(form.cleaned_data["day"], form.cleaned_data["time"])
    try:
        services.stand_meeting_book(user=request.user, lead=lead, local_start=local_start)
    except TransitionRefused as refusal:
        form.add_error(None, refusal.message)
        return _lead_page(request, lead, status=400, meeting_form=form)
    messages.success(request, _("The meeting at the stand is booked; both sides get the invitation."))
    return redirect("shows:lead", public_id, lead.pk)


@show_staff_required
@require_POST
def lead_inquiry(request: HttpRequest, public_id: UUID, lead_id: int) -> HttpResponse:
    lead = _lead(request, public_id, lead_id)
    form = LeadInquiryForm(request.POST, products=selectors.lead_products(lead))
    if not form.is_valid():
        return _lead_page(request, lead, status=400, inquiry_form=form)
    data = form.cleaned_data
    try:
        services.lead_to_inquiry(
            user=request.user,
            lead=lead,
            lines=[Line(quantity=data["quantity"], product=data["product"])],
            message=data["message"],
        )
    except QuantitiesRefused as refusal:
        for message in refusal.messages:
            form.add_error(None, message)
        return _lead_page(request, lead, status=400, inquiry_form=form)
    except TransitionRefused as refusal:
        form.add_error(None, refusal.message)
        return _lead_page(request, lead, status=400, inquiry_form=form)
    messages.success(request, _("The buyer's inquiry is sent to the business."))
    return redirect("shows:lead", public_id, lead.pk)
