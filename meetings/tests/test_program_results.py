"""Program results against a fixture whose numbers are known by hand."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from catalog.tests.factories import ArtisanProfileFactory
from meetings.models import Meeting, Outcome
from meetings.results import program_results
from meetings.tests.factories import BuyerProfileFactory, MeetingFactory, in_days
from programs.models import Application, BuyerInvitation, ProgramBuyer
from programs.tests.factories import ProgramFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def known_program():
    """4 artisans in the catalog (+1 pending, +1 declined), 3 buyers (US, US, CA), 6 meetings.

    m1 A1-B1 completed: buyer says held + order $1,000; artisan says held + samples 900 EUR.
    m2 A1-B2 completed: buyer says no-show.      m3 A2-B1 confirmed (upcoming).
    m4 A3-B3 requested.   m5 A2-B3 declined.    m6 A4-B2 cancelled after confirmation.
    """
    program = ProgramFactory()
    artisans = [ArtisanProfileFactory(business_name=f"A{i}") for i in range(1, 5)]
    for artisan in artisans:
        Application.objects.create(program=program, artisan=artisan, status=Application.Status.ACCEPTED)
    Application.objects.create(program=program, artisan=ArtisanProfileFactory(status="pending"),
                               status=Application.Status.ACCEPTED)
    Application.objects.create(program=program, artisan=ArtisanProfileFactory(),
                               status=Application.Status.DECLINED)
    buyers = [BuyerProfileFactory(country=c) for c in ["US", "US", "CA"]]
    for buyer in buyers:
        ProgramBuyer.objects.create(program=program, user=buyer.user)
    BuyerInvitation.objects.create(program=program, email=buyers[0].user.email, user=buyers[0].user)
    BuyerInvitation.objects.create(program=program, email=buyers[1].user.email, user=buyers[1].user)
    BuyerInvitation.objects.create(program=program, email="never@example.org")
    a1, a2, a3, a4 = artisans
    b1, b2, b3 = buyers

    def meeting(artisan, buyer, status, day, confirmed=True):
        start = in_days(day)
        return MeetingFactory(
            program=program, artisan=artisan, buyer=buyer, status=status,
            start_at=start if confirmed else None, end_at=start + timedelta(hours=1) if confirmed else None,
            confirmed_at=timezone.now() if confirmed else None,
        )

    m1 = meeting(a1, b1, Meeting.Status.COMPLETED, -5)
    m2 = meeting(a1, b2, Meeting.Status.COMPLETED, -4)
    meeting(a2, b1, Meeting.Status.CONFIRMED, 3)
    meeting(a3, b3, Meeting.Status.REQUESTED, 0, confirmed=False)
    meeting(a2, b3, Meeting.Status.DECLINED, 0, confirmed=False)
    meeting(a4, b2, Meeting.Status.CANCELLED, 6)
    Outcome.objects.create(meeting=m1, user=b1.user, attendance="held", next_step="order",
                           estimated_order_value=Decimal("1000"), currency="USD")
    Outcome.objects.create(meeting=m1, user=a1.user, attendance="held", next_step="samples",
                           estimated_order_value=Decimal("900"), currency="EUR")
    Outcome.objects.create(meeting=m2, user=b2.user, attendance="no_show")
    return program


def test_results_figures_match_the_fixture(known_program):
    results = program_results(known_program)
    assert results.catalog_artisans == 4
    assert (results.buyers_invited, results.buyers_registered, results.buyers_joined) == (3, 2, 3)
    assert results.buyers_active == 3
    assert (results.requests, results.confirmed, results.held, results.no_shows) == (6, 4, 1, 1)
    assert (results.samples, results.orders, results.follow_ups) == (1, 1, 0)
    assert results.value_usd == Decimal("1000.00")  # max(1000 USD, 900 EUR = 972 USD)
    assert results.headline == {"held": 1, "met": 1, "catalog": 4}
    assert results.funnel == [("invited", 3), ("registered", 2), ("joined", 3), ("requested", 3),
                              ("confirmed", 2), ("held", 1), ("ordered", 1)]
    a1 = next(row for row in results.per_artisan if row.label == "A1")
    assert (a1.requests, a1.confirmed, a1.held, a1.no_shows, a1.orders) == (2, 2, 1, 1, 1)
    countries = {row.label: (len(row.people), row.requests, row.held) for row in results.per_country}
    assert countries == {"US": (2, 4, 1), "CA": (1, 2, 0)}


def test_only_the_programs_meetings_inside_its_window_are_counted(known_program):
    """The window (10 days ago to 10 days ahead) holds the fixture's six meetings; a meeting of
    the program booked outside it, with a held outcome, and the same people's meeting outside
    any program, or in another program, change nothing."""
    known_program.meetings_open_at, known_program.meetings_close_at = in_days(-10), in_days(10)
    known_program.save(update_fields=["meetings_open_at", "meetings_close_at"])
    before = program_results(known_program)
    held = Meeting.objects.get(program=known_program, outcomes__estimated_order_value=Decimal("1000"))
    for program, day in [(known_program, -20), (known_program, 12), (None, 2), (ProgramFactory(), 2)]:
        start = in_days(day, hour=9)
        outside = MeetingFactory(
            program=program, artisan=held.artisan, buyer=held.buyer, status=Meeting.Status.COMPLETED,
            start_at=start, end_at=start + timedelta(hours=1), confirmed_at=start - timedelta(days=1),
        )
        Outcome.objects.create(meeting=outside, user=held.buyer_user, attendance="held", next_step="order",
                               estimated_order_value=Decimal("5000"), currency="USD")
    after = program_results(known_program)
    assert (after.requests, after.confirmed, after.held, after.orders) == (6, 4, 1, 1)
    assert after.value_usd == before.value_usd == Decimal("1000.00")
    assert after.funnel == before.funnel


def test_a_meeting_ending_after_the_window_closes_is_not_counted(known_program):
    upcoming = Meeting.objects.get(program=known_program, status=Meeting.Status.CONFIRMED)
    known_program.meetings_close_at = upcoming.end_at - timedelta(minutes=1)
    known_program.save(update_fields=["meetings_close_at"])
    results = program_results(known_program)
    # m3 (in 3 days) ends a minute late and m6 (in 6 days) is later still: both leave.
    assert (results.requests, results.confirmed) == (4, 2)
    # Meetings never given a time are the program's requests all the same.
    assert Meeting.objects.filter(program=known_program, start_at__isnull=True).count() == 2


def test_results_page_and_csv_for_staff(login, staff, known_program, django_assert_max_num_queries):
    client = login(staff)
    response = client.get(reverse("admin:programs_program_results", args=[known_program.pk]))
    assert response.status_code == 200
    assert "1 meeting held with 1 of 4 artisans" in response.content.decode()
    assert b"<svg" in response.content
    csv = client.get(reverse("admin:programs_program_results_csv", args=[known_program.pk]))
    assert csv["Content-Type"].startswith("text/csv")
    body = csv.content.decode("utf-8-sig")
    assert "A1,2,2,1,1,1,1000.00" in body


@pytest.mark.parametrize("persona", ["artisan", "buyer"])
def test_results_are_staff_only(request, login, persona, known_program, client):
    for name in ["admin:programs_program_results", "admin:programs_program_results_csv"]:
        url = reverse(name, args=[known_program.pk])
        assert login(request.getfixturevalue(persona)).get(url).status_code == 302
        client.logout()
        assert client.get(url).status_code == 302


def test_results_queries_do_not_grow_with_meetings(login, staff, known_program, django_assert_max_num_queries):
    client = login(staff)
    url = reverse("admin:programs_program_results", args=[known_program.pk])
    client.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        client.get(url)
    for _ in range(30):
        MeetingFactory(program=known_program, status=Meeting.Status.REQUESTED)
    with CaptureQueriesContext(connection) as large:
        client.get(url)
    assert len(large) == len(small)
