from django.db import migrations

from catalog.taxonomy import ensure_crafts


def add_crafts(apps, schema_editor):
    ensure_crafts(apps.get_model("catalog", "Craft"))


class Migration(migrations.Migration):
    dependencies = [("catalog", "0001_initial")]
    operations = [migrations.RunPython(add_crafts, migrations.RunPython.noop)]
