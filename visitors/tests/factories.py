from __future__ import annotations

import datetime as dt
from datetime import timedelta

import factory
from django.utils import timezone

from programs.models import Program
from programs.tests.factories import ProgramFactory
from visitors import codes
from visitors.models import AgendaSession, Gate, Pass, Room, Visitor


def fair_program(**kwargs) -> Program:
    today = timezone.localdate()
    defaults = {
        "kind": Program.Kind.TRADE_FAIR,
        "status": Program.Status.OPEN_BUYERS,
        "time_zone": "Africa/Casablanca",
        "starts_on": today,
        "ends_on": today + dt.timedelta(days=3),
    }
    return ProgramFactory(**{**defaults, **kwargs})


class VisitorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Visitor

    program = factory.LazyFunction(fair_program)
    kind = Visitor.Kind.PUBLIC
    status = Visitor.Status.ACCEPTED
    full_name = factory.Faker("name")
    email = factory.Sequence(lambda n: f"visitor{n}@example.org")
    language = "en"
    days = factory.LazyAttribute(
        lambda o: [
            o.program.starts_on + dt.timedelta(days=n)
            for n in range((o.program.ends_on - o.program.starts_on).days + 1)
        ]
    )


class PassFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pass

    visitor = factory.SubFactory(VisitorFactory)
    code = factory.LazyFunction(codes.new_random_part)
    days = factory.LazyAttribute(lambda o: o.visitor.days)


class RoomFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Room

    program = factory.LazyFunction(fair_program)
    name = factory.Sequence(lambda n: f"Room {n}")


class GateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Gate

    program = factory.LazyFunction(fair_program)
    name = factory.Sequence(lambda n: f"Gate {n}")


class AgendaSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaSession

    room = factory.SubFactory(RoomFactory)
    program = factory.LazyAttribute(lambda o: o.room.program)
    title = factory.Sequence(lambda n: f"Natural dyes, session {n}")
    kind = AgendaSession.Kind.CONFERENCE
    capacity = 10
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=2))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=1))
    speakers = "Fatima Zahra El Idrissi\nJuan Pérez"
