from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction
from django.db.models import RestrictedError

from programs.models import Program
from visitors.models import Pass, Seat
from visitors.tests.factories import AgendaSessionFactory, PassFactory, VisitorFactory

pytestmark = pytest.mark.django_db


def test_a_room_with_sessions_is_not_deleted_alone_but_goes_with_its_program():
    session = AgendaSessionFactory()
    with pytest.raises(RestrictedError):
        session.room.delete()
    Program.objects.filter(pk=session.program_id).delete()
    assert not Program.objects.filter(pk=session.program_id).exists()


def test_the_database_refuses_a_second_live_pass_and_a_second_live_seat():
    pass_obj = PassFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Pass.objects.create(visitor=pass_obj.visitor, code="X" * 12, days=pass_obj.days)
    session = AgendaSessionFactory(program=pass_obj.visitor.program, room__program=pass_obj.visitor.program)
    Seat.objects.create(session=session, visitor=pass_obj.visitor, status=Seat.Status.WAITING)
    with pytest.raises(IntegrityError), transaction.atomic():
        Seat.objects.create(session=session, visitor=pass_obj.visitor, status=Seat.Status.CONFIRMED)


def test_a_seat_belongs_to_an_account_or_a_visitor_not_both():
    visitor = VisitorFactory()
    session = AgendaSessionFactory(program=visitor.program, room__program=visitor.program)
    with pytest.raises(IntegrityError), transaction.atomic():
        Seat.objects.create(session=session, status=Seat.Status.WAITING)
