"""The invited buyer joins while staff confirm other accounts for the same invitation: one wins."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from accounts.tests.factories import BuyerUserFactory, StaffUserFactory
from programs import services
from programs.models import BuyerInvitation, JoinRequest, ProgramBuyer
from programs.tests.factories import ProgramFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _race(calls) -> tuple[list, list, list]:
    barrier = threading.Barrier(len(calls))
    wins, refusals, errors = [], [], []
    lock = threading.Lock()

    def run(call):
        try:
            barrier.wait()
            result = call()
            with lock:
                wins.append(result)
        except services.ProgramError as error:
            with lock:
                refusals.append(str(error))
        except Exception as error:  # noqa: BLE001 (any other outcome fails the test below)
            with lock:
                errors.append(error)
        finally:
            # Each thread has its own connection; close it or the test database cannot be dropped.
            connection.close()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return wins, refusals, errors


def test_the_invited_buyer_and_five_staff_confirmations_at_once_bind_the_invitation_once():
    invited = BuyerUserFactory(email="ana@shop.example")
    staff = StaffUserFactory()
    invitation = BuyerInvitation.objects.create(program=ProgramFactory(), email=invited.email)
    others = [BuyerUserFactory() for _ in range(5)]
    for other in others:
        assert services.invitation_join(token=invitation.token, user=other) == services.JoinState.ASKED
    calls = [lambda: services.invitation_join(token=invitation.token, user=invited)]
    calls += [
        (lambda r=r: services.join_request_confirm(join_request=r, staff=staff))
        for r in JoinRequest.objects.filter(invitation=invitation)
    ]
    wins, refusals, errors = _race(calls)
    assert errors == []
    assert len(wins) == 1 and len(refusals) == 5
    assert all("already been used" in message for message in refusals)
    invitation.refresh_from_db()
    assert list(ProgramBuyer.objects.values_list("user", flat=True)) == [invitation.user_id]
    confirmed = JoinRequest.objects.filter(status=JoinRequest.Status.CONFIRMED)
    assert confirmed.count() == (0 if invitation.user_id == invited.pk else 1)
