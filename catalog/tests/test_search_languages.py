"""Search across spellings and languages: Arabic normalisation and the craft vocabulary as synonyms.

Through the catalog's own search (the selector the pages call, and the page itself), on
PostgreSQL's full-text search.
"""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.http import urlencode

from catalog import search, taxonomy
from catalog.models import Product
from catalog.selectors import CatalogQuery, search_artisans, search_products
from catalog.tests.factories import ArtisanProfileFactory, CraftFactory, ProductFactory

pytestmark = pytest.mark.django_db


def products_for(q: str) -> set[str]:
    query = CatalogQuery.from_params(QueryDict(urlencode({"q": q})), allow_prices=False)
    return {p.title for p in search_products(query).items}


@pytest.mark.parametrize(
    ("written", "folded"),
    [
        ("الزربية", "زربيه"),
        ("زربية", "زربيه"),
        ("زربيه", "زربيه"),
        ("وَالزَّرْبِيَّة", "زربيه"),  # diacritics, and + the article
        ("بالزربية", "زربيه"),
        ("للزربية", "زربيه"),
        ("كالزربية", "زربيه"),
        ("زربـــية", "زربيه"),  # tatweel
        ("أمازيغية إبريق آنية", "امازيغيه ابريق انيه"),
        ("مصطفى", "مصطفي"),
        ("الة", "اله"),  # too short to hold an article
        ("Cerámica ÉMAILLÉE", "ceramica emaillee"),
    ],
)
def test_fold_normalises_arabic_spellings(written, folded):
    assert search.fold(written) == folded


@pytest.fixture
def carpets():
    ProductFactory(title="زربية أمازيغية", description="صوف طبيعي", language="ar", craft=CraftFactory(slug="textiles"))
    ProductFactory(title="Alfombra de esparto", description="Tejida a mano.", language="es",
                   craft=CraftFactory(slug="textiles"))
    ProductFactory(title="Hand-knotted rug", description="Wool.", language="en", craft=CraftFactory(slug="textiles"))
    ProductFactory(title="Tapis berbère", description="Laine.", language="fr", craft=CraftFactory(slug="textiles"))
    ProductFactory(title="زرابي الأطلس", description="", language="ar", craft=CraftFactory(slug="textiles"))
    ProductFactory(title="Leather wallet", description="Vegetable tanned.", language="en",
                   craft=CraftFactory(slug="leather"))


ALL_CARPETS = {"زربية أمازيغية", "Alfombra de esparto", "Hand-knotted rug", "Tapis berbère", "زرابي الأطلس"}


@pytest.mark.parametrize("q", ["الزربية", "زربيه", "زربية", "والزربية", "بالزرابي"])
def test_arabic_query_finds_carpets_by_article_spelling_and_broken_plural(carpets, q):
    # None of these carpets has the carpets craft: the words alone find them.
    assert products_for(q) == ALL_CARPETS


def test_arabic_document_with_article_is_found_by_the_bare_word():
    ProductFactory(title="الزربية الحمراء", language="ar", craft=CraftFactory(slug="leather"))
    ProductFactory(title="Leather wallet", language="en", craft=CraftFactory(slug="leather"))
    assert products_for("حمراء") == {"الزربية الحمراء"}
    assert products_for("الحمراء") == {"الزربية الحمراء"}


@pytest.mark.parametrize("q", ["carpet", "carpets", "rug", "Rugs", "alfombra", "alfombras", "tapis"])
def test_a_craft_word_in_any_language_finds_the_carpets_of_every_language(carpets, q):
    assert products_for(q) == ALL_CARPETS


def test_a_synonym_combines_with_the_other_words(carpets):
    assert products_for("rug wool") == {"Hand-knotted rug"}
    assert products_for("carpet laine") == {"Tapis berbère"}
    assert products_for("the rugs") == ALL_CARPETS  # a stop word does not get in the way
    assert products_for("leather wallet") == {"Leather wallet"}


def test_websearch_syntax_is_taken_as_written(carpets):
    assert products_for("rug -wool") == set()
    assert products_for('"hand knotted rug"') == {"Hand-knotted rug"}
    assert products_for("rug or wallet") == {"Hand-knotted rug", "Leather wallet"}


def test_artisans_are_found_by_a_synonym_of_their_story():
    ArtisanProfileFactory(business_name="Taller Alba", story="Tejemos alfombras de lana.", language="es")
    ArtisanProfileFactory(business_name="Atelier Cuir", story="Maroquinerie.", language="fr")
    query = CatalogQuery.from_params(QueryDict("q=rug"), allow_prices=False)
    assert [a.business_name for a in search_artisans(query).items] == ["Taller Alba"]


def test_synonyms_are_marked_in_the_page(client, carpets):
    response = client.get(reverse("catalog:product-list"), {"q": "rug"})
    html = response.content.decode()
    assert "<mark>Alfombra</mark> de esparto" in html
    assert "<mark>زربية</mark> أمازيغية" in html
    assert "<mark>Tapis</mark> berbère" in html


def test_arabic_page_search_marks_the_word_with_its_article(client, carpets):
    response = client.get(reverse("catalog:product-list"), {"q": "زربيه"})
    html = response.content.decode()
    assert "<mark>زرابي</mark> الأطلس" in html
    assert "Leather wallet" not in html


def test_each_curated_craft_name_has_a_word_in_its_synonyms():
    for slug, *names in taxonomy.CRAFTS:
        if slug not in taxonomy.SYNONYMS:
            continue
        vocabulary = {search.fold(word) for group in taxonomy.SYNONYMS[slug] for word in group}
        for name in names:
            assert vocabulary & set(search.fold(name).split()), (slug, name)


def test_documents_built_before_the_rule_changed_are_rebuilt(carpets):
    # What migration 0009 does: the old documents go, the next search builds them by today's fold.
    Product.objects.update(search_vector=None)
    assert products_for("الزربية") == ALL_CARPETS


def count_queries(client, q: str) -> int:
    cache.clear()
    # The dearest case: this process has not stemmed the query yet (catalog.search keeps it after).
    search.forget_words()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("catalog:product-list"), {"q": q})
    assert response.status_code == 200
    return len(queries)


def test_a_synonym_search_costs_what_a_plain_one_does_whatever_the_results(client):
    craft = CraftFactory(slug="carpets")
    for n in range(3):
        ProductFactory(title=f"Alfombra {n}", language="es", craft=craft)
    client.get(reverse("catalog:product-list"))
    plain = count_queries(client, "alfombra")
    few = count_queries(client, "rug")
    for n in range(40):
        ProductFactory(title=f"زربية {n}", language="ar", craft=craft, indexed=False)
    search.refresh_documents()
    client.get(reverse("catalog:product-list"))
    assert count_queries(client, "rug") == few == plain
