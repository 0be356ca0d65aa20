"""Recommendations recomputed by the worker, hidden ones kept, dashboards in constant queries."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalog.tests.factories import ArtisanProfileFactory, CraftFactory, ProductFactory
from matchmaking import services, tasks
from matchmaking.models import Preference, Recommendation
from matchmaking.selectors import matches_for
from meetings.tests.factories import BuyerProfileFactory
from programs.models import Application, ProgramBuyer
from programs.tests.factories import ProgramFactory

pytestmark = pytest.mark.django_db


def program_with(buyer_users, artisans):
    program = ProgramFactory()
    for user in buyer_users:
        ProgramBuyer.objects.create(program=program, user=user)
    for artisan in artisans:
        Application.objects.create(program=program, artisan=artisan, status=Application.Status.ACCEPTED)
    return program


def test_recompute_ranks_the_ceramicist_first_for_a_ceramics_buyer_and_runs_twice(buyer):
    ceramics = CraftFactory(slug="ceramics")
    profile = BuyerProfileFactory(user=buyer, typical_order_qty=50, languages=["en"])
    profile.crafts_of_interest.set([ceramics])
    potter = ArtisanProfileFactory(crafts=[ceramics], languages_spoken=["en"])
    ProductFactory(artisan=potter, craft=ceramics, min_order_qty=24)
    weaver = ArtisanProfileFactory(languages_spoken=["ar"], language="ar")
    program = program_with([buyer], [potter, weaver])

    assert tasks.recompute_program_task(program.pk) == 2
    assert tasks.recompute_program_task(program.pk) == 2
    assert Recommendation.objects.count() == 2
    matches = matches_for(buyer)
    assert [m.recommendation.artisan for m in matches] == [potter, weaver]
    assert f"{ceramics.name}, which you are looking for" in matches[0].reasons
    assert "minimum order 24, within your usual 50" in matches[0].reasons
    assert "speaks English" in matches[0].reasons


def test_hidden_recommendation_stays_hidden_after_recompute(buyer, artisan):
    BuyerProfileFactory(user=buyer)
    mine = ArtisanProfileFactory(user=artisan)
    other = ArtisanProfileFactory()
    program = program_with([buyer], [mine, other])
    services.recommendations_recompute(program_id=program.pk)
    rec = Recommendation.objects.get(artisan=mine)
    services.recommendation_hide(recommendation_id=rec.pk, user=buyer)
    services.recommendations_recompute(program_id=program.pk)
    assert [m.recommendation.artisan for m in matches_for(buyer)] == [other]
    # The artisan still sees the buyer: hiding is per side.
    assert [m.recommendation.buyer_user for m in matches_for(artisan)] == [buyer]


def test_stale_programs_are_found_and_recomputed_by_the_beat(buyer):
    BuyerProfileFactory(user=buyer)
    program = program_with([buyer], [ArtisanProfileFactory()])
    assert services.stale_programs() == [program.pk]
    assert tasks.recompute_stale_task() == 1
    assert services.stale_programs() == []
    assert Recommendation.objects.filter(program=program).count() == 1


def test_dashboard_matches_take_the_same_queries_for_few_and_many(buyer):
    ceramics = CraftFactory(slug="ceramics")
    BuyerProfileFactory(user=buyer).crafts_of_interest.set([ceramics])
    program = program_with([buyer], [ArtisanProfileFactory(crafts=[ceramics])])
    services.recommendations_recompute(program_id=program.pk)
    with CaptureQueriesContext(connection) as few:
        matches_for(buyer)
    for _ in range(6):
        Application.objects.create(program=program, artisan=ArtisanProfileFactory(crafts=[ceramics]),
                                   status=Application.Status.ACCEPTED)
    services.recommendations_recompute(program_id=program.pk)
    with CaptureQueriesContext(connection) as many:
        assert len(matches_for(buyer)) == 5
    assert len(few) == len(many) == 2


def test_preferences_add_up_and_not_interested_excludes(buyer, artisan):
    BuyerProfileFactory(user=buyer)
    mine = ArtisanProfileFactory(user=artisan)
    other = ArtisanProfileFactory()
    program = program_with([buyer], [mine, other])
    services.preference_set(program=program, user=buyer, other_id=mine.pk, level=Preference.Level.MUST)
    services.preference_set(program=program, user=artisan, other_id=buyer.pk, level=Preference.Level.LIKE)
    services.preference_set(program=program, user=buyer, other_id=other.pk, level=Preference.Level.LIKE)
    assert services.preference_weights(program_id=program.pk) == {(mine.pk, buyer.pk): 5, (other.pk, buyer.pk): 2}
    services.preference_set(program=program, user=artisan, other_id=buyer.pk, level=Preference.Level.NOT)
    assert services.preference_weights(program_id=program.pk) == {(other.pk, buyer.pk): 2}
    assert Preference.objects.count() == 3


def test_preference_refused_outside_the_program(buyer, other_buyer):
    BuyerProfileFactory(user=other_buyer)
    program = program_with([buyer], [ArtisanProfileFactory()])
    artisan_id = Application.objects.get(program=program).artisan_id
    with pytest.raises(services.PreferenceError):
        services.preference_set(program=program, user=other_buyer, other_id=artisan_id, level=3)
