"""The limit helper: locks one limited thing at a time, counts after the lock, and needs a transaction."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, transaction

from accounts.models import User
from accounts.tests.factories import BuyerUserFactory
from common.limits import Limit, LimitReached, limit_enforce, limit_lock, lock_id


def _try_lock(key) -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_xact_lock(%s)", [lock_id(key)])
        return cursor.fetchone()[0]


@pytest.mark.django_db(transaction=True)
def test_a_held_limit_blocks_that_thing_only():
    held, release = threading.Event(), threading.Event()

    def hold():
        try:
            with transaction.atomic():
                limit_lock(("product-photos", 1))
                held.set()
                release.wait(timeout=30)
        finally:
            connection.close()

    thread = threading.Thread(target=hold)
    thread.start()
    try:
        assert held.wait(timeout=30)
        with transaction.atomic():
            assert not _try_lock(("product-photos", 1))
            assert _try_lock(("product-photos", 2))
            assert _try_lock(("workshop-photos", 1))
    finally:
        release.set()
        thread.join(timeout=30)
    with transaction.atomic():
        assert _try_lock(("product-photos", 1))


@pytest.mark.django_db
def test_the_count_stops_at_the_maximum_and_no_maximum_is_no_limit():
    BuyerUserFactory.create_batch(2)
    buyers = User.objects.filter(role=User.Role.BUYER)
    with transaction.atomic():
        limit_enforce(Limit(key=("buyers",), maximum=3, counted=buyers))
        limit_enforce(Limit(key=("buyers",), maximum=None, counted=buyers))
        with pytest.raises(LimitReached) as reached:
            limit_enforce(Limit(key=("other",), maximum=5, counted=buyers), Limit(key=("buyers",), maximum=2, counted=buyers))
    assert reached.value.limit.key == ("buyers",)


@pytest.mark.django_db(transaction=True)
def test_a_limit_outside_a_transaction_is_refused():
    with pytest.raises(RuntimeError, match="transaction"):
        limit_lock(("product-photos", 1))


def test_lock_ids_are_postgres_bigints_and_differ_per_thing():
    ids = {lock_id(("program-artisan-meetings", 1, n)) for n in range(1000)}
    assert len(ids) == 1000
    assert all(-(2**63) <= i < 2**63 for i in ids)
