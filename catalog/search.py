"""Full-text search documents, accent-insensitive without the unaccent extension.

Texts are folded in Python (NFKD, combining marks dropped, lower case) and the folded text is
indexed twice: with the stemming configuration of the text's language and with `simple`, so a
query in another language still matches the words as written. Queries are folded the same way
(one function, `fold`, also normalises Arabic spellings and drops the article). A query word of
the craft vocabulary (catalog.taxonomy.SYNONYMS) matches any of its synonyms in four languages.
"""

from __future__ import annotations

import functools
import html
import re
import unicodedata

from django.contrib.postgres.search import SearchQuery
from django.db import connection
from django.utils.safestring import SafeString, mark_safe

from catalog import taxonomy

# PostgreSQL text search configuration per language of a text; Arabic has no stemmer here.
CONFIGS = {"en": "english", "fr": "french", "es": "spanish", "ar": "simple", "de": "german", "it": "italian", "pt": "portuguese"}


# Arabic letters written in several ways: NFKD has already split the hamza and madda off the alef
# forms (أ إ آ -> ا) and dropped the diacritics with them; these are the forms it leaves alone.
_ARABIC_LETTERS = str.maketrans({"ة": "ه", "ى": "ي", "ٱ": "ا", "ی": "ي", "ک": "ك", "ـ": None})
_ARABIC_WORD = re.compile(r"[\u0620-\u064a\u066e-\u06d3\u06fa-\u06ff]+")
# The definite article, alone or after و, ف, ب, ك (ل + ال is written لل); longest first.
_ARABIC_ARTICLES = ("وال", "فال", "بال", "كال", "لل", "ال")
_ARABIC_MIN_STEM = 2


def _arabic_stem(match: re.Match[str]) -> str:
    word = match.group()
    for article in _ARABIC_ARTICLES:
        if word.startswith(article) and len(word) - len(article) >= _ARABIC_MIN_STEM:
            return word[len(article):]
    return word


def fold(text: str) -> str:
    """Text as both search documents and queries hold it: the one normalisation of either side.

    Lower case without accents ('Cerámica' -> 'ceramica'); Arabic without diacritics or tatweel,
    one alef, ta marbuta as ha and alef maqsura as ya, and each word without its definite article
    ('الزربية' and 'زربيه' -> 'زربيه'). Broken plurals are not stems of their singular: the craft
    vocabulary's are synonyms (catalog.taxonomy.SYNONYMS, expanded in the query).
    Changing this changes every document: a migration then drops them all (as catalog 0009 does),
    and the next search builds them again.
    """
    decomposed = unicodedata.normalize("NFKD", text or "")
    kept = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    folded = unicodedata.normalize("NFKC", kept).casefold()
    if not _ARABIC_WORD.search(folded):
        return folded
    return _ARABIC_WORD.sub(_arabic_stem, folded.translate(_ARABIC_LETTERS))


# Words repeat across pages and texts: fold each once per process.
_fold_word = functools.lru_cache(maxsize=50_000)(fold)


def config_for(language: str) -> str:
    return CONFIGS.get((language or "")[:2], "simple")


def document_expression(config: str, weighted: list[tuple[str, str]]) -> str:
    """SQL for a weighted document: each folded text indexed with `config` and with `simple`.

    `weighted` pairs an SQL expression (a placeholder or a column) with a weight letter; the bench
    builds every search vector in one UPDATE with the same expression, so both stay identical.
    """
    parts = []
    for expression, weight in weighted:
        parts.append(
            f"setweight(to_tsvector({config}::regconfig, coalesce({expression}, '')), '{weight}')"
            f" || setweight(to_tsvector('simple', coalesce({expression}, '')), '{weight}')"
        )
    return " || ".join(parts)


def product_tags(materials: list[str], techniques: list[str], colours: list[str], craft_names: list[str]) -> str:
    return " ".join([*materials, *techniques, *colours, *craft_names])


# The documents the database dropped because a text changed (migration 0007), with their texts;
# `xmin` names the row version read, so a document is stored only on the version it was built from.
_MISSING_PRODUCTS = """
SELECT p.id, p.xmin::text, p.language, p.title, p.description, p.materials, p.techniques, p.colours,
       ARRAY[c.name_en, c.name_fr, c.name_es, c.name_ar]
FROM catalog_product p JOIN catalog_craft c ON c.id = p.craft_id
WHERE p.search_vector IS NULL AND p.id > %s ORDER BY p.id LIMIT %s
"""
_MISSING_ARTISANS = """
SELECT a.id, a.xmin::text, a.language, a.business_name, a.story, a.city, a.region, a.country, a.certifications,
       ARRAY(SELECT concat_ws(' ', c.name_en, c.name_fr, c.name_es, c.name_ar)
             FROM artisans_artisanprofile_crafts ac JOIN catalog_craft c ON c.id = ac.craft_id
             WHERE ac.artisanprofile_id = a.id ORDER BY c.id)
FROM artisans_artisanprofile a
WHERE a.search_vector IS NULL AND a.id > %s ORDER BY a.id LIMIT %s
"""
_ANY_MISSING = """
SELECT EXISTS (SELECT FROM catalog_product WHERE search_vector IS NULL),
       EXISTS (SELECT FROM artisans_artisanprofile WHERE search_vector IS NULL)
"""
BATCH = 500


def _store_sql(table: str) -> str:
    # Only constant names are interpolated; every value goes as a parameter.
    expression = document_expression("d.config", [("d.a", "A"), ("d.b", "B"), ("d.c", "C")])
    return (
        f"UPDATE {table} AS t SET search_vector = {expression} "  # noqa: S608
        "FROM unnest(%s::bigint[], %s::text[], %s::text[], %s::text[], %s::text[], %s::text[]) "
        "AS d(id, version, config, a, b, c) "
        "WHERE t.id = d.id AND t.xmin::text = d.version AND t.search_vector IS NULL"
    )


def _country_names(code: str) -> str:
    from django.conf import settings
    from django.utils import translation
    from django_countries import countries

    if not code:
        return ""
    names = set()
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            names.add(str(countries.name(code)))
    return " ".join(sorted(names))


def _product_document(row) -> tuple:
    pk, version, language, title, description, materials, techniques, colours, craft_names = row
    tags = product_tags(materials or [], techniques or [], colours or [], [n for n in craft_names if n])
    return pk, version, config_for(language), fold(title), fold(tags), fold(description)


def _artisan_document(row) -> tuple:
    pk, version, language, name, story, city, region, country, certifications, crafts = row
    tags = f"{' '.join(crafts or [])} {city} {region} {_country_names(country)} {' '.join(certifications or [])}"
    return pk, version, config_for(language), fold(name), fold(tags), fold(story)


def refresh_documents() -> int:
    """Build the search documents the database dropped; returns how many were stored.

    Every text search calls this first, so a search right after a commit finds what it wrote,
    however the row was written (forms, admin, imports, `update()`, raw SQL). Usually there is
    nothing to build, which one query finds in two partial indexes. A document is stored only if
    its row is still the version it was built from: a write that came meanwhile dropped it again,
    and the next search builds it from the new texts.
    """
    stored = 0
    with connection.cursor() as cursor:
        cursor.execute(_ANY_MISSING)
        products, artisans = cursor.fetchone()
        for missing, select, table, build in (
            (products, _MISSING_PRODUCTS, "catalog_product", _product_document),
            (artisans, _MISSING_ARTISANS, "artisans_artisanprofile", _artisan_document),
        ):
            if not missing:
                continue
            after = 0
            while True:
                cursor.execute(select, [after, BATCH])
                rows = cursor.fetchall()
                if not rows:
                    break
                documents = [build(row) for row in rows]
                cursor.execute(_store_sql(table), [list(column) for column in zip(*documents, strict=True)])
                stored += cursor.rowcount
                after = rows[-1][0]
                if len(rows) < BATCH:
                    break
    return stored


# --- Query side -----------------------------------------------------------------------------
# A buyer may type in any of these languages whatever the language of the texts: the query is
# parsed by each configuration and the alternatives are ORed, so "poterie", "ceramica" and
# "pottery" each meet the document's own stemmed words, and any word at all meets `simple`.
QUERY_CONFIGS = ("english", "french", "spanish", "simple")
MAX_QUERY_LENGTH = 200
# Combining marks belong to their word (vocalised Arabic, decomposed accents).
_WORD_CHARS = r"(?:\w|[\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed])+"
_WORD = re.compile(_WORD_CHARS)


def search_terms(raw: str | None) -> str:
    """The folded query, or "" when it holds no word (a tsquery without lexemes matches nothing)."""
    folded = fold((raw or "")[:MAX_QUERY_LENGTH]).strip()
    return folded if _WORD.search(folded) else ""


@functools.cache
def _synonyms() -> dict[str, tuple[str, ...]]:
    """Each folded word of the craft vocabulary -> its group's folded words."""
    found: dict[str, tuple[str, ...]] = {}
    for group in taxonomy.synonym_groups():
        words = tuple(dict.fromkeys(fold(word) for word in group))
        for word in words:
            found[word] = words
    return found


# websearch syntax a buyer may use: a query with any of it is taken as written, never expanded.
_OPERATOR = re.compile(r'"|(?:^|\s)-|(?:^|\s)or(?:\s|$)')
_EDGE_PUNCTUATION = ",.;:!?¿¡،؛؟"


def split_synonyms(terms: str) -> tuple[list[str], list[tuple[str, ...]]]:
    """The query's words that are not craft vocabulary, and the groups of those that are."""
    if _OPERATOR.search(terms):
        return terms.split(), []
    vocabulary = _synonyms()
    rest: list[str] = []
    groups: list[tuple[str, ...]] = []
    for token in terms.split():
        group = vocabulary.get(token.strip(_EDGE_PUNCTUATION))
        if group is None:
            rest.append(token)
        elif group not in groups:
            groups.append(group)
    return rest, groups


def tsquery(terms: str) -> SearchQuery:
    """The query in each configuration, ORed; in each, a craft word matches any of its synonyms."""
    rest, groups = split_synonyms(terms)
    text = " ".join(rest) if _WORD.search(" ".join(rest)) else ""
    combined: SearchQuery | None = None
    for config in QUERY_CONFIGS:
        # A part PostgreSQL finds empty (only stop words) leaves the others to decide.
        part = SearchQuery(text, config=config, search_type="websearch") if text else None
        for group in groups:
            # Each synonym as written too (`simple`): a stemmer may cut another language's word
            # ("tapis" -> "tapi" in English) where the rest of the query needs this configuration.
            alternatives: SearchQuery | None = None
            for word in group:
                for word_config in dict.fromkeys((config, "simple")):
                    one = SearchQuery(word, config=word_config, search_type="plain")
                    alternatives = one if alternatives is None else alternatives | one
            assert alternatives is not None
            part = alternatives if part is None else part & alternatives
        assert part is not None
        combined = part if combined is None else combined | part
    assert combined is not None
    return combined


# Each folded word's lexemes in every query configuration, kept per process: a result page holds
# a few thousand words, and stemming them all in PostgreSQL for every page cost 8-14 ms. The
# query's own lexemes are kept likewise, per query.
_LEXEMES: dict[str, frozenset[str]] = {}
_LEXEMES_LIMIT = 200_000
_WANTED: dict[str, frozenset[str]] = {}
_WANTED_LIMIT = 10_000
_VECTOR = " || ".join(f"to_tsvector('{c}', {{0}})" for c in QUERY_CONFIGS)
# Only the constant configuration names are interpolated; the words go as parameters.
_TERMS_SQL = f"SELECT NULL, tsvector_to_array({_VECTOR.format('%(terms)s')})"  # noqa: S608
_WORDS_SQL = f"SELECT w, tsvector_to_array({_VECTOR.format('w')}) FROM unnest(%(words)s::text[]) AS w"  # noqa: S608


@functools.lru_cache(maxsize=4096)
def _folded_words(text: str) -> frozenset[str]:
    # A result page's texts come back page after page: their words are split and folded once.
    return frozenset(_fold_word(w) for w in _WORD.findall(text))


def forget_words() -> None:
    """Drop what this process keeps of stems and highlighted pages (tests)."""
    _LEXEMES.clear()
    _WANTED.clear()
    _matched_words.cache_clear()


def matched_words(terms: str, texts: list[str]) -> frozenset[str]:
    """Folded words of `texts` that meet a word of the query in any configuration, in at most one
    query (none when this process has stemmed the query and every word before).

    Highlighting happens in Python on the original text (accents kept): PostgreSQL's ts_headline
    would only see the folded text, since the accents are gone from the search documents.
    A page asked again (the same query over the same texts) is answered from this process's memory.
    """
    if not terms:
        return frozenset()
    return _matched_words(terms, tuple(texts))


@functools.lru_cache(maxsize=1024)
def _matched_words(terms: str, texts: tuple[str, ...]) -> frozenset[str]:
    words: set[str] = set()
    for text in texts:
        words |= _folded_words(text or "")
    if not words:
        return frozenset()
    unknown = sorted(w for w in words if w not in _LEXEMES)
    wanted = _WANTED.get(terms)
    parts = ([] if wanted is not None else [_TERMS_SQL]) + ([_WORDS_SQL] if unknown else [])
    known = {w: _LEXEMES[w] for w in words if w in _LEXEMES}
    if parts:
        # A synonym found the text as much as the word typed: it is marked too.
        expanded = " ".join([terms, *(word for group in split_synonyms(terms)[1] for word in group)])
        with connection.cursor() as cursor:
            cursor.execute(" UNION ALL ".join(parts), {"words": unknown, "terms": expanded})
            rows = cursor.fetchall()
        if len(_LEXEMES) + len(unknown) > _LEXEMES_LIMIT:
            _LEXEMES.clear()
        for word, lexemes in rows:
            if word is None:
                wanted = frozenset(lexemes)
                if len(_WANTED) >= _WANTED_LIMIT:
                    _WANTED.clear()
                _WANTED[terms] = wanted
            else:
                known[word] = _LEXEMES[word] = frozenset(lexemes)
    assert wanted is not None
    return frozenset(w for w in words if not wanted.isdisjoint(known[w]))


def _marked(tokens: list[str], matched: frozenset[str]) -> str:
    # Runs of unmatched text are escaped together (html.escape is what django's escape calls).
    if not matched:
        return html.escape("".join(tokens))
    out: list[str] = []
    plain: list[str] = []
    for token in tokens:
        # Only words are in `matched`: the text between words never is.
        if _fold_word(token) in matched:
            if plain:
                out.append(html.escape("".join(plain)))
                plain = []
            out.append(f"<mark>{html.escape(token)}</mark>")
        else:
            plain.append(token)
    if plain:
        out.append(html.escape("".join(plain)))
    return "".join(out)


def _tokens(text: str) -> list[str]:
    # Words and the text between them, so joining them gives the text back unchanged.
    return [t for t in re.split(f"({_WORD_CHARS})", text or "") if t]


def highlight(text: str, matched: frozenset[str]) -> SafeString:
    """The whole text, escaped, with the query's words wrapped in <mark>."""
    return mark_safe(_marked(_tokens(text), matched))  # noqa: S308 - every piece is escaped


def snippet(text: str, matched: frozenset[str], *, words: int = 32) -> SafeString:
    """About `words` words of the text around its first match, escaped and highlighted."""
    tokens = _tokens(text)
    # _tokens alternates words and the text between them.
    first_word = 0 if tokens and _WORD.match(tokens[0]) else 1
    word_positions = range(first_word, len(tokens), 2)
    if len(word_positions) <= words:
        return highlight(text, matched)
    first = next(
        (n for n, i in enumerate(word_positions) if _fold_word(tokens[i]) in matched), 0
    )
    start_word = max(0, min(first - words // 4, len(word_positions) - words))
    start = word_positions[start_word] if start_word else 0
    end_word = start_word + words
    end = word_positions[end_word] if end_word < len(word_positions) else len(tokens)
    body = _marked(tokens[start:end], matched).rstrip()
    prefix = "… " if start else ""
    suffix = " …" if end < len(tokens) else ""
    return mark_safe(f"{prefix}{body}{suffix}")  # noqa: S308 - every piece is escaped
