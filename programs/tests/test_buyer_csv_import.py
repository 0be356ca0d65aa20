"""Buyer invitations from an ordinary spreadsheet export: the report tells staff the truth."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from programs import services
from programs.models import BuyerInvitation
from programs.tests.factories import ProgramFactory

pytestmark = pytest.mark.django_db

# As Excel saves "CSV UTF-8" in a Spanish locale: a BOM, semicolons, CRLF, a header row.
SPREADSHEET = (
    "\ufeffNombre;Correo electrónico;Tienda\r\n"
    "Ana Pérez;ana@shop.example;Museum Shop\r\n"
    "Bob Lee;BOB@Gallery.example;Gallery\r\n"
    "Carol;carol@museum;Museum\r\n"
    "Dan;;Store\r\n"
    "Ana again;ana@shop.example;Museum Shop\r\n"
)


def test_header_bom_semicolons_and_crlf_are_read_with_the_files_line_numbers():
    rows = services.parse_email_list(SPREADSHEET)
    assert rows == [(2, "ana@shop.example"), (3, "BOB@Gallery.example"), (4, "carol@museum"), (5, ""),
                    (6, "ana@shop.example")]


def test_report_names_the_invalid_rows_and_the_duplicate():
    report = services.program_invite_buyers(program=ProgramFactory(), csv_text=SPREADSHEET, invited_by=None)
    assert report.created == ["ana@shop.example", "bob@gallery.example"]
    assert [(line, value) for line, value, _reason in report.invalid] == [(4, "carol@museum"), (5, "")]
    assert report.duplicates == [(6, "ana@shop.example", 2)]


def test_a_header_by_another_name_is_not_an_address():
    text = "Contact,Organisation\nana@shop.example,Museum\nbob@gallery.example,Gallery\n"
    assert services.parse_email_list(text) == [(2, "ana@shop.example"), (3, "bob@gallery.example")]


def test_pasted_list_without_header_still_reads_every_value():
    assert services.parse_email_list("ana@shop.example; bob@gallery.example\nnot-an-address\n") == [
        (1, "ana@shop.example"), (1, "bob@gallery.example"), (2, "not-an-address"),
    ]


def test_the_admin_page_reports_the_uploaded_file_by_its_own_lines(login, staff):
    program = ProgramFactory()
    upload = SimpleUploadedFile("buyers.csv", SPREADSHEET.encode("utf-8"), content_type="text/csv")
    response = login(staff).post(
        reverse("admin:programs_program_invite", args=[program.pk]), {"emails": "", "csv_file": upload}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "2 invitations queued." in page
    assert "<td>4</td><td>carol@museum</td>" in page
    assert "<td>6</td><td>ana@shop.example</td><td>2</td>" in page
    assert "Nombre" not in page and "Tienda" not in page
    assert BuyerInvitation.objects.filter(program=program).count() == 2
