from __future__ import annotations

import pytest

from catalog.forms import ProductForm, split_list
from catalog.tests.factories import CraftFactory

pytestmark = pytest.mark.django_db


def product_data(**overrides) -> dict:
    data = {
        "title": "Indigo throw", "description": "Hand-woven wool.", "language": "en",
        "craft": CraftFactory(slug="textiles").pk, "materials": "Wool, cotton ,, WOOL", "techniques": "hand-woven",
        "colours": "Indigo، natural; ochre", "width_cm": "120", "height_cm": "180", "depth_cm": "", "weight_kg": "1.2",
        "currency": "EUR", "wholesale_price": "45.00", "retail_price": "95.00", "min_order_qty": "10",
        "lead_time_days": "30", "monthly_capacity": "40", "status": "draft",
    }
    data.update(overrides)
    return data


def test_lists_are_split_trimmed_lowered_and_deduplicated():
    assert split_list("Wool, cotton ,, WOOL") == ["wool", "cotton"]
    assert split_list("صوف، قطن") == ["صوف", "قطن"]
    assert split_list("  hand   woven ;\nembroidered") == ["hand woven", "embroidered"]
    assert split_list("") == []


def test_valid_form_normalises_comma_separated_inputs():
    form = ProductForm(product_data())
    assert form.is_valid(), form.errors
    assert form.cleaned_data["materials"] == ["wool", "cotton"]
    assert form.cleaned_data["colours"] == ["indigo", "natural", "ochre"]


def test_lists_are_shown_back_comma_separated():
    form = ProductForm(initial={"materials": ["wool", "cotton"]})
    assert 'value="wool, cotton"' in str(form["materials"])


@pytest.mark.parametrize(
    ("overrides", "field", "code"),
    [
        ({"title": ""}, "title", "required"),
        ({"craft": ""}, "craft", "required"),
        ({"wholesale_price": "0"}, "wholesale_price", "not_positive"),
        ({"wholesale_price": "abc"}, "wholesale_price", "invalid"),
        ({"retail_price": "30"}, "retail_price", "retail_below"),
        ({"currency": "GBP"}, "currency", "invalid_choice"),
        ({"min_order_qty": "0"}, "min_order_qty", "not_positive"),
        ({"lead_time_days": "400"}, "lead_time_days", "too_long"),
        ({"width_cm": "-3"}, "width_cm", "not_positive"),
        ({"materials": "a" * 41}, "materials", "item_too_long"),
        ({"colours": ",".join(f"c{i}" for i in range(21))}, "colours", "too_many_items"),
        ({"status": "archived"}, "status", "invalid_choice"),
    ],
)
def test_invalid_product_input_is_refused_beside_its_field(overrides, field, code):
    form = ProductForm(product_data(**overrides))
    assert not form.is_valid()
    assert form.has_error(field, code), form.errors
