"""Meeting.visit: a program's visit (a tour's stop), moved and cancelled by its program, whose lead gives up a place like anyone."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0004_group_meetings"),
    ]

    operations = [
        migrations.AddField(
            model_name="meeting",
            name="visit",
            field=models.BooleanField(default=False, db_default=False, editable=False, verbose_name="visit of a program"),
        ),
    ]
