"""Staff pages: run the scheduler, preview, move, publish; the preference matrix. Staff only."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from catalog.tests.factories import ArtisanProfileFactory
from matchmaking.models import SchedulePlan
from matchmaking.tests.factories import SessionFactory, join, wish
from meetings.models import Meeting
from meetings.tests.factories import BuyerProfileFactory
from programs.tests.factories import ProgramFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(buyer, other_buyer):
    day = dt.date.today() + dt.timedelta(days=10)
    session = SessionFactory(first_day=day, last_day=day, day_starts=dt.time(9), day_ends=dt.time(10), tables=3,
                             name="Fez B2B day")
    potter, weaver = ArtisanProfileFactory(business_name="Cerámica Moreno"), ArtisanProfileFactory(business_name="Tapis Fès")
    BuyerProfileFactory(user=buyer, organisation_name="Met Store")
    BuyerProfileFactory(user=other_buyer, organisation_name="LACMA Store")
    join(session.program, artisans=[potter, weaver], buyers=[buyer, other_buyer])
    wish(session.program, potter, buyer)
    wish(session.program, weaver, buyer)
    wish(session.program, weaver, other_buyer, level=2)
    return session


def urls(session, plan=None):
    found = [reverse("admin:matchmaking_session_schedule", args=[session.pk]),
             reverse("admin:matchmaking_preference_matrix", args=[session.program_id])]
    if plan:
        found.append(reverse("admin:matchmaking_session_plan", args=[session.pk, plan.pk]))
    return found


@pytest.mark.parametrize("persona", ["anonymous", "artisan", "buyer"])
def test_no_scheduling_page_for_anyone_but_staff(persona, request, session, client):
    plan = SchedulePlan.objects.create(session=session, status=SchedulePlan.Status.DRAFT)
    if persona != "anonymous":
        client.force_login(request.getfixturevalue(persona))
    for url in urls(session, plan):
        response = client.get(url)
        assert response.status_code == 302 and "/admin/login/" in response["Location"], url
    response = client.post(urls(session)[0])
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert SchedulePlan.objects.count() == 1


def test_staff_run_the_scheduler_see_the_grid_and_publish(session, staff, login, django_capture_on_commit_callbacks):
    client = login(staff)
    assert client.get(urls(session)[0]).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(urls(session)[0])
    plan = SchedulePlan.objects.get()
    assert response["Location"] == reverse("admin:matchmaking_session_plan", args=[session.pk, plan.pk])

    page = client.get(response["Location"])
    assert page.status_code == 200
    html = page.content.decode()
    assert 'id="plan-grid"' in html and "LACMA Store" in html and "Tapis Fès" in html
    assert f'<strong id="plan-value">{plan.value}</strong>' in html

    with django_capture_on_commit_callbacks(execute=True):
        client.post(response["Location"], {"publish": "1"})
    plan.refresh_from_db()
    assert plan.status == SchedulePlan.Status.PUBLISHED
    assert Meeting.objects.filter(program=session.program, status="confirmed").count() == 3
    with django_capture_on_commit_callbacks(execute=True):
        client.post(response["Location"], {"publish": "1"})
    assert Meeting.objects.filter(program=session.program).count() == 3


def test_a_move_that_breaks_a_rule_is_refused_with_a_clear_message(session, staff, buyer, login,
                                                                   django_capture_on_commit_callbacks):
    client = login(staff)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(urls(session)[0])
    plan = SchedulePlan.objects.get()
    first, second = plan.items.filter(buyer_user=buyer).order_by("start_at")
    url = reverse("admin:matchmaking_session_plan", args=[session.pk, plan.pk])

    response = client.post(url, {"move": "1", "move-item": first.pk, "move-slot": second.start_at.isoformat()},
                           follow=True)

    assert "This change is refused" in response.content.decode()
    first.refresh_from_db()
    assert first.start_at != second.start_at


def test_running_page_reloads_itself(session, staff, login):
    plan = SchedulePlan.objects.create(session=session)
    html = login(staff).get(reverse("admin:matchmaking_session_plan", args=[session.pk, plan.pk])).content.decode()
    assert 'http-equiv="refresh"' in html and "Reload now" in html


def test_preference_matrix_shows_both_marks_in_constant_queries(staff, login):
    client = login(staff)

    def matrix(artisans: int, buyers: int):
        program = ProgramFactory()
        people_a = [ArtisanProfileFactory(indexed=False) for _ in range(artisans)]
        people_b = [BuyerProfileFactory().user for _ in range(buyers)]
        join(program, artisans=people_a, buyers=people_b)
        wish(program, people_a[0], people_b[0], level=3)
        wish(program, people_a[0], people_b[0], level=2, side="artisan")
        wish(program, people_a[-1], people_b[-1], level=0, side="artisan")
        url = reverse("admin:matchmaking_preference_matrix", args=[program.pk])
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        return response, len(queries)

    small, few = matrix(2, 2)
    large, many = matrix(30, 8)
    assert few == many
    html = large.content.decode()
    table = html[html.index('id="preference-matrix"'):]
    table = table[:table.index("</table>")]
    assert table.count("<tr>") == 31
    assert table.count("<th scope=\"col\"") == 9
    assert 'class="mutual"' in html and 'class="not"' in html
