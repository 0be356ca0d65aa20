"""Querysets compiled to SQL once per process, for the statements every page runs.

Django builds and compiles a queryset's SQL each time it is evaluated; for the few statements
every catalog page runs (the viewer's programs, their exchange rates, a text search's match),
that costs more than PostgreSQL takes to answer. A `Statement` is compiled from its querysets the
first time it runs, with marker values where each request's own values go (a user's id), and
after that only the markers are swapped for the values. The querysets stay the one definition
of what is read; nothing here writes SQL of its own but the `wrap` around them.

    PROGRAMS = Statement(lambda user_id: Program.objects.filter(memberships__user_id=user_id), "user_id")
    PROGRAMS.models(Program, user_id=request.user.pk)
"""

from __future__ import annotations

import functools
import hashlib
import re
import threading
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import psycopg2
from django.conf import settings
from django.db import connection
from django.db.models import Model, QuerySet

# Values no request has: a parameter equal to one of them is where that argument goes.
_MARKER_BASE = -7_318_402_651_000


class Statement:
    """`build(**markers)` gives one queryset, or several that `wrap` ("{0} UNION ALL {1}") joins."""

    def __init__(
        self,
        build: Callable[..., QuerySet | Sequence[QuerySet]],
        *arguments: str,
        wrap: str = "{0}",
        markers: dict[str, Any] | None = None,
        label: str | None = None,
    ) -> None:
        # `markers` gives an argument that is no number (a date) a marker of its type.
        self._build = build
        self._arguments = arguments
        self._wrap = wrap
        self._markers = markers or {}
        self._label = label  # names the prepared statement in query logs
        self._compiled: tuple[str, list[Any], dict[str, list[int]]] | None = None
        self._lock = threading.Lock()

    def _compile(self) -> tuple[str, list[Any], dict[str, list[int]]]:
        markers = {name: self._markers.get(name, _MARKER_BASE - n) for n, name in enumerate(self._arguments)}
        built = self._build(**markers)
        querysets = [built] if isinstance(built, QuerySet) else list(built)
        parts: list[str] = []
        params: list[Any] = []
        for queryset in querysets:
            sql, part_params = queryset.query.sql_with_params()
            parts.append(f"({sql})" if len(querysets) > 1 else sql)
            params.extend(part_params)
        # A text field's lookup turns the marker into its text.
        positions = {
            name: [i for i, p in enumerate(params) if p == marker or p == str(marker)] for name, marker in markers.items()
        }
        for name, found in positions.items():
            if not found:
                raise ValueError(f"the argument {name!r} is not a parameter of the statement")
        return self._wrap.format(*parts), params, positions

    def sql(self, **values: Any) -> tuple[str, list[Any]]:
        """The statement and its parameters for these values of its arguments.

        A value is a parameter: None is SQL's NULL, equal to nothing (where the ORM would have
        written IS NULL)."""
        if set(values) != set(self._arguments):
            raise TypeError(f"expected the arguments {self._arguments}, got {tuple(values)}")
        if self._compiled is None:
            with self._lock:
                if self._compiled is None:
                    self._compiled = self._compile()
        sql, params, positions = self._compiled
        params = list(params)
        for name, value in values.items():
            for i in positions[name]:
                params[i] = value
        return sql, params

    def rows(self, **values: Any) -> list[tuple[Any, ...]]:
        sql, params = self.sql(**values)
        with connection.cursor() as cursor:
            execute(cursor, sql, params, label=self._label)
            return cursor.fetchall()

    def models(self, model: type[Model], **values: Any) -> list[Any]:
        """Model instances, for a statement that selects the model's columns (a plain queryset)."""
        sql, params = self.sql(**values)
        with connection.cursor() as cursor:
            execute(cursor, sql, params, label=self._label)
            columns = [column[0] for column in cursor.description]
            rows = cursor.fetchall()
        if columns != [f.attname for f in model._meta.concrete_fields]:
            raise ValueError(f"the statement does not select the columns of {model.__name__}")
        return [model.from_db(connection.alias, columns, row) for row in rows]


# --- Prepared on the server ------------------------------------------------------------------------
# PostgreSQL parses, analyses and plans a statement each time its text arrives, which for these
# short reads costs more than running them (0.2-0.3 ms of 0.4). Prepared once per connection, each
# run is an EXECUTE of its name. Off (DATABASE_PREPARED_STATEMENTS=0) behind a pooler that hands a
# session's statements to other clients (PgBouncer in transaction mode).
_PLACEHOLDER = re.compile(r"%%|%s|%\((\w+)\)s")
_FIRST_TABLE = re.compile(r'FROM\s+"?(\w+)')
_unpreparable: set[str] = set()


@functools.lru_cache(maxsize=512)
def _prepared_form(sql: str, label: str | None) -> tuple[str, str, tuple[str | None, ...]]:
    """The statement's name, its PREPARE, and the parameter each $n takes (a name, or None for
    the next positional one)."""
    order: list[str | None] = []

    def numbered(match: re.Match[str]) -> str:
        if match.group(0) == "%%":
            return "%"
        key = match.group(1)
        if key is not None and key in order:
            return f"${order.index(key) + 1}"
        order.append(key)
        return f"${len(order)}"

    # Named for logs: the caller's label, else the first table read, then the text's digest.
    table = _FIRST_TABLE.search(sql)
    label = (label or (table.group(1) if table else "statement"))[:40]
    name = f"{label}_{hashlib.sha256(sql.encode()).hexdigest()[:16]}"
    return name, f"PREPARE {name} AS {_PLACEHOLDER.sub(numbered, sql)}", tuple(order)


def execute(cursor: Any, sql: str, params: Sequence[Any] | Mapping[str, Any] = (), *, label: str | None = None) -> None:
    """cursor.execute(sql, params), through a statement this connection prepared (see above);
    params by position (%s) or by name (%(name)s), as psycopg2 takes them.

    The PREPARE goes straight to psycopg2, so query logs and counts see one query per run, as
    without it; a statement PostgreSQL cannot prepare is run as it is, from then on."""
    if not settings.DATABASE_PREPARED_STATEMENTS or sql in _unpreparable:
        cursor.execute(sql, params)
        return
    name, prepare, order = _prepared_form(sql, label)
    if isinstance(params, Mapping):
        if None in order:
            raise ValueError("named parameters for a statement with positional placeholders")
        values = [params[key] for key in order]  # type: ignore[index]
    else:
        if any(key is not None for key in order) or len(params) != len(order):
            raise ValueError(f"{len(order)} placeholders for {len(params)} positional parameters")
        values = list(params)
    db = cursor.db
    raw = db.connection  # connected: the cursor is open
    # A new connection (a reconnect) has prepared nothing yet.
    if getattr(db, "_prepared_on", None) is not raw:
        db._prepared_on, db._prepared = raw, set()
    if name not in db._prepared:
        if not _prepare(raw, prepare, in_transaction=db.in_atomic_block):
            _unpreparable.add(sql)
            cursor.execute(sql, params)
            return
        db._prepared.add(name)
    if values:
        cursor.execute(f"EXECUTE {name}({', '.join(['%s'] * len(values))})", values)
    else:
        cursor.execute(f"EXECUTE {name}")


def _prepare(raw: Any, prepare: str, *, in_transaction: bool) -> bool:
    """PREPARE on the psycopg2 connection itself; inside a transaction, within a savepoint, so a
    statement PostgreSQL refuses leaves the transaction as it was."""
    with raw.cursor() as plain:
        if not in_transaction:
            try:
                plain.execute(prepare)
            except psycopg2.Error:
                return False
            return True
        plain.execute("SAVEPOINT craftmatch_prepare")
        try:
            plain.execute(prepare)
        except psycopg2.Error:
            plain.execute("ROLLBACK TO SAVEPOINT craftmatch_prepare")
            return False
        finally:
            plain.execute("RELEASE SAVEPOINT craftmatch_prepare")
        return True
