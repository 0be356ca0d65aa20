"""Availability, meetings and what surrounds them: events, messages, reminders, outcomes.

Every change of a meeting's status goes through meetings.services; these models own only
the invariants the database can state (no overlap of confirmed meetings, one reminder per
meeting, recipient and kind, one outcome per side).
"""

from __future__ import annotations

import uuid
import zoneinfo
from datetime import datetime

from django.conf import settings
from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import ArrayField, RangeOperators
from django.db import models
from django.db.models import F, Func, Q, Value
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from common.choices import Currency
from common.text import SingleLineCharField

DURATION_CHOICES = [(30, _("30 minutes")), (45, _("45 minutes")), (60, _("1 hour")), (90, _("1 hour 30 minutes"))]
DEFAULT_DURATIONS = [30, 45, 60]


def default_durations() -> list[int]:
    return list(DEFAULT_DURATIONS)


class Weekday(models.IntegerChoices):
    MONDAY = 0, pgettext_lazy("weekday", "Monday")
    TUESDAY = 1, pgettext_lazy("weekday", "Tuesday")
    WEDNESDAY = 2, pgettext_lazy("weekday", "Wednesday")
    THURSDAY = 3, pgettext_lazy("weekday", "Thursday")
    FRIDAY = 4, pgettext_lazy("weekday", "Friday")
    SATURDAY = 5, pgettext_lazy("weekday", "Saturday")
    SUNDAY = 6, pgettext_lazy("weekday", "Sunday")


class AvailabilitySettings(models.Model):
    """What an artisan accepts beyond the windows themselves: the meeting lengths."""

    artisan = models.OneToOneField(
        "artisans.ArtisanProfile", on_delete=models.CASCADE, related_name="availability_settings"
    )
    durations = ArrayField(
        models.PositiveSmallIntegerField(choices=DURATION_CHOICES),
        verbose_name=_("meeting lengths you accept"),
        default=default_durations,
    )

    class Meta:
        verbose_name = _("availability settings")
        verbose_name_plural = _("availability settings")

    def __str__(self) -> str:
        return str(self.artisan)


class AvailabilityWindow(models.Model):
    """A weekly window in the artisan's own time zone, e.g. every Tuesday 09:00–13:00."""

    artisan = models.ForeignKey(
        "artisans.ArtisanProfile", on_delete=models.CASCADE, related_name="availability_windows"
    )
    weekday = models.PositiveSmallIntegerField(_("day of the week"), choices=Weekday.choices)
    start_time = models.TimeField(_("from"))
    end_time = models.TimeField(_("until"))

    class Meta:
        verbose_name = _("weekly window")
        verbose_name_plural = _("weekly windows")
        ordering = ["weekday", "start_time"]
        constraints = [
            models.CheckConstraint(condition=Q(start_time__lt=F("end_time")), name="window_start_before_end"),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.start_time:%H:%M}–{self.end_time:%H:%M}"


class AvailabilitySlot(models.Model):
    """A dated slot in the artisan's own time zone, e.g. 28 October 2026 15:00–18:00."""

    artisan = models.ForeignKey(
        "artisans.ArtisanProfile", on_delete=models.CASCADE, related_name="availability_slots"
    )
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("from"))
    end_time = models.TimeField(_("until"))

    class Meta:
        verbose_name = _("dated slot")
        verbose_name_plural = _("dated slots")
        ordering = ["date", "start_time"]
        constraints = [
            models.CheckConstraint(condition=Q(start_time__lt=F("end_time")), name="slot_start_before_end"),
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.start_time:%H:%M}–{self.end_time:%H:%M}"


class AvailabilityException(models.Model):
    """Days the artisan cannot meet (a holiday, a fair they attend), in their own calendar."""

    artisan = models.ForeignKey(
        "artisans.ArtisanProfile", on_delete=models.CASCADE, related_name="availability_exceptions"
    )
    start_date = models.DateField(_("first day"))
    end_date = models.DateField(_("last day"))
    reason = SingleLineCharField(_("reason"), max_length=160, blank=True)

    class Meta:
        verbose_name = _("unavailable days")
        verbose_name_plural = _("unavailable days")
        ordering = ["start_date"]
        constraints = [
            models.CheckConstraint(condition=Q(start_date__lte=F("end_date")), name="exception_start_before_end"),
        ]

    def __str__(self) -> str:
        return f"{self.start_date}–{self.end_date} {self.reason}".strip()


class Meeting(models.Model):
    """A one-to-one meeting between a buyer and an artisan, from request to outcome.

    `artisan_user` and `buyer_user` repeat the profiles' users so the database can refuse
    overlapping confirmed meetings per person with one exclusion constraint each.
    """

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        COUNTERED = "countered", _("New time proposed")
        CONFIRMED = "confirmed", _("Confirmed")
        RESCHEDULING = "rescheduling", _("Reschedule proposed")
        DECLINED = "declined", _("Declined")
        CANCELLED = "cancelled", _("Cancelled")
        COMPLETED = "completed", _("Completed")

    class Mode(models.TextChoices):
        VIRTUAL = "virtual", _("Video call")
        IN_PERSON = "in_person", _("In person")

    # A rescheduling meeting still holds its confirmed time until the new one is agreed.
    BOOKED = (Status.CONFIRMED, Status.RESCHEDULING)

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    artisan = models.ForeignKey("artisans.ArtisanProfile", on_delete=models.PROTECT, related_name="meetings")
    buyer = models.ForeignKey("buyers.BuyerProfile", on_delete=models.PROTECT, related_name="meetings")
    # The program through which the parties met, when there is one: its limits and results apply.
    program = models.ForeignKey(
        "programs.Program", on_delete=models.SET_NULL, null=True, blank=True, related_name="meetings",
        verbose_name=_("program"),
    )
    artisan_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="meetings_as_artisan", editable=False
    )
    buyer_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="meetings_as_buyer", editable=False
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.REQUESTED, db_index=True
    )
    mode = models.CharField(_("kind of meeting"), max_length=10, choices=Mode.choices, default=Mode.VIRTUAL)
    location = SingleLineCharField(
        _("place"), max_length=300, blank=True,
        help_text=_("For a meeting in person: a fair's stand or table, or a workshop's address."),
    )
    duration_minutes = models.PositiveSmallIntegerField(_("length (minutes)"), choices=DURATION_CHOICES)
    products = models.ManyToManyField(
        "catalog.Product", verbose_name=_("products of interest"), related_name="meetings", blank=True
    )
    # The times on the table: the buyer's proposals, the artisan's counter or a reschedule.
    proposed_starts = ArrayField(models.DateTimeField(), verbose_name=_("proposed times"), default=list, blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The zone in which the proposer chose the times, kept as they saw it.
    proposed_time_zone = models.CharField(max_length=64, blank=True)
    start_at = models.DateTimeField(_("starts"), null=True, blank=True)
    end_at = models.DateTimeField(_("ends"), null=True, blank=True)
    # Raised on every change of an agreed time or a cancellation: calendars update by it.
    sequence = models.PositiveIntegerField(default=0, editable=False)
    video_token = models.CharField(max_length=64, blank=True, editable=False)
    decline_reason = models.TextField(_("reason for declining"), blank=True)
    cancel_reason = models.TextField(_("reason for cancelling"), blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)
    # The calendar mail this version owes both sides ("request" or "cancel"), saved with the change
    # itself: if the outbox has no such email a while later, its task message was lost on the
    # way (a Redis restart) and meetings_resume_calendar_mail queues it again.
    calendar_due = models.CharField(max_length=8, blank=True, editable=False)
    calendar_due_since = models.DateTimeField(null=True, blank=True, editable=False)
    # A visit a program's feature holds (a tour's stop, meetings.services.visits): the feature
    # moves and cancels it; neither side nor staff change it here, and its own buyer (the first
    # on board) gives up their place like any participant.
    visit = models.BooleanField(_("visit of a program"), default=False, db_default=False, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["artisan_user", "status"], name="meeting_artisan_status"),
            models.Index(fields=["buyer_user", "status"], name="meeting_buyer_status"),
            models.Index(fields=["status", "start_at"], name="meeting_status_start"),
            models.Index(fields=["calendar_due_since"], name="meeting_calendar_due",
                         condition=~Q(calendar_due="")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(start_at__isnull=True) | Q(end_at__gt=F("start_at")), name="meeting_end_after_start"
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["confirmed", "rescheduling", "completed"])
                | Q(start_at__isnull=False, end_at__isnull=False),
                name="meeting_booked_has_time",
            ),
            # No btree_gist on the embedded PostgreSQL: a one-point int8range stands in for `=`.
            ExclusionConstraint(
                name="meeting_artisan_no_overlap",
                index_type="gist",
                expressions=[
                    (Func(F("artisan_user_id"), F("artisan_user_id"), Value("[]"), function="int8range"),
                     RangeOperators.EQUAL),
                    (Func(F("start_at"), F("end_at"), function="tstzrange"), RangeOperators.OVERLAPS),
                ],
                condition=Q(status__in=["confirmed", "rescheduling"]),
                violation_error_message=_("The artisan already has a meeting at this time."),
            ),
            # The buyer's overlaps are refused by MeetingParticipant's participant_no_overlap (one
            # rule for one-to-one and group meetings; the meeting's buyer has a row there).
        ]

    def __str__(self) -> str:
        return f"{self.artisan} – {self.buyer.organisation_name}"

    @property
    def is_booked(self) -> bool:
        return self.status in self.BOOKED

    @property
    def is_virtual(self) -> bool:
        return self.mode == self.Mode.VIRTUAL

    @property
    def video_url(self) -> str:
        if not (self.is_virtual and self.video_token):
            return ""
        base = settings.VIDEO_BASE_URL
        return f"{base if base.endswith('/') else base + '/'}CraftMatch-{self.video_token}"

    @property
    def artisan_zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.artisan.time_zone or "UTC")

    @property
    def buyer_zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.buyer_user.time_zone or "UTC")

    def is_party(self, user) -> bool:
        return user.pk in (self.artisan_user_id, self.buyer_user_id)

    def other_party(self, user):
        return self.buyer_user if user.pk == self.artisan_user_id else self.artisan_user

    def zone_of(self, user) -> zoneinfo.ZoneInfo:
        """The zone a party's local time is shown in: the workshop's for the artisan."""
        return self.artisan_zone if user.pk == self.artisan_user_id else self.buyer_zone

    def other_zone(self, user) -> zoneinfo.ZoneInfo:
        return self.buyer_zone if user.pk == self.artisan_user_id else self.artisan_zone

    def has_ended(self, now: datetime) -> bool:
        return self.end_at is not None and self.end_at <= now


class MeetingEvent(models.Model):
    """One transition: who moved the meeting from which status to which, when and why."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    action = models.CharField(_("action"), max_length=30)
    from_status = models.CharField(_("from"), max_length=12, blank=True)
    to_status = models.CharField(_("to"), max_length=12)
    note = models.TextField(_("note"), blank=True)
    start_at = models.DateTimeField(_("time concerned"), null=True, blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        verbose_name = _("meeting event")
        verbose_name_plural = _("meeting events")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.action}: {self.from_status or '∅'} → {self.to_status}"

    @property
    def label(self) -> str:
        return str(EVENT_LABELS.get(self.action, self.action))


EVENT_LABELS = {
    "request": _("requested a meeting"),
    "accept": _("accepted"),
    "decline": _("declined"),
    "counter": _("proposed another time"),
    "confirm": _("confirmed"),
    "reschedule": _("proposed a new time"),
    "cancel": _("cancelled"),
    "complete": _("marked the meeting as held"),
    "schedule": _("scheduled the meeting in the program's agenda"),
    "staff_cancel": _("cancelled the meeting for both sides (agency staff)"),
    "staff_reschedule": _("moved the meeting to a new time for both sides (agency staff)"),
}


class Message(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    body = models.TextField(_("message"), max_length=4000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.body[:60]


class Reminder(models.Model):
    """A reminder claimed for one meeting, recipient, kind and agreed time (sequence).

    The row is inserted before the email is queued, in the same transaction: a second beat,
    a retry or a crashed worker finds it and queues nothing.
    """

    class Kind(models.TextChoices):
        DAY_BEFORE = "24h", _("24 hours before")
        HOUR_BEFORE = "1h", _("1 hour before")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="reminders")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=3, choices=Kind.choices)
    sequence = models.PositiveIntegerField(default=0)
    email = models.ForeignKey(
        "notifications.Email", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "user", "kind", "sequence"], name="reminder_once"),
        ]

    def __str__(self) -> str:
        return f"{self.meeting_id} {self.user_id} {self.kind}"


class Outcome(models.Model):
    """What one side says happened, after the meeting."""

    class Attendance(models.TextChoices):
        HELD = "held", _("The meeting took place")
        NO_SHOW = "no_show", _("The other side did not come")

    class Interest(models.IntegerChoices):
        NONE = 0, _("No interest")
        LOW = 1, _("Low")
        MEDIUM = 2, _("Medium")
        HIGH = 3, _("High")

    class NextStep(models.TextChoices):
        SAMPLES = "samples", _("Send samples")
        ORDER = "order", _("Place an order")
        FOLLOW_UP = "follow_up", _("Another conversation")
        NONE = "none", _("None")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="outcomes")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    attendance = models.CharField(_("attendance"), max_length=8, choices=Attendance.choices)
    interest = models.PositiveSmallIntegerField(_("interest"), choices=Interest.choices, default=Interest.MEDIUM)
    next_step = models.CharField(_("next step"), max_length=10, choices=NextStep.choices, default=NextStep.NONE)
    estimated_order_value = models.DecimalField(
        _("estimated order value"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices, default=Currency.EUR)
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "user"], name="outcome_once_per_side"),
            models.CheckConstraint(
                condition=Q(estimated_order_value__isnull=True) | Q(estimated_order_value__gte=0),
                name="outcome_value_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.meeting_id} {self.user_id} {self.attendance}"


class MeetingParticipant(models.Model):
    """A person at a meeting besides its artisan: a group meeting (a workshop visit) has several.

    ONE rule for double booking people other than the artisan: this table. Every meeting's own
    buyer has a row here too (`lead`), written and kept in step by the database trigger of
    migration 0004 (start, end and whether the meeting holds time copied from the meeting on every
    insert or update of it), and `participant_no_overlap` refuses any two rows of one person whose
    times overlap while both hold time: a buyer's one-to-one meetings, their places in group
    meetings, and the two against each other. (Meeting's own buyer constraint was dropped for it;
    the artisan keeps `meeting_artisan_no_overlap`: the host is not a participant.)

    The others (added buyers, an interpreter, a journalist) are added by
    meetings.services.participant_add, which copies the meeting's times as the trigger would.
    """

    class Role(models.TextChoices):
        BUYER = "buyer", _("Buyer")
        INTERPRETER = "interpreter", _("Interpreter")
        JOURNALIST = "journalist", _("Journalist")

    class Status(models.TextChoices):
        INVITED = "invited", _("Invited")
        CONFIRMED = "confirmed", _("Confirmed")
        CANCELLED = "cancelled", _("Cancelled")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="participants")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="meeting_places")
    # The buyer's profile for a buyer (deals start from it); empty for an interpreter or journalist.
    buyer = models.ForeignKey(
        "buyers.BuyerProfile", on_delete=models.PROTECT, null=True, blank=True, related_name="meeting_places"
    )
    role = models.CharField(_("role"), max_length=12, choices=Role.choices, default=Role.BUYER)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.INVITED)
    lead = models.BooleanField(default=False, editable=False)
    # Copied from the meeting (trigger): what the exclusion constraint compares.
    start_at = models.DateTimeField(null=True, blank=True, editable=False)
    end_at = models.DateTimeField(null=True, blank=True, editable=False)
    meeting_booked = models.BooleanField(default=False, editable=False)
    cancel_reason = models.TextField(_("reason for cancelling"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("meeting participant")
        verbose_name_plural = _("meeting participants")
        ordering = ["-lead", "created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "user"], name="participant_once_per_meeting"),
            models.CheckConstraint(
                condition=~Q(role="buyer") | Q(buyer__isnull=False), name="participant_buyer_has_profile"
            ),
            ExclusionConstraint(
                name="participant_no_overlap",
                index_type="gist",
                expressions=[
                    (Func(F("user_id"), F("user_id"), Value("[]"), function="int8range"), RangeOperators.EQUAL),
                    (Func(F("start_at"), F("end_at"), function="tstzrange"), RangeOperators.OVERLAPS),
                ],
                condition=Q(meeting_booked=True) & ~Q(status="cancelled"),
                violation_error_message=_("This person already has a meeting at this time."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.meeting_id} {self.user_id} {self.role}"

    @property
    def holds_time(self) -> bool:
        return self.meeting_booked and self.status != self.Status.CANCELLED
