from __future__ import annotations

import datetime as dt

import factory

from programs.models import Program


class ProgramFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Program

    name = factory.Sequence(lambda n: f"US Museum Shops Mission {n}")
    slug = factory.Sequence(lambda n: f"us-museum-shops-{n}")
    organiser = "Instituto de Promoción Exterior de Castilla-La Mancha"
    kind = Program.Kind.VIRTUAL_MISSION
    starts_on = dt.date(2026, 10, 1)
    ends_on = dt.date(2026, 11, 30)
    time_zone = "America/New_York"
    status = Program.Status.OPEN_BUYERS
