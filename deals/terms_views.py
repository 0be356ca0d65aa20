"""The artisan's own deal terms in their portal: order minimums, and each product's pack size and samples.

Only the artisan's own rows: another's product is not found. The form validates, one service
(deals.services.terms) writes and holds the rules; staff see the same rows read-only in the admin.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from artisans.models import ArtisanProfile
from catalog.models import Product
from common.permissions import artisan_required
from common.statemachine import TransitionRefused
from deals.entry_forms import DealTermsForm, ProductTermsForm
from deals.models import DealTerms, ProductTerms
from deals.services.terms import deal_terms_update, product_terms_update


def _profile(request: HttpRequest) -> ArtisanProfile | None:
    return ArtisanProfile.objects.filter(user=request.user).first()


@artisan_required
def deal_terms(request: HttpRequest) -> HttpResponse:
    profile = _profile(request)
    if profile is None:
        messages.info(request, _("Create your workshop profile first, then set your order terms."))
        return redirect("artisans:dashboard")
    terms = DealTerms.objects.filter(artisan=profile).first()
    form = DealTermsForm(request.POST or None, instance=terms)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                deal_terms_update(
                    artisan=profile,
                    currency=form.cleaned_data["currency"],
                    opening_order_minimum=form.cleaned_data["opening_order_minimum"],
                    reorder_minimum=form.cleaned_data["reorder_minimum"],
                )
            except TransitionRefused as refused:
                form.add_error(None, refused.message)
            else:
                messages.success(request, _("Your order terms are saved."))
                return redirect("deals:terms")
    products = Product.objects.filter(artisan=profile).select_related("deal_terms").order_by("title", "pk")
    return render(request, "deals/terms.html", {"form": form, "products": products}, status=status)


@artisan_required
def product_terms(request: HttpRequest, public_id) -> HttpResponse:
    profile = _profile(request)
    product = Product.objects.filter(artisan=profile, public_id=public_id).first() if profile else None
    if product is None:
        raise Http404
    terms = ProductTerms.objects.filter(product=product).first()
    form = ProductTermsForm(request.POST or None, instance=terms)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                product_terms_update(
                    artisan=profile,
                    product=product,
                    pack_multiple=form.cleaned_data["pack_multiple"],
                    sample_policy=form.cleaned_data["sample_policy"],
                )
            except TransitionRefused as refused:
                form.add_error(None, refused.message)
            else:
                messages.success(request, _("The terms of this product are saved."))
                return redirect("artisans:product-edit", public_id=product.public_id)
    return render(request, "deals/product_terms.html", {"form": form, "product": product}, status=status)
