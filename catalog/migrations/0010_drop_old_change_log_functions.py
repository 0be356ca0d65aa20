"""The three trigger functions of 0004 as it was released, which nothing dropped.

0004 was released with one change-log function per table (catalog_log_products,
catalog_log_artisans, catalog_log_artisan_crafts), then rewritten in place to use one function for
the three tables. Databases made before the rewrite kept the three functions after 0006 replaced
the triggers (0006 drops the rewritten function only). 0004 is back as it was released, and this
migration drops the three old functions, so an upgraded database equals a fresh one
(tests/test_migration_schema.py compares them).
"""

from django.db import migrations

FORWARD = """
DROP FUNCTION IF EXISTS catalog_log_products();
DROP FUNCTION IF EXISTS catalog_log_artisans();
DROP FUNCTION IF EXISTS catalog_log_artisan_crafts();
"""


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0009_arabic_search_documents"),
    ]

    # Nothing used them since 0006: going back leaves them dropped.
    operations = [migrations.RunSQL(FORWARD, migrations.RunSQL.noop)]
