"""Referencing pages: the committee's rounds, scoring and trial orders; the referenced list and its
reorders; the artisan's candidacies with their checklist and decisions. Staff run rounds in the admin."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from artisans.models import ArtisanProfile
from catalog.visibility import can_see_wholesale
from common.permissions import artisan_required, buyer_required
from common.statemachine import TransitionRefused
from deals.services import QuantitiesRefused
from referencing import selectors, services
from referencing.forms import DeliveryForm, ReorderForm, ScoreForm, TickForm, TrialOrderForm
from referencing.models import ReadinessTick, ReferencingRound

BAD_REQUEST = 400


# --- the committee ------------------------------------------------------------------------------


@buyer_required
def round_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "referencing/round_list.html",
        {
            "rounds": selectors.member_rounds(request.user),
            "listings": selectors.member_listings(request.user),
        },
    )


def _round_page(
    request: HttpRequest, round: ReferencingRound, *, forms: dict | None = None, status: int = 200
):
    page = selectors.committee_page(round, request.user)
    forms = forms or {}
    for row in page.rows:
        row.score_form = forms.get(("score", row.candidate.pk)) or ScoreForm(
            criteria=page.criteria, initial_marks=row.my_marks, prefix=f"c{row.candidate.pk}"
        )
        row.trial_form = forms.get(("trial", row.candidate.pk)) or TrialOrderForm(
            prefix=f"t{row.candidate.pk}", initial={"quantity": row.candidate.product.min_order_qty}
        )
    return render(
        request,
        "referencing/round_detail.html",
        {"page": page, "round": round, "wholesale": can_see_wholesale(request.user)},
        status=status,
    )


@buyer_required
def round_detail(request: HttpRequest, public_id) -> HttpResponse:
    round = selectors.member_round(request.user, public_id)
    if round is None:
        raise Http404
    return _round_page(request, round)


def _member_candidate(request: HttpRequest, public_id):
    candidate = selectors.member_candidate(request.user, public_id)
    if candidate is None:
        raise Http404
    return candidate


@buyer_required
@require_POST
def candidate_score(request: HttpRequest, public_id) -> HttpResponse:
    candidate = _member_candidate(request, public_id)
    criteria = list(candidate.round.criteria.all())
    form = ScoreForm(request.POST, criteria=criteria, prefix=f"c{candidate.pk}")
    if form.is_valid():
        try:
            services.score_record(user=request.user, candidate=candidate, marks=form.marks())
        except TransitionRefused as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(request, _("Your scores are saved."))
            return redirect("referencing:round", public_id=candidate.round.public_id)
    return _round_page(request, candidate.round, forms={("score", candidate.pk): form}, status=BAD_REQUEST)


@buyer_required
@require_POST
def candidate_trial(request: HttpRequest, public_id) -> HttpResponse:
    candidate = _member_candidate(request, public_id)
    form = TrialOrderForm(request.POST, prefix=f"t{candidate.pk}")
    if form.is_valid():
        data = form.cleaned_data
        try:
            order = services.candidate_order_trial(
                user=request.user,
                candidate=candidate,
                quantity=data["quantity"],
                delivery_address=data["delivery_address"],
                po_number=data["po_number"],
                wanted_by=data["wanted_by"],
            )
        except QuantitiesRefused as refused:
            for message in refused.messages:
                form.add_error(None, message)
        except TransitionRefused as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(request, _("The trial order is placed; follow it in your deals."))
            return redirect("deals:detail", public_id=order.deal.public_id)
    return _round_page(request, candidate.round, forms={("trial", candidate.pk): form}, status=BAD_REQUEST)


@buyer_required
def reorder(request: HttpRequest, public_id) -> HttpResponse:
    """Reorder from a retailer's referenced list: quantities per listed product, one order per artisan."""
    grouped = selectors.member_listings(request.user)
    retailer = next((r for r in grouped if str(r.public_id) == str(public_id)), None)
    if retailer is None:
        raise Http404
    rows = grouped[retailer]
    form = ReorderForm(request.POST or None, listings=rows)
    delivery = DeliveryForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = BAD_REQUEST
        if form.is_valid() and delivery.is_valid():
            data = delivery.cleaned_data
            try:
                orders = services.listing_reorder(
                    user=request.user,
                    retailer=retailer,
                    quantities=form.quantities(),
                    delivery_address=data["delivery_address"],
                    po_number=data["po_number"],
                    wanted_by=data["wanted_by"],
                )
            except QuantitiesRefused as refused:
                for message in refused.messages:
                    form.add_error(None, message)
            except TransitionRefused as refused:
                form.add_error(None, refused.message)
            else:
                messages.success(request, _("Your reorder is placed; follow it in your deals."))
                if len(orders) == 1:
                    return redirect("deals:detail", public_id=orders[0].deal.public_id)
                return redirect("deals:list")
    lines = [(row, form[name]) for row, name in form.listing_fields]
    return render(
        request,
        "referencing/reorder.html",
        {
            "retailer": retailer,
            "lines": lines,
            "form": form,
            "delivery": delivery,
            "wholesale": can_see_wholesale(request.user),
        },
        status=status,
    )


# --- the artisan --------------------------------------------------------------------------------


def _artisan(request: HttpRequest) -> ArtisanProfile:
    profile = ArtisanProfile.objects.filter(user=request.user).first()
    if profile is None:
        raise Http404
    return profile


@artisan_required
def artisan_candidacies(request: HttpRequest) -> HttpResponse:
    profile = _artisan(request)
    return render(
        request, "referencing/artisan.html", {"rounds": selectors.artisan_rounds(profile, request.user)}
    )


@artisan_required
@require_POST
def checklist_tick(request: HttpRequest, public_id, item: str) -> HttpResponse:
    profile = _artisan(request)
    round = (
        ReferencingRound.objects.filter(public_id=public_id, candidates__artisan=profile).distinct().first()
    )
    if round is None or item not in ReadinessTick.Item.values:
        raise Http404
    form = TickForm(request.POST)
    if not form.is_valid():
        return HttpResponse(_("Tick or untick the item."), status=BAD_REQUEST)
    try:
        services.readiness_tick(
            user=request.user, round=round, artisan=profile, item=item, done=form.cleaned_data["done"]
        )
    except TransitionRefused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, _("Your checklist is saved."))
    return redirect("referencing:artisan")


@artisan_required
@require_POST
def candidate_withdraw(request: HttpRequest, public_id) -> HttpResponse:
    profile = _artisan(request)
    candidate = profile.candidacies.filter(public_id=public_id).select_related("round", "artisan").first()
    if candidate is None:
        raise Http404
    try:
        services.candidate_withdraw(user=request.user, candidate=candidate)
    except TransitionRefused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, _("Your product is withdrawn from the round."))
    return redirect("referencing:artisan")
