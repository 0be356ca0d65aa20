"""Agency staff run a program from the admin home to its results, by the links on the pages only.

After the first address (the admin's sign-in) every page is reached by a link or a button:
home → the program → invite artisans → the application to decide → accept → the program (open
it to buyers) → invite buyers → results. What other people do in their own browsers (the
artisan applies, the buyer joins and meets, both sides record the outcome) happens between the
steps through the same services their pages call.
"""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from accounts.tests.factories import PASSWORD, BuyerUserFactory, StaffUserFactory
from catalog.tests.factories import ArtisanProfileFactory, ProductFactory
from meetings import services as meeting_services
from meetings.tests.factories import BuyerProfileFactory
from programs import services as program_services
from programs.models import Program
from programs.tests.factories import ProgramFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_run_a_program_from_the_admin_home_to_its_results(new_page):
    StaffUserFactory(email="carmen@agency.example", time_zone="Europe/Madrid")
    today = timezone.localdate()
    program = ProgramFactory(
        name="Mission Nueva York", status=Program.Status.OPEN_ARTISANS,
        starts_on=today - timedelta(days=7), ends_on=today + timedelta(days=7), meeting_minutes=30,
    )
    workshop = ArtisanProfileFactory(business_name="Alfarería Hermanos Prieto")
    ProductFactory(artisan=workshop, title="Plato Golondrinas")

    # --- The admin home: the program is one click away -----------------------------------------
    staff = new_page(timezone_id="Europe/Madrid")
    staff.goto("/admin/")
    staff.get_by_label("Email").fill("carmen@agency.example")
    staff.get_by_label("Password").fill(PASSWORD)
    staff.get_by_role("button", name="Sign in").click()
    home = staff.locator("#programs-home")
    home.get_by_role("link", name="Mission Nueva York").click()
    expect(staff.get_by_role("heading", name=re.compile("Mission Nueva York"))).to_be_visible()

    # --- Invite the artisan from the program's page ----------------------------------------------
    staff.get_by_role("link", name="Invite artisans").click()
    staff.locator("#id_artisans").select_option(str(workshop.pk))
    staff.get_by_role("button", name="Invite").click()
    expect(staff.get_by_text("1 artisan invited to apply.")).to_be_visible()

    # The artisan applies on their own page.
    program_services.application_submit(program=program, artisan=workshop, motivation="Nos encantaría ir.")

    # --- The home says an application waits; accept it ----------------------------------------
    staff.get_by_role("link", name="Home").first.click()
    staff.get_by_role("link", name="1 application to a program waits for a decision").click()
    row = staff.get_by_role("row", name=re.compile("Alfarería Hermanos Prieto"))
    # Its time in the viewer's zone, named.
    expect(row).to_contain_text(re.compile(r"\(Madrid \(UTC\+0[12]:00\)\)"))
    row.get_by_role("checkbox").check()
    staff.locator("select[name='action']").select_option("accept")
    staff.get_by_role("button", name="Go").click()
    expect(staff.get_by_text("1 applications updated.")).to_be_visible()
    assert program.applications.get().status == "accepted"

    # --- Back to the program: open it to buyers, then invite one -------------------------------
    staff.get_by_role("link", name="Home").first.click()
    staff.locator("#programs-home").get_by_role("link", name="Mission Nueva York").click()
    staff.locator("#id_status").select_option("open_buyers")
    staff.get_by_role("button", name="Save and continue editing").click()
    expect(staff.get_by_text(re.compile("was changed successfully"))).to_be_visible()
    mail.outbox.clear()
    staff.get_by_role("link", name="Invite buyers").click()
    staff.locator("#id_emails").fill("emily@museumshop.example")
    staff.get_by_role("button", name="Invite").click()
    expect(staff.get_by_text(re.compile("1 new invitation queued"))).to_be_visible()
    [invitation_mail] = mail.outbox

    # The buyer joins from the mail's link, requests a meeting for yesterday's window (asked two
    # days ago), the artisan accepts it, and both record that it was held.
    token = re.search(r"/programs/join/([^/\s]+)/", invitation_mail.body).group(1)
    emily = BuyerProfileFactory(user=BuyerUserFactory(email="emily@museumshop.example"),
                                organisation_name="The Museum Shop").user
    assert program_services.invitation_join(token=token, user=emily) == program_services.JoinState.MEMBER
    now = timezone.now()
    asked_at = now - timedelta(days=2)
    start = (now - timedelta(days=1)).replace(minute=0, second=0, microsecond=0)
    meeting = meeting_services.meeting_request(
        buyer_user=emily, artisan=workshop, proposed_starts=[start], duration_minutes=30, mode="virtual", now=asked_at,
    )
    meeting_services.meeting_accept(meeting_id=meeting.pk, actor=workshop.user, start_at=start, now=asked_at)
    for person in (emily, workshop.user):
        meeting_services.outcome_record(meeting_id=meeting.pk, actor=person, attendance="held", interest=3,
                                        next_step="order", estimated_order_value=1200, currency="USD")

    # --- The results, from the program's page ---------------------------------------------------
    staff.get_by_role("link", name="Mission Nueva York").first.click()
    staff.get_by_role("link", name="Results").click()
    expect(staff.get_by_text("1 meeting held with 1 of 1 artisans")).to_be_visible()
    per_artisan = staff.get_by_role("row", name=re.compile("Alfarería Hermanos Prieto"))
    expect(per_artisan).to_contain_text("1,200")
