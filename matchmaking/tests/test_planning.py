"""A session becomes the scheduler's problem: slots, breaks, working hours across DST, kept meetings."""

from __future__ import annotations

import datetime as dt
from datetime import UTC, datetime, timedelta

import pytest

from catalog.tests.factories import ArtisanProfileFactory
from matchmaking import planning
from matchmaking.models import InterpreterAvailability, Session
from matchmaking.tests.factories import InterpreterFactory, SessionFactory, join, wish
from meetings.models import AvailabilityException, Meeting
from meetings.tests.factories import BuyerProfileFactory, MeetingFactory

pytestmark = pytest.mark.django_db


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


@pytest.fixture
def madrid_artisan():
    return ArtisanProfileFactory(time_zone="Europe/Madrid", languages_spoken=["es", "en"], language="es")


@pytest.fixture
def new_york_buyer(buyer):
    BuyerProfileFactory(user=buyer, languages=["en"])
    return buyer


def virtual(first, last, **extra) -> Session:
    return SessionFactory(kind=Session.Kind.VIRTUAL, first_day=first, last_day=last, day_starts=dt.time(9),
                          day_ends=dt.time(18), tables=None, venue="", time_zone="UTC", **extra)


def common_slots(built, artisan, buyer):
    pair = next(p for p in built.problem.pairs if (p.artisan, p.buyer) == (artisan.pk, buyer.pk))
    return [built.slots[i] for i in built.problem.pair_slots(pair)]


def test_week_when_only_europe_has_changed_clocks_gives_four_common_hours(madrid_artisan, new_york_buyer):
    # Europe left summer time on 25 October 2026, New York only on 1 November: that week
    # Madrid (UTC+1) 9–18 and New York (UTC-4) 9–18 share 13:00–17:00 UTC, four hours.
    session = virtual(dt.date(2026, 10, 26), dt.date(2026, 10, 30))
    join(session.program, artisans=[madrid_artisan], buyers=[new_york_buyer])
    wish(session.program, madrid_artisan, new_york_buyer)

    slots = common_slots(planning.build(session), madrid_artisan, new_york_buyer)

    assert len(slots) == 5 * 8
    monday = [s for s in slots if s.date() == dt.date(2026, 10, 26)]
    assert monday[0] == utc(2026, 10, 26, 13) and monday[-1] == utc(2026, 10, 26, 16, 30)
    assert {s.date() for s in slots} == {dt.date(2026, 10, 26) + timedelta(days=n) for n in range(5)}


def test_week_when_both_keep_summer_time_gives_three_common_hours(madrid_artisan, new_york_buyer):
    session = virtual(dt.date(2026, 10, 12), dt.date(2026, 10, 12))
    join(session.program, artisans=[madrid_artisan], buyers=[new_york_buyer])
    wish(session.program, madrid_artisan, new_york_buyer)

    slots = common_slots(planning.build(session), madrid_artisan, new_york_buyer)

    # Madrid UTC+2, New York UTC-4: 13:00–16:00 UTC, 15:00–18:00 in Madrid, 9:00–12:00 in New York.
    assert slots[0] == utc(2026, 10, 12, 13) and slots[-1] == utc(2026, 10, 12, 15, 30)
    assert len(slots) == 6


def test_b2b_day_slots_are_the_venue_hours_without_breaks(madrid_artisan, new_york_buyer):
    session = SessionFactory(time_zone="Africa/Casablanca", day_starts=dt.time(9), day_ends=dt.time(12),
                             breaks=["10:00-10:30"])
    join(session.program, artisans=[madrid_artisan], buyers=[new_york_buyer])
    wish(session.program, madrid_artisan, new_york_buyer)

    built = planning.build(session)

    # Casablanca is UTC+1 in December.
    assert built.slots == [utc(2026, 12, 9, 8), utc(2026, 12, 9, 8, 30), utc(2026, 12, 9, 9, 30),
                           utc(2026, 12, 9, 10), utc(2026, 12, 9, 10, 30)]
    assert built.problem.tables == 10
    assert common_slots(built, madrid_artisan, new_york_buyer) == built.slots


def test_unavailable_day_removes_the_artisan(madrid_artisan, new_york_buyer):
    session = SessionFactory()
    join(session.program, artisans=[madrid_artisan], buyers=[new_york_buyer])
    wish(session.program, madrid_artisan, new_york_buyer)
    AvailabilityException.objects.create(artisan=madrid_artisan, start_date=session.first_day,
                                         end_date=session.first_day, reason="Another fair")

    assert common_slots(planning.build(session), madrid_artisan, new_york_buyer) == []


def test_confirmed_meeting_of_the_program_on_a_slot_is_kept_and_another_blocks_its_people(
    madrid_artisan, new_york_buyer
):
    session = SessionFactory()
    other_artisan = ArtisanProfileFactory()
    join(session.program, artisans=[madrid_artisan, other_artisan], buyers=[new_york_buyer])
    wish(session.program, madrid_artisan, new_york_buyer)
    wish(session.program, other_artisan, new_york_buyer)
    shop = new_york_buyer.buyer_profile
    kept = MeetingFactory(artisan=other_artisan, buyer=shop, program=session.program, status=Meeting.Status.CONFIRMED,
                          proposed_starts=[], start_at=utc(2026, 12, 9, 8), end_at=utc(2026, 12, 9, 8, 30))
    # Outside the program, overlapping the second and third slots.
    elsewhere = ArtisanProfileFactory()
    MeetingFactory(artisan=elsewhere, buyer=shop, status=Meeting.Status.CONFIRMED, proposed_starts=[],
                   start_at=utc(2026, 12, 9, 8, 45), end_at=utc(2026, 12, 9, 9, 15))

    built = planning.build(session)

    (fixed,) = built.problem.fixed
    assert (fixed.artisan, fixed.buyer, fixed.slot, fixed.table, fixed.fixed) == (other_artisan.pk, new_york_buyer.pk, 0, 1, True)
    assert built.kept == {(other_artisan.pk, new_york_buyer.pk): kept}
    assert 1 not in built.problem.slots_of(("b", new_york_buyer.pk))
    assert 2 not in built.problem.slots_of(("b", new_york_buyer.pk))
    # The kept pair has met: it is not asked for again.
    assert [(p.artisan, p.buyer) for p in built.problem.pairs] == [(madrid_artisan.pk, new_york_buyer.pk)]


def test_weights_limits_languages_and_interpreters(madrid_artisan, new_york_buyer, other_buyer):
    session = SessionFactory()
    program = session.program
    program.max_meetings_per_artisan, program.max_meetings_per_buyer = 4, 2
    program.save()
    arabic = ArtisanProfileFactory(languages_spoken=["ar"], language="ar")
    BuyerProfileFactory(user=other_buyer, languages=["en"])
    join(program, artisans=[madrid_artisan, arabic], buyers=[new_york_buyer, other_buyer])
    wish(program, madrid_artisan, new_york_buyer, level=3)
    wish(program, madrid_artisan, new_york_buyer, level=2, side="artisan")
    wish(program, arabic, new_york_buyer, level=2)
    wish(program, arabic, other_buyer, level=3)
    wish(program, arabic, other_buyer, level=0, side="artisan")
    interpreter = InterpreterFactory(program=program, languages=["ar", "en"])
    InterpreterAvailability.objects.create(interpreter=interpreter, starts_at=utc(2026, 12, 9, 8),
                                           ends_at=utc(2026, 12, 9, 9, 15))

    built = planning.build(session)

    pairs = {(p.artisan, p.buyer): p for p in built.problem.pairs}
    # Not interested on one side leaves the pair out; both sides' wishes add up.
    assert set(pairs) == {(madrid_artisan.pk, new_york_buyer.pk), (arabic.pk, new_york_buyer.pk)}
    assert pairs[(madrid_artisan.pk, new_york_buyer.pk)].weight // planning.PREFERENCE_SCALE == 5
    assert pairs[(arabic.pk, new_york_buyer.pk)].needs_interpreter
    assert not pairs[(madrid_artisan.pk, new_york_buyer.pk)].needs_interpreter
    (pool,) = built.problem.interpreters
    assert pool.slots == frozenset({0, 1})
    assert built.problem.limits[("a", arabic.pk)] == 4 and built.problem.limits[("b", new_york_buyer.pk)] == 2
