"""A pass's QR code as SVG (for its page) and PNG (for its email); it holds only the pass code."""

from __future__ import annotations

import io

import qrcode
import qrcode.image.svg
from qrcode.constants import ERROR_CORRECT_M


def _code(text: str) -> qrcode.QRCode:
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=4)
    code.add_data(text)
    code.make(fit=True)
    return code


def qr_svg(text: str) -> str:
    image = _code(text).make_image(image_factory=qrcode.image.svg.SvgPathImage)
    svg = image.to_string(encoding="unicode")
    # Sized by the page's stylesheet, not by the millimetres qrcode writes.
    return svg.replace('width="', 'data-width="', 1).replace('height="', 'data-height="', 1)


def qr_png(text: str, *, box_size: int = 8) -> bytes:
    code = _code(text)
    code.box_size = box_size
    buffer = io.BytesIO()
    code.make_image(fill_color="black", back_color="white").save(buffer, format="PNG")
    return buffer.getvalue()
