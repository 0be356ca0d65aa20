"""Leads at the stand: a badge (a visitors pass code) or a typed card; the same badge twice is one lead,
also when scanned at the same moment on two phones; a lead becomes a deals inquiry from the stand."""

from __future__ import annotations

import pytest
from django.utils import timezone

from accounts.tests.factories import StaffUserFactory
from catalog.tests.factories import ProductFactory
from common.statemachine import TransitionRefused
from common.tests.races import race
from deals.models import Deal
from deals.services import Line
from deals.tests.factories import verified_buyer
from shows import services
from shows.models import Lead
from shows.tests.factories import ApplicationFactory, selected_with_stand
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
def test_a_lead_becomes_one_inquiry_from_the_stand():
    application = selected_with_stand()
    product = ProductFactory(artisan=application.artisan, indexed=False)
    buyer_user = verified_buyer()
    lead = services.lead_capture_card(
        user=application.artisan.user,
        application=application,
        full_name="Kim",
        email=buyer_user.email,
        note="Wants 200 vases for spring",
    )
    lines = [Line(quantity=product.min_order_qty, product=product)]
    deal = services.lead_to_inquiry(lead=lead, buyer_user=buyer_user, lines=lines)
    assert services.lead_to_inquiry(lead=lead, buyer_user=buyer_user, lines=lines).pk == deal.pk
    assert (deal.source, deal.program_id, deal.artisan_id) == (
        Deal.Source.STAND,
        application.show.program_id,
        application.artisan_id,
    )
    assert deal.inquiry.message == "Wants 200 vases for spring"
    assert Deal.objects.count() == 1
    with pytest.raises(TransitionRefused):
        other = services.lead_capture_card(
            user=application.artisan.user, application=application, full_name="X"
        )
        services.lead_to_inquiry(lead=other, buyer_user=buyer_user, lines=lines)


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
