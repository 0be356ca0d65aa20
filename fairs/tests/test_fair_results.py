"""The fair's inquiries in the program results, per stand and per cooperative member, counted by hand.

Stand A01: a cooperative with members Amal and Brahim. Amal has two confirmed inquiries and one
whose public sender never confirmed (not counted); Brahim one quoted; the cooperative itself one.
Exhibitor "Solo" has no stand yet and one inquiry. An accepted artisan who does not exhibit has
one (counted apart), and an inquiry of another program counts nowhere.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from catalog.tests.factories import ArtisanProfileFactory
from deals.models import Deal, Inquiry
from fairs.models import ExhibitorMember, Stand
from fairs.results import csv_rows, inquiry_results
from fairs.tests.factories import accept, exhibitor, hall_with_stands, public_fair_program
from programs.tests.factories import ProgramFactory

pytestmark = pytest.mark.django_db


def _inquiry(program, artisan, status=Inquiry.Status.OPEN):
    deal = Deal.objects.create(artisan=artisan, program=program, source=Deal.Source.PUBLIC)
    Inquiry.objects.create(deal=deal, status=status, contact_name="Visitor", contact_email="v@example.org")


def _fair(extra_stands: int = 0):
    program = public_fair_program()
    stands = hall_with_stands(program, count=1 + extra_stands)
    cooperative = exhibitor(program, ArtisanProfileFactory(indexed=False, business_name="Coop Atlas"))
    amal = ArtisanProfileFactory(indexed=False, business_name="Amal")
    brahim = ArtisanProfileFactory(indexed=False, business_name="Brahim")
    for member in (amal, brahim):
        accept(program, member)
        ExhibitorMember.objects.create(exhibitor=cooperative, artisan=member)
    Stand.objects.filter(pk=stands[0].pk).update(status=Stand.Status.ASSIGNED, exhibitor=cooperative)
    solo = exhibitor(program, ArtisanProfileFactory(indexed=False, business_name="Solo"))
    outsider = ArtisanProfileFactory(indexed=False)
    accept(program, outsider)
    _inquiry(program, amal)
    _inquiry(program, amal)
    _inquiry(program, amal, Inquiry.Status.UNCONFIRMED)
    _inquiry(program, brahim, Inquiry.Status.QUOTED)
    _inquiry(program, cooperative.artisan)
    _inquiry(program, solo.artisan)
    _inquiry(program, outsider)
    _inquiry(ProgramFactory(), amal)
    for stand in stands[1:]:
        shown = exhibitor(program)
        member = ArtisanProfileFactory(indexed=False)
        ExhibitorMember.objects.create(exhibitor=shown, artisan=member)
        Stand.objects.filter(pk=stand.pk).update(status=Stand.Status.ASSIGNED, exhibitor=shown)
        _inquiry(program, member)
    return program


def test_inquiries_are_credited_to_the_stand_and_the_member_whose_product_it_was():
    figures = inquiry_results(_fair())
    assert figures.inquiries == 6
    assert figures.elsewhere == 1
    coop, solo = figures.per_stand
    assert (coop.stand, coop.exhibitor, coop.own, coop.inquiries) == ("A01", "Coop Atlas", 1, 4)
    assert [(m.name, m.inquiries) for m in coop.members] == [("Amal", 2), ("Brahim", 1)]
    assert (solo.stand, solo.exhibitor, solo.inquiries, solo.members) == ("", "Solo", 1, [])
    with translation.override("en"):
        rows = csv_rows(figures)
    assert ("inquiries per stand", "A01 Coop Atlas", 4, "") in rows
    assert ("inquiries per member artisan", "Amal", 2, "") in rows


def test_the_inquiry_figures_take_the_same_queries_for_one_stand_and_many():
    small, big = _fair(), _fair(extra_stands=15)
    with CaptureQueriesContext(connection) as few:
        inquiry_results(small)
    with CaptureQueriesContext(connection) as many:
        assert len(inquiry_results(big).per_stand) == 17
    assert len(many.captured_queries) == len(few.captured_queries)
