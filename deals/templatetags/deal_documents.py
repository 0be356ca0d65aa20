"""`{% document_links deal "quote" quote %}`: the links to a quote's or an order's PDFs, one per language."""

from __future__ import annotations

from django import template
from django.core.exceptions import ObjectDoesNotExist
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from deals.documents import document_languages

register = template.Library()

# What each kind of deal object has as documents: (URL name, label).
DOCUMENTS = {
    "quote": [("deals:quote-pdf", _("Quote (PDF)"))],
    "order": [
        ("deals:order-proforma", _("Pro forma invoice (PDF)")),
        ("deals:order-packing-list", _("Packing list (PDF)")),
    ],
}


@register.inclusion_tag("deals/_document_links.html")
def document_links(deal, kind: str, item) -> dict:
    inquiry = None
    if deal.buyer_id is None:
        # A member of the public has no account: their language is their inquiry's.
        try:
            inquiry = deal.inquiry
        except ObjectDoesNotExist:
            inquiry = None
    languages = [
        {"code": code, "name": translation.get_language_info(code)["name_local"]}
        for code in document_languages(deal, inquiry)
    ]
    return {
        "documents": [
            {"label": label, "url": reverse(name, args=[deal.public_id, item.pk])}
            for name, label in DOCUMENTS.get(kind, [])
        ],
        "languages": languages,
    }
