"""Staff at the stand, on a lead's page: book a meeting at the stand in the show's local time (shown
with the viewer's own time beside it) and send the lead's buyer's inquiry. Only staff who run the
shows; forms refused are shown again with their errors."""

from __future__ import annotations

import datetime as dt
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from accounts.tests.factories import StaffUserFactory
from catalog.tests.factories import ArtisanProfileFactory, ProductFactory
from deals.models import Deal
from deals.tests.factories import verified_buyer
from meetings.models import Meeting
from shows.models import Lead
from shows.tests.factories import (
    ApplicationFactory,
    ForeignShowFactory,
    StandFactory,
    selected_with_stand,
    show_program,
    show_staff,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def stand():
    application = selected_with_stand()
    product = ProductFactory(artisan=application.artisan, indexed=False, title="Tin lantern")
    buyer_user = verified_buyer()
    lead = Lead.objects.create(
        application=application, full_name="Kim Lee", email=buyer_user.email, note="Wants 200 lanterns"
    )
    return application, product, buyer_user, lead


def _url(name: str, lead: Lead) -> str:
    return reverse(name, args=[lead.application.public_id, lead.pk])


def test_only_staff_who_run_the_shows_open_a_lead(client, stand):
    application, _product, buyer_user, lead = stand
    for user in (application.artisan.user, buyer_user, StaffUserFactory(is_superuser=False)):
        client.force_login(user)
        assert client.get(_url("shows:lead", lead)).status_code == 403
        assert client.post(_url("shows:lead-meeting", lead), {}).status_code == 403
    client.force_login(show_staff())
    assert client.get(_url("shows:lead", lead)).status_code == 200
    other = selected_with_stand()
    assert client.get(reverse("shows:lead", args=[other.public_id, lead.pk])).status_code == 404


def test_a_stand_meeting_is_booked_in_the_shows_time_and_shown_in_the_viewers_too(client, stand):
    application, _product, buyer_user, lead = stand
    staff = show_staff(time_zone="Europe/Madrid")
    client.force_login(staff)
    day = application.show.starts_on + dt.timedelta(days=1)
    response = client.post(_url("shows:lead-meeting", lead), {"day": day.isoformat(), "time": "10:00"})
    assert response.status_code == 302
    meeting = Meeting.objects.get()
    assert meeting.start_at == datetime.combine(day, dt.time(10), tzinfo=ZoneInfo("America/New_York"))
    assert (meeting.status, meeting.mode, meeting.buyer_user, meeting.artisan) == (
        Meeting.Status.CONFIRMED,
        Meeting.Mode.IN_PERSON,
        buyer_user,
        application.artisan,
    )
    assert meeting.location.startswith(f"Stand {application.stand.code}, ")
    lead.refresh_from_db()
    assert lead.meeting == meeting
    page = client.get(_url("shows:lead", lead)).content.decode()
    assert "10:00" in page and "New York" in page
    assert "16:00 for you (Madrid" in page  # the viewer's zone beside the show's
    # Booked: the form is not offered again, and a second post is refused.
    again = client.post(_url("shows:lead-meeting", lead), {"day": day.isoformat(), "time": "11:00"})
    assert again.status_code == 400 and "already booked" in again.content.decode()
    assert Meeting.objects.count() == 1


def test_the_meeting_form_says_what_is_wrong(client, stand):
    application, _product, _buyer_user, lead = stand
    client.force_login(show_staff())
    missing = client.post(_url("shows:lead-meeting", lead), {"day": application.show.starts_on.isoformat()})
    assert missing.status_code == 400 and missing.context["meeting_form"].errors["time"]
    before = application.show.starts_on - dt.timedelta(days=1)
    outside = client.post(_url("shows:lead-meeting", lead), {"day": before.isoformat(), "time": "10:00"})
    assert outside.status_code == 400
    assert "during the show" in outside.content.decode()
    lead.email = "nobody@example.org"
    lead.save(update_fields=["email"])
    unknown = client.post(
        _url("shows:lead-meeting", lead), {"day": application.show.starts_on.isoformat(), "time": "10:00"}
    )
    assert unknown.status_code == 400 and "No buyer has an account" in unknown.content.decode()
    assert not Meeting.objects.exists()


def test_staff_send_the_buyers_inquiry_from_the_lead(client, stand):
    application, product, buyer_user, lead = stand
    staff = show_staff()
    client.force_login(staff)
    url = _url("shows:lead-inquiry", lead)
    refused = client.post(url, {"product": product.pk, "quantity": 0})
    assert refused.status_code == 400 and refused.context["inquiry_form"].errors["quantity"]
    response = client.post(url, {"product": product.pk, "quantity": product.min_order_qty, "message": ""})
    assert response.status_code == 302
    deal = Deal.objects.get()
    assert (deal.buyer.user, deal.artisan, deal.source) == (
        buyer_user,
        application.artisan,
        Deal.Source.STAND,
    )
    assert deal.inquiry.message == "Wants 200 lanterns"
    page = client.get(_url("shows:lead", lead)).content.decode()
    assert reverse("deals:detail", args=[deal.public_id]) in page
    # The artisan sees the buyer's inquiry on the deal's page.
    client.force_login(application.artisan.user)
    assert client.get(reverse("deals:detail", args=[deal.public_id])).status_code == 200


def test_another_businesss_product_is_not_offered(client, stand):
    _application, _product, _buyer_user, lead = stand
    client.force_login(show_staff())
    elsewhere = ProductFactory(indexed=False)
    response = client.post(_url("shows:lead-inquiry", lead), {"product": elsewhere.pk, "quantity": 50})
    assert response.status_code == 400 and response.context["inquiry_form"].errors["product"]
    assert not Deal.objects.exists()


def test_open_calls_list_offers_an_artisan_to_apply(client, stand):
    application, *_rest = stand
    client.force_login(ArtisanProfileFactory().user)
    application.show.program.status = "open_artisans"
    application.show.program.save(update_fields=["status"])
    page = client.get(reverse("shows:calls")).content.decode()
    assert reverse("shows:apply", args=[application.show.public_id]) in page
    client.force_login(application.artisan.user)
    page = client.get(reverse("shows:calls")).content.decode()
    assert reverse("shows:application", args=[application.public_id]) in page


def test_open_calls_in_constant_queries(client, django_assert_max_num_queries):
    artisan = ArtisanProfileFactory()
    client.force_login(artisan.user)

    def grow(n: int) -> None:
        for _ in range(n):
            show = ForeignShowFactory(program=show_program(status="open_artisans"))
            ApplicationFactory(show=show, artisan=artisan)

    grow(1)
    client.get(reverse("shows:calls"))
    with django_assert_max_num_queries(20) as small:
        assert client.get(reverse("shows:calls")).status_code == 200
    grow(8)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(reverse("shows:calls"))
    assert response.content.decode().count('class="badge">Draft<') == 9


def test_staff_give_a_selected_sme_a_stand_on_its_page(client):
    application = ApplicationFactory(status="selected")
    StandFactory(show=application.show, code="C7")
    url = reverse("shows:application-stand", args=[application.public_id])
    client.force_login(application.artisan.user)
    assert client.post(url, {"code": "C7"}).status_code == 403
    client.force_login(show_staff())
    assert (
        "Give this stand"
        in client.get(reverse("shows:application", args=[application.public_id])).content.decode()
    )
    refused = client.post(url, {"code": "Z9"})
    assert refused.status_code == 400 and "no stand Z9" in refused.content.decode()
    assert client.post(url, {"code": "C7"}).status_code == 302
    application.refresh_from_db()
    assert application.stand.code == "C7"
