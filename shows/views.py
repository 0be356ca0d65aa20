"""Trade show pages: an SME's application (status, checklist, samples, leads at its stand), staff's
decisions on it, and a media tour's press kits. Thin: selectors decide who sees what, one service writes."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from artisans.models import ArtisanProfile
from common.csvfiles import csv_response
from common.statemachine import TransitionRefused
from programs.models import Program
from shows import selectors, services
from shows.forms import DecisionForm, DocumentForm, LeadForm
from shows.models import Application, ForeignShow
from shows.presskit import press_kit, press_kit_pdf, press_kit_zip
from shows.samples_pdf import CARNET, PROFORMA, samples_cells, samples_header, samples_pdf

ACTIONS = ("submit", "select", "refuse", "withdraw")


def _application(request: HttpRequest, public_id: UUID) -> Application:
    application = selectors.application_for(request.user, public_id)
    if application is None:
        raise Http404
    return application


def _page(request: HttpRequest, application: Application, *, status: int = 200, **forms) -> HttpResponse:
    context = {
        "application": application,
        "show": application.show,
        "actions": selectors.application_actions(application, request.user),
        "checklist": selectors.checklist(application),
        "samples": selectors.samples_list(application),
        "leads": application.leads.all()[:200],
        "decision_form": forms.get("decision_form") or DecisionForm(),
        "document_form": forms.get("document_form") or DocumentForm(),
        "lead_form": forms.get("lead_form") or LeadForm(),
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
