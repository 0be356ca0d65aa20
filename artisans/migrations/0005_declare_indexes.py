"""The artisan profile's partial indexes, declared in ArtisanProfile.Meta.indexes.

catalog's migrations 0003 and 0007 made them with SQL; this migration only tells Django's state,
so they are declared where the model is (tests/test_migration_schema.py checks that the database
holds every declared index as declared).
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("artisans", "0004_workshop_photo_upload_paths"), ("catalog", "0007_derived_data")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AddIndex(
                    model_name='artisanprofile',
                    index=models.Index(condition=models.Q(('status', 'approved')), fields=['business_name', 'id'], name='artisan_approved_name'),
                ),
                migrations.AddIndex(
                    model_name='artisanprofile',
                    index=models.Index(condition=models.Q(('search_vector__isnull', True)), fields=['id'], name='artisan_search_missing'),
                ),
            ],
        ),
    ]
