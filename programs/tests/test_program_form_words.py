"""The program form says what the program's settings do, and the README says the same."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from pathlib import Path

import pytest
from django.conf import settings

from catalog.tests.factories import ArtisanProfileFactory
from meetings import services
from meetings.models import Meeting
from meetings.tests.factories import BuyerProfileFactory, in_days
from meetings.transitions import program_window_refusal
from programs.forms import ProgramAdminForm
from programs.models import Application, Program, ProgramBuyer
from programs.tests.factories import ProgramFactory

pytestmark = pytest.mark.django_db
README = (Path(settings.BASE_DIR) / "README.md").read_text()


def _help(name: str) -> str:
    return " ".join(str(ProgramAdminForm().fields[name].help_text).split())


def test_public_catalog_is_unticked_by_default_as_the_form_and_the_readme_say():
    assert Program._meta.get_field("public_catalog").default is False
    assert ProgramAdminForm().fields["public_catalog"].initial is False
    assert _help("public_catalog").startswith("Unticked (the default): the program's artisans are shown only")
    assert " ".join(README.split()).count(
        'A program\'s catalog is private unless staff tick "artisans also shown in the public catalog" in '
        "its form (unticked by default, as the form says)") == 1


def test_an_empty_meeting_window_is_no_bound_as_the_form_says():
    program = ProgramFactory(meetings_open_at=None, meetings_close_at=None)
    assert "empty: no earliest moment" in _help("meetings_open_at")
    assert "empty: no latest moment" in _help("meetings_close_at")
    # Before the first day and after the last one alike.
    for day in (program.starts_on - timedelta(days=30), program.ends_on + timedelta(days=30)):
        assert program_window_refusal(program, datetime.combine(day, time(9), tzinfo=UTC), 30) is None


@pytest.mark.parametrize("kind", Program.Kind.values)
def test_the_kind_sets_no_rule_on_how_meetings_are_held_as_the_form_and_readme_say(kind):
    # The kind decides sections and settings (programs/kinds.py), not a meeting's mode.
    assert "sections and settings" in _help("kind")
    assert "A meeting is a video call or in person as its request" in " ".join(README.split())
    program = ProgramFactory(kind=kind, meeting_minutes=60)
    buyer, artisan = BuyerProfileFactory(), ArtisanProfileFactory()
    ProgramBuyer.objects.create(program=program, user=buyer.user)
    Application.objects.create(program=program, artisan=artisan, status=Application.Status.ACCEPTED)
    for mode, location in ((Meeting.Mode.VIRTUAL, ""), (Meeting.Mode.IN_PERSON, "Stand 4")):
        meeting = services.meeting_request(buyer_user=buyer.user, artisan=artisan, proposed_starts=[in_days(3)],
                                           duration_minutes=60, mode=mode, location=location)
        assert (meeting.program, meeting.mode) == (program, mode)
