"""The in-memory catalog index: the same answers as SQL, kept current by the change log."""

from __future__ import annotations

import random
from decimal import Decimal

import numpy as np
import pytest
from django.db import connection, transaction
from django.db.models import Q
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext

from artisans.models import ArtisanProfile
from catalog import index, selectors
from catalog.models import CatalogChange, Craft, Product
from catalog.selectors import (
    CatalogQuery,
    search_artisans,
    search_products,
)
from catalog.tasks import prune_changes_task
from catalog.tests.factories import ArtisanProfileFactory, CraftFactory, ProductFactory
from catalog.visibility import visible_artisans, visible_products

CRAFTS = ["ceramics", "carpets", "leather"]
MATERIALS = ["clay", "wool", "glaze", "cotton", "leather"]
CERTIFICATIONS = ["Fair trade", "Organic", "EPV"]


def random_catalog(seed: int) -> None:
    rng = random.Random(seed)
    crafts = [CraftFactory(slug=slug) for slug in CRAFTS]
    statuses = [ArtisanProfile.Status.APPROVED] * 5 + [ArtisanProfile.Status.PENDING, ArtisanProfile.Status.REJECTED]
    for n in range(12):
        artisan = ArtisanProfileFactory(
            country=rng.choice(["ES", "MA", "FR"]), region=rng.choice(["Andalusia", "Fès-Meknès", "Occitanie"]),
            exported_before=rng.random() < 0.5, certifications=rng.sample(CERTIFICATIONS, rng.randint(0, 2)),
            crafts=rng.sample(crafts, rng.randint(1, 2)), status=statuses[n % len(statuses)], indexed=False,
        )
        for _ in range(rng.randint(0, 8)):
            ProductFactory(
                artisan=artisan, craft=rng.choice(crafts), title=rng.choice(["Clay bowl", "Wool rug", "Leather bag"]),
                materials=rng.sample(MATERIALS, rng.randint(0, 2)), currency="USD",
                # Half the prices sit on the filters' bounds, where >= and > differ.
                wholesale_price=rng.choice([Decimal(rng.randint(100, 30000)) / 100,
                                            Decimal(rng.choice(["10", "50.50", "99.99", "150"]))]),
                min_order_qty=rng.choice([1, 10, 24, 50, 100]),
                lead_time_days=rng.choice([14, 30, 42, 60]),
                status=rng.choice([Product.Status.PUBLISHED] * 4 + [Product.Status.DRAFT]),
            )


def random_params(rng: random.Random) -> str:
    options = [
        ("craft", lambda: rng.choice(CRAFTS)), ("country", lambda: rng.choice(["ES", "MA", "FR"])),
        ("region", lambda: rng.choice(["andalusia", "Fès-Meknès"])), ("material", lambda: rng.choice(MATERIALS)),
        ("certification", lambda: rng.choice(CERTIFICATIONS)), ("price_min", lambda: rng.choice(["10", "50.5"])),
        ("price_max", lambda: rng.choice(["99.99", "150"])), ("moq", lambda: rng.choice(["10", "50"])),
        ("lead", lambda: rng.choice(["14", "42"])), ("exported", lambda: "1"),
        ("sort", lambda: rng.choice(["newest", "price", "moq", "lead"])),
    ]
    return "&".join(f"{name}={value()}" for name, value in rng.sample(options, rng.randint(0, 4)))


# The oracle: the same filters written as plain ORM conditions, counted by PostgreSQL.
def product_conditions(query: CatalogQuery) -> dict[str, Q]:
    conditions = {}
    if query.crafts:
        conditions["craft"] = Q(craft__slug__in=query.crafts)
    if query.countries:
        conditions["country"] = Q(artisan__country__in=query.countries)
    if query.region:
        conditions["region"] = Q(artisan__region__iexact=query.region)
    if query.materials:
        conditions["material"] = Q(materials__overlap=list(query.materials))
    if query.certifications:
        conditions["certification"] = Q(artisan__certifications__overlap=list(query.certifications))
    price = Q()
    if query.price_min is not None:
        price &= Q(wholesale_price_usd__gte=query.price_min)
    if query.price_max is not None:
        price &= Q(wholesale_price_usd__lte=query.price_max)
    if price:
        conditions["price"] = price
    if query.max_moq is not None:
        conditions["moq"] = Q(min_order_qty__lte=query.max_moq)
    if query.max_lead_days is not None:
        conditions["lead"] = Q(lead_time_days__lte=query.max_lead_days)
    if query.exported:
        conditions["exported"] = Q(artisan__exported_before=True)
    return conditions


def nonzero(counts: dict[str, int]) -> dict[str, int]:
    return {value: n for value, n in counts.items() if n}


def oracle_count(conditions: dict[str, Q], left_out: str | None = None, **extra) -> int:
    chosen = [q for name, q in conditions.items() if name != left_out]
    return visible_products().filter(*chosen, **extra).count()


@pytest.mark.django_db
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_product_totals_facets_and_order_match_sql(seed):
    random_catalog(seed)
    rng = random.Random(seed)
    for _ in range(25):
        params = random_params(rng)
        query = CatalogQuery.from_params(QueryDict(params), allow_prices=True)
        page = search_products(query)
        conditions = product_conditions(query)
        assert page.total == oracle_count(conditions), params
        shown = {name: {o.value: o.count for o in options if o.count} for name, options in page.facets.items()}
        assert shown["craft"] == nonzero({c: oracle_count(conditions, "craft", craft__slug=c) for c in CRAFTS})
        assert shown["country"] == nonzero(
            {c: oracle_count(conditions, "country", artisan__country=c) for c in ("ES", "MA", "FR")})
        assert shown["material"] == nonzero(
            {m: oracle_count(conditions, "material", materials__contains=[m]) for m in MATERIALS})
        assert shown["certification"] == nonzero(
            {c: oracle_count(conditions, "certification", artisan__certifications__contains=[c]) for c in CERTIFICATIONS})
        assert shown["exported"] == nonzero({"1": oracle_count(conditions, "exported", artisan__exported_before=True)})
        order = {"newest": ("-created_at", "-id"), "price": ("wholesale_price_usd", "id"),
                 "moq": ("min_order_qty", "id"), "lead": ("lead_time_days", "id")}[query.sort if query.sort != "relevance" else "newest"]
        expected_ids = list(visible_products().filter(*conditions.values()).order_by(*order).values_list("id", flat=True)[:24])
        assert [p.pk for p in page.items] == expected_ids, params


@pytest.mark.django_db
@pytest.mark.parametrize("seed", [4, 5])
def test_artisan_totals_and_facets_match_sql(seed):
    random_catalog(seed)
    rng = random.Random(seed)
    for _ in range(25):
        params = random_params(rng)
        query = CatalogQuery.from_params(QueryDict(params), allow_prices=True)
        page = search_artisans(query)
        product_terms = {k: v for k, v in product_conditions(query).items() if k in {"material", "price", "moq", "lead"}}
        conditions = {}
        if query.crafts:
            conditions["craft"] = Q(crafts__slug__in=query.crafts)
        for name in ("country", "region", "certification", "exported"):
            q = product_conditions(query).get(name)
            if q is not None:
                # The same facts, read from the artisan instead of through a product.
                conditions[name] = Q(*[(k.replace("artisan__", ""), v) for k, v in q.children])
        if product_terms:
            having = visible_products().filter(*product_terms.values()).values("artisan_id")
            conditions["product"] = Q(pk__in=having)

        def count(left_out=None, conditions=conditions, **extra):
            chosen = [q for name, q in conditions.items() if name != left_out]
            return visible_artisans().filter(*chosen).filter(**extra).distinct().count()

        assert page.total == count(), params
        shown = {name: {o.value: o.count for o in options if o.count} for name, options in page.facets.items()}
        assert shown["craft"] == nonzero({c: count("craft", crafts__slug=c) for c in CRAFTS}), params
        assert shown["country"] == nonzero({c: count("country", country=c) for c in ("ES", "MA", "FR")}), params
        assert shown["certification"] == nonzero(
            {c: count("certification", certifications__contains=[c]) for c in CERTIFICATIONS}), params
        assert shown["exported"] == nonzero({"1": count("exported", exported_before=True)}), params
        names = list(visible_artisans().filter(*conditions.values()).distinct().order_by("business_name", "id")
                     .values_list("business_name", flat=True)[:24])
        if query.sort == "relevance":
            assert [a.business_name for a in page.items] == names, params


def rebuilt() -> index.Snapshot:
    with connection.cursor() as cursor:
        return index._build(cursor, 0, shared=False)


def same_rows(left: index.Table, right: index.Table) -> bool:
    return (
        np.array_equal(left.id, right.id)
        and all(np.array_equal(left.columns[k], right.columns[k]) for k in left.columns)
        and all(np.array_equal(left.lists[k].ptr, right.lists[k].ptr)
                and np.array_equal(left.lists[k].codes, right.lists[k].codes) for k in left.lists)
    )


def assert_current_matches_a_rebuild() -> index.Snapshot:
    snapshot = index.current()
    fresh = rebuilt()
    assert same_rows(snapshot.products, fresh.products)
    assert same_rows(snapshot.artisans, fresh.artisans)
    return snapshot


@pytest.mark.django_db(transaction=True)
def test_every_kind_of_committed_write_reaches_the_index_as_a_delta():
    index.forget()
    random_catalog(7)
    first = assert_current_matches_a_rebuild()
    assert first.shared
    product = visible_products().first()
    artisan = visible_artisans().filter(products__status="published").first()
    carpets = Craft.objects.get(slug="carpets")
    writes = [
        lambda: Product.objects.filter(pk=product.pk).update(min_order_qty=7, materials=["silk"]),
        lambda: Product.objects.filter(pk=product.pk).update(status=Product.Status.DRAFT),
        lambda: ArtisanProfile.objects.filter(pk=artisan.pk).update(status=ArtisanProfile.Status.PENDING),
        lambda: ArtisanProfile.objects.filter(pk=artisan.pk).update(status=ArtisanProfile.Status.APPROVED),
        lambda: ArtisanProfile.objects.get(pk=artisan.pk).crafts.add(carpets),
        lambda: ArtisanProfile.objects.get(pk=artisan.pk).crafts.clear(),
        lambda: ProductFactory(artisan=artisan, materials=["brand new material"]),
        lambda: Product.objects.filter(pk=visible_products().last().pk).delete(),
        lambda: connection.cursor().execute("UPDATE catalog_product SET wholesale_price_usd = 1.23 WHERE id = %s", [product.pk]),
        lambda: ArtisanProfile.objects.filter(pk=artisan.pk).update(business_name="Aaa first by name", region="Murcia"),
    ]
    for write in writes:
        write()
        snapshot = assert_current_matches_a_rebuild()
        assert snapshot.shared and snapshot.delta is not None
    # Nothing written since: the same snapshot, for one query.
    with CaptureQueriesContext(connection) as queries:
        assert index.current() is snapshot
    assert len(queries) == 1


@pytest.mark.django_db(transaction=True)
def test_uncommitted_writes_are_seen_by_their_transaction_only():
    index.forget()
    random_catalog(8)
    before = index.current()
    with pytest.raises(RuntimeError), transaction.atomic():
        made = ProductFactory(materials=["secret"])
        mine = index.current()
        assert not mine.shared
        assert made.pk in mine.products.id
        assert search_products(CatalogQuery.from_params(QueryDict("material=secret"), allow_prices=True)).total == 1
        raise RuntimeError("roll back")
    after = index.current()
    assert after.shared and made.pk not in after.products.id
    assert after.version == before.version
    assert search_products(CatalogQuery.from_params(QueryDict("material=secret"), allow_prices=True)).total == 0


@pytest.mark.django_db(transaction=True)
def test_truncate_and_statements_touching_many_rows_make_readers_rebuild():
    index.forget()
    random_catalog(9)
    index.current()
    Product.objects.filter(pk__in=visible_products().values("pk")).update(lead_time_days=3)  # few rows: a delta
    assert index.current().delta is not None
    artisan = ArtisanProfileFactory()
    Product.objects.bulk_create(ProductFactory.build_batch(1001, artisan=artisan, craft=CraftFactory()))
    assert CatalogChange.objects.filter(reset=True).exists()
    snapshot = assert_current_matches_a_rebuild()
    assert snapshot.delta is None and len(snapshot.products) >= 1001
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE catalog_product CASCADE")
    assert len(index.current().products) == 0


@pytest.mark.django_db(transaction=True)
def test_search_matches_catch_up_with_writes_without_searching_everything_again():
    index.forget()
    selectors._matches.clear()
    random_catalog(10)
    query = CatalogQuery.from_params(QueryDict("q=lantern"), allow_prices=True)
    assert search_products(query).total == 0
    product = visible_products().first()
    Product.objects.filter(pk=product.pk).update(title="Copper lantern")
    with CaptureQueriesContext(connection) as queries:
        page = search_products(query)
    assert [p.pk for p in page.items] == [product.pk]
    searches = [q["sql"] for q in queries if "text_match_" in q["sql"]]
    # One search (a prepared statement, common.statements), of the written product only.
    assert len(searches) == 1 and f"ARRAY[{product.pk}]" in searches[0]


@pytest.mark.django_db(transaction=True)
def test_pruning_keeps_the_newest_change():
    index.forget()
    random_catalog(11)
    newest = CatalogChange.objects.latest("id")
    CatalogChange.objects.update(changed_at="2020-01-01T00:00:00Z")
    before = index.current().version
    assert prune_changes_task.apply().result > 0
    assert list(CatalogChange.objects.values_list("id", flat=True)) == [newest.pk]
    # Readers never move back: the newest row is the version.
    assert index.current().version == before == newest.pk
    assert index.prune_changes() == 0


def test_a_reader_idle_longer_than_the_log_may_have_pruned_rebuilds():
    # The log keeps more than a reader may idle, so a reader within the limit has lost no rows.
    assert index.KEEP_CHANGES.total_seconds() > index.MAX_IDLE_SECONDS


@pytest.mark.django_db(transaction=True)
def test_a_reader_that_has_not_looked_since_before_the_pruned_range_rebuilds():
    index.forget()
    random_catalog(13)
    before = index.current().version
    product = visible_products().first()
    Product.objects.filter(pk=product.pk).update(lead_time_days=4)
    CatalogChange.objects.update(changed_at="2020-01-01T00:00:00Z")
    assert index.prune_changes() > 0
    # As if the process had not read the log for longer than a reader may (the rows it had not
    # read are pruned): it rebuilds rather than apply what is left.
    index._checked_at -= index.MAX_IDLE_SECONDS + 1
    snapshot = assert_current_matches_a_rebuild()
    assert snapshot.delta is None and snapshot.version > before


@pytest.mark.django_db(transaction=True)
def test_artisan_search_catches_up_with_a_written_story():
    index.forget()
    selectors._matches.clear()
    random_catalog(12)
    query = CatalogQuery.from_params(QueryDict("q=lantern"), allow_prices=True)
    assert search_artisans(query).total == 0
    artisan = visible_artisans().first()
    ArtisanProfile.objects.filter(pk=artisan.pk).update(story="We hammer copper lanterns.")
    with CaptureQueriesContext(connection) as queries:
        page = search_artisans(query)
    assert [a.pk for a in page.items] == [artisan.pk]
    searches = [q["sql"] for q in queries if "text_match_" in q["sql"]]
    # The artisans' search covers the written artisan only; the products' found nothing new to search.
    assert len(searches) == 1 and f"ARRAY[{artisan.pk}]" in searches[0]


def test_products_whose_artisan_was_withdrawn_between_the_two_reads_are_left_out():
    # Products are read, then an artisan is withdrawn, then artisans are read.
    products = index._table([10, 11, 12], {"artisan_id": [1, 2, 3], "craft": [1, 1, 1], "price": [100] * 3,
                                           "moq": [1] * 3, "lead": [7] * 3, "created": [0] * 3},
                            {"materials": [[0], [1], [0, 1]]})
    artisans = index._table([1, 3], {"country": [0, 0], "region": [0, 0], "exported": [1, 0], "lead": [7, 7],
                                     "created": [0, 0], "name_rank": [0, 1]},
                            {"certifications": [[], []], "crafts": [[1], [1]]})
    snapshot = index.Snapshot(1, products, artisans, shared=True)
    assert snapshot.products.id.tolist() == [10, 12]
    assert snapshot.product_artisan.tolist() == [0, 1]
    assert snapshot.products.lists["materials"].codes.tolist() == [0, 0, 1]


@pytest.mark.django_db
def test_region_filter_ignores_case_but_not_accents():
    fes = ArtisanProfileFactory(region="Fès-Meknès", indexed=False)
    ProductFactory(artisan=fes, title="Tagine")
    koln = ArtisanProfileFactory(region="Großraum Köln", indexed=False)
    ProductFactory(artisan=koln, title="Krug")
    for region, expected in [("FÈS-MEKNÈS", ["Tagine"]), ("fès-meknès", ["Tagine"]), ("GROSSRAUM KÖLN", ["Krug"]),
                             ("Fes-Meknes", [])]:
        query = CatalogQuery.from_params(QueryDict(f"region={region}"), allow_prices=True)
        assert [p.title for p in search_products(query).items] == expected, region


def test_isin_is_numpys_for_no_one_or_many_wanted_values():
    rng = np.random.default_rng(3)
    for dtype in (np.int16, np.int32, np.int64):
        values = rng.integers(0, 50, size=1000).astype(dtype)
        for wanted in ([], [7], [60], [7, 8], list(range(0, 50, 3)), np.array([4]), np.array([], dtype=np.int64)):
            assert np.array_equal(index.isin(values, wanted), np.isin(values, wanted)), (dtype, wanted)
