from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from common.permissions import buyer_required


@buyer_required
def dashboard(request: HttpRequest) -> HttpResponse:
    profile = getattr(request.user, "buyer_profile", None)
    return render(request, "buyers/dashboard.html", {"profile": profile})
