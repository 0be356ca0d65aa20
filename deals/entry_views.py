"""Where else a deal starts: the buyer's shortlist, a held meeting, an artisan's public page.

Thin views over deals.services (inquiry_send, sample_request, inquiry_send_public): the artisan
or meeting is found through the catalog's visibility rule or deals.selectors, a form validates,
one service writes, and what the service refuses is shown beside the form with the input kept.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from catalog.selectors import artisan_for_page
from common.permissions import buyer_required
from common.statemachine import TransitionRefused
from deals import selectors, services
from deals.entry_forms import (
    MeetingDealForm,
    MeetingSampleForm,
    ProductLinesInquiryForm,
    PublicSpecificationForm,
)
from deals.models import Deal
from deals.start_views import public_rate_limited
from meetings.selectors import held_meeting_for_buyer
from programs.selectors import shared_program


def _refusal(form, refused: TransitionRefused) -> None:
    for message in getattr(refused, "messages", None) or [refused.message]:
        form.add_error(None, message)


def _inquiry_terms(data: dict) -> dict:
    return {
        "destination_country": data["destination_country"],
        "incoterm": data["incoterm"],
        "wanted_by": data["wanted_by"],
        "message": data["message"],
    }


# --- The shortlist ----------------------------------------------------------------------------------
@buyer_required
def shortlist_inquire(request: HttpRequest, slug: str) -> HttpResponse:
    """One request for a quote to an artisan, a line per product of theirs on the buyer's shortlist."""
    artisan = artisan_for_page(slug, viewer=request.user)
    products = selectors.shortlisted_products(request.user, artisan)
    if not products or artisan.user_id == request.user.pk:
        raise Http404
    form = ProductLinesInquiryForm(request.POST or None, products=products)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                deal = services.inquiry_send(
                    user=request.user,
                    artisan=artisan,
                    source=Deal.Source.SHORTLIST,
                    program=shared_program(buyer_user=request.user, artisan=artisan),
                    lines=[
                        services.Line(quantity=quantity, product=product, unit=data["unit"])
                        for product, quantity in form.quantities()
                    ],
                    **_inquiry_terms(data),
                )
            except TransitionRefused as refused:
                _refusal(form, refused)
            else:
                messages.success(request, _("Your request for a quote is sent to the artisan."))
                return redirect("deals:detail", public_id=deal.public_id)
    return render(request, "deals/shortlist_inquiry.html", {"artisan": artisan, "form": form}, status=status)


# --- A held meeting -----------------------------------------------------------------------------
def _meeting_page(request: HttpRequest, meeting, products, *, status: int = 200, **forms) -> HttpResponse:
    return render(
        request,
        "deals/meeting_start.html",
        {
            "meeting": meeting,
            "artisan": meeting.artisan,
            "quote_form": forms.get("quote_form") or MeetingDealForm(products=list(products), prefix="quote"),
            "sample_form": (forms.get("sample_form") or MeetingSampleForm(products=products, prefix="sample"))
            if products
            else None,
        },
        status=status,
    )


def _held_meeting(request: HttpRequest, public_id):
    # The meeting's buyer or a buyer of a group meeting (meetings.selectors).
    meeting = held_meeting_for_buyer(request.user, public_id)
    if meeting is None:
        raise Http404
    # The products of interest the buyer may still see; the meeting may name none.
    return meeting, selectors.meeting_products(meeting, request.user)


@buyer_required
def meeting_start(request: HttpRequest, public_id) -> HttpResponse:
    """After a held meeting, its buyer asks the artisan for a quote or a sample, linked to the meeting."""
    meeting, products = _held_meeting(request, public_id)
    return _meeting_page(request, meeting, products)


@buyer_required
@require_POST
def meeting_inquire(request: HttpRequest, public_id) -> HttpResponse:
    meeting, products = _held_meeting(request, public_id)
    form = MeetingDealForm(request.POST, products=list(products), prefix="quote")
    if form.is_valid():
        data = form.cleaned_data
        lines = [
            services.Line(quantity=quantity, product=product, unit=data["unit"])
            for product, quantity in form.quantities()
        ]
        if data["specification"].strip():
            lines.append(
                services.Line(
                    quantity=data["specification_quantity"],
                    specification=data["specification"],
                    unit=data["unit"],
                )
            )
        try:
            deal = services.inquiry_send(
                user=request.user,
                artisan=meeting.artisan,
                source=Deal.Source.MEETING,
                meeting=meeting,
                lines=lines,
                **_inquiry_terms(data),
            )
        except TransitionRefused as refused:
            _refusal(form, refused)
        else:
            messages.success(request, _("Your request for a quote is sent to the artisan."))
            return redirect("deals:detail", public_id=deal.public_id)
    return _meeting_page(request, meeting, products, quote_form=form, status=400)


@buyer_required
@require_POST
def meeting_sample(request: HttpRequest, public_id) -> HttpResponse:
    meeting, products = _held_meeting(request, public_id)
    if not products:
        raise Http404
    form = MeetingSampleForm(request.POST, products=products, prefix="sample")
    if form.is_valid():
        try:
            sample = services.sample_request(
                user=request.user,
                product=form.cleaned_data["product"],
                message=form.cleaned_data["message"],
                source=Deal.Source.MEETING,
                meeting=meeting,
            )
        except TransitionRefused as refused:
            _refusal(form, refused)
        else:
            messages.success(request, _("Your request for a sample is sent to the artisan."))
            return redirect("deals:detail", public_id=sample.deal.public_id)
    return _meeting_page(request, meeting, products, sample_form=form, status=400)


# --- An artisan's public page -------------------------------------------------------------------
def public_artisan_inquire(request: HttpRequest, slug: str) -> HttpResponse:
    """A visitor of a public catalog describes what they need; the artisan sees it once confirmed."""
    artisan = artisan_for_page(slug, viewer=None)
    program = selectors.public_inquiry_program(artisan)
    if program is None or request.user.is_authenticated:
        raise Http404
    form = PublicSpecificationForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if public_rate_limited(request):
            form.add_error(None, _("Too many inquiries from your connection. Please try again later."))
            status = 429
        elif form.is_valid():
            data = form.cleaned_data
            try:
                services.inquiry_send_public(
                    program=program,
                    artisan=artisan,
                    name=data["name"],
                    email=data["email"],
                    lines=[
                        services.Line(
                            quantity=data["quantity"], specification=data["specification"], unit=data["unit"]
                        )
                    ],
                    message=data["message"],
                    destination_country=data["destination_country"],
                    language=get_language() or "",
                )
            except TransitionRefused as refused:
                _refusal(form, refused)
            else:
                return render(
                    request, "deals/public_artisan_inquiry.html", {"artisan": artisan, "sent": True}
                )
    return render(
        request,
        "deals/public_artisan_inquiry.html",
        {"artisan": artisan, "program": program, "form": form},
        status=status,
    )
