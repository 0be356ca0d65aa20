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

import threading
from collections.abc import Callable, Sequence
from typing import Any

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
    ) -> None:
        # `markers` gives an argument that is no number (a date) a marker of its type.
        self._build = build
        self._arguments = arguments
        self._wrap = wrap
        self._markers = markers or {}
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
            cursor.execute(sql, params)
            return cursor.fetchall()

    def models(self, model: type[Model], **values: Any) -> list[Any]:
        """Model instances, for a statement that selects the model's columns (a plain queryset)."""
        sql, params = self.sql(**values)
        return list(model._default_manager.raw(sql, params))
