"""Catalog reads: who sees what, filters, facets, full-text search.

Who sees what is catalog.visibility's rule, whatever the page (lists, search, facets, counts,
detail pages). Single reads ask it; lists, facets and counts run over the in-memory index
(catalog.index), whose SQL it writes, and text matches are looked up in the index, so a match
never widens it. Programs narrow the catalog to what a viewer may see and to a chosen program:
`scoped()` sets `CatalogQuery.within` from visibility.scope.
"""

from __future__ import annotations

import functools
import math
import threading
import uuid
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal, InvalidOperation
from typing import Any
from urllib.parse import urlencode

import numpy as np
from django.contrib.postgres.search import SearchRank
from django.db import connection
from django.db.models import (
    F,
    Prefetch,
    QuerySet,
)
from django.db.models.expressions import RawSQL
from django.http import Http404, QueryDict
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from artisans.models import ArtisanProfile, WorkshopPhoto
from catalog import index, search, visibility
from catalog.models import Craft, ExchangeRate, Product, ProductPhoto
from catalog.rows import (
    CRAFT_NAMES,
    ArtisanRow,
    ProductRow,
    artisans_by_id,
    products_by_id,
    published_products_of,
)
from common import statements
from common.statements import Statement

PAGE_SIZE = 24
MAX_PAGE = 400
LEAD_TIME_CHOICES = [(14, _("2 weeks")), (28, _("4 weeks")), (42, _("6 weeks")), (56, _("8 weeks")), (84, _("12 weeks"))]


# --- Who sees what: catalog.visibility holds the rule; these read pages with it ------------------
def scoped(query: CatalogQuery, viewer: Any, *, programs: Sequence[Any] = ()) -> CatalogQuery:
    """Narrow a query to what the viewer may see, and to the program they chose, if any.

    `programs` are those the viewer may narrow the catalog to (the view asks programs for them:
    the catalog sits below programs). The scope is read afresh for every page, so a membership
    change takes effect at once.
    """
    within = visibility.scope(viewer)
    if query.program:
        program = next((p for p in programs if p.slug == query.program), None)
        if program is None:
            return replace(query, program="", within=within)
        chosen = visibility.accepted_into(program)
        within = chosen if within is None else within.filter(pk__in=chosen.values("pk"))
    return replace(query, within=within)


# An artisan's page reads these: compiled once per process (common.statements).
_ARTISAN_BY_SLUG = Statement(lambda slug: ArtisanProfile.objects.filter(slug=slug).order_by()[:1], "slug")
_ARTISAN_CRAFTS = Statement(lambda artisan_id: Craft.objects.filter(artisans__id=artisan_id), "artisan_id")
_ARTISAN_PHOTOS = Statement(
    lambda artisan_id: WorkshopPhoto.objects.filter(artisan_id=artisan_id).order_by("position", "id"), "artisan_id"
)


def artisan_for_page(slug: str, *, viewer: Any) -> ArtisanProfile:
    found = _ARTISAN_BY_SLUG.models(ArtisanProfile, slug=slug)
    if not found or not visibility.can_open_artisan(found[0], viewer):
        raise Http404
    return found[0]


def crafts_of(artisan: ArtisanProfile) -> list[Craft]:
    return _ARTISAN_CRAFTS.models(Craft, artisan_id=artisan.pk)


def workshop_photos_of(artisan: ArtisanProfile) -> list[WorkshopPhoto]:
    return _ARTISAN_PHOTOS.models(WorkshopPhoto, artisan_id=artisan.pk)


def products_of(artisan: ArtisanProfile, *, viewer: Any, limit: int = 60) -> list[ProductRow]:
    return published_products_of(artisan.pk, limit=limit)


def product_for_page(public_id: str | uuid.UUID, *, viewer: Any) -> Product:
    try:
        public_id = uuid.UUID(str(public_id))
    except ValueError:
        raise Http404
    product = (
        Product.objects.filter(public_id=public_id)
        .select_related("artisan", "craft")
        .prefetch_related(Prefetch("photos", queryset=ProductPhoto.objects.order_by("position", "id")))
        .first()
    )
    if product is None or not visibility.can_open_product(product, viewer):
        raise Http404
    return product


# --- The query a buyer builds -----------------------------------------------------------------
SORTS = {
    "relevance": _("Relevance"),
    "newest": _("Newest"),
    "price": _("Price, lowest first"),
    "moq": _("Minimum order, smallest first"),
    "lead": _("Lead time, shortest first"),
}
PRICE_SORTS = {"price"}


def _int(value: str | None, *, low: int = 0, high: int = 1_000_000) -> int | None:
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    return number if low <= number <= high else None


def _decimal(value: str | None) -> Decimal | None:
    try:
        number = Decimal(str(value).strip())
    except (InvalidOperation, TypeError, ValueError):
        return None
    return number if number.is_finite() and 0 <= number < Decimal("1e9") else None


def _values(params: QueryDict, name: str, *, limit: int = 20) -> tuple[str, ...]:
    seen: list[str] = []
    for value in params.getlist(name)[:limit]:
        value = value.strip()[:80]
        if value and value not in seen:
            seen.append(value)
    return tuple(seen)


def _without_nul(params: QueryDict) -> QueryDict:
    # PostgreSQL refuses NUL in text, and a URL may carry one (%00): drop it like other bad input.
    clean = QueryDict(mutable=True)
    for key, values in params.lists():
        clean.setlist(key.replace("\x00", ""), [value.replace("\x00", "") for value in values])
    return clean


def _params(v: dict[str, Any]) -> list[tuple[str, str]]:
    """The URL query pairs of a CatalogQuery's fields (by name)."""
    pairs: list[tuple[str, str]] = []
    if v["q"]:
        pairs.append(("q", v["q"]))
    pairs += [("craft", c) for c in v["crafts"]]
    pairs += [("country", c) for c in v["countries"]]
    if v["region"]:
        pairs.append(("region", v["region"]))
    pairs += [("material", m) for m in v["materials"]]
    pairs += [("certification", c) for c in v["certifications"]]
    for name, field_name in (("price_min", "price_min"), ("price_max", "price_max"), ("moq", "max_moq"),
                             ("lead", "max_lead_days"), ("mov", "max_order_value")):
        if v[field_name] is not None:
            pairs.append((name, str(v[field_name])))
    if v["exported"]:
        pairs.append(("exported", "1"))
    if v["program"]:
        pairs.append(("program", v["program"]))
    if v["sort"] != "relevance":
        pairs.append(("sort", v["sort"]))
    if v["page"] > 1:
        pairs.append(("page", str(v["page"])))
    return pairs


@dataclass(frozen=True)
class CatalogQuery:
    """Filters, search and sort as they stand in the URL, parsed leniently (bad values are dropped)."""

    q: str = ""
    crafts: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    region: str = ""
    materials: tuple[str, ...] = ()
    certifications: tuple[str, ...] = ()
    price_min: Decimal | None = None
    price_max: Decimal | None = None
    max_moq: int | None = None
    max_lead_days: int | None = None
    # The artisan's minimum order value at most this many US dollars: a wholesale term.
    max_order_value: Decimal | None = None
    exported: bool = False
    sort: str = "relevance"
    page: int = 1
    program: str = ""
    # The artisans this viewer may see (None: every approved artisan); set by `scoped()` from
    # the viewer and the program filter.
    within: QuerySet[ArtisanProfile] | None = field(default=None, compare=False, repr=False)

    @classmethod
    def from_params(
        cls, params: QueryDict, *, allow_prices: bool, max_order_value: Decimal | None = None
    ) -> CatalogQuery:
        """`max_order_value` comes validated from catalog.forms.OrderValueFilterForm (its errors are shown)."""
        params = _without_nul(params)
        # Prices filter and sort only for those who may see them; otherwise they would leak by bisection.
        sort = params.get("sort", "relevance")
        if sort not in SORTS or (sort in PRICE_SORTS and not allow_prices):
            sort = "relevance"
        return cls(
            q=(params.get("q") or "").strip()[: search.MAX_QUERY_LENGTH],
            crafts=_values(params, "craft"),
            countries=tuple(c.upper() for c in _values(params, "country") if c.upper() in countries),
            region=(params.get("region") or "").strip()[:100],
            materials=tuple(m.lower() for m in _values(params, "material")),
            certifications=_values(params, "certification"),
            price_min=_decimal(params.get("price_min")) if allow_prices else None,
            price_max=_decimal(params.get("price_max")) if allow_prices else None,
            max_moq=_int(params.get("moq")),
            max_lead_days=_int(params.get("lead"), high=3650),
            max_order_value=max_order_value if allow_prices else None,
            exported=params.get("exported") in {"1", "on", "true", "yes"},
            program=(params.get("program") or "").strip()[:50],
            sort=sort,
            page=_int(params.get("page"), low=1, high=MAX_PAGE) or 1,
        )

    @property
    def terms(self) -> str:
        return search.search_terms(self.q)

    def params(self) -> list[tuple[str, str]]:
        return _params(vars(self))

    def querystring(self, **changes: Any) -> str:
        """The URL query of this state with some fields changed; a filter change goes back to page 1."""
        # Every facet option has a link: the changed fields are laid over this state's, not a new query.
        changes.setdefault("page", 1)
        return urlencode(_params({**vars(self), **changes}))

    def toggled(self, name: str, value: str) -> str:
        current: tuple[str, ...] = getattr(self, name)
        values = tuple(v for v in current if v != value) if value in current else (*current, value)
        return self.querystring(**{name: values})

    @property
    def is_filtered(self) -> bool:
        return bool(self.active_filters())

    def active_filters(self) -> list[str]:
        names = []
        for name, active in (
            ("q", bool(self.terms)), ("craft", bool(self.crafts)), ("country", bool(self.countries)),
            ("region", bool(self.region)), ("material", bool(self.materials)),
            ("certification", bool(self.certifications)),
            ("price", self.price_min is not None or self.price_max is not None),
            ("moq", self.max_moq is not None), ("lead", self.max_lead_days is not None),
            ("mov", self.max_order_value is not None), ("exported", self.exported),
        ):
            if active:
                names.append(name)
        return names


@dataclass(frozen=True)
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool
    url: str


@dataclass
class CatalogPage:
    items: list[Any]
    total: int
    page: int
    page_size: int
    facets: dict[str, tuple[FacetOption, ...]]
    matched: frozenset[str]
    crafts: list[Craft]

    @property
    def pages(self) -> int:
        return min(MAX_PAGE, max(1, math.ceil(self.total / self.page_size)))

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    @property
    def has_previous(self) -> bool:
        return self.page > 1


# --- Filters, facets, pages -------------------------------------------------------------------
# Filters, counts and sorts run over the in-memory index of the visible catalog (catalog.index);
# PostgreSQL answers the text search (ids and ranks) and reads the page's rows.
def _craft_ids(query: CatalogQuery, crafts: list[Craft]) -> np.ndarray:
    return np.array([c.pk for c in crafts if c.slug in query.crafts], dtype=np.int64)


def _cents_at_least(amount: Decimal) -> int:
    return int((amount * 100).to_integral_value(rounding=ROUND_CEILING))


def _cents_at_most(amount: Decimal) -> int:
    return int((amount * 100).to_integral_value(rounding=ROUND_FLOOR))


def _artisan_terms(query: CatalogQuery, crafts: list[Craft], artisans: index.Table) -> dict[str, np.ndarray]:
    """Row masks of the artisan table, one per active filter that is a fact about the artisan."""
    columns, lists = artisans.columns, artisans.lists
    masks: dict[str, np.ndarray] = {}
    if query.crafts:
        masks["craft"] = lists["crafts"].any_of(_craft_ids(query, crafts))
    if query.countries:
        masks["country"] = index.isin(columns["country"], index.COUNTRIES.known(query.countries))
    if query.region:
        masks["region"] = index.isin(columns["region"], index.REGIONS.known([query.region.casefold()]))
    if query.certifications:
        masks["certification"] = lists["certifications"].any_of(index.CERTIFICATIONS.known(query.certifications))
    if query.exported:
        masks["exported"] = columns["exported"].astype(bool)
    if query.max_order_value is not None:
        masks["mov"] = _order_value_at_most(query.max_order_value, artisans)
    return masks


def _order_value_at_most(amount: Decimal, artisans: index.Table) -> np.ndarray:
    """Artisans whose minimum order value is at most `amount` US dollars, at today's rates.

    Converted here rather than in the index, so a rate staff change applies at once. An artisan
    without a minimum order value passes; one in a currency without a rate does not.
    """
    rates = usd_per_unit()
    per_code = np.array([float(rates.get(code, 0)) for code in index.CURRENCIES.values] or [0.0])
    values, rate = artisans.columns["order_value"], per_code[artisans.columns["currency"]]
    in_usd_cents = np.round(values * rate)
    none = values == index.NO_ORDER_VALUE
    return none | ((rate > 0) & (in_usd_cents <= _cents_at_most(amount)))


def _product_terms(query: CatalogQuery, products: index.Table) -> dict[str, np.ndarray]:
    """Row masks of the product table, one per active filter that is a fact about the product."""
    columns = products.columns
    masks: dict[str, np.ndarray] = {}
    if query.materials:
        masks["material"] = products.lists["materials"].any_of(index.MATERIALS.known(query.materials))
    if query.price_min is not None or query.price_max is not None:
        price = np.ones(len(products), dtype=bool)
        if query.price_min is not None:
            price &= columns["price"] >= _cents_at_least(query.price_min)
        if query.price_max is not None:
            price &= columns["price"] <= _cents_at_most(query.price_max)
        masks["price"] = price
    if query.max_moq is not None:
        masks["moq"] = columns["moq"] <= query.max_moq
    if query.max_lead_days is not None:
        masks["lead"] = columns["lead"] <= query.max_lead_days
    return masks


def _all_but(conditions: dict[str, np.ndarray], base: np.ndarray, left_out: str | None) -> np.ndarray:
    mask = base.copy()
    for name, condition in conditions.items():
        if name != left_out:
            mask &= condition
    return mask


def _codes_to_counts(counts: np.ndarray, values: list[str] | None = None) -> dict[str, int]:
    return {
        (values[code] if values is not None else str(code)): int(n)
        for code, n in enumerate(counts.tolist()) if n
    }


def _product_facets(snap: index.Snapshot, conditions: dict[str, np.ndarray], base: np.ndarray) -> dict[str, dict[str, int]]:
    """Each facet counts the products passing every active filter except its own."""
    products, artisans, owner = snap.products, snap.artisans, snap.product_artisan
    counts: dict[str, dict[str, int]] = {}
    mask = _all_but(conditions, base, "craft")
    counts["craft"] = _codes_to_counts(np.bincount(products.columns["craft"][mask]))
    mask = _all_but(conditions, base, "country")
    counts["country"] = _codes_to_counts(np.bincount(artisans.columns["country"][owner[mask]]), index.COUNTRIES.values)
    mask = _all_but(conditions, base, "material")
    counts["material"] = _codes_to_counts(products.lists["materials"].count(mask), index.MATERIALS.values)
    mask = _all_but(conditions, base, "certification")
    per_artisan = np.bincount(owner[mask], minlength=len(artisans))
    counts["certification"] = _codes_to_counts(
        artisans.lists["certifications"].count(per_artisan), index.CERTIFICATIONS.values
    )
    mask = _all_but(conditions, base, "exported")
    counts["exported"] = {"true": int(np.count_nonzero(artisans.columns["exported"][owner[mask]]))}
    return counts


def _artisan_facets(snap: index.Snapshot, conditions: dict[str, np.ndarray], base: np.ndarray) -> dict[str, dict[str, int]]:
    artisans = snap.artisans
    counts: dict[str, dict[str, int]] = {}
    counts["craft"] = _codes_to_counts(artisans.lists["crafts"].count(_all_but(conditions, base, "craft")))
    mask = _all_but(conditions, base, "country")
    counts["country"] = _codes_to_counts(np.bincount(artisans.columns["country"][mask]), index.COUNTRIES.values)
    counts["certification"] = _codes_to_counts(
        artisans.lists["certifications"].count(_all_but(conditions, base, "certification")), index.CERTIFICATIONS.values
    )
    mask = _all_but(conditions, base, "exported")
    counts["exported"] = {"true": int(np.count_nonzero(artisans.columns["exported"][mask]))}
    return counts


# Facet options (each with its link) made once per query, counts, taxonomy and language in this
# process: their key is everything they are made of, so a changed count or craft is a new key.
FACET_OPTIONS_SIZE = 256
_facet_cache: OrderedDict[tuple[Any, ...], dict[str, tuple[FacetOption, ...]]] = OrderedDict()
_facet_lock = threading.Lock()


def _facet_options(
    query: CatalogQuery, counts: dict[str, dict[str, int]], crafts: list[Craft]
) -> dict[str, tuple[FacetOption, ...]]:
    key = (
        get_language(),
        query,
        tuple((name, tuple(by_value.items())) for name, by_value in counts.items()),
        tuple((c.pk, c.slug, c.name) for c in crafts),
    )
    with _facet_lock:
        found = _facet_cache.get(key)
        if found is not None:
            _facet_cache.move_to_end(key)
            return found
    made = {name: tuple(options) for name, options in _made_facet_options(query, counts, crafts).items()}
    with _facet_lock:
        _facet_cache[key] = made
        while len(_facet_cache) > FACET_OPTIONS_SIZE:
            _facet_cache.popitem(last=False)
    return made


def _made_facet_options(
    query: CatalogQuery, counts: dict[str, dict[str, int]], crafts: list[Craft]
) -> dict[str, list[FacetOption]]:
    facets: dict[str, list[FacetOption]] = {}
    if "craft" in counts:
        by_id = counts["craft"]
        facets["craft"] = [
            FacetOption(c.slug, c.name, by_id.get(str(c.pk), 0), c.slug in query.crafts, query.toggled("crafts", c.slug))
            for c in crafts
            if by_id.get(str(c.pk)) or c.slug in query.crafts
        ]
    if "country" in counts:
        language = get_language()
        facets["country"] = sorted(
            (
                FacetOption(code, country_name_in(code, language), n, code in query.countries, query.toggled("countries", code))
                for code, n in counts["country"].items()
            ),
            key=lambda o: o.label,
        )
    for name, attribute in (("material", "materials"), ("certification", "certifications")):
        if name in counts:
            options = sorted(counts[name].items(), key=lambda item: (-item[1], item[0]))[:20]
            chosen = getattr(query, attribute)
            listed = {value for value, _ in options}
            options += [(value, 0) for value in chosen if value not in listed]
            facets[name] = [
                FacetOption(value, value, n, value in chosen, query.toggled(attribute, value)) for value, n in options
            ]
    if "exported" in counts:
        n = counts["exported"].get("true", 0)
        facets["exported"] = [
            FacetOption("1", str(_("Has exported before")), n, query.exported, query.querystring(exported=not query.exported))
        ]
    return facets


def _page_rows(order: np.ndarray, mask: np.ndarray, page: int) -> np.ndarray:
    """The rows of one page: `order` lists every row in the page's sort."""
    offset = (page - 1) * PAGE_SIZE
    return order[mask[order]][offset : offset + PAGE_SIZE]


def _ranked_rows(mask: np.ndarray, rank: np.ndarray, ids: np.ndarray, page: int) -> np.ndarray:
    """The rows of one page of a search: best rank first, then newest (highest id) first."""
    rows = np.flatnonzero(mask)
    order = np.lexsort((-ids[rows], -rank[rows]))
    offset = (page - 1) * PAGE_SIZE
    return rows[order[offset : offset + PAGE_SIZE]]


# The taxonomy in its order (Craft.Meta.ordering), as one constant statement: no ORM compilation per page.
CRAFT_FIELDS = ["id", "slug", *CRAFT_NAMES, "position"]
CRAFTS_SQL = f"SELECT {', '.join(CRAFT_FIELDS)} FROM {Craft._meta.db_table} ORDER BY position, name_en"  # noqa: S608


@functools.cache
def country_name_in(code: str, language: str | None) -> str:
    """A country's name in a language, remembered per process: django-countries looks it up slowly."""
    return str(countries.name(code))


def sort_choices(keys: Sequence[str]) -> list[tuple[str, str]]:
    """The sorts offered, with their labels in the active language (translated once per process)."""
    return list(_sort_choices(tuple(keys), get_language()))


@functools.cache
def _sort_choices(keys: tuple[str, ...], language: str | None) -> tuple[tuple[str, str], ...]:
    return tuple((key, str(label)) for key, label in SORTS.items() if key in keys)


def all_crafts() -> list[Craft]:
    with connection.cursor() as cursor:
        statements.execute(cursor, CRAFTS_SQL)
        rows = cursor.fetchall()
    return [Craft.from_db(connection.alias, CRAFT_FIELDS, row) for row in rows]


def usd_per_unit() -> dict[str, Decimal]:
    """US dollars per unit of each currency, as staff set them (the products' USD prices use the same)."""
    return dict(ExchangeRate.objects.values_list("currency", "usd_per_unit"))


MATCH_CACHE_SIZE = 128
_matches: OrderedDict[tuple[str, str], tuple[int, np.ndarray, np.ndarray]] = OrderedDict()
_matches_lock = threading.Lock()


def _text_matches(kind: str, terms: str, snap: index.Snapshot) -> tuple[np.ndarray, np.ndarray]:
    """Ids matching the words, sorted, with their rank, from PostgreSQL's full-text index.

    Visibility is left to the index. Matches are kept per process and brought up to date from the
    change log: after a write only the written rows are searched again (a common word matches
    thousands of products, which costs PostgreSQL 20-100 ms). Matches that include the caller's
    own uncommitted writes are never kept. The caller has built the documents a write dropped
    (search.refresh_documents), so the search finds what was written.
    """
    key = (kind, terms)
    with _matches_lock:
        found = _matches.get(key)
    changes = index.changed_since(found[0], snap) if found is not None else None
    if changes is None or found is None:
        ids, ranks = _id_order(_match_statements(kind, terms)[0].rows())
    else:
        written = changes.products if kind == "products" else changes.artisans
        ids, ranks = found[1], found[2]
        if len(written):
            kept = ~np.isin(ids, written)
            fresh_ids, fresh_ranks = _id_order(_match_statements(kind, terms)[1].rows(ids=written.tolist()))
            ids, ranks = np.concatenate([ids[kept], fresh_ids]), np.concatenate([ranks[kept], fresh_ranks])
            order = np.argsort(ids, kind="stable")
            ids, ranks = ids[order], ranks[order]
    if snap.shared:
        with _matches_lock:
            _matches[key] = (snap.version, ids, ranks)
            _matches.move_to_end(key)
            while len(_matches) > MATCH_CACHE_SIZE:
                _matches.popitem(last=False)
    return ids, ranks


@functools.lru_cache(maxsize=MATCH_CACHE_SIZE)
def _match_statements(kind: str, terms: str) -> tuple[Statement, Statement]:
    """The match of every row, and of some rows (those a write changed), compiled once per query:
    a query with craft words is some hundred expressions for the ORM to build."""

    def matching() -> QuerySet[Any]:
        model = Product if kind == "products" else ArtisanProfile
        tsquery = search.tsquery(terms)
        # Unordered: the ids are sorted here (_id_order), as the index's rows are.
        return (
            model.objects.filter(search_vector=tsquery)
            .annotate(rank=SearchRank(F("search_vector"), tsquery))
            .order_by()
        )

    return (
        Statement(lambda: matching().values_list("id", "rank"), label=f"text_match_{kind}"),
        Statement(
            lambda ids: matching().filter(id__in=RawSQL("SELECT unnest(%s::bigint[])", [ids])).values_list("id", "rank"),
            "ids",
            label=f"text_match_{kind}_among",
        ),
    )


# The rows of the current table each query matches, with their rank: while the table stays the
# same (no write since), a repeated search skips placing thousands of ids in it. Kept for the
# current table of each kind only, so an old table is never held.
_rows: dict[str, tuple[index.Table, OrderedDict[str, tuple[np.ndarray, np.ndarray]]]] = {}


def _text_rows(kind: str, terms: str, snap: index.Snapshot) -> tuple[np.ndarray, np.ndarray]:
    """A mask of the snapshot's rows that match the words, and each row's rank (0 elsewhere);
    read-only arrays."""
    table = snap.products if kind == "products" else snap.artisans
    with _matches_lock:
        kept = _rows.get(kind)
        found = kept[1].get(terms) if kept is not None and kept[0] is table else None
    if found is not None:
        return found
    ids, ranks = _text_matches(kind, terms, snap)
    rows = table.rows_of(ids)
    rank = np.zeros(len(table))
    rank[rows] = ranks[np.isin(ids, table.id[rows])] if len(ids) else []
    rows.setflags(write=False)
    rank.setflags(write=False)
    if snap.shared:
        with _matches_lock:
            kept = _rows.get(kind)
            if kept is None or kept[0] is not table:
                kept = _rows[kind] = (table, OrderedDict())
            kept[1][terms] = (rows, rank)
            while len(kept[1]) > MATCH_CACHE_SIZE:
                kept[1].popitem(last=False)
    return rows, rank


def _id_order(rows: list[tuple[int, float]]) -> tuple[np.ndarray, np.ndarray]:
    rows.sort()  # by id, as the index's rows are
    return np.array([r[0] for r in rows], dtype=np.int64), np.array([r[1] for r in rows], dtype=np.float64)


def _scope_mask(query: CatalogQuery, artisans: index.Table) -> np.ndarray:
    if query.within is None:
        return np.ones(len(artisans), dtype=bool)
    return artisans.rows_of(np.array(list(query.within.values_list("pk", flat=True)), dtype=np.int64))


def search_products(query: CatalogQuery) -> CatalogPage:
    """One page of visible products for the query, with the total and the facets."""
    crafts = all_crafts()
    snap = index.current()
    products = snap.products
    owner = snap.product_artisan
    base = _scope_mask(query, snap.artisans)[owner]
    rank = None
    terms = query.terms
    if terms:
        search.refresh_documents()
        matched_rows, rank = _text_rows("products", terms, snap)
        base &= matched_rows
    # Facts about the artisan apply to each of their products; a product's craft is its own.
    conditions = {
        name: mask[owner] for name, mask in _artisan_terms(query, crafts, snap.artisans).items() if name != "craft"
    }
    if query.crafts:
        conditions["craft"] = index.isin(products.columns["craft"], _craft_ids(query, crafts))
    conditions.update(_product_terms(query, products))
    counts = _product_facets(snap, conditions, base)
    everything = _all_but(conditions, base, None)
    total = int(np.count_nonzero(everything))
    page = min(query.page, max(1, math.ceil(total / PAGE_SIZE)))
    items: list[ProductRow] = []
    if total:
        if rank is not None and query.sort == "relevance":
            page_rows = _ranked_rows(everything, rank, products.id, page)
        else:
            page_rows = _page_rows(snap.order("products", query.sort if query.sort in PRODUCT_SORTS else "newest"), everything, page)
        items = products_by_id(products.id[page_rows].tolist())
    matched = search.matched_words(terms, [t for p in items for t in (p.title, p.description)])
    return CatalogPage(items, total, page, PAGE_SIZE, _facet_options(query, counts, crafts), matched, crafts)


def search_artisans(query: CatalogQuery) -> CatalogPage:
    """One page of visible artisans: a match on their own texts or on one of their visible products."""
    crafts = all_crafts()
    snap = index.current()
    artisans = snap.artisans
    base = _scope_mask(query, artisans)
    rank = None
    terms = query.terms
    if terms:
        search.refresh_documents()
        # A match in the artisan's own name or story ranks first; a product match alone still shows.
        own, rank = _text_rows("artisans", terms, snap)
        product_rows, _product_rank = _text_rows("products", terms, snap)
        by_product = np.zeros(len(artisans), dtype=bool)
        by_product[snap.product_artisan[product_rows]] = True
        base &= own | by_product
    conditions = _artisan_terms(query, crafts, artisans)
    product_terms = _product_terms(query, snap.products)
    if product_terms:
        # One product must meet every product term at once (not one product each).
        meeting = _all_but(product_terms, np.ones(len(snap.products), dtype=bool), None)
        conditions["product"] = np.zeros(len(artisans), dtype=bool)
        conditions["product"][snap.product_artisan[meeting]] = True
    counts = _artisan_facets(snap, conditions, base)
    everything = _all_but(conditions, base, None)
    total = int(np.count_nonzero(everything))
    page = min(query.page, max(1, math.ceil(total / PAGE_SIZE)))
    items: list[ArtisanRow] = []
    if total:
        if rank is not None and query.sort == "relevance":
            page_rows = _ranked_rows(everything, rank, artisans.id, page)
        else:
            page_rows = _page_rows(snap.order("artisans", query.sort if query.sort in ARTISAN_SORTS else "relevance"), everything, page)
        items = artisans_by_id(artisans.id[page_rows].tolist(), crafts)
    matched = search.matched_words(terms, [t for a in items for t in (a.business_name, a.story)])
    return CatalogPage(items, total, page, PAGE_SIZE, _facet_options(query, counts, crafts), matched, crafts)


PRODUCT_SORTS = frozenset(index.SORT_KEYS["products"])
# Artisans have no single price or minimum order to sort by (and min_order_value is a wholesale term).
ARTISAN_SORTS = frozenset(index.SORT_KEYS["artisans"])
