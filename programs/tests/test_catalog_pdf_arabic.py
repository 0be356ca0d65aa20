"""Long Arabic paragraphs in the catalog PDF: wrapped in reading order, each line then reordered."""

from __future__ import annotations

import pytest
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Paragraph, Table

from catalog.tests.factories import ArtisanProfileFactory
from common.pdf import RightToLeftParagraph, shape, text_paragraph, wrap_logical
from common.pdf import base_styles as _styles
from common.pdf import markup as _text
from common.pdf import register_fonts as _register_fonts
from programs.catalog_pdf import (
    _artisan_page,
    build_catalog_pdf,
)
from programs.tests.factories import ProgramFactory

# Eighteen distinct words, so where each one lands says the order of the lines.
WORDS = [
    "تعاونية",
    "نسائية",
    "في",
    "جبال",
    "الأطلس",
    "تنسج",
    "الزرابي",
    "من",
    "صوف",
    "الأغنام",
    "المحلية",
    "وتصبغه",
    "بالنباتات",
    "منذ",
    "ثلاثين",
    "سنة",
    "بطرق",
    "تقليدية",
    "موروثة",
]
STORY = " ".join(WORDS * 3)
WIDTH = 200


def drawn_lines(paragraph, width: float = WIDTH) -> list[str]:
    """The lines the paragraph draws, top to bottom, as text."""
    paragraph.wrap(width, 10_000)
    if isinstance(paragraph, RightToLeftParagraph):
        return paragraph.visual_lines()
    return [" ".join(line[1]) for line in paragraph.blPara.lines]


@pytest.fixture
def style():
    _register_fonts()
    return _styles()["base"]


def test_lines_follow_the_text_top_to_bottom_each_read_right_to_left(style):
    logical = wrap_logical(STORY, WIDTH, style.fontName, style.fontSize)
    assert len(logical) > 3
    # Every word once, in the text's order: the first line begins the text.
    assert " ".join(logical).split() == STORY.split()
    assert logical[0].split()[0] == WORDS[0]
    for line in logical:
        assert pdfmetrics.stringWidth(shape(line), style.fontName, style.fontSize) <= WIDTH
    # The paragraph draws those lines, in that order, each shaped and reordered on its own.
    assert drawn_lines(text_paragraph(STORY, style)) == [shape(line) for line in logical]


def test_a_paragraph_shaped_as_a_whole_would_read_bottom_to_top(style):
    # What the PDF did before: the first line drawn held the end of the text.
    first_word, last_word = shape(WORDS[0]), shape(WORDS[-1])
    before = drawn_lines(Paragraph(_text(STORY), style))[0].split()
    assert last_word in before and first_word not in before
    now = drawn_lines(text_paragraph(STORY, style))[0].split()
    assert first_word in now and last_word not in now


def test_a_paragraph_split_across_pages_keeps_its_line_order(style):
    paragraph = text_paragraph(STORY, style)
    whole = drawn_lines(paragraph)
    first, second = paragraph.split(WIDTH, style.leading * 2.5)
    assert drawn_lines(first) == whole[:2]
    assert drawn_lines(first) + drawn_lines(second) == whole
    assert paragraph.split(WIDTH, style.leading / 2) == []


@pytest.mark.django_db
def test_the_catalog_draws_arabic_stories_and_terms_in_reading_order(style):
    artisan = ArtisanProfileFactory(
        business_name="تعاونية تيفاوين", story=STORY, language="ar", payment_terms=" ".join(WORDS)
    )
    flow = _artisan_page(artisan, _styles(), 170 * mm, show_wholesale=True)
    story = [f for f in flow if isinstance(f, RightToLeftParagraph) and f.text == STORY]
    terms = [
        cell
        for f in flow
        if isinstance(f, Table)
        for row in f._cellvalues
        for cell in row
        if isinstance(cell, RightToLeftParagraph)
    ]
    # The payment terms, named in the English reader's words after them.
    assert len(story) == 1 and [cell.text for cell in terms] == [f"{' '.join(WORDS)} (Language: Arabic)"]
    data = build_catalog_pdf(ProgramFactory(description=STORY), [artisan], show_wholesale=True)
    assert data.startswith(b"%PDF")
