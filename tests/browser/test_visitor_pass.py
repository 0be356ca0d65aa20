"""A visitor registers on a phone and gets the pass; a staff phone scans it by typing the code,
once online, once offline (queued, then sent when the network is back), and a replayed scan
counts nothing more."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from playwright.sync_api import expect

from accounts.tests.factories import PASSWORD, UserFactory
from visitors.models import Scan
from visitors.tests.factories import GateFactory, fair_program

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _sign_in(page, email):
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def _watch(page) -> list[str]:
    violations: list[str] = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return violations


def test_a_visitor_registers_on_a_phone_and_a_staff_phone_scans_the_pass_online_and_offline(
    new_page, settings
):
    settings.REQUIRE_STAFF_MFA = False
    program = fair_program(slug="fes-fair", name="Fès crafts fair")
    gate = GateFactory(program=program, name="Bab Boujloud")
    staff = UserFactory(email="desk@agency.example", full_name="Desk Staff", role="staff", is_staff=True)
    staff.user_permissions.add(*Permission.objects.filter(codename__in=["add_scan", "view_scan"]))

    visitor_page = new_page(phone=True)
    blocked = _watch(visitor_page)
    visitor_page.goto("/visitors/fes-fair/register/")
    visitor_page.get_by_label("I come as").select_option("public")
    visitor_page.get_by_label("Full name").fill("Nadia Berrada")
    visitor_page.get_by_label("Email", exact=True).fill("nadia@example.org")
    visitor_page.get_by_role("button", name="Register").click()
    assert "We have sent you an email" in visitor_page.get_by_role("status").inner_text()
    link = re.search(r"https?://[^/\s]+(/visitors/confirm/[^/\s]+/)", mail.outbox[-1].body).group(1)
    visitor_page.goto(link)
    visitor_page.get_by_role("button", name="Confirm my registration").click()
    visitor_page.wait_for_url("**/visitors/pass/*/")
    assert visitor_page.get_by_role("img", name="QR code of your pass").is_visible()
    code = visitor_page.locator(".pass-code").inner_text().strip()
    assert len(code) == 24 and code.count("-") == 4
    # The page fits the phone: nothing scrolls sideways.
    assert visitor_page.locator("html").evaluate("html => html.scrollWidth <= window.innerWidth")

    staff_page = new_page(phone=True)
    blocked += _watch(staff_page)
    _sign_in(staff_page, staff.email)
    staff_page.goto(f"/visitors/fes-fair/check-in/?gate={gate.pk}")
    result = staff_page.locator("#scan-result")

    staff_page.get_by_label("Pass code").fill(code.lower().replace("-", " "))
    staff_page.get_by_role("button", name="Check the pass").click()
    expect(result).to_have_class(re.compile(r"\bscan-admitted\b"))
    expect(result).to_contain_text("Welcome, Nadia Berrada.")
    assert Scan.objects.filter(outcome="admitted").count() == 1

    staff_page.context.set_offline(True)
    staff_page.get_by_label("Pass code").fill(code)
    staff_page.get_by_role("button", name="Check the pass").click()
    expect(staff_page.locator("#scan-queue")).to_contain_text("1")
    expect(staff_page.locator("#scan-network")).to_contain_text("Offline")
    assert Scan.objects.count() == 1

    staff_page.context.set_offline(False)
    expect(staff_page.locator("#scan-queue")).to_have_text("")
    expect(result).to_contain_text("Welcome, Nadia Berrada.")
    assert Scan.objects.filter(outcome="admitted").count() == 2

    # The answer to the offline scan was lost, say: the device sends it again. It counts once.
    offline_scan = Scan.objects.order_by("-received_at").first()
    staff_page.locator("html").evaluate(
        """(html, [key, scan]) => { localStorage.setItem(key, JSON.stringify([scan])); }""",
        [
            f"craftmatch-scans-{program.pk}",
            {
                "id": str(offline_scan.client_id),
                "code": code,
                "at": offline_scan.scanned_at.isoformat(),
                "gate": str(gate.pk),
            },
        ],
    )
    staff_page.reload()
    expect(result).to_contain_text("Already counted")
    expect(staff_page.locator("#scan-queue")).to_have_text("")
    assert Scan.objects.count() == 2

    # The phone loses the network and the page is reopened: the service worker serves the kept
    # page; a scan made then waits in the queue and is sent, once, when the network is back.
    expect(staff_page.locator("#scanner")).to_have_attribute("data-offline-ready", "1")
    staff_page.context.set_offline(True)
    staff_page.reload()
    staff_page.get_by_label("Pass code").fill(code)
    staff_page.get_by_role("button", name="Check the pass").click()
    expect(staff_page.locator("#scan-queue")).to_contain_text("1")
    assert Scan.objects.count() == 2
    staff_page.context.set_offline(False)
    expect(staff_page.locator("#scan-queue")).to_have_text("")
    expect(result).to_contain_text("Welcome, Nadia Berrada.")
    assert Scan.objects.filter(outcome="admitted").count() == 3

    # A tampered code is refused with a clear message.
    tampered = ("B" if code[0] != "B" else "C") + code[1:]
    staff_page.get_by_label("Pass code").fill(tampered)
    staff_page.get_by_role("button", name="Check the pass").click()
    expect(result).to_have_class(re.compile(r"\bscan-refused\b"))
    expect(result).to_contain_text("not a valid pass")

    staff_page.goto("/visitors/fes-fair/counts/")
    row = staff_page.locator("tr", has_text="Bab Boujloud")
    assert row.locator(".count-scans").inner_text() == "3"
    assert row.locator(".count-people").inner_text() == "1"
    # The scanner's scripts (ours and the vendored jsQR) run under the CSP: nothing was blocked.
    assert blocked == []


def test_an_arabic_visitor_registers_on_a_phone_right_to_left_and_is_written_to_in_arabic(new_page):
    program = fair_program(slug="fes-fair-ar", name="معرض فاس")
    page = new_page(phone=True, locale="ar")
    blocked = _watch(page)
    page.goto(f"/visitors/{program.slug}/register/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    expect(page.get_by_role("heading", level=1)).to_contain_text("التسجيل في")
    page.get_by_label("الاسم الكامل").fill("سلمى الإدريسي")
    page.get_by_label("البريد الإلكتروني", exact=True).fill("salma@example.org")
    page.get_by_role("button", name="سجّلني").click()
    expect(page.get_by_role("status")).to_contain_text("شكرًا")
    assert page.locator("html").evaluate("html => html.scrollWidth <= window.innerWidth")
    assert mail.outbox[-1].extra_headers["Content-Language"] == "ar"
    assert "أكّد تسجيلك" in mail.outbox[-1].subject
    assert blocked == []
