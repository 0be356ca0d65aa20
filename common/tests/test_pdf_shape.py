"""common.pdf.shape: Arabic joined and put in visual order, brackets mirrored in right-to-left runs."""

from __future__ import annotations

import arabic_reshaper

from common.pdf import shape


def test_a_bracket_in_a_right_to_left_line_still_encloses_its_words():
    # "Free carrier (FCA)" in Arabic: drawn left to right, the parenthesis opens toward FCA.
    drawn = shape("التسليم إلى الناقل (FCA)")
    assert drawn.startswith("(FCA) ")
    assert drawn.endswith(arabic_reshaper.reshape("التسليم")[::-1])
    assert shape("(الحد الأدنى)") == f"({arabic_reshaper.reshape('الحد الأدنى')[::-1]})"


def test_latin_text_is_left_as_written():
    assert shape("Free carrier (FCA)") == "Free carrier (FCA)"
