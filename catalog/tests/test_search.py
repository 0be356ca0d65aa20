"""Full-text search: each language, accents either way, Arabic, ranking, highlighting."""

from __future__ import annotations

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from catalog import search
from catalog.selectors import CatalogQuery, search_artisans, search_products
from catalog.tests.factories import ArtisanProfileFactory, CraftFactory, ProductFactory

pytestmark = pytest.mark.django_db


def products_for(q: str) -> list[str]:
    query = CatalogQuery.from_params(QueryDict(f"q={q}"), allow_prices=False)
    return [p.title for p in search_products(query).items]


@pytest.fixture
def texts():
    # Craft names (in four languages) are searchable too: only the first product is "ceramics".
    ProductFactory(title="Poterie de Safi", description="Bol émaillé à la main.", language="fr")
    ProductFactory(title="Cuenco de cerámica", description="Pintado a mano en Sevilla.", language="es",
                   craft=CraftFactory(slug="glass"))
    ProductFactory(title="Stoneware pottery jug", description="Thrown on the wheel.", language="en",
                   craft=CraftFactory(slug="stone"))
    ProductFactory(title="زربية أمازيغية", description="صوف طبيعي منسوج يدويا", language="ar",
                   craft=CraftFactory(slug="carpets"))
    ProductFactory(title="Leather wallet", description="Vegetable tanned.", language="en",
                   craft=CraftFactory(slug="leather"))


def test_fold_drops_accents_and_case():
    assert search.fold("Cerámica ÉMAILLÉE") == "ceramica emaillee"
    assert search.fold("poterie") == "poterie"


@pytest.mark.parametrize("q", ["poterie", "Poterie", "potérie", "poteries"])
def test_french_query_finds_poterie_with_or_without_accents(texts, q):
    # And the English pottery: "pottery" is a synonym of "poterie" (catalog.taxonomy.SYNONYMS).
    assert products_for(q) == ["Poterie de Safi", "Stoneware pottery jug"]


@pytest.mark.parametrize("q", ["ceramica", "cerámica", "CERAMICA"])
def test_spanish_query_finds_ceramica_typed_without_accent(texts, q):
    # The title match and the French pottery through its craft's names ("Cerámica y alfarería",
    # "Ceramics", "Céramique": synonyms), which rank it first.
    assert products_for(q) == ["Poterie de Safi", "Cuenco de cerámica"]


def test_accented_query_finds_accented_word_in_description(texts):
    assert products_for("emaille") == ["Poterie de Safi"]
    assert products_for("émaillé") == ["Poterie de Safi"]


def test_english_query_finds_english_text_by_stem(texts):
    # The French pottery matches by its title's synonym "poterie" and its craft's names.
    assert products_for("pottery") == ["Poterie de Safi", "Stoneware pottery jug"]
    assert products_for("jugs") == ["Stoneware pottery jug"]


def test_arabic_text_found_by_simple_configuration(texts):
    assert products_for("زربية") == ["زربية أمازيغية"]
    assert products_for("صوف") == ["زربية أمازيغية"]


def test_several_words_must_all_match(texts):
    assert products_for("leather wallet") == ["Leather wallet"]
    assert products_for("leather jug") == []


def test_query_without_words_is_no_search(texts):
    assert len(products_for("%21%3F%22")) == 5


def test_title_match_ranks_above_description_match():
    ProductFactory(title="Plain bowl", description="A lantern motif is painted inside.")
    ProductFactory(title="Copper lantern", description="Hammered by hand.")
    ProductFactory(title="Copper tray", description="Hammered by hand.")
    assert products_for("lantern") == ["Copper lantern", "Plain bowl"]


def test_craft_names_in_every_language_are_searchable():
    ProductFactory(title="Cuenco azul", language="es")  # craft: Ceramics and pottery
    ProductFactory(title="Copper tray", craft=CraftFactory(slug="metal"))
    assert products_for("ceramique") == ["Cuenco azul"]
    assert products_for("pottery") == ["Cuenco azul"]
    assert products_for("الخزف") == ["Cuenco azul"]


def test_artisan_search_matches_own_texts_or_a_product():
    by_story = ArtisanProfileFactory(business_name="Taller Moreno", story="Alfarería tradicional desde 1890.", language="es")
    by_product = ArtisanProfileFactory(business_name="Atelier Bleu", story="Nous travaillons le cuir.", language="fr")
    ProductFactory(artisan=by_product, title="Alfarería azul", language="es")
    ArtisanProfileFactory(business_name="Unrelated", story="Glass.")
    query = CatalogQuery.from_params(QueryDict("q=alfareria"), allow_prices=False)
    names = [a.business_name for a in search_artisans(query).items]
    assert names == [by_story.business_name, by_product.business_name]


def test_highlight_marks_original_accented_words_and_escapes_html(client):
    ProductFactory(title="Cerámica <script>alert(1)</script> azul", description="Cerámicas pintadas.", language="es")
    response = client.get(reverse("catalog:product-list"), {"q": "ceramica"})
    html = response.content.decode()
    assert "<mark>Cerámica</mark> &lt;script&gt;alert(1)&lt;/script&gt; azul" in html
    assert "<mark>Cerámicas</mark> pintadas." in html
    assert "<script>alert(1)</script>" not in html


def test_query_is_escaped_in_the_page(client):
    ProductFactory(title="Bowl")
    response = client.get(reverse("catalog:product-list"), {"q": '"><img src=x onerror=alert(1)>'})
    assert response.status_code == 200
    assert "<img src=x" not in response.content.decode()


def test_snippet_centres_on_the_first_match():
    text = " ".join(["palabra"] * 60 + ["Cerámica"] + ["fin"] * 60)
    result = search.snippet(text, frozenset({"ceramica"}))
    assert "<mark>Cerámica</mark>" in result
    assert result.startswith("… ") and result.endswith(" …")


def test_matched_words_uses_stems_in_every_configuration():
    words = search.matched_words("poterie", ["Les poteries de Safi", "Unrelated words"])
    assert "poteries" in words
    assert "unrelated" not in words


def test_matched_words_are_the_same_from_the_word_cache_and_when_it_overflows(monkeypatch):
    texts = ["Les poteries de Safi", "Cerámica pintada", "Unrelated words"]
    search.forget_words()
    first = search.matched_words("poterie cerámica", texts)
    assert first == {"poteries", "ceramica"}
    with CaptureQueriesContext(connection) as queries:
        again = search.matched_words("poterie cerámica", texts)
    assert again == first
    # The query and every word are known now: nothing to ask PostgreSQL.
    assert len(queries) == 0
    # A new word alone is stemmed, the query's lexemes are kept.
    with CaptureQueriesContext(connection) as queries:
        assert search.matched_words("poterie cerámica", [*texts, "Poteries anciennes"]) == {"poteries", "ceramica"}
    assert len(queries) == 1 and "'anciennes'" in queries[0]["sql"] and "SELECT NULL" not in queries[0]["sql"]
    # Another query is stemmed, its words known.
    with CaptureQueriesContext(connection) as queries:
        assert search.matched_words("safi", texts) == {"safi"}
    assert len(queries) == 1 and "SELECT NULL" in queries[0]["sql"] and "unnest" not in queries[0]["sql"]
    monkeypatch.setattr(search, "_LEXEMES_LIMIT", 3)
    assert search.matched_words("poterie cerámica", [*texts, "Poterie neuve"]) == {"poteries", "ceramica", "poterie"}
    assert len(search._LEXEMES) <= 6


def test_highlight_and_snippet_escape_everything_but_their_marks():
    text = "<script>alert('x')</script> & \"Cerámica\" <b>poterie</b>"
    marked = search.highlight(text, frozenset({"ceramica", "poterie"}))
    assert marked == (
        "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &quot;<mark>Cerámica</mark>&quot; "
        "&lt;b&gt;<mark>poterie</mark>&lt;/b&gt;"
    )
    long_text = "<i>" + " ".join(["mot"] * 50) + " Cerámica " + " ".join(["fin"] * 50) + "</i>"
    cut = search.snippet(long_text, frozenset({"ceramica"}))
    assert "<mark>Cerámica</mark>" in cut and "<i>" not in cut and "<" not in cut.replace("<mark>", "").replace("</mark>", "")
