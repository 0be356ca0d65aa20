"""The application page and its forms: own SME only, constant queries, uploads checked by content,
the samples CSV, badges scanned twice on the page; a stand meeting read in the show's time zone."""

from __future__ import annotations

import csv
import datetime as dt
import io
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from reportlab.pdfgen import canvas

from catalog.tests.factories import ProductFactory
from common.tests.imaging import png_bytes
from deals.tests.factories import verified_buyer
from meetings.models import Meeting
from shows import services
from shows.models import ApplicationDocument, Lead, SampleLine
from shows.tests.factories import RequiredDocumentFactory, selected_with_stand
from visitors import codes
from visitors.tests.factories import PassFactory

pytestmark = pytest.mark.django_db


def _pdf() -> bytes:
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.drawString(72, 720, "Certificate of origin")
    page.showPage()
    page.save()
    return buffer.getvalue()


def _grow(application, n: int) -> None:
    for k in range(n):
        RequiredDocumentFactory(show=application.show)
        SampleLine.objects.create(
            application=application,
            product=ProductFactory(artisan=application.artisan, indexed=False),
            quantity=k + 1,
        )
        Lead.objects.create(application=application, full_name=f"Lead {k}")


def test_application_page_in_constant_queries(client, django_assert_max_num_queries):
    application = selected_with_stand()
    client.force_login(application.artisan.user)
    url = reverse("shows:application", args=[application.public_id])
    _grow(application, 2)
    client.get(url)
    with django_assert_max_num_queries(30) as small:
        assert client.get(url).status_code == 200
    _grow(application, 10)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(url)
    assert response.status_code == 200
    assert "Withdraw" in response.content.decode()


def test_another_artisan_gets_404(client, other_artisan):
    application = selected_with_stand()
    client.force_login(other_artisan)
    assert client.get(reverse("shows:application", args=[application.public_id])).status_code == 404


def test_documents_are_checked_by_their_content(client):
    application = selected_with_stand()
    required = RequiredDocumentFactory(show=application.show, name="Certificate of origin")
    client.force_login(application.artisan.user)
    url = reverse("shows:document-upload", args=[application.public_id, required.pk])
    html = SimpleUploadedFile("certificate.pdf", b"<html><script>alert(1)</script></html>", "application/pdf")
    assert client.post(url, {"file": html}).status_code == 400
    renamed = SimpleUploadedFile("certificate.pdf", png_bytes(), "application/pdf")
    assert client.post(url, {"file": renamed}).status_code == 400
    assert not ApplicationDocument.objects.exists()
    good = SimpleUploadedFile("certificate.pdf", _pdf(), "application/pdf")
    response = client.post(url, {"file": good})
    assert response.status_code == 302, response.context["document_form"].errors
    document = ApplicationDocument.objects.get()
    assert (document.required, document.content_type) == (required, "application/pdf")


def test_samples_csv_has_the_catalog_data(client):
    application = selected_with_stand()
    product = ProductFactory(
        artisan=application.artisan, title="=Vase", hs_code="691390", country_of_origin="ES", indexed=False
    )
    SampleLine.objects.create(application=application, product=product, quantity=4)
    client.force_login(application.artisan.user)
    response = client.get(reverse("shows:samples-csv", args=[application.public_id]))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[1] == ["1", "'=Vase", "", "691390", "4", "20.00", "80.00", "EUR", "ES"]


def test_a_badge_scanned_twice_on_the_page_is_one_lead(client):
    application = selected_with_stand()
    client.force_login(application.artisan.user)
    code = codes.sign(PassFactory().code)
    url = reverse("shows:lead-capture", args=[application.public_id])
    assert client.post(url, {"code": code}).status_code == 302
    response = client.post(url, {"code": code}, follow=True)
    assert "already scanned" in response.content.decode()
    assert Lead.objects.count() == 1


def test_application_page_in_arabic_reads_right_to_left(client):
    application = selected_with_stand()
    user = application.artisan.user
    user.language = "ar"
    user.save(update_fields=["language"])
    client.force_login(user)
    response = client.get(reverse("shows:application", args=[application.public_id]))
    body = response.content.decode()
    assert 'dir="rtl"' in body and "طلبك" in body


def test_a_stand_meeting_is_asked_at_the_shows_local_time():
    application = selected_with_stand()
    ProductFactory(artisan=application.artisan, indexed=False)
    buyer_user = verified_buyer()
    day = application.show.starts_on + dt.timedelta(days=1)
    with translation.override("en"):
        meeting = services.stand_meeting_request(
            buyer_user=buyer_user, application=application, local_starts=[datetime.combine(day, dt.time(10))]
        )
    expected = datetime.combine(day, dt.time(10), tzinfo=ZoneInfo("America/New_York"))
    assert meeting.proposed_starts == [expected]
    assert meeting.mode == Meeting.Mode.IN_PERSON
    assert meeting.location.startswith(f"Stand {application.stand.code}, ")
