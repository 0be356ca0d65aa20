"""Five selected SMEs given the same stand at once: the stand's one-to-one column lets one through."""

from __future__ import annotations

import pytest

from accounts.tests.factories import StaffUserFactory
from common.statemachine import TransitionRefused
from common.tests.races import race
from shows import services
from shows.models import Application
from shows.tests.factories import ApplicationFactory, ForeignShowFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_five_smes_for_one_stand_seat_one():
    show = ForeignShowFactory()
    show.stands.create(code="C7")
    staff = StaffUserFactory()
    applications = [ApplicationFactory(show=show, status=Application.Status.SELECTED) for _ in range(5)]
    result = race(
        [
            (lambda a=a: services.application_assign_stand(user=staff, application=a, code="C7"))
            for a in applications
        ],
        refused=TransitionRefused,
    )
    assert result.errors == []
    assert len(result.wins) == 1 and len(result.refusals) == 4
    assert Application.objects.filter(stand__code="C7").count() == 1
