"""Scheduling factories and a small program: accepted artisans, joined buyers, mutual wishes."""

from __future__ import annotations

import datetime as dt

import factory

from matchmaking.models import Interpreter, Preference, Session
from programs.models import Application, ProgramBuyer
from programs.tests.factories import ProgramFactory


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    program = factory.SubFactory(ProgramFactory)
    name = factory.Sequence(lambda n: f"B2B day {n}")
    kind = Session.Kind.PHYSICAL
    time_zone = "Africa/Casablanca"
    first_day = dt.date(2026, 12, 9)
    last_day = dt.date(2026, 12, 9)
    day_starts = dt.time(9)
    day_ends = dt.time(12)
    slot_minutes = 30
    tables = 10
    venue = "Palais des congrès, Fez"


class InterpreterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Interpreter

    program = factory.SubFactory(ProgramFactory)
    name = factory.Sequence(lambda n: f"Interpreter {n}")
    languages = factory.LazyFunction(lambda: ["en", "ar"])


def join(program, *, artisans=(), buyers=()) -> None:
    for artisan in artisans:
        Application.objects.create(program=program, artisan=artisan, status=Application.Status.ACCEPTED)
    for user in buyers:
        ProgramBuyer.objects.create(program=program, user=user)


def wish(program, artisan, buyer_user, level=Preference.Level.MUST, side=Preference.Side.BUYER) -> Preference:
    return Preference.objects.create(program=program, artisan=artisan, buyer_user=buyer_user, side=side, level=level)
