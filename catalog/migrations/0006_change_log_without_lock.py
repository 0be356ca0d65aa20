"""The catalog's change log without the global write lock.

0004's triggers took one advisory lock per writing transaction until it committed, so that log ids
became visible in the order readers consume them: every catalog writer of the site waited for the
others. Now each row records its writing transaction (pg_current_xact_id), and readers consume the
log by transaction rather than by id (catalog.index): what a reader has seen is a snapshot's
horizon, and a later look reads only rows of the transactions that were still running then or
began after. Writers no longer wait for each other.

An update that only fills a search document (catalog.search.refresh_documents) changes nothing a
reader keeps and is not logged; one that changes nothing at all is not logged either.
"""

from django.db import migrations, models

# Statements touching more rows than this log one reset instead of one row each (as in 0004).
MANY_ROWS = 1000
# 0004's lock key, for the way back.
LOCK_KEY = 7236001

TABLES = [
    ("catalog_product", "product_id", "id"),
    ("artisans_artisanprofile", "artisan_id", "id"),
    ("artisans_artisanprofile_crafts", "artisan_id", "artisanprofile_id"),
]

FUNCTIONS = f"""
CREATE FUNCTION catalog_change_reset() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO catalog_catalogchange (reset, txid, changed_at)
    VALUES (true, pg_current_xact_id()::text::bigint, now());
  RETURN NULL;
END $$;

-- One function for the three tables: the trigger's arguments name the log column to fill and the
-- changed table's column that holds its id (constants of this migration, quoted with %I).
-- Updates compare each row before and after, leaving out its search document, unless the document
-- was dropped (a craft renamed, catalog.search): filling one is no change.
CREATE FUNCTION catalog_change_rows() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (SELECT count(*) FROM changed) > {MANY_ROWS} THEN
    INSERT INTO catalog_catalogchange (reset, txid, changed_at)
      VALUES (true, pg_current_xact_id()::text::bigint, now());
  ELSIF TG_OP = 'UPDATE' THEN
    EXECUTE format(
      'INSERT INTO catalog_catalogchange (%I, reset, txid, changed_at) '
      'SELECT DISTINCT n.%I, false, pg_current_xact_id()::text::bigint, now() '
      'FROM changed n JOIN old_rows o ON o.id = n.id '
      'WHERE to_jsonb(n) - ''search_vector'' IS DISTINCT FROM to_jsonb(o) - ''search_vector'' '
      '   OR (to_jsonb(n) -> ''search_vector'' = ''null''::jsonb '
      '       AND to_jsonb(o) -> ''search_vector'' <> ''null''::jsonb)',
      TG_ARGV[0], TG_ARGV[1]);
  ELSE
    EXECUTE format(
      'INSERT INTO catalog_catalogchange (%I, reset, txid, changed_at) '
      'SELECT DISTINCT %I, false, pg_current_xact_id()::text::bigint, now() FROM changed',
      TG_ARGV[0], TG_ARGV[1]);
  END IF;
  RETURN NULL;
END $$;
"""  # noqa: S608 - only this migration's constants are interpolated

DROP_TRIGGERS = "".join(
    f"""
DROP TRIGGER IF EXISTS catalog_lock ON {table};
DROP TRIGGER IF EXISTS catalog_log_insert ON {table};
DROP TRIGGER IF EXISTS catalog_log_update ON {table};
DROP TRIGGER IF EXISTS catalog_log_delete ON {table};
DROP TRIGGER IF EXISTS catalog_log_truncate ON {table};
"""
    for table, _log_column, _id_column in TABLES
)

FORWARD = DROP_TRIGGERS + """
DROP FUNCTION IF EXISTS catalog_log_rows();
DROP FUNCTION IF EXISTS catalog_log_reset();
DROP FUNCTION IF EXISTS catalog_write_lock();
""" + FUNCTIONS + "".join(
    f"""
CREATE TRIGGER catalog_log_insert AFTER INSERT ON {table} REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION catalog_change_rows('{log_column}', '{id_column}');
CREATE TRIGGER catalog_log_update AFTER UPDATE ON {table} REFERENCING OLD TABLE AS old_rows NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION catalog_change_rows('{log_column}', '{id_column}');
CREATE TRIGGER catalog_log_delete AFTER DELETE ON {table} REFERENCING OLD TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION catalog_change_rows('{log_column}', '{id_column}');
CREATE TRIGGER catalog_log_truncate AFTER TRUNCATE ON {table}
  FOR EACH STATEMENT EXECUTE FUNCTION catalog_change_reset();
"""
    for table, log_column, id_column in TABLES
)

# The way back: 0004's lock and functions, as 0004 made them.
BACKWARD = DROP_TRIGGERS + f"""
DROP FUNCTION IF EXISTS catalog_change_rows();
DROP FUNCTION IF EXISTS catalog_change_reset();
CREATE FUNCTION catalog_write_lock() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock({LOCK_KEY});
  RETURN NULL;
END $$;
CREATE FUNCTION catalog_log_reset() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO catalog_catalogchange (reset, txid, changed_at) VALUES (true, txid_current(), now());
  RETURN NULL;
END $$;
CREATE FUNCTION catalog_log_rows() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (SELECT count(*) FROM changed) > {MANY_ROWS} THEN
    INSERT INTO catalog_catalogchange (reset, txid, changed_at) VALUES (true, txid_current(), now());
  ELSE
    EXECUTE format(
      'INSERT INTO catalog_catalogchange (%I, reset, txid, changed_at) '
      'SELECT DISTINCT %I, false, txid_current(), now() FROM changed',
      TG_ARGV[0], TG_ARGV[1]);
  END IF;
  RETURN NULL;
END $$;
""" + "".join(  # noqa: S608 - only this migration's constants are interpolated
    f"""
CREATE TRIGGER catalog_lock BEFORE INSERT OR UPDATE OR DELETE ON {table}
  FOR EACH STATEMENT EXECUTE FUNCTION catalog_write_lock();
CREATE TRIGGER catalog_log_insert AFTER INSERT ON {table} REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION catalog_log_rows('{log_column}', '{id_column}');
CREATE TRIGGER catalog_log_update AFTER UPDATE ON {table} REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION catalog_log_rows('{log_column}', '{id_column}');
CREATE TRIGGER catalog_log_delete AFTER DELETE ON {table} REFERENCING OLD TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION catalog_log_rows('{log_column}', '{id_column}');
CREATE TRIGGER catalog_log_truncate AFTER TRUNCATE ON {table}
  FOR EACH STATEMENT EXECUTE FUNCTION catalog_log_reset();
"""
    for table, log_column, id_column in TABLES
)


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0005_index_cover"),
        ("artisans", "0003_logo_thumb"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="catalogchange",
            index=models.Index(fields=["txid"], name="catalog_change_txid"),
        ),
        migrations.RunSQL(FORWARD, BACKWARD),
    ]
