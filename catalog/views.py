from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from artisans.models import ArtisanProfile


def artisan_list(request: HttpRequest) -> HttpResponse:
    artisans = ArtisanProfile.objects.filter(status=ArtisanProfile.Status.APPROVED).select_related("user")[:24]
    return render(request, "catalog/artisan_list.html", {"artisans": artisans})
