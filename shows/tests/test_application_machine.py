"""The application table: what a page offers (selectors.application_actions) is what the services
accept, for each role and status."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from accounts.tests.factories import StaffUserFactory
from common.statemachine import TransitionRefused
from programs.models import Program
from programs.tests.factories import ProgramFactory
from shows import services
from shows.models import Application
from shows.selectors import application_actions
from shows.tests.factories import ApplicationFactory, ForeignShowFactory

pytestmark = pytest.mark.django_db
S = Application.Status


def _do(action: str, user, application: Application) -> None:
    if action == "submit":
        services.application_submit(user=user, application=application, motivation="We export already.")
    elif action == "select":
        services.application_select(user=user, application=application, reason="Meets every criterion.")
    elif action == "refuse":
        services.application_refuse(user=user, application=application, reason="No English catalog yet.")
    else:
        services.application_withdraw(user=user, application=application)


@pytest.mark.parametrize("status", list(S))
@pytest.mark.parametrize("who", ["sme", "staff", "other"])
def test_offered_actions_are_exactly_the_accepted_ones(status, who, other_artisan):
    application = ApplicationFactory(status=status)
    user = {"sme": application.artisan.user, "staff": StaffUserFactory(), "other": other_artisan}[who]
    offered = application_actions(application, user)
    for action in ["submit", "select", "refuse", "withdraw"]:
        fresh = Application.objects.get(pk=application.pk)
        try:
            _do(action, user, fresh)
            accepted = True
        except TransitionRefused:
            accepted = False
        assert accepted == (action in offered), (status, who, action)
        Application.objects.filter(pk=application.pk).update(status=status, reason="")


def test_submit_after_the_call_closed_is_refused():
    application = ApplicationFactory(show__applications_close_on=timezone.localdate() - dt.timedelta(days=1))
    assert "submit" not in application_actions(application, application.artisan.user)
    with pytest.raises(TransitionRefused, match="closed"):
        services.application_submit(user=application.artisan.user, application=application)


def test_refusal_needs_a_reason_that_the_sme_reads():
    staff = StaffUserFactory()
    application = ApplicationFactory(status=S.SUBMITTED)
    with pytest.raises(TransitionRefused):
        services.application_refuse(user=staff, application=application, reason="  ")
    services.application_refuse(user=staff, application=application, reason="Capacity reached.")
    application.refresh_from_db()
    assert (application.status, application.reason, application.decided_by) == (
        S.NOT_SELECTED,
        "Capacity reached.",
        staff,
    )


def test_a_stand_is_one_smes():
    staff = StaffUserFactory()
    first = ApplicationFactory(status=S.SELECTED)
    second = ApplicationFactory(status=S.SELECTED, show=first.show)
    first.show.stands.create(code="A12")
    services.application_assign_stand(user=staff, application=first, code="A12")
    with pytest.raises(TransitionRefused, match="already"):
        services.application_assign_stand(user=staff, application=second, code="A12")


def test_a_program_of_another_kind_takes_no_applications(artisan):
    show = ForeignShowFactory(program=ProgramFactory(kind=Program.Kind.VIRTUAL_MISSION))
    with pytest.raises(TransitionRefused):
        services.application_start(user=artisan, show=show)
