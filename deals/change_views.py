"""The deal page's own forms for three table rows the generic action form cannot carry.

- the artisan accepts an order with changes (ORDERS "propose_changes": a quantity per line, a
  ship-by date, a note), which the buyer then confirms through the generic form;
- the buyer orders an approved sample (SAMPLES "order"), the product and its minimum prefilled;
- the buyer asks for a quote after approving a sample, in the same deal (its one history).

Thin views: the deal is found through deals.selectors.deal_for, a form validates, one service
writes; a refusal shows the deal page again with the input kept (deals.views._detail).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.permissions import buyer_required
from common.statemachine import TransitionRefused
from deals import selectors, services
from deals.forms import InquiryForm, OrderForm
from deals.models import Deal, Order, Sample
from deals.order_forms import OrderChangesForm
from deals.start_views import _refusal
from deals.views import _detail, for_artisan


def _deal(request: HttpRequest, public_id) -> Deal:
    deal = selectors.deal_for(request.user, public_id)
    if deal is None:
        raise Http404
    return deal


def _sample(deal: Deal, pk: int) -> Sample:
    sample = Sample.objects.filter(deal=deal, pk=pk, product__isnull=False).select_related("product").first()
    if sample is None:
        raise Http404
    return sample


@login_required
@require_POST
def order_changes(request: HttpRequest, public_id, pk: int) -> HttpResponse:
    deal = _deal(request, public_id)
    order = Order.objects.filter(deal=deal, pk=pk).prefetch_related("lines").first()
    if order is None:
        raise Http404
    form = OrderChangesForm(request.POST, order=order)
    if form.is_valid():
        try:
            services.order_propose_changes(
                user=request.user,
                order=order,
                quantities=form.quantities(),
                ship_by=form.cleaned_data["ship_by"],
                reason=form.cleaned_data["note"],
                **for_artisan(request, deal, services.order_propose_changes),
            )
        except TransitionRefused as refused:
            _refusal(form, refused)
        else:
            messages.success(request, _("Your changes are sent to the buyer, who confirms them."))
            return redirect("deals:detail", public_id=deal.public_id)
    return _detail(request, deal, changes_form=form, status=400)


@buyer_required
@require_POST
def sample_order(request: HttpRequest, public_id, pk: int) -> HttpResponse:
    deal = _deal(request, public_id)
    sample = _sample(deal, pk)
    form = OrderForm(request.POST, auto_id=f"sample-order-{sample.pk}-%s")
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.order_place(
                user=request.user,
                artisan=deal.artisan,
                sample=sample,
                lines=[services.Line(quantity=data["quantity"], product=sample.product)],
                delivery_address=data["delivery_address"],
                po_number=data["po_number"],
                wanted_by=data["wanted_by"],
            )
        except TransitionRefused as refused:
            _refusal(form, refused)
        else:
            messages.success(request, _("Your order is sent to the artisan."))
            return redirect("deals:detail", public_id=deal.public_id)
    return _detail(request, deal, sample_forms={sample.pk: form}, status=400)


@buyer_required
@require_POST
def sample_quote(request: HttpRequest, public_id, pk: int) -> HttpResponse:
    deal = _deal(request, public_id)
    sample = _sample(deal, pk)
    form = InquiryForm(request.POST, auto_id=f"sample-quote-{sample.pk}-%s")
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.inquiry_send(
                user=request.user,
                artisan=deal.artisan,
                deal=deal,
                source=deal.source,
                lines=[services.Line(quantity=data["quantity"], product=sample.product, unit=data["unit"])],
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
    return _detail(request, deal, quote_request_forms={sample.pk: form}, status=400)
