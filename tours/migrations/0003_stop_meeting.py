"""A planned stop keeps its visit's group meeting (one-to-one: a meeting is one stop's at most)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0004_group_meetings"),
        ("tours", "0002_day_start"),
    ]

    operations = [
        migrations.AddField(
            model_name="plannedstop",
            name="meeting",
            field=models.OneToOneField(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="tour_stop",
                to="meetings.meeting",
                verbose_name="meeting",
            ),
        ),
    ]
