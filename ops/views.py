from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseForbidden, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from ops import metrics
from ops.health import health


@never_cache
@require_GET
def health_view(request: HttpRequest) -> JsonResponse:
    report = health()
    return JsonResponse(report, status=200 if report["ok"] else 503)


@never_cache
@require_GET
def metrics_view(request: HttpRequest) -> HttpResponse:
    if not metrics.may_scrape(request):
        return HttpResponseForbidden("Metrics are for staff, or for a scraper with METRICS_TOKEN.")
    body, content_type = metrics.render()
    return HttpResponse(body, content_type=content_type)
