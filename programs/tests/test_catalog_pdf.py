from __future__ import annotations

import io
import re

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from PIL import Image

from catalog.models import ProductPhoto
from catalog.tests.factories import ArtisanProfileFactory, ProductFactory
from programs.models import Application, Program
from programs.tasks import make_catalog_pdf_task
from programs.tests.factories import ProgramFactory

pytestmark = pytest.mark.django_db


def _jpeg(color=(180, 90, 40)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (400, 300), color).save(buffer, "JPEG")
    return buffer.getvalue()


def _program_with_artisans():
    program = ProgramFactory()
    for name in ["Alfarería Ruiz", "Coopérative Tifawin"]:
        artisan = ArtisanProfileFactory(business_name=name, story="Taller familiar: cerámica pintada a mano.")
        Application.objects.create(program=program, artisan=artisan, status=Application.Status.ACCEPTED)
        product = ProductFactory(artisan=artisan, title=f"Plato de {name}")
        photo = ProductPhoto(product=product, alt_text="Un plato")
        photo.image.save("plate.jpg", ContentFile(_jpeg()), save=True)
    # Neither a declined application nor an unapproved artisan is in the catalog.
    Application.objects.create(
        program=program,
        artisan=ArtisanProfileFactory(business_name="Declined"),
        status=Application.Status.DECLINED,
    )
    Application.objects.create(
        program=program,
        artisan=ArtisanProfileFactory(business_name="Pending", status="pending"),
        status=Application.Status.ACCEPTED,
    )
    return program


def _page_count(data: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", data))


def test_catalog_pdf_has_cover_and_one_page_per_accepted_artisan():
    program = _program_with_artisans()
    make_catalog_pdf_task.delay(program.pk)
    program.refresh_from_db()
    data = program.catalog_pdf.read()
    assert data.startswith(b"%PDF")
    assert _page_count(data) == 3


def test_making_the_pdf_twice_keeps_one_file():
    program = _program_with_artisans()
    make_catalog_pdf_task.delay(program.pk)
    first = Program.objects.get(pk=program.pk).catalog_pdf.name
    make_catalog_pdf_task.delay(program.pk)
    program.refresh_from_db()
    assert program.catalog_pdf.name != first
    assert not program.catalog_pdf.storage.exists(first)
    assert program.catalog_pdf.storage.exists(program.catalog_pdf.name)


def test_staff_download_it_and_nobody_else(login, staff, artisan, buyer, client, settings):
    program = _program_with_artisans()
    make_catalog_pdf_task.delay(program.pk)
    url = reverse("admin:programs_program_catalog_pdf", args=[program.pk])
    response = login(staff).get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    for user in [artisan, buyer]:
        assert login(user).get(url).status_code == 302
    client.logout()
    assert client.get(url).status_code == 302
    # Not a media file either: it lives outside MEDIA_ROOT.
    program.refresh_from_db()
    from pathlib import Path

    assert not Path(program.catalog_pdf.path).is_relative_to(Path(settings.MEDIA_ROOT))


def test_admin_action_queues_the_pdf(login, staff, django_capture_on_commit_callbacks):
    program = _program_with_artisans()
    with django_capture_on_commit_callbacks(execute=True):
        response = login(staff).post(
            reverse("admin:programs_program_changelist"),
            {"action": "make_catalog_pdf", "_selected_action": [program.pk]},
        )
    assert response.status_code == 302
    program.refresh_from_db()
    assert program.catalog_pdf
    assert program.catalog_pdf_made_at is not None


ARABIC_STORY = "زربية منسوجة يدويا من صوف الأطلس"


def test_the_pdf_font_has_every_shaped_arabic_letter():
    from reportlab.pdfbase import pdfmetrics

    from common.pdf import base_styles as _styles
    from common.pdf import register_fonts as _register_fonts
    from common.pdf import shape

    _register_fonts()
    shaped = shape(ARABIC_STORY)
    # Joined forms (presentation forms), in visual order: not the letters as typed.
    assert shaped != ARABIC_STORY and any(0xFE70 <= ord(char) <= 0xFEFF for char in shaped)
    for style in ("base", "h1"):
        face = pdfmetrics.getFont(_styles()[style].fontName).face
        missing = {char for char in shaped if char != " " and ord(char) not in face.charToGlyph}
        assert not missing, (style, missing)
    assert shape("Taller de cerámica") == "Taller de cerámica"


def test_an_arabic_catalog_is_made_in_the_language_of_who_asked(
    login, staff, django_capture_on_commit_callbacks
):
    program = _program_with_artisans()
    artisan = ArtisanProfileFactory(business_name="تعاونية تيفاوين", story=ARABIC_STORY)
    Application.objects.create(program=program, artisan=artisan, status=Application.Status.ACCEPTED)
    staff.language = "ar"
    staff.save(update_fields=["language"])
    with django_capture_on_commit_callbacks(execute=True):
        login(staff).post(
            reverse("admin:programs_program_changelist"),
            {"action": "make_catalog_pdf", "_selected_action": [program.pk]},
            HTTP_ACCEPT_LANGUAGE="ar",
        )
    program.refresh_from_db()
    data = program.catalog_pdf.read()
    assert b"/Lang (ar)" in data
    fonts = set(re.findall(rb"/BaseFont\s*/(\S+)", data))
    assert b"AAAAAA+DejaVuSans" in fonts and not any(b"Vera" in font for font in fonts)
    assert _page_count(data) == 4


def test_the_ready_time_reads_in_the_viewers_zone_and_format(login, staff):
    from datetime import UTC, datetime

    program = _program_with_artisans()
    make_catalog_pdf_task.delay(program.pk)
    Program.objects.filter(pk=program.pk).update(
        catalog_pdf_made_at=datetime(2026, 12, 1, 19, 3, 39, 897315, tzinfo=UTC)
    )
    staff.time_zone = "America/New_York"
    staff.save(update_fields=["time_zone"])
    page = login(staff).get(reverse("admin:programs_program_change", args=[program.pk])).content.decode()
    # Not the raw value ("2026-12-01 19:03:39.897315+00:00"); the zone menus' "(UTC+00:00)" labels may stand.
    assert "39.897315" not in page and "19:03:39" not in page
    assert "Dec. 1, 2026, 2:03 p.m. EST" in page


def test_payment_terms_in_another_language_are_named():
    from django.utils import translation

    from programs.catalog_pdf import _in_language

    artisan = ArtisanProfileFactory(language="es", payment_terms="30 % por adelantado")
    with translation.override("en"):
        assert _in_language(artisan.payment_terms, artisan) == "30 % por adelantado (Language: Spanish)"
    with translation.override("es"):
        assert _in_language(artisan.payment_terms, artisan) == "30 % por adelantado"


def test_the_pdf_lands_in_the_private_storage_settings_name_now(settings, tmp_path):
    """The field asks STORAGES at each use (common.storage.NamedStorage): a test's private folder,
    never the deployment's (.data/private)."""
    from pathlib import Path

    program = _program_with_artisans()
    make_catalog_pdf_task.delay(program.pk)
    program.refresh_from_db()
    path = Path(program.catalog_pdf.path)
    assert path.is_relative_to(tmp_path / "private") and path.exists()
    assert not path.is_relative_to(Path(settings.PRIVATE_ROOT))
