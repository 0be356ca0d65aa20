from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("fairs", "0002_fair_change_log_and_staff_entry"),
        ("programs", "0009_program_kinds"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="allocationrun",
            name="error",
            field=models.TextField(blank=True, verbose_name="error"),
        ),
        migrations.AddField(
            model_name="allocationrun",
            name="finished_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="finished"),
        ),
        # The solver's own status (OPTIMAL, FEASIBLE) keeps its values under a new name; `status` is
        # now the run's lifecycle, and every run recorded before was done (it ran in the request).
        migrations.RenameField(model_name="allocationrun", old_name="status", new_name="solver_status"),
        migrations.AlterField(
            model_name="allocationrun",
            name="solver_status",
            field=models.CharField(blank=True, max_length=20, verbose_name="solver status"),
        ),
        migrations.AddField(
            model_name="allocationrun",
            name="status",
            field=models.CharField(default="done", max_length=10, verbose_name="status"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="allocationrun",
            name="started_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="started"),
        ),
        migrations.AlterField(
            model_name="allocationrun",
            name="applications",
            field=models.PositiveIntegerField(blank=True, null=True, verbose_name="applications"),
        ),
        migrations.AlterField(
            model_name="allocationrun",
            name="greedy_placed",
            field=models.PositiveIntegerField(
                blank=True, null=True, verbose_name="placed first come, first served"
            ),
        ),
        migrations.AlterField(
            model_name="allocationrun",
            name="greedy_wishes_met",
            field=models.PositiveIntegerField(
                blank=True, null=True, verbose_name="wishes met first come, first served"
            ),
        ),
        migrations.AlterField(
            model_name="allocationrun",
            name="placed",
            field=models.PositiveIntegerField(blank=True, null=True, verbose_name="exhibitors placed"),
        ),
        migrations.AlterField(
            model_name="allocationrun",
            name="placed_bound",
            field=models.PositiveIntegerField(
                blank=True, null=True, verbose_name="exhibitors placed at most"
            ),
        ),
        migrations.AlterField(
            model_name="allocationrun",
            name="seconds",
            field=models.FloatField(blank=True, null=True, verbose_name="seconds"),
        ),
        migrations.AlterField(
            model_name="allocationrun",
            name="status",
            field=models.CharField(
                choices=[
                    ("queued", "Queued"),
                    ("running", "Running"),
                    ("done", "Done"),
                    ("stale", "Stale: the stands changed while it ran"),
                    ("failed", "Failed"),
                ],
                default="queued",
                max_length=10,
                verbose_name="status",
            ),
        ),
        migrations.AlterField(
            model_name="allocationrun",
            name="wishes_asked",
            field=models.PositiveIntegerField(blank=True, null=True, verbose_name="wishes asked"),
        ),
        migrations.AlterField(
            model_name="allocationrun",
            name="wishes_bound",
            field=models.PositiveIntegerField(blank=True, null=True, verbose_name="wishes met at most"),
        ),
        migrations.AlterField(
            model_name="allocationrun",
            name="wishes_met",
            field=models.PositiveIntegerField(blank=True, null=True, verbose_name="wishes met"),
        ),
        migrations.AddConstraint(
            model_name="allocationrun",
            constraint=models.UniqueConstraint(
                condition=models.Q(("status__in", ["queued", "running"])),
                fields=("program",),
                name="allocation_run_one_active",
            ),
        ),
    ]
