"""Sign-up to dashboard in a real browser, through the real verification email."""

from __future__ import annotations

import re

import pytest
from django.core import mail

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_buyer_signs_up_verifies_and_reaches_dashboard(new_page, live_server):
    page = new_page(timezone_id="America/New_York")
    page.goto("/")
    page.get_by_role("link", name="Join").click()
    page.get_by_role("link", name="I am a buyer").click()

    page.get_by_label("Your full name").fill("Emily Carter")
    page.get_by_label("Email").fill("emily@museumshop.example")
    page.get_by_label("Password", exact=True).fill("a-long-Passphrase-42")
    page.get_by_label("Password (again)").fill("a-long-Passphrase-42")
    # The browser's zone was preselected by the page's script.
    assert page.get_by_label("Your time zone").input_value() == "America/New_York"
    page.get_by_role("button", name="Create my account").click()

    page.wait_for_url("**/accounts/confirm-email/")
    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mail.outbox[0].body).group(0)
    path = "/" + link.split("/", 3)[3]
    page.goto(path)
    page.get_by_role("button", name="Confirm").click()

    page.wait_for_url("**/buyer/")
    assert page.get_by_role("heading", name="Welcome, Emily").is_visible()
    # The zone chosen at sign-up, named as people read it (not the raw "America/New_York").
    assert "Times are shown in New York (UTC" in page.content()
