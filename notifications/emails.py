"""Render an email from a subject/text/HTML template triplet in the recipient's language and zone."""

from __future__ import annotations

from dataclasses import dataclass

from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import timezone, translation


@dataclass(frozen=True)
class Rendered:
    subject: str
    text: str
    html: str


def render_email(
    template: str, context: dict, *, language: str = "en", time_zone: str = "UTC"
) -> Rendered:
    """`template` names `emails/<template>_subject.txt`, `_body.txt` and optional `_body.html`."""
    with translation.override(language), timezone.override(time_zone):
        subject = render_to_string(f"emails/{template}_subject.txt", context)
        text = render_to_string(f"emails/{template}_body.txt", context)
        try:
            html = render_to_string(f"emails/{template}_body.html", context)
        except TemplateDoesNotExist:
            html = ""
    return Rendered(subject=" ".join(subject.split()), text=text, html=html)
