from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from buyers import services
from buyers.forms import BuyerProfileForm, ShortlistNoteForm, ShortlistTargetForm
from buyers.models import ShortlistItem
from buyers.selectors import buyer_profile_of, shortlist_of
from catalog.visibility import can_see_wholesale, visible_artisans, visible_products
from common.permissions import buyer_required
from deals.selectors import waiting_for
from matchmaking.selectors import matches_for
from programs.selectors import programs_joined_by


def _safe_next(request: HttpRequest, url: str | None, default: str) -> str:
    from common.security import safe_next_url

    return safe_next_url(request, url, default)


@buyer_required
def dashboard(request: HttpRequest) -> HttpResponse:
    profile = buyer_profile_of(request.user)
    items = list(shortlist_of(profile)[:10]) if profile else []
    return render(request, "buyers/dashboard.html", {
        "profile": profile,
        "items": items,
        "show_wholesale": can_see_wholesale(request.user),
        "matches": matches_for(request.user),
        "programs": programs_joined_by(request.user),
        "waiting": waiting_for(request.user),
    })


@buyer_required
def profile_edit(request: HttpRequest) -> HttpResponse:
    profile = buyer_profile_of(request.user)
    form = BuyerProfileForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        created = profile is None
        profile = form.save(commit=False)
        profile.user = request.user
        profile.save()
        form.save_m2m()
        messages.success(request, _("Your buyer profile is saved.") if not created else _(
            "Your buyer profile is created. The agency verifies it before wholesale terms are shown."
        ))
        return redirect(_safe_next(request, request.POST.get("next"), reverse("buyers:dashboard")))
    return render(request, "buyers/profile_form.html", {
        "form": form, "profile": profile, "next": _safe_next(request, request.GET.get("next"), ""),
    })


@buyer_required
def shortlist(request: HttpRequest) -> HttpResponse:
    profile = buyer_profile_of(request.user)
    if profile is None:
        return redirect(f"{reverse('buyers:profile')}?next={reverse('buyers:shortlist')}")
    items = list(shortlist_of(profile))
    return render(request, "buyers/shortlist.html", {
        "profile": profile,
        "items": items,
        "quote_artisans": _quote_artisans(items),
        "show_wholesale": can_see_wholesale(request.user),
    })


def _quote_artisans(items: list[ShortlistItem]) -> list[tuple[object, int]]:
    """Each artisan with shortlisted products still in the catalog, and how many: one request each."""
    counts: dict[int, list] = {}
    for item in items:
        if item.product_id and item.is_available:
            counts.setdefault(item.product.artisan_id, [item.product.artisan, 0])[1] += 1
    return [(artisan, count) for artisan, count in counts.values()]


def _target(form: ShortlistTargetForm, user):
    if form.cleaned_data.get("artisan"):
        return {"artisan": get_object_or_404(visible_artisans(user), slug=form.cleaned_data["artisan"])}
    return {"product": get_object_or_404(visible_products(user), public_id=form.cleaned_data["product"])}


@require_POST
@buyer_required
def shortlist_add(request: HttpRequest) -> HttpResponse:
    form = ShortlistTargetForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest()
    back = _safe_next(request, form.cleaned_data.get("next"), reverse("buyers:shortlist"))
    profile = buyer_profile_of(request.user)
    if profile is None:
        messages.info(request, _("Tell us about your organisation first, then shortlist artisans."))
        return redirect(f"{reverse('buyers:profile')}?next={back}")
    services.shortlist_add(profile=profile, **_target(form, request.user))
    messages.success(request, _("Added to your shortlist."))
    return redirect(back)


@require_POST
@buyer_required
def shortlist_remove(request: HttpRequest) -> HttpResponse:
    form = ShortlistTargetForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest()
    back = _safe_next(request, form.cleaned_data.get("next"), reverse("buyers:shortlist"))
    profile = buyer_profile_of(request.user)
    if profile is not None:
        services.shortlist_remove(
            profile=profile,
            artisan_slug=form.cleaned_data.get("artisan") or None,
            product_public_id=form.cleaned_data.get("product") or None,
        )
        messages.success(request, _("Removed from your shortlist."))
    return redirect(back)


@require_POST
@buyer_required
def shortlist_note(request: HttpRequest, public_id: str) -> HttpResponse:
    profile = buyer_profile_of(request.user)
    # Another buyer's item is not found rather than forbidden: its existence stays private.
    item = get_object_or_404(ShortlistItem, public_id=public_id, buyer=profile) if profile else None
    if item is None:
        return redirect("buyers:profile")
    form = ShortlistNoteForm(request.POST, instance=item)
    if form.is_valid():
        services.shortlist_note_update(item=item, note=form.cleaned_data["note"])
        messages.success(request, _("Note saved."))
    else:
        messages.error(request, _("The note could not be saved: it is too long."))
    return redirect(f"{reverse('buyers:shortlist')}#item-{item.public_id}")
