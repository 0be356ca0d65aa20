"""Render an email from a subject/text/HTML template triplet in the recipient's language and zone.

Every email has an HTML part: `emails/<template>_body.html` when there is one, else the text body
with its links made clickable. Either is laid out in `emails/base.html`, which carries the
language and direction on <html>; the language also goes out as Content-Language (the outbox).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.html import escape, urlize
from django.utils.safestring import mark_safe


@dataclass(frozen=True)
class Rendered:
    subject: str
    text: str
    html: str
    language: str = ""


def text_to_html(text: str) -> str:
    """Plain text as HTML paragraphs: escaped, links clickable, line breaks kept."""
    paragraphs = [part.strip("\n") for part in text.strip().split("\n\n") if part.strip()]
    return "\n".join(
        "<p>" + "<br>\n".join(urlize(escape(line)) for line in part.split("\n")) + "</p>"
        for part in paragraphs
    )


def render_email(
    template: str, context: dict, *, language: str = "en", time_zone: str = "UTC"
) -> Rendered:
    """`template` names `emails/<template>_subject.txt`, `_body.txt` and optional `_body.html`."""
    with translation.override(language), timezone.override(time_zone):
        subject = render_to_string(f"emails/{template}_subject.txt", context)
        text = render_to_string(f"emails/{template}_body.txt", context)
        try:
            body = render_to_string(f"emails/{template}_body.html", context)
        except TemplateDoesNotExist:
            body = text_to_html(text)
        subject = " ".join(subject.split())
        html = html_document(subject=subject, body=body)
    return Rendered(subject=subject, text=text, html=html, language=language)


def html_document(*, subject: str, body: str) -> str:
    """The HTML part around an escaped body, in the active language and its direction."""
    return render_to_string(
        "emails/base.html",
        {
            "subject": subject, "body": mark_safe(body),  # noqa: S308 (rendered by our templates, escaped)
            "language": translation.get_language(), "bidi": translation.get_language_bidi(),
        },
    )
