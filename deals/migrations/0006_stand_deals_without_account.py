"""A deal with no buyer account may start at a fair's stand as well as from a public catalog.

deals_deal is a big table: the check is replaced NOT VALID (no scan under the lock), then
validated, which reads the rows without blocking writes.
"""

from django.db import migrations, models
from django.db.models import Q

OLD = Q(buyer__isnull=False) | Q(source="public")
NEW = Q(buyer__isnull=False) | Q(source__in=["public", "stand"])


class Migration(migrations.Migration):
    atomic = False  # the validation must not run under the ALTER TABLE lock
    dependencies = [("deals", "0005_event_changes")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveConstraint(model_name="deal", name="deal_has_a_buyer"),
                migrations.AddConstraint(
                    model_name="deal",
                    constraint=models.CheckConstraint(condition=NEW, name="deal_has_a_buyer"),
                ),
            ],
            database_operations=[
                migrations.RunSQL(
                    sql=[
                        "ALTER TABLE deals_deal DROP CONSTRAINT deal_has_a_buyer",
                        "ALTER TABLE deals_deal ADD CONSTRAINT deal_has_a_buyer CHECK "
                        "(buyer_id IS NOT NULL OR source IN ('public', 'stand')) NOT VALID",
                        "ALTER TABLE deals_deal VALIDATE CONSTRAINT deal_has_a_buyer",
                    ],
                    reverse_sql=[
                        "ALTER TABLE deals_deal DROP CONSTRAINT deal_has_a_buyer",
                        "ALTER TABLE deals_deal ADD CONSTRAINT deal_has_a_buyer CHECK "
                        "(buyer_id IS NOT NULL OR source = 'public') NOT VALID",
                        "ALTER TABLE deals_deal VALIDATE CONSTRAINT deal_has_a_buyer",
                    ],
                ),
            ],
        ),
    ]
