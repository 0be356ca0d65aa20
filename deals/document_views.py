"""A deal's documents for its two parties: a quote's PDF, an order's pro forma invoice and packing list.

`?lang=` picks the buyer's or the artisan's language (deals.documents.document_languages); anyone
but the two parties finds nothing, as on the deal's page.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_safe

from deals import documents, selectors


def _pdf(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(False, filename)
    # A deal's terms: kept by the reader's browser only, never by a shared cache.
    response["Cache-Control"] = "private, no-store"
    return response


def _deal(request: HttpRequest, public_id):
    deal = selectors.deal_for(request.user, public_id)
    if deal is None:
        raise Http404
    return deal


@login_required
@require_safe
def quote_pdf(request: HttpRequest, public_id, pk: int) -> HttpResponse:
    deal = _deal(request, public_id)
    document = selectors.quote_document(deal, pk)
    if document is None:
        raise Http404
    language = documents.pick_language(
        request.GET.get("lang"), deal, document.inquiry, reader_language=request.user.language
    )
    data = documents.quote_pdf(document, language=language, zone=request.user.zone)
    return _pdf(data, f"quote-{str(deal.public_id)[:8]}-v{document.quote.version}-{language}.pdf")


def _order_document(request: HttpRequest, public_id, pk: int, build, name: str) -> HttpResponse:
    deal = _deal(request, public_id)
    document = selectors.order_document(deal, pk)
    if document is None:
        raise Http404
    language = documents.pick_language(
        request.GET.get("lang"), deal, document.inquiry, reader_language=request.user.language
    )
    data = build(document, language=language, zone=request.user.zone)
    return _pdf(data, f"{name}-{str(document.order.public_id)[:8]}-{language}.pdf")


@login_required
@require_safe
def order_proforma(request: HttpRequest, public_id, pk: int) -> HttpResponse:
    return _order_document(request, public_id, pk, documents.proforma_pdf, "proforma")


@login_required
@require_safe
def order_packing_list(request: HttpRequest, public_id, pk: int) -> HttpResponse:
    return _order_document(request, public_id, pk, documents.packing_list_pdf, "packing-list")
