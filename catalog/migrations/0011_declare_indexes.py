"""The product's partial and covering indexes, declared in Product.Meta.indexes.

Migrations 0003, 0005 and 0007 made them with SQL; this migration only tells Django's state, so
they are declared where the model is (tests/test_migration_schema.py checks that the database
holds every declared index as declared).
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("catalog", "0010_drop_old_change_log_functions")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AddIndex(
                    model_name='product',
                    index=models.Index(condition=models.Q(('status', 'published')), fields=['-created_at', '-id'], name='product_pub_newest'),
                ),
                migrations.AddIndex(
                    model_name='product',
                    index=models.Index(condition=models.Q(('status', 'published')), fields=['wholesale_price_usd', 'id'], name='product_pub_price'),
                ),
                migrations.AddIndex(
                    model_name='product',
                    index=models.Index(condition=models.Q(('status', 'published')), fields=['min_order_qty', 'id'], name='product_pub_moq'),
                ),
                migrations.AddIndex(
                    model_name='product',
                    index=models.Index(condition=models.Q(('status', 'published')), fields=['lead_time_days', 'id'], name='product_pub_lead'),
                ),
                migrations.AddIndex(
                    model_name='product',
                    index=models.Index(condition=models.Q(('status', 'published')), fields=['id'], include=('artisan', 'craft', 'materials', 'wholesale_price_usd', 'min_order_qty', 'lead_time_days', 'created_at'), name='product_index_cover'),
                ),
                migrations.AddIndex(
                    model_name='product',
                    index=models.Index(condition=models.Q(('search_vector__isnull', True)), fields=['id'], name='product_search_missing'),
                ),
            ],
        ),
    ]
