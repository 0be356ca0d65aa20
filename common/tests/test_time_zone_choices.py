from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.forms import SignupForm
from common.zones import COMMON_ZONES, time_zone_choices
from matchmaking.models import Session
from programs.models import Program
from programs.tests.factories import ProgramFactory


def _names(choices):
    return [name for _group, options in choices for name, _label in options]


def test_common_zones_come_first_and_no_alias_factory_or_localtime_is_offered():
    names = _names(time_zone_choices())
    assert names[: len(COMMON_ZONES)] == list(COMMON_ZONES)
    assert len(names) == len(set(names))
    for legacy in ("Factory", "localtime", "US/Eastern", "Asia/Calcutta", "Europe/Kiev", "GB", "EST5EDT",
                   "Etc/GMT+5", "America/Buenos_Aires"):
        assert legacy not in names
    assert {"Asia/Kolkata", "Europe/Kyiv", "America/Argentina/Buenos_Aires", "UTC"} <= set(names)


def test_labels_say_the_place_and_offset():
    common = dict(time_zone_choices()[0][1])
    assert common["America/New_York"].startswith("New York (UTC")


def test_every_zone_field_uses_the_one_helper():
    for model in (Program, Session):
        assert model._meta.get_field("time_zone").choices == time_zone_choices()
    assert SignupForm().fields["time_zone"].choices == time_zone_choices()


@pytest.mark.django_db
def test_a_session_added_from_its_program_defaults_to_the_programs_zone(login, staff):
    program = ProgramFactory(time_zone="Africa/Casablanca")
    page = login(staff).get(reverse("admin:matchmaking_session_add") + f"?program={program.pk}").content.decode()
    assert '<option value="Africa/Casablanca" selected>' in page
