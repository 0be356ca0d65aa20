"""A person's fair registrations and seats: in their export; on deletion, names go and passes stop."""

from __future__ import annotations

import pytest
from django.conf import settings

from accounts.tests.factories import BuyerUserFactory
from config.celery import app
from privacy.services import account_delete, account_export
from visitors import codes
from visitors.models import Seat, Visitor
from visitors.selectors import pass_for_code
from visitors.tests.factories import AgendaSessionFactory, PassFactory

pytestmark = pytest.mark.django_db


def test_registrations_by_the_accounts_address_and_its_seats_are_exported():
    user = BuyerUserFactory(email="leila@example.org")
    pass_obj = PassFactory(visitor__email="leila@example.org", visitor__full_name="Leila")
    session = AgendaSessionFactory(program=pass_obj.visitor.program, room__program=pass_obj.visitor.program)
    Seat.objects.create(session=session, user=user, status=Seat.Status.CONFIRMED)
    exported = account_export(user=user)
    assert exported["fair_visits"][0]["full_name"] == "Leila"
    assert "code" not in exported["fair_visits"][0]["passes"][0]
    assert exported["agenda_seats"][0]["session"] == session.title


def test_deleting_the_account_unnames_its_registrations_and_revokes_their_passes():
    user = BuyerUserFactory(email="leila@example.org")
    pass_obj = PassFactory(visitor__email="leila@example.org", visitor__full_name="Leila")
    other = PassFactory(visitor__email="someone@example.org")
    account_delete(user=user)
    visitor = Visitor.objects.get(pk=pass_obj.visitor_id)
    assert visitor.full_name != "Leila" and visitor.email.endswith("@invalid")
    assert pass_for_code(codes.sign(pass_obj.code)).revoked_at is not None
    assert pass_for_code(codes.sign(other.code)).revoked_at is None


def test_beat_runs_the_visitors_tasks_and_they_are_registered():
    names = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    app.loader.import_default_modules()
    for name in ("visitors.expire_seat_offers", "visitors.send_session_reminders"):
        assert name in names and name in app.tasks
