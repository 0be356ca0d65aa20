"""Catalog benchmark: 100,000 products from 5,000 artisans, timed through the full Django stack.

    .venv/bin/python bench/catalog.py            # builds the data once, then measures
    .venv/bin/python bench/catalog.py --rebuild  # drops and rebuilds the data first
    .venv/bin/python bench/catalog.py --repeat 3 # three rounds over every page, the median of each figure
    BENCH_DB=craftmatch_bench_small .venv/bin/python bench/catalog.py --products 5000 --profile
        # a smaller catalog; cProfile of one warm request per list page (call counts, no timings)

Data go into their own database, `craftmatch_bench` (on the server of DATABASE_URL when set,
else on the embedded PostgreSQL). Rows are written with COPY and every search vector is built
by one UPDATE per table, with the same SQL expression the app uses (catalog.search).
Pages are requested with django.test.Client with DEBUG off; a minimal view gives the floor.
After one pass over every page the process freezes what it holds out of the garbage collector,
as each gunicorn worker does after its warm-up. Each page is timed three ways: warm (steady
state), right after a committed write to one product (the catalog index reads that row, text
searches catch up), and as the first request of a new process (the index is built from scratch).
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import random
import statistics
import sys
import time
import types
import uuid
from decimal import Decimal
from pathlib import Path
from typing import Any

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

# BENCH_DB names another database, so two people can bench on one server at once.
BENCH_DB = os.environ.get("BENCH_DB", "craftmatch_bench")
ARTISANS = 5_000
PRODUCTS = 100_000
RUNS = 60
COLD_RUNS = 40
REBUILD_RUNS = 5
CHUNK = 100_000
WARMUP = 5

os.environ["DEBUG"] = "0"
os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-not-for-production-0123456789")
os.environ["ALLOWED_HOSTS"] = "testserver"
os.environ["SECURE_SSL_REDIRECT"] = "0"
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
os.environ["LOG_LEVEL"] = "WARNING"
# Its own cache keys: the bench never reads or clears what the app or tests keep in Redis.
os.environ["CACHE_KEY_PREFIX"] = "craftmatch-bench"
if os.environ.get("DATABASE_URL"):
    base_url = os.environ["DATABASE_URL"].rsplit("/", 1)[0]
    os.environ["DATABASE_URL"] = f"{base_url}/{BENCH_DB}"
else:
    os.environ["DATABASE_NAME"] = BENCH_DB


def _create_database() -> None:
    import psycopg2
    from django.conf import settings

    db = settings.DATABASES["default"]
    conn = psycopg2.connect(
        dbname="postgres", user=db.get("USER") or "postgres", password=db.get("PASSWORD") or None,
        host=db.get("HOST") or None, port=db.get("PORT") or None,
    )
    conn.autocommit = True
    with conn.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [BENCH_DB])
        if cursor.fetchone() is None:
            cursor.execute(f"CREATE DATABASE {BENCH_DB}")
    conn.close()


import django  # noqa: E402

from config import embedded  # noqa: E402

# Importing the settings starts no server: without DATABASE_URL/REDIS_URL, start the embedded ones.
embedded.ensure_started()
django.setup()

from django.conf import settings  # noqa: E402
from django.test.utils import override_settings  # noqa: E402

# Static files are not collected for the bench; the plain storage resolves them from static/.
override_settings(
    STORAGES={**settings.STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
).enable()

# --- Text material ----------------------------------------------------------------------------
def _words(text: str) -> list[str]:
    return text.split()


WORDS = {
    "en": _words("bowl plate vase jug cup mug tile pot dish platter lantern rug carpet cushion throw basket box tray "
          "mirror frame lamp scarf bag belt wallet necklace bracelet earrings ring spoon knife board stool "
          "hand-painted handmade glazed woven embroidered carved hammered engraved dyed natural traditional "
          "blue green ochre white indigo terracotta copper brass olive cedar walnut wool cotton linen silk "
          "leather clay stoneware porcelain glass silver family workshop village heritage pattern motif "
          "pottery ceramic ceramics tableware decor kitchen garden gift museum collection"),
    "fr": _words("bol assiette vase cruche tasse carreau pot plat plateau lanterne tapis coussin plaid panier boite "
          "miroir cadre lampe foulard sac ceinture collier bracelet cuillere couteau planche tabouret "
          "peint main fait émaillé tissé brodé sculpté martelé gravé teint naturel traditionnel berbère "
          "bleu vert ocre blanc indigo cuivre laiton olivier cèdre noyer laine coton lin soie cuir argile "
          "grès porcelaine verre argent famille atelier village patrimoine motif poterie céramique "
          "vaisselle décoration cuisine jardin cadeau musée coopérative femmes"),
    "es": _words("cuenco plato jarrón jarra taza azulejo olla fuente bandeja farol alfombra cojín manta cesta caja "
          "espejo marco lámpara pañuelo bolso cinturón collar pulsera cuchara cuchillo tabla taburete "
          "pintado mano hecho esmaltado tejido bordado tallado martillado grabado teñido natural tradicional "
          "azul verde ocre blanco añil cobre latón olivo cedro nogal lana algodón lino seda cuero arcilla "
          "gres porcelana vidrio plata familia taller pueblo patrimonio motivo alfarería cerámica "
          "vajilla decoración cocina jardín regalo museo esparto"),
    "ar": _words("زربية طبق إناء جرة كأس زليج قدر صينية فانوس وسادة سلة صندوق مرآة مصباح حقيبة حزام قلادة "
          "سوار ملعقة سكين مطرز منسوج منحوت تقليدي طبيعي أزرق أخضر أبيض نحاس صوف قطن حرير جلد طين فخار "
          "خزف زجاج فضة عائلة ورشة قرية تراث تعاونية نساء"),
}
COUNTRIES = [("ES", ["Andalusia", "Valencia", "Castile", "Galicia"]), ("MA", ["Fès-Meknès", "Marrakech-Safi", "Souss-Massa"]),
             ("FR", ["Provence", "Brittany", "Alsace"]), ("PT", ["Minho", "Alentejo"]), ("IT", ["Tuscany", "Sicily"]),
             ("MX", ["Oaxaca", "Puebla"]), ("PE", ["Cusco", "Ayacucho"]), ("TN", ["Nabeul", "Djerba"])]
LANG_BY_COUNTRY = {"ES": "es", "MX": "es", "PE": "es", "MA": "ar", "TN": "fr", "FR": "fr", "PT": "en", "IT": "en"}
CERTIFICATIONS = ["Fair trade", "Organic", "Geographical indication", "Handmade label", "B Corp"]
MATERIALS = ["clay", "wool", "cotton", "leather", "wood", "copper", "glass", "silver", "esparto", "linen", "stone", "silk"]
TECHNIQUES = ["hand-painted", "wheel-thrown", "hand-woven", "embroidered", "carved", "hammered", "engraved"]


def _filler(rng: random.Random) -> str:
    # Made-up words keep each real word about as rare as in real descriptions.
    return "".join(rng.choice("bcdfgklmnprstvz") + rng.choice("aeiou") for _ in range(rng.randint(2, 4)))


def _text(rng: random.Random, language: str, words: int, real: float = 0.06) -> str:
    # With 6% real words, a given word is in a few percent of descriptions, as in a real catalog.
    vocabulary = WORDS[language]
    return " ".join(rng.choice(vocabulary) if rng.random() < real else _filler(rng) for _ in range(words))


EMPTY = {"text": "", "character varying": "", "ARRAY": "{}", "boolean": "f", "integer": 0, "smallint": 0,
         "bigint": 0, "numeric": 0, "jsonb": "{}"}


def _copy(cursor, table: str, columns: list[str], rows: list[list]) -> None:
    # Columns other engineers add later (NOT NULL, no database default) get an empty value.
    cursor.execute(
        "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = %s "
        "AND is_nullable = 'NO' AND column_default IS NULL", [table])
    extra = [(name, EMPTY.get(kind, "")) for name, kind in cursor.fetchall() if name not in columns and name != "id"]
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    columns = [*columns, *(name for name, _ in extra)]
    for row in rows:
        writer.writerow(["\\N" if value is None else value for value in [*row, *(value for _, value in extra)]])
    buffer.seek(0)
    cursor.copy_expert(f"COPY {table} ({', '.join(columns)}) FROM STDIN WITH (FORMAT csv, NULL '\\N')", buffer)


def _array(values: list[str]) -> str:
    return "{" + ",".join('"' + v.replace('"', '') + '"' for v in values) + "}"


def build(rebuild: bool) -> None:
    from django.core.management import call_command
    from django.db import connection, transaction

    from catalog import search
    from catalog.models import Craft, Product

    call_command("migrate", verbosity=0)
    if rebuild:
        with connection.cursor() as cursor:
            cursor.execute("TRUNCATE catalog_product, artisans_artisanprofile_crafts, artisans_artisanprofile, "
                           "buyers_buyerprofile, accounts_user RESTART IDENTITY CASCADE")
    if Product.objects.count() >= PRODUCTS:
        return
    started = time.perf_counter()
    rng = random.Random(42)
    crafts = list(Craft.objects.all())
    now = "2026-01-01 00:00:00+00"
    # One transaction: a build that dies leaves no half-loaded table and no dropped index.
    with transaction.atomic(), connection.cursor() as cursor:
        cursor = cursor.cursor  # the psycopg2 cursor, for COPY
        cursor.execute("SET LOCAL maintenance_work_mem = '1GB'")
        cursor.execute("SET LOCAL work_mem = '256MB'")
        indexes = _drop_secondary_indexes(cursor, ["catalog_product", "artisans_artisanprofile"])
        _copy(cursor, "accounts_user", ["password", "is_superuser", "public_id", "email", "full_name", "role", "language",
                                        "time_zone", "is_staff", "is_active", "date_joined"],
              [["!", "f", uuid.uuid4(), f"artisan{i}@bench.example", f"Artisan {i}", "artisan", "en", "Europe/Madrid",
                "f", "t", now] for i in range(ARTISANS)])
        cursor.execute("SELECT id FROM accounts_user WHERE role = 'artisan' ORDER BY id")
        user_ids = [row[0] for row in cursor.fetchall()]
        artisan_rows, artisan_docs = [], []
        for i, user_id in enumerate(user_ids):
            country, regions = rng.choice(COUNTRIES)
            language = LANG_BY_COUNTRY[country]
            status = "approved" if rng.random() < 0.9 else rng.choice(["draft", "pending", "rejected"])
            name = f"{_text(rng, language, 2, real=0.5).title()} {i}"
            story = _text(rng, language, rng.randint(60, 120))
            public_id = uuid.uuid4()
            certs = rng.sample(CERTIFICATIONS, rng.choice([0, 0, 1, 2]))
            artisan_rows.append([public_id, user_id, f"artisan-{i}", name, "workshop", country, rng.choice(regions), f"City {i % 300}",
                                 story, language, _array([language, "en"]), "Europe/Madrid", rng.random() < 0.4, "",
                                 rng.randint(50, 5000), rng.choice([14, 21, 30, 45, 60, 90]), rng.randint(300, 5000), "EUR",
                                 "{}", "30% deposit", _array(certs), status, "", now, now])
            artisan_docs.append([public_id, search.config_for(language), search.fold(name),
                                 search.fold(f"{country} {' '.join(certs)}"), search.fold(story)])
        _copy(cursor, "artisans_artisanprofile",
              ["public_id", "user_id", "slug", "business_name", "kind", "country", "region", "city", "story", "language",
               "languages_spoken", "time_zone", "exported_before", "export_markets", "monthly_capacity", "lead_time_days",
               "min_order_value", "currency", "incoterms", "payment_terms", "certifications", "status", "rejection_reason",
               "created_at", "updated_at"], artisan_rows)
        cursor.execute("SELECT id, public_id, language FROM artisans_artisanprofile ORDER BY id")
        artisans = cursor.fetchall()
        _copy(cursor, "artisans_artisanprofile_crafts", ["artisanprofile_id", "craft_id"],
              [[artisan_id, craft.pk] for artisan_id, _, _ in artisans for craft in rng.sample(crafts, rng.choice([1, 1, 2]))])
        _create_docs_table(cursor)
        _copy_docs(cursor, "artisans_artisanprofile", artisan_docs)
        product_rows, product_docs = [], []
        for n in range(PRODUCTS):
            artisan_id, _, language = artisans[n % len(artisans)]
            craft = rng.choice(crafts)
            materials = rng.sample(MATERIALS, rng.randint(1, 2))
            techniques = rng.sample(TECHNIQUES, rng.randint(0, 2))
            currency = rng.choice(["EUR", "USD", "MAD"])
            price = Decimal(rng.randint(300, 30000)) / 100
            title = _text(rng, language, rng.randint(3, 5), real=0.6).capitalize()
            description = _text(rng, language, rng.randint(30, 80))
            public_id = uuid.uuid4()
            created = f"2025-{1 + n % 12:02d}-{1 + n % 28:02d} {n % 24:02d}:{n % 60:02d}:00+00"
            product_rows.append([public_id, artisan_id, title, description, language, craft.pk, _array(materials),
                                 _array(techniques), "{}", currency, price, rng.choice([1, 5, 10, 12, 20, 24, 50, 100, 200]),
                                 rng.choice([7, 14, 21, 30, 45, 60, 90]), "published" if rng.random() < 0.92 else "draft",
                                 created, created])
            tags = search.product_tags(materials, techniques, [], [craft.name_en, craft.name_fr, craft.name_es, craft.name_ar])
            product_docs.append([public_id, search.config_for(language), search.fold(title), search.fold(tags),
                                 search.fold(description)])
            # Written in chunks: 1,000,000 products at once would hold gigabytes of Python strings.
            if len(product_rows) == CHUNK or n == PRODUCTS - 1:
                _copy(cursor, "catalog_product",
                      ["public_id", "artisan_id", "title", "description", "language", "craft_id", "materials",
                       "techniques", "colours", "currency", "wholesale_price", "min_order_qty", "lead_time_days",
                       "status", "created_at", "updated_at"], product_rows)
                _copy_docs(cursor, "catalog_product", product_docs)
                product_rows, product_docs = [], []
        loaded = time.perf_counter()
        # The trigger that keeps a document current or absent (catalog 0007) nulls it on every insert;
        # this UPDATE changes no text, so with triggers off (no change-log rows for it either) and no
        # index to maintain it only computes the documents, with the app's own expression.
        cursor.execute("SET LOCAL session_replication_role = replica")
        expression = search.document_expression("d.config", [("d.a", "A"), ("d.b", "B"), ("d.c", "C")])
        for table in ("artisans_artisanprofile", "catalog_product"):
            cursor.execute(f"UPDATE {table} AS t SET search_vector = {expression} FROM bench_docs AS d "  # noqa: S608
                           "WHERE d.tab = %s AND t.public_id = d.public_id", [table])
        cursor.execute("SET LOCAL session_replication_role = origin")
        cursor.execute("DROP TABLE bench_docs")
        documented = time.perf_counter()
        # Django's foreign keys are deferred: their checks, queued by the loads, run before the indexes.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        for definition in indexes:
            cursor.execute(definition)
        indexed = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    print(f"Built {ARTISANS:,} artisans and {PRODUCTS:,} products in {time.perf_counter() - started:.1f} s "
          f"(rows {loaded - started:.0f} s, documents {documented - loaded:.0f} s, indexes {indexed - documented:.0f} s)")


def _drop_secondary_indexes(cursor, tables: list[str]) -> list[str]:
    """Drops the indexes no constraint owns and returns their definitions, to build once after loading."""
    cursor.execute(
        "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.schemaname = current_schema() "
        "AND i.tablename = ANY(%s) AND NOT EXISTS (SELECT FROM pg_constraint c "
        "WHERE c.conindid = format('%%I.%%I', i.schemaname, i.indexname)::regclass)", [tables])
    found = cursor.fetchall()
    for name, _ in found:
        cursor.execute(f'DROP INDEX "{name}"')
    return [definition for _, definition in found]


def _create_docs_table(cursor) -> None:
    cursor.execute("CREATE TEMP TABLE bench_docs (tab text, public_id uuid, config regconfig, a text, b text, c text) "
                   "ON COMMIT DROP")


def _copy_docs(cursor, table: str, docs: list[list]) -> None:
    _copy(cursor, "bench_docs", ["tab", "public_id", "config", "a", "b", "c"], [[table, *doc] for doc in docs])


def floor_view(request):
    from django.http import HttpResponse

    return HttpResponse("ok")


def measure(repeat: int = 1) -> list[tuple[Any, ...]]:
    from django.test import Client
    from django.urls import include, path

    from accounts.models import User
    from artisans.models import ArtisanProfile
    from buyers.models import BuyerProfile

    urls = types.ModuleType("bench_urls")
    urls.urlpatterns = [path("bench-floor/", floor_view), path("", include("config.urls"))]
    sys.modules["bench_urls"] = urls
    override_settings(ROOT_URLCONF="bench_urls").enable()

    buyer, _ = User.objects.get_or_create(email="buyer@bench.example", defaults={"role": "buyer", "full_name": "Bench Buyer"})
    BuyerProfile.objects.get_or_create(user=buyer, defaults={"organisation_name": "Bench Museum Shop", "country": "US", "is_verified": True})
    anonymous, verified = Client(), Client()
    verified.force_login(buyer)
    slugs = list(ArtisanProfile.objects.filter(status="approved").order_by("?").values_list("slug", flat=True)[:20])
    searches = ["poterie", "ceramica", "hand-painted bowl", "tapis berbère", "pottery", "زربية", "cuenco azul", "lanterne cuivre"]

    cases = [
        ("floor: minimal Django view", anonymous, lambda i: "/bench-floor/"),
        ("artisan list /catalog/", anonymous, lambda i: "/catalog/"),
        ("product list /catalog/products/", anonymous, lambda i: "/catalog/products/"),
        ("filtered products (craft, country, MOQ, lead time), verified buyer", verified,
         lambda i: "/catalog/products/?craft=ceramics&country=ES&moq=50&lead=42"),
        ("filtered artisans (craft, country, exported)", anonymous,
         lambda i: "/catalog/?craft=ceramics&country=MA&exported=1"),
        ("text search, products (8 queries in turn)", anonymous,
         lambda i: f"/catalog/products/?q={searches[i % len(searches)]}"),
        ("text search, artisans (8 queries in turn)", anonymous,
         lambda i: f"/catalog/?q={searches[i % len(searches)]}"),
        ("artisan page (20 artisans in turn)", anonymous, lambda i: f"/catalog/artisans/{slugs[i % len(slugs)]}/"),
    ]
    def timed(client, url, runs: int, *, before=None) -> tuple[float, float]:
        timings = []
        # Warm-up goes once through every URL of the case (8 searches, 20 artisans).
        warmup = 0 if before else max(WARMUP, 20)
        for i in range(warmup + runs):
            if before:
                before()
            started = time.perf_counter()
            response = client.get(url(i))
            elapsed = (time.perf_counter() - started) * 1000
            assert response.status_code == 200, (url(i), response.status_code)
            if i >= warmup:
                timings.append(elapsed)
        timings.sort()
        return statistics.median(timings), timings[min(len(timings) - 1, int(round(0.95 * len(timings))) - 1)]

    from catalog import index, selectors
    from catalog.models import Product

    product_ids = list(Product.objects.filter(status="published").values_list("id", flat=True)[:1000])
    writes = iter(range(10**9))

    def write_one_product() -> None:
        # A committed write, as an artisan editing a price: the index re-reads that row, and
        # every text search runs again in PostgreSQL (its cached matches carry the old version).
        n = next(writes)
        Product.objects.filter(pk=product_ids[n % len(product_ids)]).update(min_order_qty=1 + n % 50)

    def new_process() -> None:
        index.forget()
        selectors._matches.clear()

    # As each gunicorn worker does after its warm-up (config/gunicorn.py): what the process holds
    # once every page has been served is frozen out of the garbage collector's full collections.
    from ops.warmup import freeze_startup_objects

    for _label, client, url in cases:
        for i in range(20):
            client.get(url(i))
    freeze_startup_objects()
    # On a shared machine the speed drifts by a third within minutes: with --repeat, every case
    # is measured in each of several rounds and each figure is the median of the rounds'.
    rounds: list[list[tuple[float, ...]]] = [[] for _ in cases]
    for _round in range(repeat):
        for n, (_label, client, url) in enumerate(cases):
            warm = timed(client, url, RUNS)
            after_write = timed(client, url, COLD_RUNS, before=write_one_product)
            first = timed(client, url, REBUILD_RUNS, before=new_process)
            rounds[n].append((*warm, *after_write, first[0]))
    return [
        (label, *(statistics.median(figures) for figures in zip(*rounds[n], strict=True)))
        for n, (label, _client, _url) in enumerate(cases)
    ]


PROFILED = [("product list", "/catalog/products/"), ("artisan list", "/catalog/"),
            ("filtered products, verified buyer", "/catalog/products/?craft=ceramics&country=ES&moq=50&lead=42"),
            ("text search, products", "/catalog/products/?q=hand-painted bowl"),
            ("text search, artisans", "/catalog/?q=poterie"),
            ("artisan page", "/catalog/artisans/{slug}/")]


def profile(top: int, dump: str | None = None) -> None:
    """One warm request of each list page under cProfile: where the calls go, as shares of the total."""
    import cProfile
    import pstats

    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from accounts.models import User
    from artisans.models import ArtisanProfile
    from buyers.models import BuyerProfile

    buyer, _ = User.objects.get_or_create(email="buyer@bench.example", defaults={"role": "buyer", "full_name": "Bench Buyer"})
    BuyerProfile.objects.get_or_create(user=buyer, defaults={"organisation_name": "Bench Museum Shop", "country": "US", "is_verified": True})
    # The same artisan every run (the first approved by slug), so profiles compare.
    slug = ArtisanProfile.objects.filter(status="approved").order_by("slug").values_list("slug", flat=True)[0]
    for label, url in PROFILED:
        url = url.format(slug=slug)
        client = Client()
        if "verified" in label:
            client.force_login(buyer)
        for _ in range(WARMUP):
            assert client.get(url).status_code == 200
        profiler = cProfile.Profile()
        with CaptureQueriesContext(connection) as queries:
            profiler.enable()
            response = client.get(url)
            profiler.disable()
        assert response.status_code == 200
        if dump:
            os.makedirs(dump, exist_ok=True)
            profiler.dump_stats(os.path.join(dump, "".join(c if c.isalnum() else "_" for c in label) + ".prof"))
        stats = pstats.Stats(profiler)
        entries = stats.stats  # type: ignore[attr-defined]
        total = max(stats.total_tt, 1e-9)  # type: ignore[attr-defined]
        calls = sum(nc for _, nc, _, _, _ in entries.values())
        print(f"\n{label} {url}: {calls:,} function calls, {len(queries)} SQL queries")
        print(f"{'cumulative share':>16} {'own share':>9} {'calls':>7}  function")
        for (filename, line, name), (_, nc, tt, ct, _) in sorted(entries.items(), key=lambda e: -e[1][3])[:top]:
            where = filename.replace(str(BASE_DIR) + "/", "").split("site-packages/")[-1]
            print(f"{100 * ct / total:>15.1f}% {100 * tt / total:>8.1f}% {nc:>7}  {where}:{line}({name})")


def main() -> None:
    global ARTISANS, PRODUCTS
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--products", type=int, default=PRODUCTS, help="products (one artisan per 20)")
    parser.add_argument("--profile", action="store_true", help="profile one warm request per catalog page")
    parser.add_argument("--top", type=int, default=40, help="entries of each profile")
    parser.add_argument("--dump", help="a directory to write each profile to (pstats files)")
    parser.add_argument("--repeat", type=int, default=1, help="rounds over every case; each figure is their median")
    args = parser.parse_args()
    PRODUCTS, ARTISANS = args.products, max(1, args.products // 20)
    _create_database()
    build(args.rebuild)
    if args.profile:
        profile(args.top, args.dump)
        return
    results = measure(args.repeat)
    print(f"\n{'page':<72} {'median':>7} {'p95':>6} {'after a write: median':>22} {'p95':>6} {'new process':>12}")
    for label, median, p95, cold_median, cold_p95, first in results:
        print(f"{label:<72} {median:>7.1f} {p95:>6.1f} {cold_median:>22.1f} {cold_p95:>6.1f} {first:>12.1f}")


if __name__ == "__main__":
    main()
