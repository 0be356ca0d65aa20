"""A deal's thread: messages and attachments between its two parties, and a dispute's photos.

Personas: the buyer and the artisan of a deal (its parties), another buyer (a stranger to it),
staff (who write for the artisan through the service only) and an anonymous visitor.
"""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from PIL import Image
from reportlab.pdfgen import canvas

from common.attachments import CleanAttachment, clean_attachment
from common.statemachine import TransitionRefused
from deals import services
from deals.models import Deal, DealAttachment, DealEvent, DealMessage, Order
from deals.personal_data import PERSONAL_DATA
from deals.tests.factories import quoted_deal, verified_buyer
from notifications.models import Email

pytestmark = pytest.mark.django_db


def _client(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def png_bytes(size=(40, 30), mode="RGBA") -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size, (200, 40, 40, 128) if mode == "RGBA" else (200, 40, 40)).save(buffer, format="PNG")
    return buffer.getvalue()


def jpeg_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (60, 40), (20, 90, 200)).save(buffer, format="JPEG")
    return buffer.getvalue()


def pdf_bytes() -> bytes:
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.drawString(72, 720, "Packing list")
    page.showPage()
    page.save()
    return buffer.getvalue()


def upload(name: str, data: bytes, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


def private_files() -> list[str]:
    storage = DealAttachment._meta.get_field("file").storage
    try:
        return storage.listdir("deal-attachments")[1]
    except FileNotFoundError:
        return []


@pytest.fixture
def deal() -> Deal:
    deal, _quote = quoted_deal()
    return deal


def _post(user, deal: Deal, data: dict) -> object:
    return _client(user).post(reverse("deals:message", args=[deal.public_id]), data)


# --- posting and reading -----------------------------------------------------------------------


def test_the_buyer_writes_and_the_artisan_reads_it_on_the_deal_page(deal):
    response = _post(deal.buyer.user, deal, {"body": "Can the blue be a little darker?"})
    assert response.status_code == 302
    assert response["Location"].endswith(f"{reverse('deals:detail', args=[deal.public_id])}#thread")
    message = DealMessage.objects.get(deal=deal)
    assert message.author == deal.buyer.user and message.on_behalf_of is None
    page = _client(deal.artisan.user).get(reverse("deals:detail", args=[deal.public_id]))
    assert page.status_code == 200
    html = page.content.decode()
    assert '<p dir="auto">Can the blue be a little darker?</p>' in html
    assert f"<bdi>{deal.buyer.organisation_name}</bdi>" in html


def test_the_message_shows_in_the_readers_time_zone(deal):
    artisan = deal.artisan.user
    artisan.time_zone = "Asia/Tokyo"
    artisan.save(update_fields=["time_zone"])
    message = services.deal_message_post(user=deal.buyer.user, deal=deal, body="Hello")
    DealMessage.objects.filter(pk=message.pk).update(created_at=datetime(2026, 3, 2, 23, 30, tzinfo=UTC))
    html = _client(artisan).get(reverse("deals:detail", args=[deal.public_id])).content.decode()
    # 23:30 UTC is 08:30 the next morning in Tokyo; the machine-readable time stays UTC.
    assert 'datetime="2026-03-02T23:30:00+00:00"' in html
    assert "08:30" in html


def test_an_empty_message_is_refused_and_nothing_is_stored(deal):
    response = _post(deal.buyer.user, deal, {"body": "   "})
    assert response.status_code == 400
    assert not DealMessage.objects.exists()


def test_the_other_side_is_mailed_once_for_a_burst_of_messages(deal, django_capture_on_commit_callbacks):
    start = datetime(2026, 5, 4, 9, 0, 30, tzinfo=UTC)
    buyer, artisan = deal.buyer.user, deal.artisan.user
    with django_capture_on_commit_callbacks(execute=True):
        services.deal_message_post(user=buyer, deal=deal, body="First", now=start)
        services.deal_message_post(user=buyer, deal=deal, body="Second", now=start + timedelta(minutes=3))
    to_artisan = Email.objects.filter(key__startswith=f"deal-message:{deal.pk}:{artisan.pk}:")
    assert to_artisan.count() == 1
    email = to_artisan.get()
    assert email.to == artisan.email and "First" in email.body_text
    assert reverse("deals:detail", args=[deal.public_id]) in email.body_text
    # The writer is not mailed; the next window is a new email.
    assert not Email.objects.filter(key__startswith=f"deal-message:{deal.pk}:{buyer.pk}:").exists()
    with django_capture_on_commit_callbacks(execute=True):
        services.deal_message_post(user=buyer, deal=deal, body="Third", now=start + timedelta(minutes=11))
    assert to_artisan.count() == 2


def test_the_mail_is_in_the_recipients_language(deal, django_capture_on_commit_callbacks):
    buyer = deal.buyer.user
    buyer.language = "fr"
    buyer.save(update_fields=["language"])
    with django_capture_on_commit_callbacks(execute=True):
        services.deal_message_post(user=deal.artisan.user, deal=deal, body="Prêt")
    email = Email.objects.get(key__startswith=f"deal-message:{deal.pk}:{buyer.pk}:")
    assert email.language == "fr"
    assert "Nouveau message" in email.subject


def test_staff_writing_for_the_artisan_is_recorded_and_the_buyer_is_told(deal, staff):
    with pytest.raises(TransitionRefused):
        services.deal_message_post(user=staff, deal=deal, body="From the agency")
    message = services.deal_message_post(user=staff, deal=deal, body="From the agency", for_artisan=True)
    assert message.author == staff and message.on_behalf_of == deal.artisan.user
    assert Email.objects.filter(key__startswith=f"deal-message:{deal.pk}:{deal.buyer.user.pk}:").exists()


def test_staff_who_may_act_for_artisans_write_for_the_artisan_only_when_they_tick_it(deal):
    from django.contrib.auth.models import Permission

    from accounts.tests.factories import UserFactory

    agent = UserFactory(role="staff", is_staff=True)
    agent.user_permissions.add(Permission.objects.get(codename="change_deal"))
    page = _client(agent).get(reverse("deals:detail", args=[deal.public_id])).content.decode()
    assert 'id="for-artisan-message"' in page
    assert _post(agent, deal, {"body": "As myself"}).status_code == 400
    assert _post(agent, deal, {"body": "For the workshop", "for_artisan": "1"}).status_code == 302
    message = DealMessage.objects.get(deal=deal)
    assert message.author == agent and message.on_behalf_of == deal.artisan.user
    html = _client(deal.buyer.user).get(reverse("deals:detail", args=[deal.public_id])).content.decode()
    assert "by the agency, for the artisan" in html


def test_a_public_inquiry_without_an_account_has_no_thread(deal):
    public = Deal.objects.create(artisan=deal.artisan, source=Deal.Source.PUBLIC)
    with pytest.raises(TransitionRefused):
        services.deal_message_post(user=deal.artisan.user, deal=public, body="Hello")


# --- attachments ---------------------------------------------------------------------------------


def test_a_pdf_and_a_photo_are_stored_privately_under_random_names_and_downloaded_by_the_parties(deal):
    response = _post(
        deal.buyer.user,
        deal,
        {
            "body": "Our packing list and the label",
            "attachments": [upload("packing list.pdf", pdf_bytes()), upload("label.png", png_bytes())],
        },
    )
    assert response.status_code == 302
    files = list(DealAttachment.objects.order_by("pk"))
    assert [(f.name, f.content_type) for f in files] == [
        ("packing list.pdf", "application/pdf"),
        ("label.png", "image/png"),
    ]
    assert all(f.file.name.startswith("deal-attachments/") and "packing" not in f.file.name for f in files)
    assert len(private_files()) == 2
    pdf = files[0]
    for party in (deal.artisan.user, deal.buyer.user):
        download = _client(party).get(reverse("deals:attachment", args=[deal.public_id, pdf.public_id]))
        assert download.status_code == 200
        assert download["Content-Type"] == "application/pdf"
        assert download["Content-Disposition"].startswith("attachment;")
        assert "packing list.pdf" in download["Content-Disposition"]
        assert download["X-Content-Type-Options"] == "nosniff"
        assert b"".join(download.streaming_content).startswith(b"%PDF-")


def test_a_photo_loses_its_metadata_on_the_way(deal):
    buffer = io.BytesIO()
    exif = Image.Exif()
    exif[0x010F] = "SecretCamera"  # Make
    Image.new("RGB", (50, 50), (1, 2, 3)).save(buffer, format="JPEG", exif=exif)
    cleaned = clean_attachment(upload("box.jpg", buffer.getvalue()))
    assert cleaned.content_type == "image/jpeg"
    assert b"SecretCamera" not in cleaned.file.read()


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("invoice.pdf", png_bytes()),  # a PNG renamed .pdf
        ("page.html", b"<!doctype html><script>alert(1)</script>"),
        ("page.pdf", b"<html><body>not a pdf</body></html>"),
        ("broken.pdf", b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n"),
        ("empty.png", b""),
        ("photo.webp", b"RIFF\x00\x00\x00\x00WEBPVP8 "),
    ],
)
def test_a_file_that_is_not_what_we_take_is_refused_the_text_kept_and_nothing_stored(deal, name, data):
    response = _post(deal.buyer.user, deal, {"body": "See attached ✓", "attachments": [upload(name, data)]})
    assert response.status_code == 400
    assert "See attached ✓</textarea>" in response.content.decode()
    assert not DealMessage.objects.exists() and not DealAttachment.objects.exists()
    assert private_files() == []


def test_a_pdf_that_runs_a_script_when_opened_is_refused(deal):
    from pypdf import PdfWriter
    from pypdf.generic import DictionaryObject, NameObject, TextStringObject

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer._root_object[NameObject("/OpenAction")] = DictionaryObject(
        {NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject("app.alert(1)")}
    )
    buffer = io.BytesIO()
    writer.write(buffer)
    response = _post(
        deal.buyer.user, deal, {"body": "x", "attachments": [upload("active.pdf", buffer.getvalue())]}
    )
    assert response.status_code == 400
    assert not DealAttachment.objects.exists()


def test_an_oversized_file_is_refused(deal, settings):
    settings.ATTACHMENT_MAX_BYTES = 1000
    big = pdf_bytes() + b"%" + b"0" * 2000
    response = _post(deal.buyer.user, deal, {"body": "Big one", "attachments": [upload("big.pdf", big)]})
    assert response.status_code == 400
    assert "larger than" in response.content.decode()
    assert not DealMessage.objects.exists() and private_files() == []


def test_a_write_that_fails_after_a_file_was_stored_removes_the_file(deal):
    from django.db import DataError

    good = clean_attachment(upload("a.pdf", pdf_bytes()))
    # A second row the database refuses (its type is longer than the column): the first file was written.
    bad = CleanAttachment(
        file=good.file, content_type="application/" + "x" * 40, name="b.pdf", size=good.size
    )
    first = clean_attachment(upload("a.pdf", pdf_bytes()))
    with pytest.raises(DataError):
        services.deal_message_post(user=deal.buyer.user, deal=deal, body="Two", attachments=[first, bad])
    assert not DealMessage.objects.exists() and private_files() == []


def test_too_many_files_in_one_message_are_refused(deal, settings):
    settings.ATTACHMENTS_PER_MESSAGE = 2
    files = [upload(f"p{i}.pdf", pdf_bytes()) for i in range(3)]
    response = _post(deal.buyer.user, deal, {"body": "Three", "attachments": files})
    assert response.status_code == 400
    assert not DealMessage.objects.exists()


# --- who may read --------------------------------------------------------------------------------


def test_a_stranger_can_neither_read_nor_write_nor_download(deal):
    message = services.deal_message_post(
        user=deal.buyer.user,
        deal=deal,
        body="Private",
        attachments=[clean_attachment(upload("a.pdf", pdf_bytes()))],
    )
    attachment = message.attachments.get()
    stranger = verified_buyer()
    other_artisan_deal, _quote = quoted_deal()
    for user in (stranger, other_artisan_deal.artisan.user):
        client = _client(user)
        assert client.get(reverse("deals:detail", args=[deal.public_id])).status_code == 404
        assert client.post(reverse("deals:message", args=[deal.public_id]), {"body": "Hi"}).status_code == 404
        assert (
            client.get(reverse("deals:attachment", args=[deal.public_id, attachment.public_id])).status_code
            == 404
        )
        # Their own deal does not open another deal's file either.
        own = other_artisan_deal.public_id
        assert client.get(reverse("deals:attachment", args=[own, attachment.public_id])).status_code == 404
    anonymous = Client().get(reverse("deals:attachment", args=[deal.public_id, attachment.public_id]))
    assert anonymous.status_code == 302 and "login" in anonymous["Location"]
    assert DealMessage.objects.count() == 1


# --- speed and limits ----------------------------------------------------------------------------


def _page_queries(user, deal: Deal) -> int:
    client = _client(user)
    client.get(reverse("deals:detail", args=[deal.public_id]))  # warm the session and caches
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("deals:detail", args=[deal.public_id])).status_code == 200
    return len(queries)


def test_the_deal_page_reads_a_long_thread_in_as_many_queries_as_a_short_one(deal):
    pdf = pdf_bytes()
    services.deal_message_post(
        user=deal.buyer.user, deal=deal, body="1", attachments=[clean_attachment(upload("a.pdf", pdf))]
    )
    one = _page_queries(deal.artisan.user, deal)
    for number in range(29):
        services.deal_message_post(
            user=deal.artisan.user if number % 2 else deal.buyer.user,
            deal=deal,
            body=str(number),
            attachments=[clean_attachment(upload("a.pdf", pdf))],
        )
    assert DealMessage.objects.filter(deal=deal).count() == 30
    assert _page_queries(deal.artisan.user, deal) == one


def test_posting_is_rate_limited_per_account_and_the_text_is_kept(deal, settings):
    settings.DEAL_MESSAGE_RATE_LIMIT = "2/10m"
    buyer = deal.buyer.user
    assert _post(buyer, deal, {"body": "one"}).status_code == 302
    assert _post(buyer, deal, {"body": "two"}).status_code == 302
    refused = _post(buyer, deal, {"body": "three, kept"})
    assert refused.status_code == 429
    assert "three, kept</textarea>" in refused.content.decode()
    assert DealMessage.objects.count() == 2
    # Per account: the artisan still writes.
    assert _post(deal.artisan.user, deal, {"body": "reply"}).status_code == 302


# --- disputes ------------------------------------------------------------------------------------


def _shipped_order(deal: Deal) -> Order:
    quote = deal.quotes.get()
    services.quote_accept(user=deal.buyer.user, quote=quote)
    order = services.order_place_from_quote(
        user=deal.buyer.user, quote=quote, delivery_address="1 Museum Mile"
    )
    services.order_accept(
        user=deal.artisan.user, order=order, ship_by=timezone.localdate() + timedelta(days=5)
    )
    return services.order_ship(user=deal.artisan.user, order=order, carrier="DHL")


def _dispute_url(deal: Deal, order: Order) -> str:
    return reverse("deals:action", args=[deal.public_id, "order", order.pk, "dispute"])


def test_a_dispute_with_photos_puts_them_in_the_thread_for_both_sides(
    deal, django_capture_on_commit_callbacks
):
    order = _shipped_order(deal)
    page = _client(deal.buyer.user).get(reverse("deals:detail", args=[deal.public_id])).content.decode()
    assert 'enctype="multipart/form-data"' in page and 'name="photos"' in page
    with django_capture_on_commit_callbacks(execute=True):
        response = _client(deal.buyer.user).post(
            _dispute_url(deal, order),
            {"reason": "Three bowls arrived broken", "photos": [upload("box.jpg", jpeg_bytes())]},
        )
    assert response.status_code == 302
    order.refresh_from_db()
    assert order.status == Order.Status.DISPUTED
    event = DealEvent.objects.get(subject="order", subject_id=order.pk, action="dispute")
    message = DealMessage.objects.get(event=event)
    assert message.body == "Three bowls arrived broken" and message.attachments.count() == 1
    # The dispute's own mail tells the artisan; the message adds none.
    assert not Email.objects.filter(key__startswith="deal-message:").exists()
    html = _client(deal.artisan.user).get(reverse("deals:detail", args=[deal.public_id])).content.decode()
    attachment = message.attachments.get()
    assert reverse("deals:attachment", args=[deal.public_id, attachment.public_id]) in html


def test_a_dispute_with_a_file_that_is_not_a_photo_changes_nothing_and_keeps_the_reason(deal):
    order = _shipped_order(deal)
    response = _client(deal.buyer.user).post(
        _dispute_url(deal, order), {"reason": "Broken, see scan", "photos": [upload("scan.pdf", pdf_bytes())]}
    )
    assert response.status_code == 400
    assert "Broken, see scan</textarea>" in response.content.decode()
    order.refresh_from_db()
    assert order.status == Order.Status.SHIPPED
    assert not DealMessage.objects.exists() and private_files() == []


# --- personal data -------------------------------------------------------------------------------


def test_a_persons_messages_are_exported_and_erased_with_their_files(
    deal, django_capture_on_commit_callbacks
):
    from common.personal_data import Erasure

    buyer = deal.buyer.user
    services.deal_message_post(
        user=buyer, deal=deal, body="Mine", attachments=[clean_attachment(upload("mine.pdf", pdf_bytes()))]
    )
    services.deal_message_post(user=deal.artisan.user, deal=deal, body="Theirs")
    exported = PERSONAL_DATA.sections["deal_messages"](buyer)
    assert [row["body"] for row in exported] == ["Mine"]
    assert exported[0]["files"][0]["name"] == "mine.pdf"
    with django_capture_on_commit_callbacks(execute=True):
        PERSONAL_DATA.erase(Erasure(user=buyer, emails=frozenset({buyer.email})))
    assert list(DealMessage.objects.order_by("pk").values_list("body", flat=True)) == ["", "Theirs"]
    assert not DealAttachment.objects.exists() and private_files() == []
