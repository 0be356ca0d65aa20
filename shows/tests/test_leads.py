"""Leads at the stand: a badge (a visitors pass code) or a typed card; the same badge twice is one lead,
also when scanned at the same moment on two phones; a lead becomes a deals inquiry from the stand."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.tests.factories import StaffUserFactory
from catalog.tests.factories import ProductFactory
from common.statemachine import TransitionRefused
from common.tests.races import race
from deals.models import Deal, DealEvent
from deals.services import Line
from deals.tests.factories import verified_buyer
from notifications.models import Email
from shows import services
from shows.models import Lead
from shows.tests.factories import ApplicationFactory, selected_with_stand, show_staff
from visitors import codes
from visitors.tests.factories import PassFactory


@pytest.mark.django_db
def test_same_badge_scanned_twice_is_one_lead():
    application = selected_with_stand()
    badge = PassFactory(visitor__full_name="Ana Ruiz", visitor__organisation="MoMA Store")
    code = codes.sign(badge.code)
    first, new = services.lead_capture_badge(
        user=application.artisan.user, application=application, code=code
    )
    again, new_again = services.lead_capture_badge(
        user=StaffUserFactory(), application=application, code=code.lower().replace("-", " ")
    )
    assert (new, new_again) == (True, False)
    assert first.pk == again.pk
    assert (first.full_name, first.organisation) == ("Ana Ruiz", "MoMA Store")
    assert Lead.objects.count() == 1


@pytest.mark.django_db
def test_forged_or_revoked_badges_are_refused():
    application = selected_with_stand()
    badge = PassFactory()
    forged = codes.sign(badge.code)[:-1] + ("0" if codes.sign(badge.code)[-1] != "0" else "1")
    with pytest.raises(TransitionRefused):
        services.lead_capture_badge(user=application.artisan.user, application=application, code=forged)
    badge.revoked_at = timezone.now()
    badge.save()
    with pytest.raises(TransitionRefused):
        services.lead_capture_badge(
            user=application.artisan.user, application=application, code=codes.sign(badge.code)
        )
    assert not Lead.objects.exists()


@pytest.mark.django_db
def test_only_the_stands_sme_or_staff_capture_and_only_with_a_stand(other_artisan):
    application = selected_with_stand()
    with pytest.raises(TransitionRefused):
        services.lead_capture_card(user=other_artisan, application=application, full_name="Someone")
    no_stand = ApplicationFactory(status="selected")
    with pytest.raises(TransitionRefused):
        services.lead_capture_card(user=no_stand.artisan.user, application=no_stand, full_name="Someone")
    lead = services.lead_capture_card(
        user=application.artisan.user, application=application, full_name=" Kim Lee ", email="kim@example.org"
    )
    assert lead.full_name == "Kim Lee"


@pytest.mark.django_db
def test_a_lead_becomes_one_inquiry_of_the_buyer_entered_by_staff():
    application = selected_with_stand()
    product = ProductFactory(artisan=application.artisan, indexed=False)
    buyer_user = verified_buyer()
    staff = show_staff()
    lead = services.lead_capture_card(
        user=application.artisan.user,
        application=application,
        full_name="Kim",
        email=buyer_user.email.upper(),
        note="Wants 200 vases for spring",
    )
    lines = [Line(quantity=product.min_order_qty, product=product)]
    deal = services.lead_to_inquiry(user=staff, lead=lead, lines=lines)
    assert services.lead_to_inquiry(user=staff, lead=lead, lines=lines).pk == deal.pk
    assert (deal.source, deal.program_id, deal.artisan_id, deal.buyer_id) == (
        Deal.Source.STAND,
        application.show.program_id,
        application.artisan_id,
        buyer_user.buyer_profile.pk,
    )
    assert deal.inquiry.message == "Wants 200 vases for spring"
    # The deal's history records the staff member entering it for the buyer; the lead keeps them too.
    start = DealEvent.objects.get(deal=deal)
    assert (start.action, start.actor_id, start.on_behalf_of_id) == ("send", staff.pk, buyer_user.pk)
    lead.refresh_from_db()
    assert (lead.deal_id, lead.converted_by_id) == (deal.pk, staff.pk)
    assert lead.converted_at is not None
    assert Deal.objects.count() == 1


@pytest.mark.django_db
def test_only_show_staff_turn_a_lead_into_an_inquiry_and_only_for_a_buyer_with_an_account():
    application = selected_with_stand()
    product = ProductFactory(artisan=application.artisan, indexed=False)
    buyer_user = verified_buyer()
    lead = services.lead_capture_card(
        user=application.artisan.user, application=application, full_name="Kim", email=buyer_user.email
    )
    lines = [Line(quantity=product.min_order_qty, product=product)]
    for user in (application.artisan.user, buyer_user, StaffUserFactory(is_superuser=False)):
        with pytest.raises(TransitionRefused):
            services.lead_to_inquiry(user=user, lead=lead, lines=lines)
    stranger = services.lead_capture_card(
        user=application.artisan.user, application=application, full_name="X", email="nobody@example.org"
    )
    with pytest.raises(TransitionRefused, match="No buyer has an account"):
        services.lead_to_inquiry(user=show_staff(), lead=stranger, lines=lines)
    assert not Deal.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_one_badge_scanned_on_six_phones_at_once_makes_one_lead():
    application = selected_with_stand()
    code = codes.sign(PassFactory().code)
    user = application.artisan.user
    result = race(
        [
            (lambda: services.lead_capture_badge(user=user, application=application, code=code))
            for _ in range(6)
        ],
        refused=TransitionRefused,
    )
    assert result.errors == []
    assert sum(1 for _lead, new in result.wins if new) == 1
    assert len({lead.pk for lead, _new in result.wins}) == 1
    assert Lead.objects.count() == 1


def _stand_inquiry(*, language: str = "en"):
    application = selected_with_stand(artisan__business_name="Taller Rivera", show__name="NY NOW")
    product = ProductFactory(artisan=application.artisan, indexed=False)
    buyer_user = verified_buyer()
    buyer_user.language = language
    buyer_user.save(update_fields=["language"])
    staff = show_staff(full_name="Lucía Ortega")
    lead = services.lead_capture_card(
        user=staff, application=application, full_name="Kim", email=buyer_user.email, note="Spring order"
    )
    lines = [Line(quantity=product.min_order_qty, product=product)]
    return lead, lines, staff, buyer_user


@pytest.mark.django_db
def test_the_deals_history_says_staff_entered_it_for_the_buyer_at_the_stand(client):
    lead, lines, staff, buyer_user = _stand_inquiry()
    deal = services.lead_to_inquiry(user=staff, lead=lead, lines=lines)
    start = DealEvent.objects.get(deal=deal)
    assert (start.actor, start.on_behalf_of) == (staff, buyer_user)
    for viewer in (buyer_user, deal.artisan.user):
        client.force_login(viewer)
        body = client.get(reverse("deals:detail", args=[deal.public_id])).content.decode()
        assert "entered by Lucía Ortega, of the agency, for the buyer at the stand" in body
        assert "for the artisan" not in body


@pytest.mark.django_db
def test_the_buyer_gets_one_mail_in_their_language_and_a_retry_sends_none():
    lead, lines, staff, buyer_user = _stand_inquiry(language="es")
    deal = services.lead_to_inquiry(user=staff, lead=lead, lines=lines)
    mail = Email.objects.get(to=buyer_user.email)
    assert mail.key == f"show-inquiry-entered:{deal.pk}"
    assert mail.language == "es"
    assert "Taller Rivera" in mail.subject and "Su solicitud" in mail.subject
    assert "NY NOW" in mail.body_text
    assert reverse("deals:detail", args=[deal.public_id]) in mail.body_text
    # The artisan hears of the inquiry once too, as from the buyer; nothing more for the buyer.
    assert Email.objects.filter(to=deal.artisan.user.email).count() == 1
    assert services.lead_to_inquiry(user=staff, lead=lead, lines=lines).pk == deal.pk
    assert Email.objects.filter(to=buyer_user.email).count() == 1
    assert Email.objects.count() == 2


@pytest.mark.django_db
def test_the_buyer_sees_the_deal_entered_for_them_in_their_deals_list(client):
    lead, lines, staff, buyer_user = _stand_inquiry()
    deal = services.lead_to_inquiry(user=staff, lead=lead, lines=lines)
    client.force_login(buyer_user)
    response = client.get(reverse("deals:list"))
    assert response.status_code == 200
    assert reverse("deals:detail", args=[deal.public_id]) in response.content.decode()
    assert client.get(reverse("deals:detail", args=[deal.public_id])).status_code == 200
