"""Recommendations with their reasons, the weights that rank them, and mutual preferences."""

from __future__ import annotations

from datetime import time

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import time_zone_choices
from common.choices import Language
from common.runs import RunStates
from common.text import SingleLineCharField
from matchmaking.scoring import Weights

DEFAULTS = Weights()


class ScoreWeights(models.Model):
    """How much each part of the score counts in one program; defaults when absent."""

    program = models.OneToOneField("programs.Program", on_delete=models.CASCADE, related_name="score_weights")
    crafts = models.FloatField(_("crafts of interest"), default=DEFAULTS.crafts)
    materials = models.FloatField(_("materials of interest"), default=DEFAULTS.materials)
    price = models.FloatField(_("price range"), default=DEFAULTS.price)
    order_size = models.FloatField(_("order size, minimum order and capacity"), default=DEFAULTS.order_size)
    lead_time = models.FloatField(_("lead time"), default=DEFAULTS.lead_time)
    language = models.FloatField(_("shared language or interpreter"), default=DEFAULTS.language)
    time_overlap = models.FloatField(_("overlap of working hours"), default=DEFAULTS.time_overlap)
    exported = models.FloatField(_("exported before"), default=DEFAULTS.exported)
    program_part = models.FloatField(_("same program"), default=DEFAULTS.program)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("score weights")
        verbose_name_plural = _("score weights")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(crafts__gte=0, materials__gte=0, price__gte=0, order_size__gte=0,
                                   lead_time__gte=0, language__gte=0, time_overlap__gte=0, exported__gte=0,
                                   program_part__gte=0),
                name="score_weights_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return str(self.program)

    def as_weights(self) -> Weights:
        return Weights(
            crafts=self.crafts, materials=self.materials, price=self.price, order_size=self.order_size,
            lead_time=self.lead_time, language=self.language, time_overlap=self.time_overlap,
            exported=self.exported, program=self.program_part,
        )


class Recommendation(models.Model):
    """One artisan for one buyer in one program, scored by a worker, never in a request."""

    program = models.ForeignKey("programs.Program", on_delete=models.CASCADE, related_name="recommendations")
    buyer_user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="recommendations")
    artisan = models.ForeignKey("artisans.ArtisanProfile", on_delete=models.CASCADE, related_name="recommendations")
    score = models.FloatField(_("score"))
    reasons = models.JSONField(_("reasons"), default=list)
    # Hidden by the buyer (from their side) or the artisan (from theirs); kept across recomputes.
    hidden_by_buyer = models.BooleanField(default=False)
    hidden_by_artisan = models.BooleanField(default=False)
    computed_at = models.DateTimeField()

    class Meta:
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        ordering = ["-score", "id"]
        constraints = [
            models.UniqueConstraint(fields=["program", "buyer_user", "artisan"], name="recommendation_unique"),
        ]
        indexes = [
            models.Index(fields=["buyer_user", "-score"], name="recommendation_buyer_score"),
            models.Index(fields=["artisan", "-score"], name="recommendation_artisan_score"),
        ]

    def __str__(self) -> str:
        return f"{self.artisan_id} for {self.buyer_user_id}: {self.score}"


class Preference(models.Model):
    """One side's wish about meeting the other in a program."""

    class Level(models.IntegerChoices):
        MUST = 3, _("Must meet")
        LIKE = 2, _("Would like to meet")
        NOT = 0, _("Not interested")

    class Side(models.TextChoices):
        BUYER = "buyer", _("Buyer")
        ARTISAN = "artisan", _("Artisan")

    program = models.ForeignKey("programs.Program", on_delete=models.CASCADE, related_name="preferences")
    buyer_user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    artisan = models.ForeignKey("artisans.ArtisanProfile", on_delete=models.CASCADE, related_name="+")
    side = models.CharField(_("from"), max_length=8, choices=Side.choices)
    level = models.PositiveSmallIntegerField(_("preference"), choices=Level.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("preference")
        verbose_name_plural = _("preferences")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["program", "buyer_user", "artisan", "side"], name="preference_unique"),
            models.CheckConstraint(condition=models.Q(level__in=[0, 2, 3]), name="preference_level_known"),
        ]

    def __str__(self) -> str:
        return f"{self.side} {self.buyer_user_id}/{self.artisan_id}: {self.level}"


def _validate_break(value: str) -> None:
    from django.core.exceptions import ValidationError

    try:
        start, end = parse_range(value)
    except ValueError:
        raise ValidationError(_("Write a break as HH:MM-HH:MM, for example 13:00-14:00."))
    if start >= end:
        raise ValidationError(_("A break ends after it starts."))


def parse_range(value: str) -> tuple[time, time]:
    """'13:00-14:00' as two times; ValueError when it is not that."""
    start, end = value.replace("–", "-").split("-")
    return time.fromisoformat(start.strip()), time.fromisoformat(end.strip())


class Session(models.Model):
    """A block of a program to schedule: a physical B2B day at tables, or a virtual window."""

    class Kind(models.TextChoices):
        PHYSICAL = "physical", _("B2B day at tables")
        VIRTUAL = "virtual", _("Virtual window")

    program = models.ForeignKey("programs.Program", on_delete=models.CASCADE, related_name="sessions",
                                verbose_name=_("program"))
    name = SingleLineCharField(_("name"), max_length=160)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.PHYSICAL)
    time_zone = models.CharField(
        _("venue time zone"), max_length=64, choices=time_zone_choices, default="UTC",
        help_text=_("A B2B day's times are the venue's; a virtual window uses each person's own zone."),
    )
    first_day = models.DateField(_("first day"))
    last_day = models.DateField(_("last day"))
    day_starts = models.TimeField(_("meetings from"), default=time(9),
                                  help_text=_("Local time: the venue's, or each person's for a virtual window."))
    day_ends = models.TimeField(_("meetings until"), default=time(18))
    slot_minutes = models.PositiveSmallIntegerField(_("slot length (minutes)"), default=30)
    breaks = ArrayField(
        models.CharField(max_length=11, validators=[_validate_break]), default=list, blank=True,
        verbose_name=_("breaks"), help_text=_("Venue times, separated by commas: 10:30-11:00,13:00-14:30."),
    )
    tables = models.PositiveSmallIntegerField(_("tables"), null=True, blank=True)
    venue = SingleLineCharField(_("venue"), max_length=300, blank=True,
                             help_text=_("Where a B2B day takes place; it appears on each meeting."))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("scheduling session")
        verbose_name_plural = _("scheduling sessions")
        ordering = ["first_day", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(last_day__gte=models.F("first_day")),
                                   name="session_days_ordered"),
            models.CheckConstraint(condition=models.Q(day_ends__gt=models.F("day_starts")),
                                   name="session_hours_ordered"),
            models.CheckConstraint(condition=models.Q(slot_minutes__gte=5), name="session_slot_length"),
            models.CheckConstraint(
                condition=~models.Q(kind="physical") | models.Q(tables__gte=1), name="session_physical_has_tables"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.program}: {self.name}"

    @property
    def is_physical(self) -> bool:
        return self.kind == self.Kind.PHYSICAL

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if self.kind == self.Kind.PHYSICAL and not self.tables:
            raise ValidationError({"tables": _("A B2B day needs at least one table.")})
        if self.kind == self.Kind.PHYSICAL and not self.venue.strip():
            raise ValidationError({"venue": _("Say where the B2B day takes place.")})
        if self.first_day and self.last_day and self.last_day < self.first_day:
            raise ValidationError({"last_day": _("The last day comes after the first.")})
        if self.program_id and self.slot_minutes and self.slot_minutes < self.program.meeting_minutes:
            # Each meeting lasts the program's length; a shorter slot would overlap the next one.
            raise ValidationError({"slot_minutes": _(
                "A slot is at least the program's meeting length (%(minutes)s minutes).") % {
                    "minutes": self.program.meeting_minutes}})


class Interpreter(models.Model):
    """A person who can join meetings whose parties share no language."""

    program = models.ForeignKey("programs.Program", on_delete=models.CASCADE, related_name="interpreters",
                                verbose_name=_("program"))
    name = SingleLineCharField(_("name"), max_length=160)
    email = models.EmailField(_("email"), blank=True)
    languages = ArrayField(models.CharField(max_length=8, choices=Language.choices), verbose_name=_("languages"))

    class Meta:
        verbose_name = _("interpreter")
        verbose_name_plural = _("interpreters")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class InterpreterAvailability(models.Model):
    interpreter = models.ForeignKey(Interpreter, on_delete=models.CASCADE, related_name="availability")
    starts_at = models.DateTimeField(_("from"))
    ends_at = models.DateTimeField(_("until"))

    class Meta:
        verbose_name = _("available time")
        verbose_name_plural = _("available times")
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_at__gt=models.F("starts_at")),
                                   name="interpreter_availability_ordered"),
        ]

    def __str__(self) -> str:
        return f"{self.starts_at:%Y-%m-%d %H:%M}–{self.ends_at:%H:%M} UTC"


class SchedulePlan(models.Model):
    """One run of the scheduler for a session: its figures, then its items; published once."""

    class Status(models.TextChoices):
        RUNNING = "running", _("Running")
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        FAILED = "failed", _("Failed")

    # Created running: a run is waiting while its started_at is empty (common.runs).
    RUN_STATES = RunStates(waiting=Status.RUNNING, running=Status.RUNNING, failed=Status.FAILED, created="created_at")

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="plans")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.RUNNING)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    value = models.PositiveIntegerField(_("value"), null=True, blank=True)
    bound = models.PositiveIntegerField(_("upper bound"), null=True, blank=True)
    gap = models.FloatField(_("gap"), null=True, blank=True)
    greedy_value = models.PositiveIntegerField(_("first-come value"), null=True, blank=True)
    solve_seconds = models.FloatField(_("solve time (s)"), null=True, blank=True)
    solver_status = models.CharField(max_length=40, blank=True)
    error = models.TextField(blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+")

    class Meta:
        verbose_name = _("schedule plan")
        verbose_name_plural = _("schedule plans")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.session} #{self.pk}"


class PlanItem(models.Model):
    """One meeting of a plan; `meeting` is set once it is published (or when it was kept)."""

    plan = models.ForeignKey(SchedulePlan, on_delete=models.CASCADE, related_name="items")
    artisan = models.ForeignKey("artisans.ArtisanProfile", on_delete=models.CASCADE, related_name="+")
    buyer_user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    start_at = models.DateTimeField(_("starts"))
    table = models.PositiveSmallIntegerField(_("table"), null=True, blank=True)
    interpreter = models.ForeignKey(Interpreter, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="plan_items", verbose_name=_("interpreter"))
    weight = models.PositiveIntegerField(default=0)
    # A meeting confirmed before this run, kept where it is.
    kept = models.BooleanField(default=False)
    meeting = models.ForeignKey("meetings.Meeting", on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="+")

    class Meta:
        verbose_name = _("planned meeting")
        verbose_name_plural = _("planned meetings")
        ordering = ["start_at", "table", "id"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "artisan", "buyer_user"], name="plan_item_pair_once"),
        ]

    def __str__(self) -> str:
        return f"{self.artisan_id}/{self.buyer_user_id} at {self.start_at:%Y-%m-%d %H:%M}"
