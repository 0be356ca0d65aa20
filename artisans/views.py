from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from common.permissions import artisan_required


@artisan_required
def dashboard(request: HttpRequest) -> HttpResponse:
    profile = getattr(request.user, "artisan_profile", None)
    return render(request, "artisans/dashboard.html", {"profile": profile})
