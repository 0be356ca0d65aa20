"""Pages render under the Content Security Policy: no script or style is blocked, admin included."""

from __future__ import annotations

import pytest

from accounts.tests.factories import PASSWORD, ArtisanUserFactory, StaffUserFactory
from catalog.tests.factories import ArtisanProfileFactory, ProductFactory
from programs.tests.factories import ProgramFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _sign_in(page, email: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def _visit(page, url: str) -> None:
    """Open a page and wait until its scripts, styles and fetches are done (a loaded machine may
    take longer than the default 15 s for an admin page: a slow page is not a CSP failure)."""
    page.goto(url, timeout=60_000)
    page.wait_for_load_state("networkidle", timeout=60_000)


def _watch(page) -> list[str]:
    violations: list[str] = []
    page.on("console", lambda message: violations.append(message.text)
            if "Content Security Policy" in message.text else None)
    return violations


def test_public_artisan_and_admin_pages_break_no_csp_rule(new_page):
    artisan = ArtisanProfileFactory(user=ArtisanUserFactory(email="csp.artisan@example.org", language="en"))
    product = ProductFactory(artisan=artisan)
    program = ProgramFactory()
    StaffUserFactory(email="csp.staff@example.org")

    visitor = new_page()
    seen = _watch(visitor)
    for url in ("/", "/privacy/", "/catalog/", "/catalog/products/", f"/catalog/products/{product.public_id}/",
                f"/catalog/artisans/{artisan.slug}/", "/accounts/login/", "/accounts/signup/artisan/"):
        _visit(visitor, url)

    owner = new_page()
    seen += _watch(owner)
    _sign_in(owner, "csp.artisan@example.org")
    for url in ("/artisan/", "/artisan/profile/", "/artisan/products/new/", "/meetings/availability/"):
        _visit(owner, url)

    staff = new_page()
    seen += _watch(staff)
    _sign_in(staff, "csp.staff@example.org")
    for url in ("/admin/", "/admin/programs/program/", f"/admin/programs/program/{program.pk}/change/",
                "/admin/programs/program/add/", "/admin/artisans/artisanprofile/",
                f"/admin/programs/program/{program.pk}/results/", "/admin/meetings/meeting/",
                "/accounts/2fa/"):
        _visit(staff, url)
    assert seen == []
