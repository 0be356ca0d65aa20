from __future__ import annotations

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from catalog.tests.factories import ArtisanProfileFactory
from common.csvfiles import safe_cell
from meetings.tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db


def _export(client, changelist: str, ids):
    return client.post(reverse(changelist), {"action": "export_csv", "_selected_action": [str(i) for i in ids]})


def _rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


@pytest.mark.parametrize("value", ["=HYPERLINK(\"http://evil\")", "+1+1", "-2", "@SUM(A1)"])
def test_formula_cells_are_neutralised(value):
    assert safe_cell(value) == "'" + value
    assert safe_cell("Cerámica") == "Cerámica"


def test_staff_export_artisans_with_formulas_neutralised(login, staff):
    artisans = [ArtisanProfileFactory(business_name="=cmd|' /C calc'!A0"), ArtisanProfileFactory(business_name="Alfarería")]
    response = _export(login(staff), "admin:artisans_artisanprofile_changelist", [a.pk for a in artisans])
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = _rows(response)
    assert rows[0][:2] == ["business_name", "email"]
    names = sorted(row[0] for row in rows[1:])
    assert names == ["'=cmd|' /C calc'!A0", "Alfarería"]


def test_meeting_export_queries_do_not_grow(login, staff):
    client = login(staff)
    few = [MeetingFactory().pk for _ in range(2)]
    with CaptureQueriesContext(connection) as small:
        assert _export(client, "admin:meetings_meeting_changelist", few).status_code == 200
    many = few + [MeetingFactory().pk for _ in range(20)]
    with CaptureQueriesContext(connection) as large:
        response = _export(client, "admin:meetings_meeting_changelist", many)
    assert len(_rows(response)) == 23
    assert len(large) == len(small)


@pytest.mark.parametrize("persona", ["artisan", "buyer"])
def test_exports_are_staff_only(request, login, persona):
    artisan = ArtisanProfileFactory()
    response = _export(login(request.getfixturevalue(persona)), "admin:artisans_artisanprofile_changelist", [artisan.pk])
    assert response.status_code == 302
    assert "/admin/login/" in response.url
