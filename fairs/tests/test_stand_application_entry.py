"""Staff enter a stand application for an exhibitor who phoned or wrote (the admin's page): the
exhibitor's own form and service, recorded as entered by them, the exhibitor mailed once."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from django.core import mail

from accounts.tests.factories import StaffUserFactory
from common.statemachine import TransitionRefused
from fairs import services
from fairs.models import StandApplication, StandApplicationEntry, Zone
from fairs.tests.factories import small_fair
from notifications.models import Email

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    fair = small_fair(stands=4, exhibitors=3)
    fair.extra["zone"] = Zone.objects.create(hall=fair.hall, name="Open zone")
    return fair


def _url(exhibitor) -> str:
    return f"/admin/fairs/exhibitor/{exhibitor.pk}/stand-application/"


def _clerk(*codenames: str):
    """Staff who are not superusers, with only the permissions named."""
    user = StaffUserFactory(is_superuser=False)
    user.user_permissions.set(
        Permission.objects.filter(content_type__app_label="fairs", codename__in=codenames)
    )
    return user


def _entered_mails(exhibitor) -> int:
    return Email.objects.filter(
        key__startswith="fair-application-entered:", to=exhibitor.artisan.user.email
    ).count()


def test_staff_enter_an_application_recorded_as_theirs_and_the_exhibitor_is_mailed_once(
    client, world, django_capture_on_commit_callbacks
):
    clerk = _clerk("add_standapplication", "view_exhibitor")
    client.force_login(clerk)
    target, neighbour = world.exhibitors[0], world.exhibitors[1]
    data = {
        "zone": world.extra["zone"].pk,
        "min_size_m2": "9",
        "needs_power": "on",
        "next_to": neighbour.pk,
        "keep_apart": "on",
    }
    assert client.get(_url(target)).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url(target), data)
    assert response.status_code == 302
    application = StandApplication.objects.get(exhibitor=target)
    assert (application.zone, application.min_size_m2, application.needs_power, application.next_to) == (
        world.extra["zone"],
        Decimal("9"),
        True,
        neighbour,
    )
    assert application.keep_apart and not application.needs_water
    assert application.entered_by == clerk
    assert list(StandApplicationEntry.objects.values_list("by", "created")) == [(clerk.pk, True)]
    assert _entered_mails(target) == 1
    assert [m.to for m in mail.outbox] == [[target.artisan.user.email]]
    assert world.program.name in mail.outbox[0].subject

    # A change a week later: one more record, no second mail; the queue place is kept.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_url(target), data | {"min_size_m2": "12"})
    application.refresh_from_db()
    assert application.min_size_m2 == Decimal("12")
    assert StandApplicationEntry.objects.filter(application=application).count() == 2
    assert _entered_mails(target) == 1
    assert len(mail.outbox) == 1


def test_staff_entries_get_the_exhibitors_own_checks(client, world):
    client.force_login(_clerk("add_standapplication"))
    target = world.exhibitors[0]
    elsewhere = small_fair(stands=1, exhibitors=1)
    other_zone = Zone.objects.create(hall=elsewhere.hall, name="Another fair's zone")
    # The form lists this fair's zones and exhibitors only; and more than 1,000 m² is refused.
    for data in (
        {"zone": other_zone.pk, "min_size_m2": "9"},
        {"min_size_m2": "5000"},
        {"min_size_m2": "9", "next_to": target.pk},
        {"min_size_m2": "9", "next_to": elsewhere.exhibitors[0].pk},
    ):
        assert client.post(_url(target), data).status_code == 400
    # The service refuses what the form would not offer, whoever calls it.
    with pytest.raises(TransitionRefused):
        services.stand_application_submit(
            exhibitor=target,
            zone=other_zone,
            min_size_m2=Decimal("9"),
            needs_power=False,
            needs_water=False,
            needs_storage=False,
            next_to=None,
            keep_apart=False,
            entered_by=StaffUserFactory(),
        )
    assert not StandApplication.objects.exists()
    assert not StandApplicationEntry.objects.exists()
    assert _entered_mails(target) == 0


def test_only_staff_with_the_permission_may_enter_an_application(client, world, artisan):
    target = world.exhibitors[0]
    data = {"min_size_m2": "9"}
    client.force_login(_clerk("view_exhibitor", "view_standapplication", "change_exhibitor"))
    assert client.get(_url(target)).status_code == 403
    assert client.post(_url(target), data).status_code == 403
    client.force_login(artisan)
    assert client.get(_url(target)).status_code == 302  # the admin's login page
    client.logout()
    assert client.post(_url(target), data).status_code == 302
    assert not StandApplication.objects.exists()


def test_the_exhibitors_own_application_is_not_recorded_as_entered_by_staff(world):
    target = world.exhibitors[0]
    services.stand_application_submit(
        exhibitor=target,
        zone=None,
        min_size_m2=Decimal("6"),
        needs_power=False,
        needs_water=True,
        needs_storage=False,
        next_to=None,
        keep_apart=False,
    )
    application = StandApplication.objects.get(exhibitor=target)
    assert application.entered_by is None
    assert not application.entries.exists()
    assert _entered_mails(target) == 0


def test_a_staff_members_export_holds_the_applications_they_entered(client, world):
    from privacy.services import account_export

    clerk = _clerk("add_standapplication")
    client.force_login(clerk)
    target = world.exhibitors[0]
    client.post(_url(target), {"min_size_m2": "9"})
    client.post(_url(target), {"min_size_m2": "12"})
    entered = account_export(user=clerk)["fair_stand_applications_entered"]
    assert [(row["new_application"], row["last_entered_by_you"]) for row in entered] == [
        (True, True),
        (False, True),
    ]
    assert {row["exhibitor"] for row in entered} == {str(target)}
    assert account_export(user=target.artisan.user)["fair_stand_applications_entered"] == []
