"""Staff schedule a B2B day in admin and publish it; each side sees the meeting in their own time."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
from django.core import mail

from accounts.tests.factories import PASSWORD, ArtisanUserFactory, BuyerUserFactory, StaffUserFactory
from catalog.tests.factories import ArtisanProfileFactory
from matchmaking.models import Preference
from matchmaking.tests.factories import join, wish
from meetings.models import Meeting
from meetings.tests.factories import BuyerProfileFactory
from programs.tests.factories import ProgramFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FEZ = zoneinfo.ZoneInfo("Africa/Casablanca")
MADRID = zoneinfo.ZoneInfo("Europe/Madrid")
NEW_YORK = zoneinfo.ZoneInfo("America/New_York")


def _sign_in(page, email):
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def test_staff_schedule_a_b2b_day_and_each_side_sees_their_agenda_in_their_zone(new_page):
    staff = StaffUserFactory(email="agency@example.org", full_name="Agency Staff", time_zone="Africa/Casablanca")
    artisan = ArtisanUserFactory(email="lucia@ceramica.example", full_name="Lucía Moreno", time_zone="Europe/Madrid")
    workshop = ArtisanProfileFactory(user=artisan, business_name="Cerámica Moreno", time_zone="Europe/Madrid")
    buyer = BuyerUserFactory(email="emily@metstore.example", full_name="Emily Carter", time_zone="America/New_York")
    BuyerProfileFactory(user=buyer, organisation_name="Met Store", languages=["en"])
    program = ProgramFactory(name="Fez Crafts Fair")
    join(program, artisans=[workshop], buyers=[buyer])
    wish(program, workshop, buyer, level=Preference.Level.MUST)
    wish(program, workshop, buyer, level=Preference.Level.LIKE, side=Preference.Side.ARTISAN)
    day = dt.date.today() + dt.timedelta(days=20)

    admin = new_page(timezone_id="Africa/Casablanca")
    _sign_in(admin, staff.email)
    admin.goto("/admin/matchmaking/session/add/")
    admin.locator("#id_program").select_option(label="Fez Crafts Fair")
    admin.locator("#id_name").fill("B2B morning")
    admin.locator("#id_kind").select_option("physical")
    admin.locator("#id_first_day").fill(day.isoformat())
    admin.locator("#id_last_day").fill(day.isoformat())
    admin.locator("#id_day_starts").fill("10:00")
    admin.locator("#id_day_ends").fill("11:00")
    admin.locator("#id_slot_minutes").fill("30")
    admin.locator("#id_time_zone").select_option("Africa/Casablanca")
    admin.locator("#id_venue").fill("Palais des congrès, Fez")
    admin.locator("#id_tables").fill("4")
    admin.locator("#id_breaks").fill("10:30-10:45")
    admin.get_by_role("button", name="Save", exact=True).click()

    admin.get_by_role("button", name="Run the scheduler").click()
    assert admin.locator("#plan-status").inner_text().startswith("Draft")
    assert admin.locator("#plan-value").inner_text() != "0"
    assert "Met Store" in admin.locator("#plan-grid").inner_text()
    admin.get_by_role("button", name="Publish this plan").click()
    assert admin.locator("#plan-status").inner_text().startswith("Published")

    meeting = Meeting.objects.get()
    assert meeting.status == Meeting.Status.CONFIRMED and meeting.program == program
    assert meeting.start_at.astimezone(FEZ).time() in (dt.time(10), dt.time(10, 45))
    agendas = [m for m in mail.outbox if m.extra_headers["X-CraftMatch-Key"].startswith("agenda:")]
    assert sorted(m.to[0] for m in agendas) == sorted([artisan.email, buyer.email])
    assert all([a[0] for a in m.attachments] == ["agenda.ics", "agenda.pdf"] for m in agendas)

    buyer_page = new_page(timezone_id="America/New_York", phone=True)
    _sign_in(buyer_page, buyer.email)
    buyer_page.goto("/meetings/")
    row = buyer_page.locator(".meeting-row", has_text="Cerámica Moreno")
    text = row.inner_text()
    assert meeting.start_at.astimezone(NEW_YORK).strftime("%H:%M") in text
    assert "America/New_York" in text and "Confirmed" in text

    artisan_page = new_page(timezone_id="Europe/Madrid")
    _sign_in(artisan_page, artisan.email)
    artisan_page.goto("/meetings/")
    text = artisan_page.locator(".meeting-row", has_text="Met Store").inner_text()
    assert meeting.start_at.astimezone(MADRID).strftime("%H:%M") in text
    assert "Europe/Madrid" in text
