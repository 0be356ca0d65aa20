"""The fair site's rendered lists (the directory, the floor plan), cached: the one home of the key.

Rendering 260 cards or stands costs far more than their queries, so the HTML of a list is kept in
Django's cache under a key naming everything that shapes it:

- the fair (its program), the page and its variant (the directory's grouping);
- the active language (labels, crafts' and countries' names);
- the template's own text, so a release with new markup never serves the old;
- what the site shows, as versions: the newest row of the catalog's
  change log (catalog.models.CatalogChange: every write to an artisan, an artisan's crafts or a
  product) and of the fair's own (fairs.models.FairChange: stands, exhibitors, members,
  delegations, halls, zones, the fair's settings), both written by triggers however a write is
  made; a digest of the crafts' rows (their names, which no log records); and a digest of the
  fair's exhibitors the public may see, asked of catalog.visibility (approval and the program
  scope, which moves with other programs' applications and settings). Any change shown on a
  list gives the next page a new key.

Nothing else enters the HTML: the lists are rendered without the request (no CSRF token, user
menu or language switcher, which base.html draws around them each time) and show no price.

Log rows do not become visible in the order of their ids (writers take no common lock), so a
reader may see the newest id while an older writer's row is still uncommitted: a list rendered
then would miss that write under a key that will not change when it commits. A list is therefore
stored only when no transaction of this database holds the logs' write lock (one that has
inserted rows and not yet ended), checked after reading the versions and before rendering: then
every row up to those ids is committed and the render, reading later, sees them all. While a
writer is running the list is rendered, not stored; cached entries are still served, as their
key says what they contain. The digests are not logs: a list is stored only if the versions read
again after rendering are still those of its key.

The cache only saves work (common.best_effort_cache): when it fails, lists are rendered each time.
The fair's log is pruned by `prune_changes` (beat, hourly) under the change logs' one rule
(common.change_logs): its newest row, the version in every key, always stays.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import timedelta
from functools import cache as once

from django.db import connection
from django.template.loader import get_template
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe

from catalog import visibility
from catalog.models import CatalogChange, Craft
from common import best_effort_cache as cache
from common.change_logs import change_log_prune
from fairs.models import FairChange, FairSettings

# Unused keys expire; a change makes a new key, it never waits for this.
TTL_SECONDS = 6 * 3600

# The lists read only the log's newest id; older rows are kept a day, as the catalog's are, to
# look back at when the fair changed.
KEEP_CHANGES = timedelta(days=1)

LOGS = (CatalogChange._meta.db_table, FairChange._meta.db_table)

_VERSIONS = f"""
SELECT (SELECT max(id) FROM {LOGS[0]}),
       (SELECT max(id) FROM {LOGS[1]}),
       (SELECT md5(coalesce(string_agg(c::text, ',' ORDER BY c.id), '')) FROM {Craft._meta.db_table} c)
"""  # noqa: S608 - table names of this project's models, never input
# Its own statement: planned inside the one above it took twice as long (260 exhibitors).
_VISIBLE = "SELECT md5(coalesce(string_agg(v::text, ',' ORDER BY v::text), '')) FROM (%s) v"
# A transaction that wrote a log row holds RowExclusiveLock on its table until it ends.
_WRITING = f"""
SELECT EXISTS (
  SELECT 1 FROM pg_locks
  WHERE locktype = 'relation'
    AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
    AND relation IN ('{LOGS[0]}'::regclass, '{LOGS[1]}'::regclass)
    AND mode = 'RowExclusiveLock'
)
"""  # noqa: S608 - table names of this project's models, never input


Versions = tuple[int, int, str, str]


def versions(fair: FairSettings) -> Versions:
    """The newest rows of both change logs (0 when empty), the crafts' and the visible exhibitors' digests."""
    visible = (
        visibility.visible_artisans(None).filter(exhibitions__program=fair.program_id).values("pk").order_by()
    )
    subquery, params = visible.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(_VERSIONS)
        catalog_version, fair_version, crafts = cursor.fetchone()
        cursor.execute(_VISIBLE % subquery, params)
        (exhibitors,) = cursor.fetchone()
    return catalog_version or 0, fair_version or 0, crafts, exhibitors


def prune_changes() -> int:
    """Delete the fair log's rows older than KEEP_CHANGES; the newest stays, so no key's version moves back."""
    return change_log_prune(model=FairChange, keep=KEEP_CHANGES)


def _writer_running() -> bool:
    with connection.cursor() as cursor:
        cursor.execute(_WRITING)
        return bool(cursor.fetchone()[0])


@once
def _template_version(template: str) -> str:
    source = get_template(template).template.source  # type: ignore[attr-defined]
    return hashlib.sha256(source.encode()).hexdigest()[:12]


def key(fair: FairSettings, *, template: str, variant: str, at: Versions) -> str:
    return ":".join(
        [
            "fairs",
            template,
            _template_version(template),
            str(fair.program_id),
            variant,
            translation.get_language() or "",
            *(str(part) for part in at),
        ]
    )


def fragment(
    fair: FairSettings, *, template: str, variant: str, render: Callable[[FairSettings], str]
) -> SafeString:
    """The list's HTML from the cache, or `render(fair)` (the fair read again) stored for the next."""
    at = versions(fair)
    name = key(fair, template=template, variant=variant, at=at)
    html = cache.get(name)
    if html is None:
        storable = not _writer_running()
        # Read again after the versions: the caller's copy may predate them (published since).
        fresh = FairSettings.objects.select_related("program").get(pk=fair.pk)
        html = render(fresh)
        if storable and versions(fair) == at:
            cache.set(name, html, TTL_SECONDS)
    return mark_safe(html)  # noqa: S308 - our own template's output, escaped when rendered
