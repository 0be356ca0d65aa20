"""Deals benchmark: a program of 300 artisans and 1,000 buyers with 20,000 inquiries, 8,000 quotes,
3,000 orders and their histories; the results page and a buyer's and an artisan's deal lists.

    .venv/bin/python bench/deals.py            # builds the data once, then measures
    .venv/bin/python bench/deals.py --rebuild  # drops the deals data and builds it again

Data go into their own database, `craftmatch_bench_deals` (on the server of DATABASE_URL when set,
else on the embedded PostgreSQL). Pages are requested with django.test.Client, DEBUG off, through
the whole stack (middleware, sessions, templates). Prints median and p95 per page and its queries
(that the counts do not grow with deals is proven by the tests: deals/tests/test_deal_results.py,
test_deal_start_views.py).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

BENCH_DB = "craftmatch_bench_deals"
ARTISANS, BUYERS, INQUIRIES, QUOTES, ORDERS = 300, 1_000, 20_000, 8_000, 3_000
RUNS, WARMUP = 60, 5

os.environ["DEBUG"] = "0"
os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-not-for-production-0123456789")
os.environ["ALLOWED_HOSTS"] = "testserver"
os.environ["SECURE_SSL_REDIRECT"] = "0"
os.environ["REQUIRE_STAFF_MFA"] = "0"  # the bench's staff member signs in without a second factor
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
os.environ["LOG_LEVEL"] = "WARNING"
os.environ["CACHE_KEY_PREFIX"] = "craftmatch-bench-deals"
if os.environ.get("DATABASE_URL"):
    os.environ["DATABASE_URL"] = f"{os.environ['DATABASE_URL'].rsplit('/', 1)[0]}/{BENCH_DB}"
else:
    os.environ["DATABASE_NAME"] = BENCH_DB

import django  # noqa: E402

from config import embedded  # noqa: E402

embedded.ensure_started()


def _create_database() -> None:
    import psycopg2
    from django.conf import settings

    db = settings.DATABASES["default"]
    conn = psycopg2.connect(dbname="postgres", user=db.get("USER") or "postgres", password=db.get("PASSWORD") or None,
                            host=db.get("HOST") or None, port=db.get("PORT") or None)
    conn.autocommit = True
    with conn.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [BENCH_DB])
        if cursor.fetchone() is None:
            cursor.execute(f"CREATE DATABASE {BENCH_DB}")
    conn.close()


def build(rebuild: bool) -> None:
    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command

    from accounts.models import User

    UNUSABLE = make_password(None)  # noqa: N806 (nobody signs in with a password here)
    from artisans.models import ArtisanProfile
    from buyers.models import BuyerProfile
    from catalog.models import Craft, Product
    from deals.models import Deal, DealEvent, Inquiry, InquiryLine, Order, OrderLine, Quote, QuoteLine
    from programs.models import Program

    call_command("migrate", verbosity=0)
    if rebuild:
        Deal.objects.all().delete()
    if Inquiry.objects.count() >= INQUIRIES:
        return
    started = time.perf_counter()
    rng = random.Random(7)
    program, _ = Program.objects.get_or_create(
        slug="bench-mission", defaults={"name": "Bench mission", "organiser": "Bench", "starts_on": date(2026, 10, 1),
                                        "ends_on": date(2026, 11, 30), "status": Program.Status.OPEN_BUYERS})
    if not ArtisanProfile.objects.exists():
        users = User.objects.bulk_create(
            [User(email=f"artisan{i}@bench.example", full_name=f"Artisan {i}", role="artisan", password=UNUSABLE)
             for i in range(ARTISANS)]
            + [User(email=f"buyer{i}@bench.example", full_name=f"Buyer {i}", role="buyer", password=UNUSABLE)
               for i in range(BUYERS)])
        ArtisanProfile.objects.bulk_create(
            ArtisanProfile(user=user, slug=f"artisan-{i}", business_name=f"Workshop {i}", country="ES",
                           status=ArtisanProfile.Status.APPROVED)
            for i, user in enumerate(users[:ARTISANS]))
        BuyerProfile.objects.bulk_create(
            BuyerProfile(user=user, organisation_name=f"Shop {i}", country="US", is_verified=True)
            for i, user in enumerate(users[ARTISANS:]))
        craft = Craft.objects.first()
        Product.objects.bulk_create(
            Product(artisan=artisan, title=f"Bowl {artisan.pk}", craft=craft, wholesale_price=Decimal("20"),
                    status=Product.Status.PUBLISHED)
            for artisan in ArtisanProfile.objects.all())
    products = list(Product.objects.select_related("artisan"))
    buyers = list(BuyerProfile.objects.all())
    chosen = [rng.choice(products) for _ in range(INQUIRIES)]
    deals = Deal.objects.bulk_create(
        Deal(artisan=product.artisan, buyer=rng.choice(buyers), program=program, source=Deal.Source.PRODUCT)
        for product in chosen)
    by_deal = {deal.pk: product for deal, product in zip(deals, chosen, strict=True)}
    inquiries = Inquiry.objects.bulk_create(
        Inquiry(deal=deal, status=Inquiry.Status.QUOTED if n < QUOTES else Inquiry.Status.OPEN, message="Hello")
        for n, deal in enumerate(deals))
    InquiryLine.objects.bulk_create(
        InquiryLine(inquiry=inquiry, product=by_deal[inquiry.deal_id], description="Bowl", quantity=20)
        for inquiry in inquiries)
    quotes = Quote.objects.bulk_create(
        Quote(deal=deal, version=1, status=Quote.Status.ACCEPTED if n < ORDERS else Quote.Status.SENT,
              currency="EUR", incoterm="FCA", lead_time_days=30, valid_until=date.today() + timedelta(days=30))
        for n, deal in enumerate(deals[:QUOTES]))
    QuoteLine.objects.bulk_create(
        QuoteLine(quote=quote, product=by_deal[quote.deal_id], description="Bowl", quantity=20,
                  unit_price=Decimal("18.50")) for quote in quotes)
    orders = Order.objects.bulk_create(
        Order(deal_id=quote.deal_id, quote=quote, currency="EUR", delivery_address="NY", po_number=f"PO-{n}",
              is_reorder=n % 5 == 0) for n, quote in enumerate(quotes[:ORDERS]))
    OrderLine.objects.bulk_create(
        OrderLine(order=order, product=by_deal[order.deal_id], description="Bowl", quantity=20,
                  unit_price=Decimal("18.50")) for order in orders)
    events = [DealEvent(deal=deal, subject="inquiry", subject_id=inquiry.pk, action="send", to_status="open")
              for deal, inquiry in zip(deals, inquiries, strict=True)]
    events += [DealEvent(deal_id=quote.deal_id, subject="quote", subject_id=quote.pk, action="send",
                         to_status="sent") for quote in quotes]
    events += [DealEvent(deal_id=order.deal_id, subject="order", subject_id=order.pk, action="place",
                         to_status="placed") for order in orders]
    DealEvent.objects.bulk_create(events, batch_size=5_000)
    User.objects.get_or_create(email="staff@bench.example", defaults={
        "full_name": "Bench staff", "role": "staff", "is_staff": True, "is_superuser": True, "password": UNUSABLE})
    print(f"built in {time.perf_counter() - started:.0f} s")


def measure(label: str, client, url: str) -> None:
    from django.db import connection, reset_queries

    for _ in range(WARMUP):
        assert client.get(url).status_code == 200, url
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - started) * 1000)
    connection.force_debug_cursor = True
    reset_queries()
    client.get(url)
    queries = len(connection.queries)
    connection.force_debug_cursor = False
    p95 = statistics.quantiles(times, n=20)[-1]
    print(f"{label:<32} median {statistics.median(times):7.1f} ms   p95 {p95:7.1f} ms   {queries:3d} queries")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args()
    django.setup()
    from django.conf import settings
    from django.test.utils import override_settings

    # Static files are not collected for the bench; the plain storage resolves them from static/.
    override_settings(STORAGES={**settings.STORAGES, "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}).enable()
    _create_database()
    build(args.rebuild)
    from django.db.models import Count
    from django.test import Client
    from django.urls import reverse

    from accounts.models import User
    from deals.models import Deal
    from programs.models import Program

    program = Program.objects.get(slug="bench-mission")
    busiest_buyer = (Deal.objects.values("buyer__user").annotate(n=Count("pk")).order_by("-n").first())["buyer__user"]
    busiest_artisan = (Deal.objects.values("artisan__user").annotate(n=Count("pk")).order_by("-n")
                       .first())["artisan__user"]
    print(f"{Deal.objects.count():,} deals; the buyer measured has "
          f"{Deal.objects.filter(buyer__user=busiest_buyer).count()}, the artisan "
          f"{Deal.objects.filter(artisan__user=busiest_artisan).count()}")
    for label, user_id, url in (
        ("results page (staff)", User.objects.get(email="staff@bench.example").pk,
         reverse("admin:programs_program_results", args=[program.pk])),
        ("deal list (buyer)", busiest_buyer, reverse("deals:list")),
        ("deal list (artisan)", busiest_artisan, reverse("deals:list")),
    ):
        client = Client()
        client.force_login(User.objects.get(pk=user_id))
        measure(label, client, url)


if __name__ == "__main__":
    main()
