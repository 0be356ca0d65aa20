"""The program's results page (programs admin) shows each trade show's figures, and a media tour's
coverage, through the kinds' results sections; the CSV carries them too."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from accounts.tests.factories import StaffUserFactory
from programs.models import Program
from programs.tests.factories import ProgramFactory
from shows import services
from shows.models import Lead, ShowCost
from shows.tests.factories import ForeignShowFactory, selected_with_stand, show_program

pytestmark = pytest.mark.django_db


def test_trade_show_results_on_the_programs_results_page(client):
    program = show_program(name="Craft USA 2026")
    show = ForeignShowFactory(program=program, name="High Point Market", city="High Point")
    ShowCost.objects.create(show=show, label="Stand", amount_eur=Decimal("3500"))
    Lead.objects.create(application=selected_with_stand(show=show), full_name="Kim")
    client.force_login(StaffUserFactory())
    html = client.get(reverse("admin:programs_program_results", args=[program.pk])).content.decode()
    assert "High Point Market" in html and "3500.00" in html
    csv = client.get(reverse("admin:programs_program_results_csv", args=[program.pk])).content.decode(
        "utf-8-sig"
    )
    assert "High Point Market: costs (EUR)" in csv


def test_media_tour_coverage_on_the_programs_results_page(client):
    staff = StaffUserFactory()
    program = ProgramFactory(kind=Program.Kind.MEDIA_TOUR)
    services.coverage_record(
        user=staff,
        program=program,
        outlet="Monocle",
        link="https://example.org/fez",
        published_on=dt.date(2026, 10, 20),
    )
    services.coverage_record(
        user=staff,
        program=program,
        outlet="Monocle",
        link="https://example.org/fez",
        published_on=dt.date(2026, 10, 20),
    )
    client.force_login(staff)
    html = client.get(reverse("admin:programs_program_results", args=[program.pk])).content.decode()
    assert "Monocle" in html and "https://example.org/fez" in html
    assert html.count("https://example.org/fez</a>") == 1
    other = ProgramFactory(kind=Program.Kind.VIRTUAL_MISSION)
    assert (
        "Press coverage"
        not in client.get(reverse("admin:programs_program_results", args=[other.pk])).content.decode()
    )
