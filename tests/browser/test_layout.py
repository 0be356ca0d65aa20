"""Layout on a phone (390 px) and on desktops (832 px and up): nothing covered, nothing scrolls sideways."""

from __future__ import annotations

from datetime import timedelta

import pytest

from accounts.tests.factories import PASSWORD, BuyerUserFactory
from buyers.models import BuyerProfile
from catalog.tests.factories import ArtisanProfileFactory, CraftFactory, ProductFactory
from meetings.models import Meeting
from meetings.tests.factories import BuyerProfileFactory, MeetingFactory, in_days

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LONG_WEBSITE = "https://www.ceramica-artesanal-tradicional-de-la-sierra-norte-de-sevilla-y-huelva.example/catalogo"


def _sign_in(page, email):
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def _scrolls_sideways(page) -> bool:
    # Against the device width: a phone widens its layout viewport (innerWidth) to fit a wide page.
    return page.evaluate("document.documentElement.scrollWidth") > page.viewport_size["width"]


@pytest.mark.parametrize("width", [832, 1024, 1440])
def test_the_artisan_can_click_accept_this_time_on_a_desktop(new_page, width):
    workshop = ArtisanProfileFactory(business_name="Cerámica Moreno", time_zone="Europe/Madrid")
    meeting = MeetingFactory(artisan=workshop, buyer=BuyerProfileFactory(), proposed_starts=[in_days(7), in_days(8)])

    page = new_page()
    page.set_viewport_size({"width": width, "height": 900})
    _sign_in(page, workshop.user.email)
    page.goto(f"/meetings/{meeting.public_id}/")
    buttons = page.get_by_role("button", name="Accept this time")
    assert buttons.count() == 2
    main, aside = page.locator(".meeting-detail > .stack").first, page.locator(".meeting-detail > aside")
    main_box, aside_box = main.bounding_box(), aside.bounding_box()
    # The side column sits beside the main one, which keeps most of the width.
    assert main_box["x"] + main_box["width"] <= aside_box["x"] + 1
    assert main_box["width"] > aside_box["width"]
    for index in range(2):
        box = buttons.nth(index).bounding_box()
        assert box["x"] + box["width"] <= main_box["x"] + main_box["width"] + 1
    assert not _scrolls_sideways(page)
    # A real click (Playwright refuses one that another element would receive).
    buttons.last.click()
    assert page.locator("#meeting-status").inner_text() == "Confirmed"
    assert Meeting.objects.get().start_at == in_days(8)


def test_on_a_phone_the_catalog_shows_results_before_the_filters(new_page):
    crafts = [CraftFactory(slug=f"craft-{n}") for n in range(6)]
    for n in range(4):
        artisan = ArtisanProfileFactory(business_name=f"Taller {n}", country=["ES", "MA", "FR", "PT"][n],
                                        crafts=crafts, website=LONG_WEBSITE)
        ProductFactory(artisan=artisan, title=f"Cuenco {n}", craft=crafts[n])
    buyer = BuyerUserFactory()
    BuyerProfile.objects.create(user=buyer, organisation_name="Met Store", country="US", is_verified=True)

    page = new_page(phone=True)
    _sign_in(page, buyer.email)
    page.goto("/catalog/")
    first_result = page.locator(".catalog-results > li").first
    assert first_result.bounding_box()["y"] < 844, "the first result is on the first screen"
    assert not page.get_by_label("Spain").is_visible()
    page.locator(".filters-disclosure > summary").click()
    page.get_by_label("Spain").check()
    page.get_by_role("button", name="Show results").click()
    assert "country=ES" in page.url
    assert page.get_by_role("heading", name="1 result").is_visible()
    assert not _scrolls_sideways(page)

    # The desktop has the filters in its side column, with no disclosure to open.
    desktop = new_page()
    _sign_in(desktop, buyer.email)
    desktop.goto("/catalog/")
    assert desktop.get_by_label("Spain").is_visible()
    assert not desktop.locator(".filters-disclosure > summary").is_visible()


def test_on_a_phone_no_page_scrolls_sideways(new_page):
    workshop = ArtisanProfileFactory(business_name="Cerámica Moreno", slug="ceramica-moreno", website=LONG_WEBSITE,
                                     time_zone="Europe/Madrid")
    buyer = BuyerUserFactory(time_zone="America/New_York")
    shop = BuyerProfile.objects.create(user=buyer, organisation_name="Met Store", country="US", is_verified=True)
    start = in_days(7)
    rescheduling = MeetingFactory(
        artisan=workshop, buyer=shop, status=Meeting.Status.RESCHEDULING, start_at=start,
        end_at=start + timedelta(hours=1), proposed_starts=[in_days(9)], proposed_by=workshop.user, video_token="tok",
    )

    for locale in ("es-ES", "fr-FR", "en-US"):
        page = new_page(phone=True, locale=locale)
        page.goto("/privacy/")
        assert not _scrolls_sideways(page), f"the privacy page in {locale}"

    page = new_page(phone=True, timezone_id="America/New_York")
    _sign_in(page, buyer.email)
    page.goto("/catalog/artisans/ceramica-moreno/")
    assert page.get_by_role("link", name=LONG_WEBSITE).is_visible()
    assert not _scrolls_sideways(page), "an artisan with a long website address"
    page.goto(f"/meetings/{rescheduling.public_id}/")
    assert page.get_by_text("Proposed new time").is_visible()
    assert not _scrolls_sideways(page), "a rescheduled meeting"


def test_a_deal_page_in_arabic_on_a_phone_keeps_french_lines_left_to_right_and_does_not_scroll_sideways(new_page):
    from deals.tests.factories import quoted_deal

    product = ProductFactory(title="Plat à tajine émaillé, grand modèle traditionnel de Safi", language="fr",
                             indexed=False)
    buyer = BuyerUserFactory(language="ar", time_zone="America/New_York")
    BuyerProfile.objects.create(user=buyer, organisation_name="Met Store", country="US", is_verified=True)
    deal, _quote = quoted_deal(buyer_user=buyer, product=product)
    page = new_page(phone=True, timezone_id="America/New_York")
    _sign_in(page, buyer.email)
    page.goto(f"/deals/{deal.public_id}/")
    assert page.evaluate("document.documentElement.dir") == "rtl"
    # The line is the page's (Arabic, right to left); the product's French name inside it keeps its own.
    name = page.locator("bdi", has_text="Plat à tajine").first
    assert name.evaluate("element => element.matches(':dir(ltr)')")
    assert name.evaluate("element => element.closest('li').matches(':dir(rtl)')")
    assert not _scrolls_sideways(page), "a deal page in Arabic"
