"""Trade identifiers of a product: its GTIN (EAN/UPC barcode number) and its HS code.

Pure functions (no database): the model fields validate with them, the product form normalises
with them, and referencing's readiness checklist asks them whether a product is ready for a
retailer. A GTIN is 8, 12, 13 or 14 digits whose last digit is the GS1 check digit; an HS code
is the customs tariff number, 6 digits (the international part) up to 10 (national subdivisions).
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

GTIN_LENGTHS = (8, 12, 13, 14)
HS_CODE = re.compile(r"^\d{6,10}$")
# What people type between the digits: spaces, dots and dashes ("6304.91.00", "3 760123 456789").
_SEPARATORS = re.compile(r"[\s.\-]+")


def normalise_digits(value: str) -> str:
    return _SEPARATORS.sub("", value or "")


def gtin_check_digit(body: str) -> int:
    """The GS1 check digit of `body` (a GTIN without its last digit): weights 3,1,3,... from the right."""
    total = sum(int(digit) * (3 if position % 2 == 0 else 1) for position, digit in enumerate(reversed(body)))
    return (10 - total % 10) % 10


def gtin_is_valid(value: str) -> bool:
    return (
        len(value) in GTIN_LENGTHS
        and value.isascii()
        and value.isdigit()
        and gtin_check_digit(value[:-1]) == int(value[-1])
    )


def hs_code_is_valid(value: str) -> bool:
    return bool(HS_CODE.match(value)) and value.isascii()


def validate_gtin(value: str) -> None:
    if value and not gtin_is_valid(value):
        raise ValidationError(
            _(
                "Enter a GTIN (EAN or UPC) of 8, 12, 13 or 14 digits, as printed under the barcode; "
                "the last digit is a check digit and this one does not match."
            ),
            code="invalid_gtin",
        )


def validate_hs_code(value: str) -> None:
    if value and not hs_code_is_valid(value):
        raise ValidationError(
            _("Enter the HS code of 6 to 10 digits (for example 6304.91 or 6304910000)."),
            code="invalid_hs_code",
        )
