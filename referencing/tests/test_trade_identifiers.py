"""GTIN check digits (property tests against the GS1 rule), HS codes, and the product form's new fields."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from catalog.forms import ProductForm
from catalog.identifiers import gtin_check_digit, gtin_is_valid, hs_code_is_valid, normalise_digits
from catalog.tests.factories import CraftFactory

# Real barcodes: an EAN-13, a UPC-A (12), an EAN-8, a GTIN-14 (a case of the EAN-13's product).
KNOWN = ["4006381333931", "036000291452", "96385074", "10614141000415"]

bodies = st.sampled_from([7, 11, 12, 13]).flatmap(
    lambda n: st.text(alphabet="0123456789", min_size=n, max_size=n)
)


def _by_the_book(body: str) -> int:
    """GS1's rule written out differently: from the right, odd positions x3, even x1; round up to ten."""
    digits = [int(d) for d in body]
    total = 0
    for index_from_right, digit in enumerate(reversed(digits), start=1):
        total += digit * 3 if index_from_right % 2 == 1 else digit
    next_ten = (total + 9) // 10 * 10
    return next_ten - total


@pytest.mark.parametrize("code", KNOWN)
def test_real_barcodes_are_valid(code):
    assert gtin_is_valid(code)


@given(body=bodies)
def test_the_check_digit_is_gs1s(body):
    assert gtin_check_digit(body) == _by_the_book(body)
    assert gtin_is_valid(body + str(_by_the_book(body)))


@given(body=bodies, data=st.data())
def test_any_single_wrong_digit_is_caught(body, data):
    code = body + str(gtin_check_digit(body))
    position = data.draw(st.integers(0, len(code) - 1))
    wrong = data.draw(st.sampled_from([d for d in "0123456789" if d != code[position]]))
    assert not gtin_is_valid(code[:position] + wrong + code[position + 1 :])


@given(text=st.text(max_size=16))
def test_only_digit_strings_of_gtin_lengths_can_be_valid(text):
    if gtin_is_valid(text):
        assert len(text) in (8, 12, 13, 14) and text.isascii() and text.isdigit()


def test_non_ascii_digits_are_not_a_gtin():
    # Arabic-Indic digits are digits to Python, not to a barcode scanner.
    assert not gtin_is_valid("٤٠٠٦٣٨١٣٣٣٩٣١")


@pytest.mark.parametrize(
    ("code", "valid"),
    [("630491", True), ("6304910000", True), ("63049", False), ("63049100001", False), ("6304a1", False)],
)
def test_hs_codes_are_six_to_ten_digits(code, valid):
    assert hs_code_is_valid(code) is valid


def test_separators_people_copy_from_labels_are_dropped():
    assert normalise_digits("4 006381-333931") == "4006381333931"
    assert normalise_digits("6304.91.00") == "63049100"


def _data(**overrides):
    data = {
        "title": "Indigo throw", "description": "", "language": "en", "craft": CraftFactory(slug="textiles").pk,
        "materials": "wool", "techniques": "", "colours": "", "currency": "EUR", "wholesale_price": "45.00",
        "min_order_qty": "10", "lead_time_days": "30", "status": "draft",
    }  # fmt: skip
    data.update(overrides)
    return data


@pytest.mark.django_db
def test_the_product_form_stores_identifiers_as_digits():
    form = ProductForm(
        _data(gtin="4 006381 333931", hs_code="6304.91", country_of_origin="MA", case_pack="6")
    )
    assert form.is_valid(), form.errors
    product = form.save(commit=False)
    assert (product.gtin, product.hs_code, product.country_of_origin.code, product.case_pack) == (
        "4006381333931", "630491", "MA", 6,
    )  # fmt: skip


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("overrides", "field", "code"),
    [
        ({"gtin": "4006381333932"}, "gtin", "invalid_gtin"),
        ({"gtin": "12345"}, "gtin", "invalid_gtin"),
        ({"hs_code": "63.04"}, "hs_code", "invalid_hs_code"),
        ({"country_of_origin": "XX"}, "country_of_origin", "invalid_choice"),
        ({"case_pack": "0"}, "case_pack", "not_positive"),
    ],
)
def test_wrong_identifiers_are_refused_beside_their_field(overrides, field, code):
    form = ProductForm(_data(**overrides))
    assert not form.is_valid()
    assert form.has_error(field, code), form.errors


@pytest.mark.django_db
def test_identifiers_stay_optional():
    assert ProductForm(_data()).is_valid()
