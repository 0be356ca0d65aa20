"""A trade show abroad from the call to its results, in the browsers of the staff and the SME.

Staff create the show with a stand and a checklist in the admin; the SME applies to the open call
and is selected and given the stand; it sends its checklist's document and downloads its samples' pro forma; at the
stand a card is typed in as a lead; staff book a meeting at the stand (the show's time, theirs
beside it) and send the lead's buyer's inquiry, which the artisan sees; a cost is entered and the
program's results give the order's value per euro. What no page here does (the samples chosen, the
quote and the order) happens between the steps through the services.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect
from reportlab.pdfgen import canvas

from accounts.tests.factories import PASSWORD, ArtisanUserFactory, StaffUserFactory
from catalog.tests.factories import ArtisanProfileFactory, ProductFactory
from deals import services as deal_services
from deals.models import Deal, ProgramRate
from deals.tests.factories import verified_buyer
from meetings.models import Meeting
from programs.models import Program
from programs.tests.factories import ProgramFactory
from shows import services as show_services
from shows.models import Application, ForeignShow

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _sign_in(page, email: str, path: str = "/accounts/login/") -> None:
    page.goto(path)
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(lambda url: "/login/" not in url)


def _pdf() -> bytes:
    buffer = io.BytesIO()
    sheet = canvas.Canvas(buffer)
    sheet.drawString(72, 720, "Certificate of origin")
    sheet.showPage()
    sheet.save()
    return buffer.getvalue()


def test_a_trade_show_from_the_call_to_its_value_per_euro(new_page, tmp_path):
    today = timezone.localdate()
    staff_user = StaffUserFactory(email="carmen@agency.example", time_zone="Europe/Madrid")
    program = ProgramFactory(
        name="Shows 2027",
        kind=Program.Kind.TRADE_SHOW_ABROAD,
        status=Program.Status.OPEN_ARTISANS,
        starts_on=today,
        ends_on=today + dt.timedelta(days=120),
        meeting_minutes=30,
    )
    ProgramRate.objects.create(program=program, currency="EUR", usd_per_unit=Decimal("1.10"), as_of=today)
    sme_user = ArtisanUserFactory(email="lucia@ceramica.example", language="en")
    sme = ArtisanProfileFactory(user=sme_user, business_name="Cerámica Moreno")
    bowl = ProductFactory(artisan=sme, title="Blue bowl", hs_code="691390", min_order_qty=10, indexed=False)
    buyer_user = verified_buyer()
    opens = today + dt.timedelta(days=60)

    # --- Staff create the show, its stand and its checklist in the admin ------------------------
    staff = new_page(timezone_id="Europe/Madrid")
    _sign_in(staff, staff_user.email, "/admin/")
    staff.goto("/admin/shows/foreignshow/add/")
    staff.locator("#id_program").select_option(str(program.pk))
    staff.locator("#id_name").fill("NY NOW")
    staff.locator("#id_city").fill("New York")
    staff.locator("#id_country").select_option("US")
    staff.locator("#id_starts_on").fill(opens.isoformat())
    staff.locator("#id_ends_on").fill((opens + dt.timedelta(days=3)).isoformat())
    staff.locator("#id_time_zone").select_option("America/New_York")
    staff.locator("#id_applications_close_on").fill((today + dt.timedelta(days=10)).isoformat())
    staff.locator("#id_documents_due_on").fill((today + dt.timedelta(days=30)).isoformat())
    staff.locator("#id_stands-0-code").fill("B12")
    staff.locator("#id_required_documents-0-name").fill("Certificate of origin")
    staff.locator("input[name='_save']").click()
    expect(staff.locator(".messagelist")).to_contain_text("was added successfully")
    show = ForeignShow.objects.get()

    # --- The SME applies to the open call --------------------------------------------------------
    artisan = new_page()
    _sign_in(artisan, sme_user.email)
    artisan.goto("/shows/")
    artisan.get_by_role("button", name="Apply to NY NOW").click()
    artisan.locator("#motivation-submit").fill("Our blue bowls sell in New York museum shops.")
    artisan.get_by_role("button", name="Submit the application").click()
    expect(artisan.locator(".badge").first).to_have_text("Submitted")
    application = Application.objects.get()

    # --- Staff select it from the applications' list ------------------------------------------
    staff.goto("/admin/shows/application/")
    staff.get_by_role("link", name="Open").click()
    staff.locator("#reason-select").fill("Export-ready, a catalog in English.")
    staff.get_by_role("button", name="Select", exact=True).click()
    expect(staff.locator(".badge").first).to_have_text("Selected")
    staff.get_by_label("Stand", exact=True).select_option("B12")
    staff.get_by_role("button", name="Give this stand").click()
    expect(staff.get_by_role("region", name=re.compile("Your application"))).to_contain_text("Stand B12")
    show_services.application_samples_set(user=sme_user, application=application, quantities={bowl.pk: 6})

    # --- The SME sends its document and downloads the pro forma ---------------------------------
    artisan.reload()
    required = show.required_documents.get()
    artisan.locator(f"#file-{required.pk}").set_input_files(
        {"name": "certificate.pdf", "mimeType": "application/pdf", "buffer": _pdf()}
    )
    artisan.get_by_role("button", name="Send", exact=True).click()
    documents = artisan.get_by_role("region", name="Documents")
    expect(documents).to_contain_text("certificate.pdf")
    with artisan.expect_download() as download:
        artisan.get_by_role("link", name="Pro-forma invoice (PDF)").click()
    saved = tmp_path / "proforma.pdf"
    download.value.save_as(saved)
    assert saved.read_bytes().startswith(b"%PDF")

    # --- At the stand, a card is typed in -------------------------------------------------------
    leads = artisan.get_by_role("region", name="Leads at the stand")
    leads.get_by_label("Name on the card").fill("Kim Lee")
    leads.get_by_label("Email").fill(buyer_user.email)
    leads.get_by_label("Organisation").fill("MoMA Design Store")
    leads.get_by_label("Note").fill("Wants 50 bowls for spring")
    leads.get_by_role("button", name="Add the lead").click()
    expect(artisan.get_by_role("region", name="Leads at the stand")).to_contain_text("Kim Lee")

    # --- Staff book the stand meeting and send the buyer's inquiry --------------------------------
    staff.reload()
    staff.get_by_role("link", name="Kim Lee").click()
    meeting_day = opens + dt.timedelta(days=1)
    staff.locator("#id_day").fill(meeting_day.isoformat())
    staff.locator("#id_time").fill("10:00")
    staff.get_by_role("button", name="Book the meeting").click()
    booked = staff.get_by_role("region", name="Meeting at the stand")
    expect(booked).to_contain_text("10:00")
    expect(booked).to_contain_text(re.compile(r"16:00 for you \(Madrid"))
    meeting = Meeting.objects.get()
    assert (meeting.status, meeting.buyer_user_id) == (Meeting.Status.CONFIRMED, buyer_user.pk)
    staff.locator("#id_product").select_option(str(bowl.pk))
    staff.locator("#id_quantity").fill("50")
    staff.get_by_role("button", name="Send the buyer's inquiry").click()
    staff.get_by_role("link", name="Open the deal").click()
    deal = Deal.objects.get()
    assert (deal.buyer.user_id, deal.source) == (buyer_user.pk, Deal.Source.STAND)

    # --- The artisan sees the buyer's inquiry on the deal's page --------------------------------
    artisan.goto(staff.url)
    expect(artisan.locator("main")).to_contain_text("Wants 50 bowls for spring")

    # The artisan quotes and the buyer orders, on their own pages (tests/browser/test_deal_journey.py).
    quote = deal_services.quote_send(
        user=sme_user,
        deal=deal,
        currency="EUR",
        incoterm="FCA",
        lead_time_days=30,
        valid_until=today + dt.timedelta(days=30),
        named_place="Seville",
        lines=[
            deal_services.Line(
                quantity=50,
                product=bowl,
                description="Blue bowl",
                unit_price=Decimal("18.50"),
                minimum_quantity=10,
            )
        ],
    )
    deal_services.quote_accept(user=buyer_user, quote=quote)
    deal_services.order_place_from_quote(
        user=buyer_user, quote=quote, delivery_address="11 W 53rd St, New York"
    )

    # --- A cost is entered; the results give the value per euro ---------------------------------
    staff.goto(f"/admin/shows/foreignshow/{show.pk}/change/")
    staff.locator("#id_costs-0-label").fill("Stand rental")
    staff.locator("#id_costs-0-amount_eur").fill("462.50")
    staff.locator("input[name='_save']").click()
    expect(staff.locator(".messagelist")).to_contain_text("was changed successfully")
    staff.goto(f"/admin/programs/program/{program.pk}/results/")
    row = staff.get_by_role("row", name=re.compile("NY NOW"))
    # 1 lead, 1 deal, 1 order of 925.00 EUR against 462.50 EUR spent: 2.00 per euro.
    expect(row.get_by_role("cell")).to_have_text(["1", "1", "1", "1017.50", "925.00", "462.50", "2.00"])
