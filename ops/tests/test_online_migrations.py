"""Upgrades keep the site up (docs/deploy.md, "Upgrades"): a migration must not lock a big table
for long, nor break the code of the release still serving while it runs.

Migrations are applied while the old release serves (rolling restart). On the big tables
(BIG_TABLES: those that grow with the catalog, the mail and the meetings), these are refused:

- AlterField that changes the column's type (PostgreSQL rewrites the table under an exclusive lock)
  or makes it NOT NULL (a full scan under that lock);
- AddField of a NOT NULL column without `db_default`: Django adds it with a temporary default and
  drops the default at once, so every insert of the old release fails until it is gone;
- AddIndex or AddConstraint (unique, exclusion, check): writes wait while it is built or checked;
  use `AddIndexConcurrently` (django.contrib.postgres.operations) in a non-atomic migration;
- RemoveField, RenameField, DeleteModel, RenameModel: the old release still reads them. Stop
  using it in one release, remove it in the next.

A migration released before this rule, or one that needs an exception, is in ALLOWED with why.
"""

from __future__ import annotations

from django.db import connection, models
from django.db.migrations import operations as ops
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.state import ProjectState
from django.db.models import NOT_PROVIDED

BIG_TABLES = {
    "accounts.user",
    "artisans.artisanprofile",
    "buyers.buyerprofile",
    "catalog.product",
    "catalog.productphoto",
    "catalog.catalogchange",
    "catalog.searchdocument",
    "notifications.email",
    "meetings.meeting",
    "meetings.meetingmessage",
    "programs.buyerinvitation",
    "matchmaking.recommendation",
    "deals.deal",
}

RELEASED_BEFORE_THE_RULE = "released before the rule (issue 21); the tables were small then"

# (app, migration) -> why it may do what the rules refuse.
ALLOWED: dict[tuple[str, str], str] = {
    ("artisans", "0003_logo_thumb"): RELEASED_BEFORE_THE_RULE,
    ("catalog", "0006_change_log_without_lock"): RELEASED_BEFORE_THE_RULE,
    ("catalog", "0008_product_review"): RELEASED_BEFORE_THE_RULE,
    ("catalog", "0012_product_trade_identifiers"): RELEASED_BEFORE_THE_RULE,
    ("meetings", "0003_calendar_mail_owed"): RELEASED_BEFORE_THE_RULE,
    ("programs", "0005_encrypt_tokens"): RELEASED_BEFORE_THE_RULE,
    ("programs", "0007_invitation_language"): RELEASED_BEFORE_THE_RULE,
}


def problems_of(operation, app: str, state: ProjectState) -> list[str]:
    model_name = getattr(operation, "model_name", None) or getattr(operation, "name", "")
    label = f"{app}.{str(model_name).lower()}"
    if label not in BIG_TABLES:
        return []
    name = type(operation).__name__
    if isinstance(operation, ops.AlterField):
        old = state.models[app, operation.model_name.lower()].fields[operation.name]
        new = operation.field
        found = []
        if old.db_type(connection) != new.db_type(connection):
            found.append(f"changes the type of {label}.{operation.name}: the table is rewritten under a lock")
        if old.null and not new.null:
            found.append(f"makes {label}.{operation.name} NOT NULL: a full scan under a lock")
        return found
    if isinstance(operation, ops.AddField):
        field = operation.field
        if not field.null and not field.many_to_many and field.db_default is NOT_PROVIDED:
            return [
                f"adds NOT NULL {label}.{operation.name} without db_default: the old release's inserts fail"
            ]
        return []
    if isinstance(operation, ops.AddIndex | ops.AddConstraint):
        return [f"{name} on {label} blocks writes while it is built; use AddIndexConcurrently"]
    if isinstance(operation, ops.RemoveField | ops.RenameField | ops.DeleteModel | ops.RenameModel):
        return [f"{name} on {label}: the release still serving reads it; remove it one release later"]
    return []


def migration_problems(loader: MigrationLoader) -> dict[tuple[str, str], list[str]]:
    state = ProjectState(real_apps=loader.unmigrated_apps)
    found: dict[tuple[str, str], list[str]] = {}
    for key in _plan(loader):
        migration = loader.graph.nodes[key]
        # A table made in this migration (or an app's initial ones) is empty: nothing to lock.
        created = set()
        for operation in migration.operations:
            if isinstance(operation, ops.CreateModel):
                created.add(f"{key[0]}.{operation.name.lower()}")
            model = f"{key[0]}.{str(getattr(operation, 'model_name', '')).lower()}"
            if not migration.initial and model not in created:
                for problem in problems_of(operation, key[0], state):
                    found.setdefault(key, []).append(problem)
            operation.state_forwards(key[0], state)
    return found


def _plan(loader: MigrationLoader) -> list[tuple[str, str]]:
    plan: list[tuple[str, str]] = []
    for leaf in loader.graph.leaf_nodes():
        for key in loader.graph.forwards_plan(leaf):
            if key not in plan:
                plan.append(key)
    return plan


def test_no_migration_locks_a_big_table_or_breaks_the_release_still_serving():
    found = migration_problems(MigrationLoader(None, ignore_no_migrations=True))
    new = {key: problems for key, problems in found.items() if key not in ALLOWED}
    assert not new, "\n".join(f"{app}.{name}: {'; '.join(p)}" for (app, name), p in sorted(new.items()))


def test_the_rules_catch_a_locking_migration():
    loader = MigrationLoader(None, ignore_no_migrations=True)
    state = ProjectState(real_apps=loader.unmigrated_apps)
    for key in _plan(loader):
        for operation in loader.graph.nodes[key].operations:
            operation.state_forwards(key[0], state)
    bad = [
        ops.AlterField("product", "title", models.TextField()),
        ops.AddField("email", "priority", models.IntegerField(default=0)),
        ops.AddIndex("product", models.Index(fields=["title"], name="product_title_idx")),
        ops.RemoveField("email", "subject"),
    ]
    apps = ["catalog", "notifications", "catalog", "notifications"]
    assert all(problems_of(op, app, state) for op, app in zip(bad, apps, strict=True))
    fine = ops.AddField("email", "priority", models.IntegerField(default=0, db_default=0))
    assert problems_of(fine, "notifications", state) == []
