"""Triggers on the artisans' tables are installed by artisans.

catalog's migrations made them (0006: the catalog's change log; 0007: search documents dropped when
a text they are built from changes). This migration installs them again as artisans' own, with the
same effect: the change-log triggers keep their names and call the catalog's log functions
(catalog 0006); the search-document functions, which read only artisans' columns, become artisans'
(artisans_search_derive, artisans_crafts_search_derive). Triggers fire in name order: the crafts'
document trigger still runs before their change-log trigger.
"""

from django.db import migrations

TABLES = [
    ("artisans_artisanprofile", "artisan_id", "id"),
    ("artisans_artisanprofile_crafts", "artisan_id", "artisanprofile_id"),
]

CHANGE_LOG = "".join(
    f"""
DROP TRIGGER IF EXISTS catalog_log_insert ON {table};
DROP TRIGGER IF EXISTS catalog_log_update ON {table};
DROP TRIGGER IF EXISTS catalog_log_delete ON {table};
DROP TRIGGER IF EXISTS catalog_log_truncate ON {table};
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

SEARCH_DOCUMENTS = """
DROP TRIGGER IF EXISTS catalog_derive ON artisans_artisanprofile;
DROP TRIGGER IF EXISTS catalog_derive_insert ON artisans_artisanprofile_crafts;
DROP TRIGGER IF EXISTS catalog_derive_delete ON artisans_artisanprofile_crafts;
DROP FUNCTION IF EXISTS catalog_artisan_derive();
DROP FUNCTION IF EXISTS catalog_artisan_crafts_derive();

CREATE FUNCTION artisans_search_derive() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' OR (NEW.business_name, NEW.story, NEW.city, NEW.region, NEW.country,
                          NEW.certifications, NEW.language)
                         IS DISTINCT FROM (OLD.business_name, OLD.story, OLD.city, OLD.region,
                                           OLD.country, OLD.certifications, OLD.language) THEN
    NEW.search_vector := NULL;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER artisans_search_derive BEFORE INSERT OR UPDATE ON artisans_artisanprofile
  FOR EACH ROW EXECUTE FUNCTION artisans_search_derive();

CREATE FUNCTION artisans_crafts_search_derive() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE artisans_artisanprofile SET search_vector = NULL
    WHERE id IN (SELECT artisanprofile_id FROM changed) AND search_vector IS NOT NULL;
  RETURN NULL;
END $$;
CREATE TRIGGER artisans_crafts_search_derive_insert AFTER INSERT ON artisans_artisanprofile_crafts
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION artisans_crafts_search_derive();
CREATE TRIGGER artisans_crafts_search_derive_delete AFTER DELETE ON artisans_artisanprofile_crafts
  REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION artisans_crafts_search_derive();
"""

# The way back: the search-document triggers as catalog 0007 made them.
BACKWARD = """
DROP TRIGGER IF EXISTS artisans_search_derive ON artisans_artisanprofile;
DROP TRIGGER IF EXISTS artisans_crafts_search_derive_insert ON artisans_artisanprofile_crafts;
DROP TRIGGER IF EXISTS artisans_crafts_search_derive_delete ON artisans_artisanprofile_crafts;
ALTER FUNCTION artisans_search_derive() RENAME TO catalog_artisan_derive;
ALTER FUNCTION artisans_crafts_search_derive() RENAME TO catalog_artisan_crafts_derive;
CREATE TRIGGER catalog_derive BEFORE INSERT OR UPDATE ON artisans_artisanprofile
  FOR EACH ROW EXECUTE FUNCTION catalog_artisan_derive();
CREATE TRIGGER catalog_derive_insert AFTER INSERT ON artisans_artisanprofile_crafts
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION catalog_artisan_crafts_derive();
CREATE TRIGGER catalog_derive_delete AFTER DELETE ON artisans_artisanprofile_crafts
  REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION catalog_artisan_crafts_derive();
"""


class Migration(migrations.Migration):
    dependencies = [
        ("artisans", "0005_declare_indexes"),
        ("catalog", "0010_drop_old_change_log_functions"),
    ]

    operations = [migrations.RunSQL(CHANGE_LOG + SEARCH_DOCUMENTS, BACKWARD)]
