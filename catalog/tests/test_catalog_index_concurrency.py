"""Catalog writers at once: none waits for another, and the index misses no committed write."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, transaction

from catalog import index
from catalog.models import Product
from catalog.tests.factories import ArtisanProfileFactory, ProductFactory

pytestmark = pytest.mark.django_db(transaction=True)

WAIT = 10


class OpenWriter:
    """A writer in another thread and connection that sets a product's MOQ and commits when told."""

    def __init__(self, product_id: int, moq: int) -> None:
        self.written = threading.Event()
        self.commit = threading.Event()
        self.errors: list[BaseException] = []
        self.thread = threading.Thread(target=self._run, args=(product_id, moq))
        self.thread.start()
        assert self.written.wait(WAIT), self.errors

    def _run(self, product_id: int, moq: int) -> None:
        try:
            with transaction.atomic():
                Product.objects.filter(pk=product_id).update(min_order_qty=moq)
                self.written.set()
                assert self.commit.wait(WAIT)
        except BaseException as error:  # reported by finish()
            self.errors.append(error)
        finally:
            connection.close()

    def finish(self) -> None:
        self.commit.set()
        self.thread.join(WAIT)
        assert not self.errors


def moq_in_index(snapshot: index.Snapshot, product_id: int) -> int:
    return int(snapshot.products.columns["moq"][snapshot.products.rows_of([product_id])][0])


def write_in_other_thread(product_id: int, moq: int) -> None:
    errors: list[BaseException] = []

    def run() -> None:
        try:
            with connection.cursor() as cursor:
                # Under a global catalog lock this writer would wait for the open one: say so in 2 s.
                cursor.execute("SET lock_timeout = '2s'")
            Product.objects.filter(pk=product_id).update(min_order_qty=moq)
        except BaseException as error:
            errors.append(error)
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(WAIT)
    assert not errors, errors


def test_a_writer_that_began_first_and_commits_last_is_still_read():
    artisan = ArtisanProfileFactory()
    early, late = ProductFactory(artisan=artisan, min_order_qty=1), ProductFactory(artisan=artisan, min_order_qty=1)
    index.forget()
    index.current()
    first = OpenWriter(early.pk, 11)  # its log row takes the smaller id, and stays uncommitted
    try:
        write_in_other_thread(late.pk, 22)  # does not wait for the open writer, and commits
        seen = index.current()
        assert seen.shared
        assert moq_in_index(seen, late.pk) == 22
        assert moq_in_index(seen, early.pk) == 1
    finally:
        first.finish()
    after = index.current()
    assert after.shared and after.delta is not None
    assert moq_in_index(after, early.pk) == 11
    assert moq_in_index(after, late.pk) == 22


def test_an_uncommitted_write_stays_invisible_until_it_commits():
    product = ProductFactory(min_order_qty=1)
    index.forget()
    before = index.current()
    writer = OpenWriter(product.pk, 33)
    try:
        # Looked at while the write is open: neither shown nor counted as read.
        during = index.current()
        assert during is before
        assert moq_in_index(during, product.pk) == 1
    finally:
        writer.finish()
    assert moq_in_index(index.current(), product.pk) == 33
