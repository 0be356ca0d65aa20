"""Limits on how many of something one thing may have, enforced under a lock.

A limit (meetings per artisan and per buyer in a program, photos per product and per workshop,
and the seats and stands to come) is never checked by a count read before the insert: twenty
requests at once would all read the same count and all insert. Instead the service calls
`limit_enforce` inside the transaction that inserts, just before the insert. It takes one
transaction-scoped advisory lock per limited thing (not a global lock: two artisans' limits never
wait for each other), then counts. Under READ COMMITTED each count is a new statement, so it sees
every row committed by whoever held the lock before; the lock is released when the transaction
that inserted commits or rolls back.

Locks are taken in the order of their ids, so two writers that need the same two limits (an
artisan's and a buyer's) never deadlock. A writer that inserts many rows in one transaction (a
published schedule) calls `limit_lock` with every key it will need first, for the same reason.
Row locks held while waiting for a limit lock can close a cycle too: a FOR UPDATE on a row the
other writers' inserts point to (a program) makes their commit wait, since PostgreSQL checks the
foreign key then. Lock only the rows you change (`select_for_update(of=("self",))`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Hashable, Iterable
from dataclasses import dataclass

from django.db import connection
from django.db.models import QuerySet

LimitKey = tuple[Hashable, ...]


@dataclass(frozen=True)
class Limit:
    """At most `maximum` rows of `counted` for the thing `key` names (None: no limit).

    `key` names the limited thing, not the limit's value: ("program-artisan-meetings", program
    id, artisan id), ("product-photos", product id). Every writer of rows that `counted` counts
    must go through `limit_enforce` with the same key.
    """

    key: LimitKey
    maximum: int | None
    counted: QuerySet


class LimitReached(Exception):
    def __init__(self, limit: Limit) -> None:
        super().__init__(f"limit {limit.key!r} of {limit.maximum} reached")
        self.limit = limit


def lock_id(key: LimitKey) -> int:
    """The advisory lock id of a key: 64 bits of its hash, signed as PostgreSQL's bigint."""
    digest = hashlib.blake2b(repr(tuple(key)).encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def limit_lock(*keys: LimitKey) -> None:
    """Take the advisory locks of these limited things until the transaction ends."""
    if not connection.in_atomic_block:
        # Outside a transaction the lock would be released before the insert it should cover.
        raise RuntimeError("limit_lock needs a transaction (transaction.atomic) around the write it covers")
    with connection.cursor() as cursor:
        for lock in sorted({lock_id(key) for key in keys}):
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [lock])


def limit_enforce(*limits: Limit) -> None:
    """Lock every limited thing, then count: raise LimitReached for the first one that is full.

    Call it inside the transaction that inserts, right before the insert and after the slow
    work, so the lock is held only for the count and the insert.
    """
    active = [limit for limit in limits if limit.maximum is not None]
    limit_lock(*(limit.key for limit in active))
    for limit in active:
        if limit.counted.count() >= limit.maximum:
            raise LimitReached(limit)


def limit_keys(limits: Iterable[Limit]) -> list[LimitKey]:
    """The keys of the limits that apply (a maximum is set), to lock ahead with `limit_lock`."""
    return [limit.key for limit in limits if limit.maximum is not None]
