from __future__ import annotations

import pytest

from catalog.tests.factories import ArtisanProfileFactory
from meetings import services as meeting_services
from meetings.models import Meeting
from meetings.tests.factories import AvailabilityWindowFactory, BuyerProfileFactory, in_days
from programs.models import Application, Program, ProgramBuyer
from programs.tests.factories import ProgramFactory

pytestmark = pytest.mark.django_db


def _request(buyer, artisan, day=7):
    AvailabilityWindowFactory(artisan=artisan)
    return meeting_services.meeting_request(
        buyer_user=buyer.user, artisan=artisan, proposed_starts=[in_days(day)],
        duration_minutes=30, mode=Meeting.Mode.VIRTUAL,
    )


def _member(program, buyer, artisan):
    ProgramBuyer.objects.get_or_create(program=program, user=buyer.user)
    Application.objects.get_or_create(program=program, artisan=artisan, defaults={"status": "accepted"})


def test_meeting_request_belongs_to_the_shared_program():
    program = ProgramFactory()
    other = ProgramFactory()
    buyer, artisan = BuyerProfileFactory(), ArtisanProfileFactory()
    _member(program, buyer, artisan)
    ProgramBuyer.objects.create(program=other, user=buyer.user)  # the artisan is not in this one
    meeting = _request(buyer, artisan)
    assert meeting.program == program


def test_meeting_outside_programs_has_no_program():
    meeting = _request(BuyerProfileFactory(), ArtisanProfileFactory())
    assert meeting.program is None


def test_closed_program_is_not_used():
    program = ProgramFactory(status=Program.Status.CLOSED)
    buyer, artisan = BuyerProfileFactory(), ArtisanProfileFactory()
    _member(program, buyer, artisan)
    assert _request(buyer, artisan).program is None


def test_program_limit_per_artisan_refuses_more_requests():
    program = ProgramFactory(max_meetings_per_artisan=1)
    artisan = ArtisanProfileFactory()
    first, second = BuyerProfileFactory(), BuyerProfileFactory()
    _member(program, first, artisan)
    _member(program, second, artisan)
    _request(first, artisan)
    with pytest.raises(meeting_services.MeetingError, match="limit"):
        _request(second, artisan, day=8)


def test_program_limit_per_buyer_also_binds_meetings_staff_place():
    program = ProgramFactory(max_meetings_per_buyer=1)
    buyer, first, second = BuyerProfileFactory(), ArtisanProfileFactory(), ArtisanProfileFactory()
    _member(program, buyer, first)
    _member(program, buyer, second)
    _request(buyer, first)
    with pytest.raises(meeting_services.MeetingError, match="limit"):
        meeting_services.meeting_schedule(
            artisan=second, buyer_user=buyer.user, start_at=in_days(9), duration_minutes=30,
            mode=Meeting.Mode.VIRTUAL, program=program, invite=False,
        )
    assert Meeting.objects.filter(program=program).count() == 1


def test_a_declined_meeting_frees_its_place_in_the_limit():
    program = ProgramFactory(max_meetings_per_artisan=1)
    artisan = ArtisanProfileFactory()
    first, second = BuyerProfileFactory(), BuyerProfileFactory()
    _member(program, first, artisan)
    _member(program, second, artisan)
    Meeting.objects.filter(pk=_request(first, artisan).pk).update(status=Meeting.Status.DECLINED)
    assert _request(second, artisan, day=8).program == program
