from __future__ import annotations

import logging
import time

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ops import metrics
from ops.context import clean_request_id, request_id

log = logging.getLogger(__name__)


class MetricsMiddleware:
    """Count each answer and its time by view name (a bounded set of labels, never the path)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        started = time.perf_counter()
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        if match is not None:
            view = match.view_name or "unnamed"
        else:
            view = "static" if request.path.startswith(settings.STATIC_URL) else "unresolved"
        metrics.observe(
            method=request.method or "",
            view=view,
            status=response.status_code,
            seconds=time.perf_counter() - started,
        )
        return response


class RequestIdMiddleware:
    """Give each request an id (the caller's X-Request-ID when sane) for logs, tasks and the reply."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        rid = clean_request_id(request.headers.get("X-Request-ID"))
        request.request_id = rid
        token = request_id.set(rid)
        try:
            response = self.get_response(request)
        finally:
            request_id.reset(token)
        response["X-Request-ID"] = rid
        return response


class DatabaseUnavailableMiddleware:
    """A lost database connection is a moment's outage, not a bug: say so and ask for a retry.

    The transaction was rolled back whole, so trying again is safe; Django opens a fresh
    connection for the next request (CONN_HEALTH_CHECKS).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        log.error("Database unavailable during %s %s: %s", request.method, request.path, exception)
        response = render(request, "503.html", status=503)
        response["Retry-After"] = "5"
        return response
