"""Staff create a program and invite a buyer; the buyer signs up from the email link and sees
that program's catalog (and not the artisans another program keeps to itself)."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from accounts.tests.factories import PASSWORD, StaffUserFactory
from catalog.tests.factories import ArtisanProfileFactory, ProductFactory
from programs.models import Application, Program
from programs.tests.factories import ProgramFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_create_program_invite_buyer_who_signs_up_and_sees_its_catalog(new_page, live_server):
    StaffUserFactory(email="carmen@agency.example")
    ours = ArtisanProfileFactory(business_name="Alfarería Hermanos Prieto")
    ProductFactory(artisan=ours, title="Plato Golondrinas")
    elsewhere = ArtisanProfileFactory(business_name="Tapis Réservés Ailleurs")
    other_program = ProgramFactory(name="Another Mission", public_catalog=False)
    Application.objects.create(program=other_program, artisan=elsewhere, status="accepted")

    # --- Staff: create the program in the admin -------------------------------------------------
    staff = new_page()
    staff.goto("/admin/")
    staff.get_by_label("Email").fill("carmen@agency.example")
    staff.get_by_label("Password").fill(PASSWORD)
    staff.get_by_role("button", name="Sign in").click()
    staff.goto("/admin/programs/program/add/")
    staff.locator("#id_name").fill("US Museum Shops 2027")
    staff.locator("#id_organiser").fill("Instituto de Promoción Exterior")
    staff.locator("#id_status").select_option("open_buyers")
    staff.locator("#id_starts_on").fill("2027-03-01")
    staff.locator("#id_ends_on").fill("2027-04-30")
    staff.locator("#id_slug").fill("us-museum-shops-2027")
    staff.get_by_role("button", name="Save and continue editing").click()
    expect(staff.get_by_text(re.compile("was added successfully"))).to_be_visible()
    program = Program.objects.get(slug="us-museum-shops-2027")

    # --- Staff: invite the artisan from the program page's link, then accept the application -----
    # (the admin writes applications only through the programs services: no inline rows)
    staff.get_by_role("link", name="Invite artisans").click()
    staff.locator("#id_artisans").select_option(str(ours.pk))
    staff.get_by_role("button", name="Invite").click()
    expect(staff.get_by_text(re.compile("1 artisan invited to apply"))).to_be_visible()
    application = program.applications.get()
    assert application.artisan == ours
    staff.goto("/admin/programs/application/")
    staff.locator(f"input[name='_selected_action'][value='{application.pk}']").check()
    staff.locator("select[name='action']").select_option("accept")
    staff.get_by_role("button", name="Go").click()
    application.refresh_from_db()
    assert application.status == "accepted"

    # --- Staff: invite a buyer by email ---------------------------------------------------------
    mail.outbox.clear()  # the artisan's call and decision mails
    staff.goto(f"/admin/programs/program/{program.pk}/change/")
    staff.get_by_role("link", name="Invite buyers").click()
    staff.locator("#id_emails").fill("emily@museumshop.example\nnot-an-email")
    staff.get_by_role("button", name="Invite").click()
    expect(staff.get_by_role("cell", name="not-an-email")).to_be_visible()
    expect(staff.get_by_text(re.compile("1 new invitation queued"))).to_be_visible()
    assert [m.to for m in mail.outbox] == [["emily@museumshop.example"]]

    # --- The buyer: from the link in the email to the program's catalog ------------------------
    link = re.search(r"https?://\S+/programs/join/\S+/", mail.outbox[0].body).group(0)
    buyer = new_page(timezone_id="America/New_York")
    buyer.goto("/" + link.split("/", 3)[3])
    # Opening the link only shows the invitation; nothing is joined before the button.
    expect(buyer.get_by_role("heading", name="Invitation to US Museum Shops 2027")).to_be_visible()
    buyer.get_by_role("link", name="Create my account").click()
    expect(buyer.get_by_text("You are joining US Museum Shops 2027.")).to_be_visible()
    assert buyer.get_by_label("Email").input_value() == "emily@museumshop.example"
    buyer.get_by_label("Your full name").fill("Emily Carter")
    buyer.get_by_label("Password", exact=True).fill("a-long-Passphrase-42")
    buyer.get_by_label("Password (again)").fill("a-long-Passphrase-42")
    buyer.get_by_role("button", name="Create my account").click()
    # The unused invitation proved the address: no second verification, back on the invitation.
    buyer.wait_for_url("**/programs/join/**")
    assert not program.memberships.exists()
    buyer.get_by_role("button", name="Join US Museum Shops 2027").click()
    buyer.wait_for_url("**/catalog/**")
    assert program.memberships.get().user.email == "emily@museumshop.example"

    expect(buyer.get_by_role("link", name="Alfarería Hermanos Prieto")).to_be_visible()
    assert "Tapis Réservés Ailleurs" not in buyer.content()
    buyer.locator("#id_program").select_option("us-museum-shops-2027")
    buyer.locator("#catalog-filters button[type=submit]").first.click()
    expect(buyer.get_by_role("link", name="Alfarería Hermanos Prieto")).to_be_visible()
