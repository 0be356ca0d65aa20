"""The pages that start a deal: a product's quote, sample and order forms, the public inquiry, a quote.

Thin views: the product is found through the catalog's visibility rule, a form validates, one
service writes; what the service refuses is shown beside the form, the input kept.
"""

from __future__ import annotations

import re

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from catalog.selectors import product_for_page
from catalog.visibility import can_see_wholesale
from common.permissions import buyer_required
from common.ratelimit import client_ip, rate_limit_hit
from common.statemachine import TransitionRefused
from deals import selectors, services
from deals.forms import (
    InquiryForm,
    OrderForm,
    PublicInquiryForm,
    QuoteForm,
    QuoteLineFormSet,
    QuoteOrderForm,
    SampleRequestForm,
)
from deals.models import Deal, Quote
from deals.views import _detail, for_artisan, quote_products
from programs.selectors import shared_program

# A program slug as Django makes them; anything else in the "fair" field is ignored.
SLUG = re.compile(r"[-a-zA-Z0-9_]{1,100}")


def _product(request: HttpRequest, public_id):
    product = product_for_page(public_id, viewer=request.user)
    if product.artisan.user_id == request.user.pk:
        raise Http404
    return product


def _refusal(form, refused: TransitionRefused) -> None:
    for message in getattr(refused, "messages", None) or [refused.message]:
        form.add_error(None, message)


def _start_page(request: HttpRequest, product, *, status: int = 200, **forms) -> HttpResponse:
    wholesale = can_see_wholesale(request.user)
    context = {
        "product": product,
        "artisan": product.artisan,
        "show_wholesale": wholesale,
        "inquiry_form": forms.get("inquiry_form")
        or InquiryForm(initial={"quantity": product.min_order_qty}, auto_id="inquiry_%s"),
        "sample_form": forms.get("sample_form") or SampleRequestForm(auto_id="sample_%s"),
        "order_form": (
            forms.get("order_form")
            or OrderForm(initial={"quantity": product.min_order_qty}, auto_id="order_%s")
        )
        if wholesale
        else None,
    }
    return render(request, "deals/start.html", context, status=status)


@buyer_required
def product_start(request: HttpRequest, public_id) -> HttpResponse:
    return _start_page(request, _product(request, public_id))


@buyer_required
@require_POST
def product_inquire(request: HttpRequest, public_id) -> HttpResponse:
    product = _product(request, public_id)
    form = InquiryForm(request.POST, auto_id="inquiry_%s")
    if form.is_valid():
        data = form.cleaned_data
        try:
            deal = services.inquiry_send(
                user=request.user,
                artisan=product.artisan,
                source=Deal.Source.PRODUCT,
                program=shared_program(buyer_user=request.user, artisan=product.artisan),
                lines=[services.Line(quantity=data["quantity"], product=product, unit=data["unit"])],
                destination_country=data["destination_country"],
                incoterm=data["incoterm"],
                wanted_by=data["wanted_by"],
                target_price=data["target_price"],
                currency=data["currency"],
                message=data["message"],
            )
        except TransitionRefused as refused:
            _refusal(form, refused)
        else:
            messages.success(request, _("Your request for a quote is sent to the artisan."))
            return redirect("deals:detail", public_id=deal.public_id)
    return _start_page(request, product, inquiry_form=form, status=400)


@buyer_required
@require_POST
def product_sample(request: HttpRequest, public_id) -> HttpResponse:
    product = _product(request, public_id)
    form = SampleRequestForm(request.POST, auto_id="sample_%s")
    if form.is_valid():
        try:
            sample = services.sample_request(
                user=request.user,
                product=product,
                message=form.cleaned_data["message"],
                program=shared_program(buyer_user=request.user, artisan=product.artisan),
            )
        except TransitionRefused as refused:
            _refusal(form, refused)
        else:
            messages.success(request, _("Your request for a sample is sent to the artisan."))
            return redirect("deals:detail", public_id=sample.deal.public_id)
    return _start_page(request, product, sample_form=form, status=400)


@buyer_required
@require_POST
def product_order(request: HttpRequest, public_id) -> HttpResponse:
    product = _product(request, public_id)
    if not can_see_wholesale(request.user):
        raise Http404
    form = OrderForm(request.POST, auto_id="order_%s")
    if form.is_valid():
        data = form.cleaned_data
        try:
            order = services.order_place(
                user=request.user,
                artisan=product.artisan,
                lines=[services.Line(quantity=data["quantity"], product=product)],
                delivery_address=data["delivery_address"],
                po_number=data["po_number"],
                wanted_by=data["wanted_by"],
                program=shared_program(buyer_user=request.user, artisan=product.artisan),
            )
        except TransitionRefused as refused:
            _refusal(form, refused)
        else:
            messages.success(request, _("Your order is sent to the artisan."))
            return redirect("deals:detail", public_id=order.deal.public_id)
    return _start_page(request, product, order_form=form, status=400)


@buyer_required
@require_POST
def quote_order(request: HttpRequest, public_id, pk: int) -> HttpResponse:
    """The buyer orders an accepted quote; the deal page shows the form (deals.views)."""
    deal = selectors.deal_for(request.user, public_id)
    quote = Quote.objects.filter(deal=deal, pk=pk).first() if deal is not None else None
    if quote is None:
        raise Http404
    form = QuoteOrderForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.order_place_from_quote(
                user=request.user,
                quote=quote,
                delivery_address=data["delivery_address"],
                po_number=data["po_number"],
                wanted_by=data["wanted_by"],
            )
        except TransitionRefused as refused:
            _refusal(form, refused)
        else:
            messages.success(request, _("Your order is sent to the artisan."))
            return redirect("deals:detail", public_id=deal.public_id)
    return _detail(request, deal, quote_order_form=form, status=400)


@login_required
@require_POST
def deal_quote(request: HttpRequest, public_id) -> HttpResponse:
    """The artisan answers with a quote version; the deal page shows the form (deals.views)."""
    deal = selectors.deal_for(request.user, public_id)
    if deal is None:
        raise Http404
    form = QuoteForm(request.POST)
    lines = QuoteLineFormSet(request.POST, prefix="line", form_kwargs={"products": quote_products(deal)})
    if form.is_valid() and lines.is_valid():
        data = form.cleaned_data
        try:
            services.quote_send(
                user=request.user,
                deal=deal,
                currency=data["currency"],
                incoterm=data["incoterm"],
                named_place=data["named_place"],
                payment_terms=data["payment_terms"],
                lead_time_days=data["lead_time_days"],
                valid_until=data["valid_until"],
                notes=data["notes"],
                **for_artisan(request, deal, services.quote_send),
                lines=[
                    services.Line(
                        quantity=line["quantity"],
                        product=line["product"],
                        description=line["description"],
                        unit_price=line["unit_price"],
                        pack_multiple=line["pack_multiple"],
                        minimum_quantity=line["minimum_quantity"],
                    )
                    for line in lines.cleaned_data
                ],
            )
        except TransitionRefused as refused:
            _refusal(form, refused)
        else:
            messages.success(request, _("Your quote is sent to the buyer."))
            return redirect("deals:detail", public_id=deal.public_id)
    return _detail(request, deal, quote_form=form, quote_lines=lines, status=400)


def public_rate_limited(request: HttpRequest) -> bool:
    """Count one public inquiry from this connection (any page it is sent from); True once over the rate."""
    return not rate_limit_hit(
        scope="public-inquiry", key=client_ip(request) or "unknown", rate=settings.PUBLIC_INQUIRY_RATE_LIMIT
    )


def public_inquire(request: HttpRequest, public_id) -> HttpResponse:
    """A visitor of a public catalog asks without an account; the artisan sees it once confirmed."""
    product = product_for_page(public_id, viewer=None)
    # From a fair's site the form names the fair: the deal is that program's, started at a stand.
    fair = (request.POST.get("fair") or request.GET.get("fair") or "").strip()
    if not SLUG.fullmatch(fair):
        fair = ""  # not a program's slug (hostile input, NUL included): the general public catalog
    program = selectors.public_inquiry_program(product.artisan, slug=fair or None)
    if program is None or request.user.is_authenticated:
        raise Http404
    form = PublicInquiryForm(request.POST or None)
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
                    artisan=product.artisan,
                    name=data["name"],
                    email=data["email"],
                    lines=[services.Line(quantity=data["quantity"], product=product)],
                    message=data["message"],
                    language=get_language() or "",
                    source=Deal.Source.STAND if fair else Deal.Source.PUBLIC,
                )
            except TransitionRefused as refused:
                _refusal(form, refused)
            else:
                return render(request, "deals/public_inquiry.html", {"product": product, "sent": True})
    return render(
        request,
        "deals/public_inquiry.html",
        {"product": product, "program": program, "form": form},
        status=status,
    )
