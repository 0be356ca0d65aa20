"""Catalog reads: who sees what, filters, facets, full-text search.

Every public read of artisans and products goes through `visible_artisans()` and
`visible_products()`: only approved artisans and their published products exist for the public,
whatever the page (lists, search, facets, counts, detail pages).

Programs will narrow the catalog to the artisans of a program a buyer joined: pass their
queryset as `within=` to `visible_artisans` / `visible_products` (and so to the searches, through
`CatalogQuery.within`). That is the only seam they need.
"""

from __future__ import annotations

import hashlib
import math
import uuid
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation
from typing import Any
from urllib.parse import urlencode

from django.contrib.postgres.expressions import ArraySubquery
from django.contrib.postgres.search import SearchRank
from django.core.cache import cache
from django.db import connection
from django.db.models import (
    BooleanField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
)
from django.http import Http404, QueryDict
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from artisans.models import ArtisanProfile, WorkshopPhoto
from catalog import search
from catalog.models import Craft, Product, ProductPhoto

PAGE_SIZE = 24
MAX_PAGE = 400
LEAD_TIME_CHOICES = [(14, _("2 weeks")), (28, _("4 weeks")), (42, _("6 weeks")), (56, _("8 weeks")), (84, _("12 weeks"))]


# --- Who sees what ----------------------------------------------------------------------------
def can_see_wholesale(user: Any) -> bool:
    """Wholesale terms are for staff and verified buyers only. Cached on the user object."""
    if not getattr(user, "is_authenticated", False):
        return False
    cached = getattr(user, "_can_see_wholesale", None)
    if cached is None:
        if user.is_staff:
            cached = True
        elif user.is_buyer:
            from buyers.models import BuyerProfile

            cached = BuyerProfile.objects.filter(user=user, is_verified=True).exists()
        else:
            cached = False
        user._can_see_wholesale = cached
    return cached


def visible_artisans(*, within: QuerySet[ArtisanProfile] | None = None) -> QuerySet[ArtisanProfile]:
    artisans = ArtisanProfile.objects.filter(status=ArtisanProfile.Status.APPROVED)
    if within is not None:
        artisans = artisans.filter(pk__in=within.values("pk"))
    return artisans


def visible_products(*, within: QuerySet[ArtisanProfile] | None = None) -> QuerySet[Product]:
    products = Product.objects.filter(
        status=Product.Status.PUBLISHED, artisan__status=ArtisanProfile.Status.APPROVED
    )
    if within is not None:
        products = products.filter(artisan__in=within.values("pk"))
    return products


def _may_preview(user: Any, artisan: ArtisanProfile) -> bool:
    # The owner and staff may open an unapproved page (to preview it); it is never listed.
    return getattr(user, "is_authenticated", False) and (user.is_staff or artisan.user_id == user.pk)


def scoped(query: CatalogQuery, viewer: Any) -> CatalogQuery:
    """Narrow a query to what the viewer may see, and to the program they chose, if any.

    Programs decide visibility beyond approval (see programs.selectors.catalog_scope). The
    program's memberships are part of the data the catalog version tracks only through
    artisans; a membership change takes effect at once because the scope key names them.
    """
    from programs.selectors import catalog_scope, program_artisans, programs_to_filter_by

    within, key = catalog_scope(viewer)
    if query.program:
        program = next((p for p in programs_to_filter_by(viewer) if p.slug == query.program), None)
        if program is None:
            return replace(query, program="", within=within, within_key=key)
        chosen = program_artisans(program)
        within = chosen if within is None else within.filter(pk__in=chosen.values("pk"))
        key = f"{key}|program:{program.pk}"
    return replace(query, within=within, within_key=key)


def _in_scope(artisan: ArtisanProfile, viewer: Any) -> bool:
    from programs.selectors import catalog_scope

    within, _key = catalog_scope(viewer)
    return within is None or within.filter(pk=artisan.pk).exists()


def artisan_for_page(slug: str, *, viewer: Any) -> ArtisanProfile:
    artisan = (
        ArtisanProfile.objects.filter(slug=slug)
        .prefetch_related("crafts", Prefetch("photos", queryset=WorkshopPhoto.objects.order_by("position", "id")))
        .first()
    )
    if artisan is None:
        raise Http404
    if not _may_preview(viewer, artisan) and not (artisan.is_approved and _in_scope(artisan, viewer)):
        raise Http404
    return artisan


def products_of(artisan: ArtisanProfile, *, viewer: Any, limit: int = 60) -> list[Product]:
    products = Product.objects.filter(artisan=artisan, status=Product.Status.PUBLISHED)
    return list(
        products.select_related("artisan", "craft")
        .prefetch_related(Prefetch("photos", queryset=ProductPhoto.objects.order_by("position", "id")))
        .order_by("-created_at", "-id")[:limit]
    )


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
    if product is None:
        raise Http404
    public = product.status == Product.Status.PUBLISHED and product.artisan.is_approved
    if not _may_preview(viewer, product.artisan) and not (public and _in_scope(product.artisan, viewer)):
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
    exported: bool = False
    sort: str = "relevance"
    page: int = 1
    program: str = ""
    # The artisans this viewer may see (None: every approved artisan), and a name for that
    # scope that caches can key on; set by `scoped()` from the viewer and the program filter.
    within: QuerySet[ArtisanProfile] | None = field(default=None, compare=False, repr=False)
    within_key: str = field(default="", compare=False, repr=False)

    @classmethod
    def from_params(cls, params: QueryDict, *, allow_prices: bool) -> CatalogQuery:
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
            exported=params.get("exported") in {"1", "on", "true", "yes"},
            program=(params.get("program") or "").strip()[:50],
            sort=sort,
            page=_int(params.get("page"), low=1, high=MAX_PAGE) or 1,
        )

    @property
    def terms(self) -> str:
        return search.search_terms(self.q)

    def params(self) -> list[tuple[str, str]]:
        pairs: list[tuple[str, str]] = []
        if self.q:
            pairs.append(("q", self.q))
        pairs += [("craft", c) for c in self.crafts]
        pairs += [("country", c) for c in self.countries]
        if self.region:
            pairs.append(("region", self.region))
        pairs += [("material", m) for m in self.materials]
        pairs += [("certification", c) for c in self.certifications]
        for name, value in (("price_min", self.price_min), ("price_max", self.price_max),
                            ("moq", self.max_moq), ("lead", self.max_lead_days)):
            if value is not None:
                pairs.append((name, str(value)))
        if self.exported:
            pairs.append(("exported", "1"))
        if self.program:
            pairs.append(("program", self.program))
        if self.sort != "relevance":
            pairs.append(("sort", self.sort))
        if self.page > 1:
            pairs.append(("page", str(self.page)))
        return pairs

    def querystring(self, **changes: Any) -> str:
        """The URL query of this state with some fields changed; a filter change goes back to page 1."""
        changes.setdefault("page", 1)
        return urlencode(replace(self, **changes).params())

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
            ("exported", self.exported),
        ):
            if active:
                names.append(name)
        return names


@dataclass
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
    facets: dict[str, list[FacetOption]]
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
def _craft_ids(query: CatalogQuery, crafts: list[Craft]) -> list[int]:
    return [c.pk for c in crafts if c.slug in query.crafts]


def _product_conditions(query: CatalogQuery, crafts: list[Craft]) -> dict[str, Q]:
    """One condition per active filter of the product list, named like the facet it narrows."""
    conditions: dict[str, Q] = {}
    if query.crafts:
        conditions["craft"] = Q(craft_id__in=_craft_ids(query, crafts))
    if query.countries:
        conditions["country"] = Q(artisan__country__in=query.countries)
    if query.region:
        conditions["region"] = Q(artisan__region__iexact=query.region)
    if query.materials:
        conditions["material"] = Q(materials__overlap=list(query.materials))
    if query.certifications:
        conditions["certification"] = Q(artisan__certifications__overlap=list(query.certifications))
    if query.price_min is not None or query.price_max is not None:
        price = Q()
        if query.price_min is not None:
            price &= Q(wholesale_price_usd__gte=query.price_min)
        if query.price_max is not None:
            price &= Q(wholesale_price_usd__lte=query.price_max)
        conditions["price"] = price
    if query.max_moq is not None:
        conditions["moq"] = Q(min_order_qty__lte=query.max_moq)
    if query.max_lead_days is not None:
        conditions["lead"] = Q(lead_time_days__lte=query.max_lead_days)
    if query.exported:
        conditions["exported"] = Q(artisan__exported_before=True)
    return conditions


def _artisan_conditions(query: CatalogQuery, crafts: list[Craft]) -> dict[str, Q]:
    """The same filters for the artisan list: product terms mean 'has a visible product that...'."""
    conditions: dict[str, Q] = {}
    product_conditions = _product_conditions(query, crafts)
    if query.crafts:
        ids = _craft_ids(query, crafts)
        declared = ArtisanProfile.crafts.through.objects.filter(artisanprofile_id=OuterRef("pk"), craft_id__in=ids)
        conditions["craft"] = Q(Exists(declared))
    if query.countries:
        conditions["country"] = Q(country__in=query.countries)
    if query.region:
        conditions["region"] = Q(region__iexact=query.region)
    if query.certifications:
        conditions["certification"] = Q(certifications__overlap=list(query.certifications))
    if query.exported:
        conditions["exported"] = Q(exported_before=True)
    # One product must meet every product term at once (not one product each).
    terms = [product_conditions[name] for name in ("material", "price", "moq", "lead") if name in product_conditions]
    if terms:
        conditions["product"] = Q(Exists(visible_products().filter(*terms, artisan_id=OuterRef("pk"))))
    return conditions


FACET_CACHE_SECONDS = 600


def catalog_version() -> int:
    """A number that changes with every write to products, artisans or their crafts (a trigger)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT last_value + CASE WHEN is_called THEN 1 ELSE 0 END FROM catalog_version_seq")
        return cursor.fetchone()[0]


def _cached_facet_counts(
    kind: str, query: CatalogQuery, base: QuerySet, conditions: dict[str, Q], dimensions: dict[str, tuple[Any, bool]]
) -> tuple[int, dict[str, dict[str, int]]]:
    """Exact counts, cached until the catalog changes: the key holds the catalog's version.

    Counting every match of a broad query reads the whole catalog (about 200 ms at 100,000
    products on two cores); the page's items are never cached, only these counts.
    """
    if query.within is not None and not query.within_key:
        return _facet_counts(base, conditions, dimensions)
    state = urlencode(replace(query, page=1, sort="relevance").params())
    digest = hashlib.sha256(f"{kind}|{query.within_key}|{state}".encode()).hexdigest()[:32]
    key = f"catalog:facets:{catalog_version()}:{digest}"
    cached = cache.get(key)
    if cached is None:
        cached = _facet_counts(base, conditions, dimensions)
        cache.set(key, cached, FACET_CACHE_SECONDS)
    return cached


def _facet_counts(
    base: QuerySet, conditions: dict[str, Q], dimensions: dict[str, tuple[Any, bool]]
) -> tuple[int, dict[str, dict[str, int]]]:
    """The total and every facet's counts in one SQL statement over one scan of the matches.

    Each facet counts the rows that pass every active filter except its own, so a buyer sees how
    many results each other choice would give. Dimensions marked as arrays are unnested.
    """
    annotations: dict[str, Any] = {f"k_{name}": expression for name, (expression, _) in dimensions.items()}
    flags = {
        f"f_{name}": ExpressionWrapper(condition, output_field=BooleanField())
        for name, condition in conditions.items()
    }
    inner = base.order_by().annotate(**annotations, **flags).values(*annotations, *flags)
    inner_sql, params = inner.query.sql_with_params()
    selects = []
    for name, (_expression, is_array) in dimensions.items():
        # ::boolean because a filter that can match nothing (an unknown craft) compiles to 0.
        where = " AND ".join(f"f_{other}::boolean" for other in conditions if other != name) or "TRUE"
        if is_array:
            selects.append(
                f"SELECT '{name}', v::text, count(*) FROM base, unnest(k_{name}) AS v WHERE {where} GROUP BY v"  # noqa: S608
            )
        else:
            selects.append(f"SELECT '{name}', k_{name}::text, count(*) FROM base WHERE {where} GROUP BY k_{name}")  # noqa: S608
    every = " AND ".join(f"f_{name}::boolean" for name in conditions) or "TRUE"
    selects.append(f"SELECT '_total', '', count(*) FROM base WHERE {every}")  # noqa: S608
    # Only constant facet names are interpolated; every value is a parameter of the inner query.
    sql = f"WITH base AS MATERIALIZED ({inner_sql}) " + " UNION ALL ".join(selects)  # noqa: S608
    counts: dict[str, dict[str, int]] = {name: {} for name in dimensions}
    total = 0
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for name, value, count in cursor.fetchall():
            if name == "_total":
                total = count
            elif value is not None and value != "":
                counts[name][value] = count
    return total, counts


def _facet_options(
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
        facets["country"] = sorted(
            (
                FacetOption(code, str(countries.name(code)), n, code in query.countries, query.toggled("countries", code))
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


def _ordered(qs: QuerySet, query: CatalogQuery, *, rank: Any | None, sorts: dict[str, tuple[str, ...]]) -> QuerySet:
    if query.sort == "relevance" and rank is not None:
        return qs.annotate(rank=rank).order_by("-rank", "-id")
    if query.sort in sorts:
        return qs.order_by(*sorts[query.sort])
    return qs.order_by(*sorts["relevance"]) if "relevance" in sorts else qs.order_by(*sorts["newest"])


PRODUCT_SORTS = {
    "newest": ("-created_at", "-id"),
    "price": ("wholesale_price_usd", "id"),
    "moq": ("min_order_qty", "id"),
    "lead": ("lead_time_days", "id"),
}
# Artisans have no single price or minimum order to sort by (and min_order_value is a wholesale term).
ARTISAN_SORTS = {
    "relevance": ("business_name", "id"),
    "newest": ("-created_at", "-id"),
    "lead": (F("lead_time_days").asc(nulls_last=True), "id"),
}


def all_crafts() -> list[Craft]:
    return list(Craft.objects.all())


RANKED_CACHE_SIZE = 240


def _page_items(kind: str, query: CatalogQuery, qs: QuerySet, page: int, *, ranked: bool) -> list[Any]:
    """One page of rows. Ranked searches keep their first ids in the cache until the catalog changes.

    Ranking reads the search document of every match: a word common to thousands of products costs
    tens of milliseconds each time, while the order only changes when the catalog does.
    """
    offset = (page - 1) * PAGE_SIZE
    if not ranked or (query.within is not None and not query.within_key) or offset + PAGE_SIZE > RANKED_CACHE_SIZE:
        return list(qs[offset : offset + PAGE_SIZE])
    state = urlencode(replace(query, page=1).params())
    digest = hashlib.sha256(f"{kind}|{query.within_key}|{state}".encode()).hexdigest()[:32]
    key = f"catalog:ranked:{catalog_version()}:{digest}"
    ids = cache.get(key)
    if ids is None:
        ids = list(qs.values_list("id", flat=True)[:RANKED_CACHE_SIZE])
        cache.set(key, ids, FACET_CACHE_SECONDS)
    wanted = ids[offset : offset + PAGE_SIZE]
    rows = {row.pk: row for row in qs.model.objects.filter(pk__in=wanted).select_related(
        *qs.query.select_related or ()).prefetch_related(*qs._prefetch_related_lookups)}
    return [rows[pk] for pk in wanted if pk in rows]


def search_products(query: CatalogQuery) -> CatalogPage:
    """One page of visible products for the query, with the total and the facets."""
    crafts = all_crafts()
    terms = query.terms
    base = visible_products(within=query.within)
    rank = None
    if terms:
        tsquery = search.tsquery(terms)
        base = base.filter(search_vector=tsquery)
        rank = SearchRank(F("search_vector"), tsquery)
    conditions = _product_conditions(query, crafts)
    total, counts = _cached_facet_counts(
        "products",
        query,
        base,
        conditions,
        {
            "craft": (F("craft_id"), False),
            "country": (F("artisan__country"), False),
            "material": (F("materials"), True),
            "certification": (F("artisan__certifications"), True),
            "exported": (F("artisan__exported_before"), False),
        },
    )
    page = min(query.page, max(1, math.ceil(total / PAGE_SIZE)))
    items: list[Product] = []
    if total:
        qs = _ordered(base.filter(*conditions.values()), query, rank=rank, sorts=PRODUCT_SORTS)
        qs = qs.select_related("artisan", "craft").prefetch_related(
            Prefetch("photos", queryset=ProductPhoto.objects.order_by("position", "id"))
        )
        items = _page_items("products", query, qs, page, ranked=rank is not None and query.sort == "relevance")
    matched = search.matched_words(terms, [t for p in items for t in (p.title, p.description)])
    return CatalogPage(items, total, page, PAGE_SIZE, _facet_options(query, counts, crafts), matched, crafts)


def search_artisans(query: CatalogQuery) -> CatalogPage:
    """One page of visible artisans: a match on their own texts or on one of their visible products."""
    crafts = all_crafts()
    terms = query.terms
    base = visible_artisans(within=query.within)
    rank = None
    if terms:
        tsquery = search.tsquery(terms)
        # A hashed subplan: one index scan of the matching products, not one probe per artisan.
        by_product = visible_products().filter(search_vector=tsquery).values("artisan_id")
        base = base.filter(Q(search_vector=tsquery) | Q(pk__in=by_product))
        # A match in the artisan's own name or story ranks first; a product match alone still shows.
        rank = SearchRank(F("search_vector"), tsquery)
    conditions = _artisan_conditions(query, crafts)
    declared = ArtisanProfile.crafts.through.objects.filter(artisanprofile_id=OuterRef("pk")).values("craft_id")
    total, counts = _cached_facet_counts(
        "artisans",
        query,
        base,
        conditions,
        {
            "craft": (ArraySubquery(declared), True),
            "country": (F("country"), False),
            "certification": (F("certifications"), True),
            "exported": (F("exported_before"), False),
        },
    )
    page = min(query.page, max(1, math.ceil(total / PAGE_SIZE)))
    items: list[ArtisanProfile] = []
    if total:
        qs = _ordered(base.filter(*conditions.values()), query, rank=rank, sorts=ARTISAN_SORTS)
        qs = qs.prefetch_related(
            "crafts", Prefetch("photos", queryset=WorkshopPhoto.objects.order_by("position", "id"))
        )
        items = _page_items("artisans", query, qs, page, ranked=rank is not None and query.sort == "relevance")
    matched = search.matched_words(terms, [t for a in items for t in (a.business_name, a.story)])
    return CatalogPage(items, total, page, PAGE_SIZE, _facet_options(query, counts, crafts), matched, crafts)

