"""A buyer of program A never sees what only program B shows: lists, search, detail, actions."""

from __future__ import annotations

import pytest
from django.urls import reverse

from catalog.tests.factories import ArtisanProfileFactory, ProductFactory
from meetings.tests.factories import BuyerProfileFactory
from programs.models import Application, Program, ProgramBuyer
from programs.tests.factories import ProgramFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    program_a, program_b = ProgramFactory(name="Mission A"), ProgramFactory(name="Mission B")
    only_a = ArtisanProfileFactory(business_name="Alfareria Solo A", story="azulejos unicos")
    only_b = ArtisanProfileFactory(business_name="Tapis Seulement B", story="tapis berberes")
    open_catalog = ArtisanProfileFactory(business_name="Open Workshop", story="open cestas")
    Application.objects.create(program=program_a, artisan=only_a, status="accepted")
    Application.objects.create(program=program_b, artisan=only_b, status="accepted")
    products = {a.business_name: ProductFactory(artisan=a, title=f"{a.business_name} bowl") for a in
                (only_a, only_b, open_catalog)}
    buyer_a = BuyerProfileFactory(is_verified=True)
    buyer_b = BuyerProfileFactory(is_verified=True)
    ProgramBuyer.objects.create(program=program_a, user=buyer_a.user)
    ProgramBuyer.objects.create(program=program_b, user=buyer_b.user)
    return {"a": program_a, "b": program_b, "only_a": only_a, "only_b": only_b, "open": open_catalog,
            "products": products, "buyer_a": buyer_a, "buyer_b": buyer_b}


def _listed(client, url, **params) -> str:
    response = client.get(url, params)
    assert response.status_code == 200
    return response.content.decode()


def test_buyer_of_a_never_sees_what_only_b_shows(login, world):
    client = login(world["buyer_a"].user)
    for url in [reverse("catalog:artisan-list"), reverse("catalog:product-list")]:
        html = _listed(client, url)
        assert "Alfareria Solo A" in html
        assert "Open Workshop" in html
        assert "Tapis Seulement B" not in html
        assert "Tapis Seulement B" not in _listed(client, url, q="tapis")
    assert client.get(reverse("catalog:artisan-detail", args=[world["only_b"].slug])).status_code == 404
    product_b = world["products"]["Tapis Seulement B"]
    assert client.get(reverse("catalog:product-detail", args=[product_b.public_id])).status_code == 404
    assert client.get(reverse("meetings:request-create", args=[world["only_b"].slug])).status_code == 404
    response = client.post(reverse("buyers:shortlist-add"), {"artisan": world["only_b"].slug})
    assert response.status_code == 404


def test_buyer_of_b_sees_b(login, world):
    client = login(world["buyer_b"].user)
    html = _listed(client, reverse("catalog:artisan-list"))
    assert "Tapis Seulement B" in html
    assert "Alfareria Solo A" not in html


def test_anonymous_sees_only_the_open_catalog_and_public_programs(client, world):
    html = _listed(client, reverse("catalog:artisan-list"))
    assert "Open Workshop" in html
    assert "Alfareria Solo A" not in html
    world["a"].public_catalog = True
    world["a"].save()
    html = _listed(client, reverse("catalog:artisan-list"))
    assert "Alfareria Solo A" in html
    assert "Tapis Seulement B" not in html


def test_staff_see_every_approved_artisan(login, staff, world):
    html = _listed(login(staff), reverse("catalog:artisan-list"))
    for name in ["Alfareria Solo A", "Tapis Seulement B", "Open Workshop"]:
        assert name in html


def test_program_filter_narrows_to_that_program(login, world):
    client = login(world["buyer_a"].user)
    html = _listed(client, reverse("catalog:artisan-list"), program=world["a"].slug)
    assert "Alfareria Solo A" in html
    assert "Open Workshop" not in html
    # A program the buyer did not join is ignored, not revealed.
    html = _listed(client, reverse("catalog:artisan-list"), program=world["b"].slug)
    assert "Tapis Seulement B" not in html


def test_facet_counts_respect_the_scope(login, world):
    client = login(world["buyer_a"].user)
    response = client.get(reverse("catalog:artisan-list"))
    assert response.context["page"].total == 2
    response = login(world["buyer_b"].user).get(reverse("catalog:artisan-list"))
    assert response.context["page"].total == 2


def test_a_draft_program_hides_its_private_artisans_and_widens_nothing(login, client, world):
    # Before it opens, neither its members nor its public catalog reveal what a private one hides.
    Application.objects.create(program=ProgramFactory(status=Program.Status.DRAFT, public_catalog=True),
                               artisan=world["only_b"], status="accepted")
    assert "Tapis Seulement B" not in _listed(client, reverse("catalog:artisan-list"))
    world["b"].status = Program.Status.DRAFT
    world["b"].save()
    html = _listed(login(world["buyer_b"].user), reverse("catalog:artisan-list"))
    assert "Tapis Seulement B" not in html


def test_the_catalogs_program_statuses_are_the_programs_own():
    from catalog import visibility

    assert visibility.PROGRAM_DRAFT == Program.Status.DRAFT
    assert set(visibility.LIVE_PROGRAM_STATUSES) == set(Program.Status.values) - {Program.Status.DRAFT}
    assert visibility.ACCEPTED == Application.Status.ACCEPTED
