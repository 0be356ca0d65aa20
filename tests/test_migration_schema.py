"""A database upgraded from a release has the schema of a fresh one.

Each file in tests/releases/ is the schema of a database as a release's own migrations made it,
with its django_migrations rows. The test restores it into a scratch database, runs today's
`manage.py migrate` on it and on an empty one, and compares what PostgreSQL says of the two:
tables and columns, constraints, indexes, triggers, functions and sequences. A migration that was
rewritten after its release (catalog 0004 was, and kept three functions alive in upgraded
databases: catalog 0010) or that leaves something behind shows up as a difference.

A new release's file: `git archive <commit> | tar -x -C /tmp/release`, then in /tmp/release
`DATABASE_URL=postgres://…/release python manage.py migrate`, then `pg_dump --schema-only
--no-owner --no-privileges --no-comments` and `pg_dump --data-only --inserts -t django_migrations`
of it, without psql's backslash lines.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import uuid
from pathlib import Path

import psycopg2
import pytest
from django.apps import apps
from django.conf import settings
from django.db import connection, migrations
from django.db.migrations.loader import MigrationLoader

RELEASES = Path(__file__).parent / "releases"

# What PostgreSQL knows of a schema, as {name: definition} per kind of object.
DESCRIBE = {
    "columns": """
        SELECT c.relname || '.' || a.attname,
               format_type(a.atttypid, a.atttypmod) || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END
               || coalesce(' default ' || pg_get_expr(d.adbin, d.adrelid), '')
               || CASE WHEN a.attidentity <> '' THEN ' identity ' || a.attidentity::text ELSE '' END
          FROM pg_attribute a
          JOIN pg_class c ON c.oid = a.attrelid
          LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
         WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm')
           AND a.attnum > 0 AND NOT a.attisdropped
    """,
    "constraints": """
        SELECT conrelid::regclass::text || ' ' || conname, pg_get_constraintdef(oid)
          FROM pg_constraint WHERE connamespace = 'public'::regnamespace
    """,
    "indexes": "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public'",
    "triggers": "SELECT tgrelid::regclass::text || ' ' || tgname, pg_get_triggerdef(oid) FROM pg_trigger WHERE NOT tgisinternal",
    "functions": """
        SELECT oid::regprocedure::text, pg_get_functiondef(oid)
          FROM pg_proc WHERE pronamespace = 'public'::regnamespace
    """,
    "sequences": """
        SELECT sequencename, data_type::text || ' ' || start_value::text || ' ' || increment_by::text
          FROM pg_sequences WHERE schemaname = 'public'
    """,
    "migrations": "SELECT app || '.' || name, '' FROM django_migrations",
}


def _connect(name: str):
    db = settings.DATABASES["default"]
    connection = psycopg2.connect(
        dbname=name, user=db.get("USER") or None, password=db.get("PASSWORD") or None,
        host=db.get("HOST") or None, port=db.get("PORT") or None,
    )
    connection.autocommit = True
    return connection


# A restored dump holds the expressions PostgreSQL printed, which it parses back with other casts
# and parentheses ("ARRAY['a'::varchar]::text[]" becomes "ARRAY[('a'::varchar)::text]"): the
# comparison leaves casts, parentheses and spacing out of expressions. Function bodies are kept
# as written and compared whole.
CASTS = re.compile(r"::[a-z_]+(?: (?:varying|precision|with(?:out)? time zone))?(?:\[\])?")


def normalise(kind: str, definition: str) -> str:
    if kind == "functions":
        return definition
    bare = re.sub(r"\s+", " ", re.sub(r"[()]", " ", CASTS.sub("", definition)))
    return re.sub(r" ?([,\[\]]) ?", r"\1", bare).strip()


def describe(name: str) -> dict[str, dict[str, str]]:
    connection = _connect(name)
    try:
        with connection.cursor() as cursor:
            schema = {}
            for kind, query in DESCRIBE.items():
                cursor.execute(query)
                schema[kind] = {key: normalise(kind, value) for key, value in cursor.fetchall()}
            return schema
    finally:
        connection.close()


def differences(upgraded: dict, fresh: dict) -> list[str]:
    found = []
    for kind in DESCRIBE:
        for name in sorted(upgraded[kind].keys() | fresh[kind].keys()):
            if upgraded[kind].get(name) != fresh[kind].get(name):
                found.append(
                    f"{kind} {name}:\n  upgraded: {upgraded[kind].get(name, '(missing)')}\n"
                    f"  fresh:    {fresh[kind].get(name, '(missing)')}"
                )
    return found


def migrate(name: str) -> subprocess.Popen:
    # manage.py in a process of its own, as a deployment runs it (config.settings, DATABASE_NAME).
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings", "DATABASE_NAME": name}
    return subprocess.Popen(
        [sys.executable, "manage.py", "migrate", "--noinput"],
        cwd=settings.BASE_DIR, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )


@pytest.fixture
def scratch_databases():
    """Makes empty databases on the test server; drops them afterwards."""
    names: list[str] = []
    server = _connect("postgres")

    def make() -> str:
        name = f"schema_{uuid.uuid4().hex[:12]}"
        with server.cursor() as cursor:
            cursor.execute(f'CREATE DATABASE "{name}"')
        names.append(name)
        return name

    yield make
    with server.cursor() as cursor:
        for name in names:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    server.close()


def test_databases_upgraded_from_each_release_have_the_schema_of_a_fresh_one(scratch_databases):
    releases = sorted(RELEASES.glob("*.sql"))
    assert releases, "no release schema in tests/releases/"
    upgraded = {}
    for release in releases:
        name = scratch_databases()
        restore(release, name)
        upgraded[release.stem] = name
    fresh = scratch_databases()

    # The migrations run side by side: the fresh database takes longest.
    runs = {name: migrate(name) for name in [fresh, *upgraded.values()]}
    for name, run in runs.items():
        output, _ = run.communicate(timeout=120)
        assert run.returncode == 0, f"migrate {name}:\n{output}"

    expected = describe(fresh)
    assert expected["functions"] and expected["triggers"] and expected["indexes"]
    for release, name in upgraded.items():
        assert not differences(describe(name), expected), (
            f"a database upgraded from {release} differs from a fresh one:\n"
            + "\n".join(differences(describe(name), expected))
        )


def restore(release: Path, name: str) -> None:
    connection = _connect(name)
    try:
        with connection.cursor() as cursor:
            cursor.execute(release.read_text())
    finally:
        connection.close()


def test_the_comparison_tells_a_function_left_behind(scratch_databases):
    # catalog 0004 as released made three change-log functions that 0006 did not drop: without
    # catalog 0010, the databases of that release kept them. The comparison must see one.
    name = scratch_databases()
    restore(RELEASES / "0a20baa.sql", name)
    before = describe(name)
    connection = _connect(name)
    with connection.cursor() as cursor:
        cursor.execute("CREATE FUNCTION catalog_log_products() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$")
    connection.close()

    assert [line.split(":")[0] for line in differences(describe(name), before)] == ["functions catalog_log_products()"]


def test_expressions_are_compared_without_their_casts_and_parentheses():
    printed = "WHERE ((status)::text = ANY ((ARRAY['confirmed'::character varying, 'rescheduling'::character varying])::text[]))"
    parsed_back = "WHERE (((status)::text = ANY (ARRAY[('confirmed'::character varying)::text, ('rescheduling'::character varying)::text])))"
    assert normalise("indexes", printed) == normalise("indexes", parsed_back)
    assert normalise("indexes", printed) != normalise("indexes", printed.replace("rescheduling", "requested"))


@pytest.mark.django_db
def test_every_declared_index_is_in_the_database_as_declared():
    # Indexes made by SQL in a migration and declared in Meta.indexes by a state-only one (catalog
    # 0011, artisans 0005) must be what Django would make of the declaration: each is made again
    # under another name and PostgreSQL's definitions of the two are compared.
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema()")
        in_database = dict(cursor.fetchall())
    checked = []
    for model in apps.get_models():
        for index in model._meta.indexes:
            probe = index.clone()
            probe.name = "declared_index_probe"
            with connection.schema_editor() as editor:
                editor.add_index(model, probe)
            with connection.cursor() as cursor:
                cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = %s", [probe.name])
                (made,) = cursor.fetchone()
            with connection.schema_editor() as editor:
                editor.remove_index(model, probe)
            assert made.replace(probe.name, index.name) == in_database.get(index.name), model._meta.label
            checked.append(index.name)
    assert {"product_pub_newest", "product_index_cover", "artisan_approved_name", "artisan_search_missing"} <= set(checked)


CREATE_TRIGGER = re.compile(r"CREATE\s+(?:OR\s+REPLACE\s+)?TRIGGER\s+(\w+)\s.*?\bON\s+(?:public\.)?(\w+)", re.S | re.I)
DROP_TRIGGER = re.compile(r"DROP\s+TRIGGER\s+(?:IF\s+EXISTS\s+)?(\w+)\s+ON\s+(?:public\.)?(\w+)", re.I)


def _sql_of(operations) -> list[str]:
    statements = []
    for operation in operations:
        if isinstance(operation, migrations.SeparateDatabaseAndState):
            statements += _sql_of(operation.database_operations)
        elif isinstance(operation, migrations.RunSQL):
            sql = operation.sql
            statements += [sql] if isinstance(sql, str) else [s if isinstance(s, str) else s[0] for s in sql]
    return statements


@pytest.mark.django_db
def test_triggers_on_a_table_are_installed_by_the_app_that_owns_it():
    # The migration that last makes a trigger is the one that owns it; it must belong to the app
    # whose model has the table (catalog 0006 and 0007 made artisans' triggers: artisans 0006).
    graph = MigrationLoader(None, ignore_no_migrations=True).graph
    plan: list[tuple[str, str]] = []
    for leaf in sorted(graph.leaf_nodes()):
        plan += [node for node in graph.forwards_plan(leaf) if node not in plan]
    made_by: dict[tuple[str, str], str] = {}
    for node in plan:
        for sql in _sql_of(graph.nodes[node].operations):
            events = [(m.start(), "drop", m) for m in DROP_TRIGGER.finditer(sql)]
            events += [(m.start(), "create", m) for m in CREATE_TRIGGER.finditer(sql)]
            for _position, event, match in sorted(events, key=lambda e: e[0]):
                key = (match.group(2), match.group(1))
                if event == "drop":
                    made_by.pop(key, None)
                else:
                    made_by[key] = f"{node[0]}.{node[1]}"
    owner = {model._meta.db_table: model._meta.app_label for model in apps.get_models(include_auto_created=True)}

    with connection.cursor() as cursor:
        cursor.execute("SELECT tgrelid::regclass::text, tgname FROM pg_trigger WHERE NOT tgisinternal")
        in_database = set(cursor.fetchall())
    assert set(made_by) == in_database
    assert [
        f"{trigger} on {table} ({owner.get(table)}) is made by {migration}"
        for (table, trigger), migration in sorted(made_by.items())
        if migration.split(".")[0] != owner.get(table)
    ] == []
