"""Every filter, their combinations, facets that respect the other filters, sorting, pages."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.http import QueryDict
from django.urls import reverse

from catalog.selectors import PAGE_SIZE, CatalogQuery, search_artisans, search_products
from catalog.tests.factories import ArtisanProfileFactory, CraftFactory, ProductFactory

pytestmark = pytest.mark.django_db


def run(params: str, *, prices: bool = True, artisans: bool = False):
    query = CatalogQuery.from_params(QueryDict(params), allow_prices=prices)
    return (search_artisans if artisans else search_products)(query)


def titles(params: str, **kwargs) -> set[str]:
    return {p.title for p in run(params, **kwargs).items}


@pytest.fixture
def catalog():
    ceramics, carpets = CraftFactory(slug="ceramics"), CraftFactory(slug="carpets")
    seville = ArtisanProfileFactory(business_name="Seville", country="ES", region="Andalusia", exported_before=True,
                                    certifications=["Fair trade"], crafts=[ceramics])
    fes = ArtisanProfileFactory(business_name="Fes", country="MA", region="Fès-Meknès", exported_before=False,
                                certifications=[], crafts=[ceramics, carpets])
    ProductFactory(artisan=seville, title="Plate", craft=ceramics, materials=["clay"], wholesale_price=Decimal("10"),
                   currency="USD", min_order_qty=24, lead_time_days=30)
    ProductFactory(artisan=seville, title="Big vase", craft=ceramics, materials=["clay", "glaze"],
                   wholesale_price=Decimal("80"), currency="USD", min_order_qty=100, lead_time_days=60)
    ProductFactory(artisan=fes, title="Rug", craft=carpets, materials=["wool"], wholesale_price=Decimal("200"),
                   currency="USD", min_order_qty=2, lead_time_days=90)
    ProductFactory(artisan=fes, title="Tagine", craft=ceramics, materials=["clay"], wholesale_price=Decimal("15"),
                   currency="USD", min_order_qty=50, lead_time_days=21)


@pytest.mark.parametrize(("params", "expected"), [
    ("", {"Plate", "Big vase", "Rug", "Tagine"}),
    ("craft=carpets", {"Rug"}),
    ("craft=carpets&craft=ceramics", {"Plate", "Big vase", "Rug", "Tagine"}),
    ("country=ES", {"Plate", "Big vase"}),
    ("country=ma", {"Rug", "Tagine"}),
    ("region=andalusia", {"Plate", "Big vase"}),
    ("material=wool", {"Rug"}),
    ("material=glaze&material=wool", {"Big vase", "Rug"}),
    ("price_min=12", {"Big vase", "Rug", "Tagine"}),
    ("price_max=15", {"Plate", "Tagine"}),
    ("price_min=12&price_max=100", {"Big vase", "Tagine"}),
    ("moq=50", {"Plate", "Rug", "Tagine"}),
    ("lead=42", {"Plate", "Tagine"}),
    ("exported=1", {"Plate", "Big vase"}),
    ("certification=Fair+trade", {"Plate", "Big vase"}),
    # The buyer's question: ceramics from Spain, minimum order under 50, ready in 6 weeks.
    ("craft=ceramics&country=ES&moq=49&lead=42", {"Plate"}),
    ("craft=ceramics&moq=50&lead=42&price_max=12", {"Plate"}),
    ("craft=ceramics&country=MA&exported=1", set()),
    ("q=tagine&craft=ceramics&country=MA", {"Tagine"}),
    ("moq=abc&lead=-3&price_min=x&country=ZZ", {"Plate", "Big vase", "Rug", "Tagine"}),
])
def test_product_filters_and_combinations(catalog, params, expected):
    page = run(params)
    assert {p.title for p in page.items} == expected
    assert page.total == len(expected)


def test_price_filter_is_ignored_for_those_who_may_not_see_prices(catalog):
    assert titles("price_max=12", prices=False) == {"Plate", "Big vase", "Rug", "Tagine"}


@pytest.mark.parametrize(("params", "expected"), [
    ("", {"Seville", "Fes"}),
    ("craft=carpets", {"Fes"}),
    ("country=ES", {"Seville"}),
    ("exported=1", {"Seville"}),
    ("certification=Fair+trade", {"Seville"}),
    ("material=wool", {"Fes"}),
    ("moq=10", {"Fes"}),
    ("lead=25", {"Fes"}),
    ("price_max=12", {"Seville"}),
    ("craft=ceramics&moq=50&lead=42", {"Seville", "Fes"}),
    # Fes has a product with a small order (the rug) and one ready soon (the tagine), not one with both.
    ("moq=30&lead=42", {"Seville"}),
    ("country=MA&material=glaze", set()),
])
def test_artisan_filters_use_their_products_terms(catalog, params, expected):
    page = run(params, artisans=True)
    assert {a.business_name for a in page.items} == expected
    assert page.total == len(expected)


def counts(page, facet: str) -> dict[str, int]:
    return {o.value: o.count for o in page.facets[facet]}


def test_facets_count_with_the_other_filters_but_not_their_own(catalog):
    page = run("country=ES&material=clay")
    # Country counts ignore the country filter but keep the material one.
    assert counts(page, "country") == {"ES": 2, "MA": 1}
    # Material counts keep the country filter only.
    assert counts(page, "material") == {"clay": 2, "glaze": 1}
    assert counts(page, "craft") == {"ceramics": 2}
    assert counts(page, "exported") == {"1": 2}
    assert counts(page, "certification") == {"Fair trade": 2}
    assert [o.value for o in page.facets["country"] if o.selected] == ["ES"]


def test_artisan_facets(catalog):
    page = run("craft=carpets", artisans=True)
    assert counts(page, "craft") == {"ceramics": 2, "carpets": 1}
    assert counts(page, "country") == {"MA": 1}
    assert counts(page, "exported") == {"1": 0}


@pytest.mark.parametrize(("sort", "expected"), [
    ("price", ["Plate", "Tagine", "Big vase", "Rug"]),
    ("moq", ["Rug", "Plate", "Tagine", "Big vase"]),
    ("lead", ["Tagine", "Plate", "Big vase", "Rug"]),
    ("newest", ["Tagine", "Rug", "Big vase", "Plate"]),
    ("relevance", ["Tagine", "Rug", "Big vase", "Plate"]),
])
def test_sorting(catalog, sort, expected):
    assert [p.title for p in run(f"sort={sort}").items] == expected


def test_price_sort_falls_back_for_those_who_may_not_see_prices(catalog):
    assert run("sort=price", prices=False).items[0].title == "Tagine"


def test_pagination_splits_results_and_clamps_the_page():
    artisan = ArtisanProfileFactory()
    for n in range(PAGE_SIZE + 3):
        ProductFactory(artisan=artisan, title=f"Item {n:02d}", indexed=False)
    first, second = run("sort=newest"), run("sort=newest&page=2")
    assert len(first.items) == PAGE_SIZE and len(second.items) == 3
    assert first.pages == 2 and first.has_next and not second.has_next
    assert not {p.pk for p in first.items} & {p.pk for p in second.items}
    assert run("sort=newest&page=99").page == 2


def test_filters_live_in_the_url_and_the_page_reloads_them(client, catalog):
    url = reverse("catalog:product-list") + "?craft=ceramics&country=ES&moq=49&lead=42&sort=moq"
    response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="ceramics" checked' in html
    assert 'value="ES" checked' in html
    assert 'name="moq" min="1" inputmode="numeric" value="49"' in html
    assert '<option value="42" selected>' in html
    assert '<option value="moq" selected>' in html
    assert "1 result" in html


@pytest.mark.django_db(transaction=True)
def test_facet_options_are_reused_for_the_same_counts_and_remade_when_a_count_changes():
    craft = CraftFactory(slug="glasswork", name_en="Glasswork")
    artisan = ArtisanProfileFactory(country="MA")
    ProductFactory(artisan=artisan, craft=craft, title="Vase")
    query = CatalogQuery.from_params(QueryDict(""), allow_prices=True)
    first = search_products(query).facets
    # The same query over the same counts: the same options, made once.
    assert search_products(query).facets is first
    option = next(o for o in first["craft"] if o.value == "glasswork")
    assert option.count == 1 and option.url == "craft=glasswork"
    ProductFactory(artisan=artisan, craft=craft, title="Bowl")
    again = next(o for o in search_products(query).facets["craft"] if o.value == "glasswork")
    assert again.count == 2
