"""The shows part of the security matrices' world (tests/security/world.py calls it).

Artisan A is selected for show A with stand A1 (a checklist line, a sample); artisan B has
submitted to show B. The press kits are tour B's (tours/tests/world.py): buyer B is its journalist
and artisan B its workshop.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from shows.models import Application, Coverage, Lead, PressPhotoCredit, PressText, SampleLine
from shows.tests.factories import ForeignShowFactory, RequiredDocumentFactory, StandFactory


def build_shows(w: Any) -> None:
    applications = {}
    for side, status in (("A", Application.Status.SELECTED), ("B", Application.Status.SUBMITTED)):
        show = ForeignShowFactory(name=f"Show {side}")
        RequiredDocumentFactory(show=show, name="Company registration")
        application = Application.objects.create(show=show, artisan=w.artisans[side], status=status)
        if status == Application.Status.SELECTED:
            application.stand = StandFactory(show=show, code=f"{side}1")
            application.save(update_fields=["stand"])
        SampleLine.objects.create(application=application, product=w.products[side], quantity=2)
        applications[side] = application
    Lead.objects.create(application=applications["A"], full_name="Kim Lee", email="kim@example.org")
    press_program = w.misc["tours"]["B"]["tour"].program
    PressText.objects.create(
        program=press_program,
        artisan=w.artisans["B"],
        language="en",
        headline="Tiles",
        body="Three generations.",
    )
    PressPhotoCredit.objects.create(photo=w.product_photos["B"], credit="Amina Benali")
    Coverage.objects.create(
        program=press_program,
        artisan=w.artisans["B"],
        outlet="Monocle",
        link="https://example.org/monocle/fez",
        published_on=dt.date(2026, 10, 20),
    )
    w.misc["shows"] = {"applications": applications, "press_program": press_program}
