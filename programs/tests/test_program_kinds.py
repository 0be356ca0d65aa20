"""What each program kind changes: the settings in its admin form, its sections, its pages."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.http import Http404
from django.urls import reverse

from programs import kinds
from programs.models import Program
from programs.tests.factories import ProgramFactory
from visitors.tests.factories import fair_program

pytestmark = pytest.mark.django_db

ALL_KINDS = list(Program.Kind.values)
MEETING_SETTINGS = ["meetings_open_at", "meetings_close_at", "meeting_minutes"]


def test_every_kind_enables_something_and_no_two_kinds_are_the_same():
    assert set(kinds.FEATURES) == set(ALL_KINDS)
    assert all(kinds.FEATURES[kind] for kind in ALL_KINDS)
    # B2B days and virtual missions differ by how meetings happen, not by what staff set.
    distinct = {kinds.FEATURES[kind] for kind in ALL_KINDS if kind != Program.Kind.B2B_DAY}
    assert len(distinct) == len(ALL_KINDS) - 1


@pytest.mark.parametrize(
    ("kind", "shown", "hidden"),
    [
        (Program.Kind.VIRTUAL_MISSION, MEETING_SETTINGS, ["public_catalog"]),
        (Program.Kind.B2B_DAY, MEETING_SETTINGS, ["public_catalog"]),
        (
            Program.Kind.TRADE_FAIR,
            ["public_catalog", "max_meetings_per_buyer"],
            ["meetings_open_at", "meeting_minutes"],
        ),
        (Program.Kind.WORKSHOP_TOUR, [], [*MEETING_SETTINGS, "public_catalog", "max_meetings_per_artisan"]),
        (Program.Kind.TRADE_SHOW_ABROAD, ["meeting_minutes"], ["meetings_open_at", "public_catalog"]),
        (Program.Kind.MEDIA_TOUR, [], [*MEETING_SETTINGS, "public_catalog"]),
    ],
)
def test_the_admin_form_shows_the_settings_of_the_programs_kind(login, staff, settings, kind, shown, hidden):
    settings.REQUIRE_STAFF_MFA = False
    program = ProgramFactory(kind=kind)
    page = login(staff).get(reverse("admin:programs_program_change", args=[program.pk]))
    assert page.status_code == 200
    for name in ["name", "kind", "starts_on", "time_zone", *shown]:
        assert f'name="{name}'.encode() in page.content, name
    for name in hidden:
        assert f'name="{name}'.encode() not in page.content, name


def test_the_add_page_for_a_kind_shows_its_settings_and_without_one_all(login, staff, settings):
    settings.REQUIRE_STAFF_MFA = False
    client = login(staff)
    every = client.get(reverse("admin:programs_program_add"))
    assert b'name="public_catalog"' in every.content and b'name="meeting_minutes"' in every.content
    tour = client.get(reverse("admin:programs_program_add") + "?kind=workshop_tour")
    assert b'name="public_catalog"' not in tour.content and b'name="meeting_minutes"' not in tour.content


def test_a_hidden_setting_keeps_its_value_when_staff_save(login, staff, settings):
    settings.REQUIRE_STAFF_MFA = False
    program = ProgramFactory(kind=Program.Kind.VIRTUAL_MISSION, meeting_minutes=45)
    program.kind = Program.Kind.MEDIA_TOUR
    program.save()
    client = login(staff)
    response = client.post(
        reverse("admin:programs_program_change", args=[program.pk]),
        {
            "name": program.name,
            "slug": program.slug,
            "kind": program.kind,
            "organiser": "Agency",
            "status": program.status,
            "starts_on": program.starts_on,
            "ends_on": program.ends_on,
            "time_zone": "UTC",
            "applications-TOTAL_FORMS": "0",
            "applications-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content[:2000]
    program.refresh_from_db()
    assert program.meeting_minutes == 45


def test_the_programs_links_offer_matchmaking_only_to_kinds_that_have_it():
    model_admin = admin.site._registry[Program]
    mission = model_admin.program_links(ProgramFactory(kind=Program.Kind.VIRTUAL_MISSION))
    show = model_admin.program_links(ProgramFactory(kind=Program.Kind.TRADE_SHOW_ABROAD))
    assert "Sessions" in mission and "Preferences" in mission
    assert "Sessions" not in show and "Results" in show


class _Inline(admin.TabularInline):
    model = Program.meetings.rel.related_model


def test_a_registered_inline_appears_only_for_the_kinds_of_its_feature(rf, staff):
    kinds.register_admin_inline(kinds.SHOW, _Inline)
    try:
        model_admin = admin.site._registry[Program]
        request = rf.get("/")
        request.user = staff
        show = ProgramFactory(kind=Program.Kind.TRADE_SHOW_ABROAD)
        fair = ProgramFactory(kind=Program.Kind.TRADE_FAIR)
        assert _Inline in model_admin.get_inlines(request, show)
        assert _Inline not in model_admin.get_inlines(request, fair)
    finally:
        kinds._INLINES.remove((kinds.SHOW, _Inline))
    with pytest.raises(ValueError):
        kinds.register_admin_inline("no_such_feature", _Inline)


def test_a_page_of_a_section_is_a_404_for_a_kind_without_it():
    kinds.require(ProgramFactory(kind=Program.Kind.WORKSHOP_TOUR), kinds.TOUR)
    with pytest.raises(Http404):
        kinds.require(ProgramFactory(kind=Program.Kind.TRADE_FAIR), kinds.TOUR)
    assert set(kinds.kinds_with(kinds.TOUR)) == {Program.Kind.WORKSHOP_TOUR, Program.Kind.MEDIA_TOUR}


@pytest.mark.parametrize("kind", ALL_KINDS)
def test_the_visitor_registration_page_exists_only_for_kinds_with_visitors(client, kind):
    program = fair_program(kind=kind)
    page = client.get(reverse("visitors:register", args=[program.slug]))
    assert page.status_code == (200 if kinds.enables(kind, kinds.VISITORS) else 404)
