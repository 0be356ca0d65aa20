"""Search documents folded by the new rule (catalog.search.fold: Arabic article, alef, ta marbuta).

The documents built by the old rule are dropped; the next search builds them again
(catalog.search.refresh_documents), so documents and queries are folded alike. Going back drops
them too, for the same reason.
"""

from django.db import migrations

DROP = """
UPDATE catalog_product SET search_vector = NULL WHERE search_vector IS NOT NULL;
UPDATE artisans_artisanprofile SET search_vector = NULL WHERE search_vector IS NOT NULL;
"""


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0008_product_review"),
    ]

    operations = [migrations.RunSQL(DROP, DROP)]
