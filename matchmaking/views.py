"""A person's matches with reasons, hiding them, and marking whom they want to meet."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from matchmaking import selectors, services
from matchmaking.forms import PreferenceForm
from matchmaking.models import Preference, Recommendation
from programs.models import Program


def _buyer_or_artisan(request: HttpRequest) -> None:
    if not (request.user.is_buyer or request.user.is_artisan):
        raise PermissionDenied


def _back(request: HttpRequest, url: str | None) -> str:
    from common.security import safe_next_url

    return safe_next_url(request, url, reverse("matchmaking:recommendations"))


@login_required
def recommendations(request: HttpRequest) -> HttpResponse:
    _buyer_or_artisan(request)
    return render(request, "matchmaking/recommendations.html", {
        "matches": selectors.matches_for(request.user, limit=None),
        "hidden": selectors.matches_for(request.user, limit=None, hidden=True),
        "marks": selectors.my_preferences(request.user),
        "viewer_is_buyer": request.user.is_buyer,
    })


def _toggle(request: HttpRequest, pk: int, *, hide: bool) -> HttpResponse:
    _buyer_or_artisan(request)
    get_object_or_404(Recommendation, pk=pk)
    try:
        if hide:
            services.recommendation_hide(recommendation_id=pk, user=request.user)
        else:
            services.recommendation_unhide(recommendation_id=pk, user=request.user)
    except services.PreferenceError:
        raise Http404
    messages.success(request, _("Hidden from your matches.") if hide else _("Shown again in your matches."))
    return redirect(_back(request, request.POST.get("next")))


@require_POST
@login_required
def recommendation_hide(request: HttpRequest, pk: int) -> HttpResponse:
    return _toggle(request, pk, hide=True)


@require_POST
@login_required
def recommendation_unhide(request: HttpRequest, pk: int) -> HttpResponse:
    return _toggle(request, pk, hide=False)


@require_POST
@login_required
def preference_set(request: HttpRequest) -> HttpResponse:
    _buyer_or_artisan(request)
    form = PreferenceForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest()
    program = get_object_or_404(Program, pk=form.cleaned_data["program"])
    try:
        preference = services.preference_set(
            program=program, user=request.user, other_id=form.cleaned_data["other"], level=form.cleaned_data["level"]
        )
    except services.PreferenceError:
        raise Http404
    label = Preference.Level(preference.level).label
    messages.success(request, _("Saved: “%(mark)s” in %(program)s.") % {"mark": label, "program": program.name})
    return redirect(_back(request, form.cleaned_data.get("next")))
