"""Group meetings: MeetingParticipant, one exclusion rule per person for one-to-one and group
meetings alike (the meeting's buyer gets a row, kept in step by a trigger), rows for the
meetings that exist, and Meeting's own buyer constraint dropped (the participant one replaces it).
"""

import django.contrib.postgres.constraints
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

BOOKED = "('confirmed', 'rescheduling')"

TRIGGER = f"""
CREATE OR REPLACE FUNCTION meetings_participants_in_step() RETURNS trigger AS $$
BEGIN
    -- The meeting's own buyer is its lead participant (inserted once, never removed).
    INSERT INTO meetings_meetingparticipant
        (meeting_id, user_id, buyer_id, role, status, lead, start_at, end_at, meeting_booked,
         cancel_reason, created_at, updated_at)
    VALUES (NEW.id, NEW.buyer_user_id, NEW.buyer_id, 'buyer', 'confirmed', true, NEW.start_at, NEW.end_at,
            NEW.status IN {BOOKED}, '', now(), now())
    ON CONFLICT (meeting_id, user_id) DO NOTHING;
    -- Every participant holds the meeting's time while it is booked (checked by participant_no_overlap).
    IF TG_OP = 'UPDATE' AND (NEW.start_at IS DISTINCT FROM OLD.start_at OR NEW.end_at IS DISTINCT FROM OLD.end_at
                             OR NEW.status IS DISTINCT FROM OLD.status) THEN
        UPDATE meetings_meetingparticipant
           SET start_at = NEW.start_at, end_at = NEW.end_at, meeting_booked = NEW.status IN {BOOKED}
         WHERE meeting_id = NEW.id;
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER meetings_participants_in_step
AFTER INSERT OR UPDATE OF start_at, end_at, status ON meetings_meeting
FOR EACH ROW EXECUTE FUNCTION meetings_participants_in_step();
"""

UNTRIGGER = """
DROP TRIGGER IF EXISTS meetings_participants_in_step ON meetings_meeting;
DROP FUNCTION IF EXISTS meetings_participants_in_step();
"""

LEADS = f"""
INSERT INTO meetings_meetingparticipant
    (meeting_id, user_id, buyer_id, role, status, lead, start_at, end_at, meeting_booked,
     cancel_reason, created_at, updated_at)
SELECT id, buyer_user_id, buyer_id, 'buyer', 'confirmed', true, start_at, end_at, status IN {BOOKED},
       '', created_at, now()
  FROM meetings_meeting
ON CONFLICT (meeting_id, user_id) DO NOTHING;
"""


class Migration(migrations.Migration):
    dependencies = [
        ("buyers", "0003_buyerprofile_verified_by"),
        ("meetings", "0003_calendar_mail_owed"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="MeetingParticipant",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "role",
                    models.CharField(
                        choices=[
                            ("buyer", "Buyer"),
                            ("interpreter", "Interpreter"),
                            ("journalist", "Journalist"),
                        ],
                        default="buyer",
                        max_length=12,
                        verbose_name="role",
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("invited", "Invited"),
                            ("confirmed", "Confirmed"),
                            ("cancelled", "Cancelled"),
                        ],
                        default="invited",
                        max_length=10,
                        verbose_name="status",
                    ),
                ),
                ("lead", models.BooleanField(default=False, editable=False)),
                ("start_at", models.DateTimeField(blank=True, editable=False, null=True)),
                ("end_at", models.DateTimeField(blank=True, editable=False, null=True)),
                ("meeting_booked", models.BooleanField(default=False, editable=False)),
                ("cancel_reason", models.TextField(blank=True, verbose_name="reason for cancelling")),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                (
                    "buyer",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="meeting_places",
                        to="buyers.buyerprofile",
                    ),
                ),
                (
                    "meeting",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="participants",
                        to="meetings.meeting",
                    ),
                ),
                (
                    "user",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="meeting_places",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "meeting participant",
                "verbose_name_plural": "meeting participants",
                "ordering": ["-lead", "created_at", "id"],
                "constraints": [
                    models.UniqueConstraint(fields=("meeting", "user"), name="participant_once_per_meeting"),
                    models.CheckConstraint(
                        condition=models.Q(("role", "buyer"), _negated=True)
                        | models.Q(("buyer__isnull", False)),
                        name="participant_buyer_has_profile",
                    ),
                ],
            },
        ),
        migrations.AddConstraint(
            model_name="meetingparticipant",
            constraint=django.contrib.postgres.constraints.ExclusionConstraint(
                condition=models.Q(
                    ("meeting_booked", True), models.Q(("status", "cancelled"), _negated=True)
                ),
                expressions=[
                    (
                        models.Func(
                            models.F("user_id"), models.F("user_id"), models.Value("[]"), function="int8range"
                        ),
                        "=",
                    ),
                    (models.Func(models.F("start_at"), models.F("end_at"), function="tstzrange"), "&&"),
                ],
                name="participant_no_overlap",
                violation_error_message="This person already has a meeting at this time.",
            ),
        ),
        migrations.RunSQL(LEADS, migrations.RunSQL.noop),
        migrations.RunSQL(TRIGGER, UNTRIGGER),
        migrations.RemoveConstraint(model_name="meeting", name="meeting_buyer_no_overlap"),
    ]
