"""Workshop tours: a program's days, people, vehicles, candidate workshops and the planned stops.

Times of day (a day's start, opening hours) are local to the tour's program zone; planned
arrivals and departures are stored in UTC. A planned stop is one artisan's workshop visited by
one vehicle on one day: the database keeps one stop per artisan per tour (fairness) and no two
stops of a vehicle overlapping (nobody on board is in two places at once).
"""

from __future__ import annotations

import uuid
from datetime import time

from django.conf import settings
from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import ArrayField, RangeOperators
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Func, Q, Value
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from common.runs import RunStates
from common.text import SingleLineCharField
from matchmaking.models import _validate_break
from programs import kinds


class Tour(models.Model):
    """The workshop-tour side of a program of that kind."""

    class GroupBy(models.TextChoices):
        COOPERATIVE = "cooperative", _("Cooperative or business")
        REGION = "region", _("Region")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    program = models.OneToOneField(
        "programs.Program", on_delete=models.CASCADE, related_name="tour", verbose_name=_("program")
    )
    start_name = SingleLineCharField(
        _("meeting point"), max_length=200, help_text=_("Where each day starts and ends.")
    )
    start_latitude = models.FloatField(
        _("meeting point latitude"), validators=[MinValueValidator(-90), MaxValueValidator(90)]
    )
    start_longitude = models.FloatField(
        _("meeting point longitude"), validators=[MinValueValidator(-180), MaxValueValidator(180)]
    )
    speed_kmh = models.FloatField(
        _("average speed (km/h)"),
        default=25.0,
        validators=[MinValueValidator(1)],
        help_text=_("Used for the drive between two workshops when staff have not entered the minutes."),
    )
    detour_factor = models.FloatField(
        _("detour factor"),
        default=1.4,
        validators=[MinValueValidator(1)],
        help_text=_("Road distance divided by the straight line; 1.4 in a city."),
    )
    group_by = models.CharField(
        _("fairness across"), max_length=12, choices=GroupBy.choices, default=GroupBy.COOPERATIVE
    )
    max_stops_per_group = models.PositiveSmallIntegerField(
        _("stops per cooperative or region at most"), null=True, blank=True
    )
    # Raised on every change of the planned stops; each participant is mailed once per version.
    version = models.PositiveIntegerField(default=0, editable=False)
    sent_version = models.PositiveIntegerField(default=0, editable=False)
    planned_at = models.DateTimeField(null=True, blank=True, editable=False)
    plan_value = models.PositiveIntegerField(null=True, blank=True, editable=False)
    baseline_value = models.PositiveIntegerField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("workshop tour")
        verbose_name_plural = _("workshop tours")

    def __str__(self) -> str:
        return str(self.program)

    def clean(self) -> None:
        if self.program_id and not kinds.enables(self.program, kinds.TOUR):
            raise ValidationError({"program": _("Only a workshop tour or a media tour has a tour.")})


class TourDay(models.Model):
    tour = models.ForeignKey(Tour, on_delete=models.CASCADE, related_name="days")
    date = models.DateField(_("date"))
    starts_at = models.TimeField(_("day starts"), default=time(9))
    ends_at = models.TimeField(_("day ends"), default=time(18))
    breaks = ArrayField(
        models.CharField(max_length=11, validators=[_validate_break]),
        default=list,
        blank=True,
        verbose_name=_("breaks"),
        help_text=_("Local times, separated by commas: 13:00-14:30."),
    )
    # A day in another city starts and ends at its own point (the tour's meeting point otherwise).
    start_name = SingleLineCharField(_("start of the day"), max_length=200, blank=True)
    start_latitude = models.FloatField(
        _("start latitude"), null=True, blank=True, validators=[MinValueValidator(-90), MaxValueValidator(90)]
    )
    start_longitude = models.FloatField(
        _("start longitude"),
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )

    class Meta:
        verbose_name = _("tour day")
        verbose_name_plural = _("tour days")
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(fields=["tour", "date"], name="tour_day_unique"),
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="tour_day_ordered"),
            models.CheckConstraint(
                condition=Q(start_latitude__isnull=True, start_longitude__isnull=True)
                | Q(start_latitude__isnull=False, start_longitude__isnull=False),
                name="tour_day_start_both_or_none",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d}"


class Vehicle(models.Model):
    tour = models.ForeignKey(Tour, on_delete=models.CASCADE, related_name="vehicles")
    name = SingleLineCharField(_("name"), max_length=80)
    seats = models.PositiveSmallIntegerField(_("seats"), validators=[MinValueValidator(1)])

    class Meta:
        verbose_name = _("vehicle")
        verbose_name_plural = _("vehicles")
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class Participant(models.Model):
    class Role(models.TextChoices):
        BUYER = "buyer", _("Buyer")
        JOURNALIST = "journalist", _("Journalist")
        INTERPRETER = "interpreter", _("Interpreter")
        STAFF = "staff", _("Staff")
        DRIVER = "driver", _("Driver")

    tour = models.ForeignKey(Tour, on_delete=models.CASCADE, related_name="participants")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="tour_places",
        verbose_name=_("person"),
    )
    role = models.CharField(_("role"), max_length=12, choices=Role.choices)
    vehicle = models.ForeignKey(
        Vehicle,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="riders",
        verbose_name=_("vehicle"),
        editable=False,
    )
    arrives_on = models.DateField(_("arrives on"))
    leaves_on = models.DateField(_("leaves on"))

    class Meta:
        verbose_name = _("tour participant")
        verbose_name_plural = _("tour participants")
        ordering = ["role", "id"]
        constraints = [
            models.UniqueConstraint(fields=["tour", "user"], name="tour_participant_unique"),
            models.CheckConstraint(
                condition=Q(leaves_on__gte=F("arrives_on")), name="tour_participant_stay_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"

    def present_on(self, day) -> bool:
        return self.arrives_on <= day <= self.leaves_on


class CandidateStop(models.Model):
    """An accepted artisan's workshop the tour may visit."""

    class EnteredBy(models.TextChoices):
        STAFF = "staff", _("Staff")
        ARTISAN = "artisan", _("Artisan")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    tour = models.ForeignKey(Tour, on_delete=models.CASCADE, related_name="candidates")
    artisan = models.ForeignKey(
        "artisans.ArtisanProfile",
        on_delete=models.CASCADE,
        related_name="tour_candidacies",
        verbose_name=_("artisan"),
    )
    address = models.TextField(_("workshop address"))
    latitude = models.FloatField(_("latitude"), validators=[MinValueValidator(-90), MaxValueValidator(90)])
    longitude = models.FloatField(
        _("longitude"), validators=[MinValueValidator(-180), MaxValueValidator(180)]
    )
    located_by = models.CharField(
        _("location entered by"), max_length=8, choices=EnteredBy.choices, default=EnteredBy.STAFF
    )
    visit_minutes = models.PositiveSmallIntegerField(
        _("visit length (minutes)"), default=60, validators=[MinValueValidator(10), MaxValueValidator(480)]
    )

    class Meta:
        verbose_name = _("candidate workshop")
        verbose_name_plural = _("candidate workshops")
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["tour", "artisan"], name="tour_candidate_unique")]

    def __str__(self) -> str:
        return str(self.artisan)


class OpeningHours(models.Model):
    class Weekday(models.IntegerChoices):
        MONDAY = 0, pgettext_lazy("weekday", "Monday")
        TUESDAY = 1, pgettext_lazy("weekday", "Tuesday")
        WEDNESDAY = 2, pgettext_lazy("weekday", "Wednesday")
        THURSDAY = 3, pgettext_lazy("weekday", "Thursday")
        FRIDAY = 4, pgettext_lazy("weekday", "Friday")
        SATURDAY = 5, pgettext_lazy("weekday", "Saturday")
        SUNDAY = 6, pgettext_lazy("weekday", "Sunday")

    candidate = models.ForeignKey(CandidateStop, on_delete=models.CASCADE, related_name="opening_hours")
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    opens_at = models.TimeField(_("opens"))
    closes_at = models.TimeField(_("closes"))

    class Meta:
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")
        ordering = ["weekday", "opens_at"]
        constraints = [
            models.CheckConstraint(condition=Q(closes_at__gt=F("opens_at")), name="opening_hours_ordered")
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens_at:%H:%M}-{self.closes_at:%H:%M}"


class TravelTime(models.Model):
    """Minutes staff entered between two places of a tour (no start stop: the meeting point)."""

    tour = models.ForeignKey(Tour, on_delete=models.CASCADE, related_name="travel_times")
    origin = models.ForeignKey(
        CandidateStop,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("from"),
        help_text=_("Empty: the meeting point."),
    )
    destination = models.ForeignKey(
        CandidateStop, on_delete=models.CASCADE, related_name="+", verbose_name=_("to")
    )
    minutes = models.PositiveSmallIntegerField(_("minutes"))

    class Meta:
        verbose_name = _("travel time")
        verbose_name_plural = _("travel times")
        constraints = [
            models.UniqueConstraint(
                fields=["tour", "origin", "destination"], name="travel_time_unique", nulls_distinct=False
            ),
        ]

    def __str__(self) -> str:
        return f"{self.origin or '—'} → {self.destination}: {self.minutes}"


ACTIVE_STOP = ["proposed", "host_proposed", "confirmed"]


class PlannedStop(models.Model):
    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Awaiting the host")
        HOST_PROPOSED = "host_proposed", _("Host proposed another time")
        CONFIRMED = "confirmed", _("Confirmed")
        CANCELLED = "cancelled", _("Cancelled")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    tour = models.ForeignKey(Tour, on_delete=models.CASCADE, related_name="stops")
    candidate = models.ForeignKey(CandidateStop, on_delete=models.CASCADE, related_name="planned")
    day = models.ForeignKey(TourDay, on_delete=models.CASCADE, related_name="stops")
    vehicle = models.ForeignKey(Vehicle, on_delete=models.PROTECT, related_name="stops")
    arrival_at = models.DateTimeField(_("arrival"))
    departure_at = models.DateTimeField(_("departure"))
    status = models.CharField(_("status"), max_length=14, choices=Status.choices, default=Status.PROPOSED)
    # The host's other time (start of the visit), while status is host_proposed.
    host_proposed_at = models.DateTimeField(_("time the host proposed"), null=True, blank=True)
    host_note = models.TextField(_("host's note"), blank=True)
    # The arrival the host last confirmed: a confirmed stop always has arrival_at equal to it.
    confirmed_arrival_at = models.DateTimeField(null=True, blank=True, editable=False)
    value = models.PositiveIntegerField(_("matchmaking value"), default=0, editable=False)
    # The visit as a group meeting (host, the riders that day): booked when the host confirms,
    # then kept in step by tours.services through meetings.services' visit services.
    meeting = models.OneToOneField(
        "meetings.Meeting",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="tour_stop",
        verbose_name=_("meeting"),
        editable=False,
    )

    class Meta:
        verbose_name = _("planned stop")
        verbose_name_plural = _("planned stops")
        ordering = ["arrival_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["tour", "candidate"],
                condition=Q(status__in=ACTIVE_STOP),
                name="planned_stop_once_per_artisan",
            ),
            models.CheckConstraint(
                condition=Q(departure_at__gt=F("arrival_at")), name="planned_stop_ordered"
            ),
            models.CheckConstraint(
                condition=~Q(status="confirmed") | Q(confirmed_arrival_at=F("arrival_at")),
                name="planned_stop_confirmed_time",
            ),
            ExclusionConstraint(
                name="planned_stop_vehicle_no_overlap",
                index_type="gist",
                expressions=[
                    (
                        Func(F("vehicle_id"), F("vehicle_id"), Value("[]"), function="int8range"),
                        RangeOperators.EQUAL,
                    ),
                    (Func(F("arrival_at"), F("departure_at"), function="tstzrange"), RangeOperators.OVERLAPS),
                ],
                condition=Q(status__in=ACTIVE_STOP),
                violation_error_message=_("The vehicle is at another workshop at this time."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.candidate} {self.arrival_at:%Y-%m-%d %H:%M}"


class StopEvent(models.Model):
    """Every change of a planned stop: who, when, from, to (never edited)."""

    stop = models.ForeignKey(PlannedStop, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=20)
    from_status = models.CharField(max_length=14, blank=True)
    to_status = models.CharField(max_length=14)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    arrival_at = models.DateTimeField()

    class Meta:
        verbose_name = _("stop event")
        verbose_name_plural = _("stop events")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.action}: {self.from_status} → {self.to_status}"


class StopOutcome(models.Model):
    """What a visit led to, per buyer, as recorded before a visit was a group meeting.

    Kept read-only for the answers given then (they name no meeting to move them to); a visit's
    outcome is now its meeting participant's (meetings.Outcome, written by
    meetings.services.participant_outcome_record from the stop's page).
    """

    class Interest(models.TextChoices):
        NONE = "none", _("No interest")
        SOME = "some", _("Some interest")
        STRONG = "strong", _("Strong interest")

    stop = models.ForeignKey(PlannedStop, on_delete=models.CASCADE, related_name="outcomes")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="tour_outcomes")
    held = models.BooleanField(_("the visit took place"), default=True)
    interest = models.CharField(_("interest"), max_length=8, choices=Interest.choices, default=Interest.SOME)
    notes = models.TextField(_("notes"), blank=True)
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("visit outcome")
        verbose_name_plural = _("visit outcomes")
        constraints = [models.UniqueConstraint(fields=["stop", "user"], name="stop_outcome_once")]

    def __str__(self) -> str:
        return f"{self.stop_id} {self.user_id}: {self.interest}"


class TourPlanRun(models.Model):
    """One run of the tour planner: queued by staff, solved by a worker, then what it planned.

    A run that found the tour changed while it solved (a stop moved or answered, a candidate,
    day, vehicle or participant changed) is stale: it wrote nothing, and staff plan again. At
    most one run per tour waits or runs at a time (the partial constraint).
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        STALE = "stale", _("Stale: the tour changed while it ran")
        FAILED = "failed", _("Failed")

    ACTIVE = (Status.QUEUED, Status.RUNNING)
    RUN_STATES = RunStates(
        waiting=Status.QUEUED, running=Status.RUNNING, failed=Status.FAILED, created="created_at"
    )

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    tour = models.ForeignKey(Tour, on_delete=models.CASCADE, related_name="plan_runs")
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    created_at = models.DateTimeField(_("queued"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)
    stops = models.PositiveIntegerField(_("visits planned"), null=True, blank=True)
    value = models.PositiveIntegerField(_("value"), null=True, blank=True)
    baseline_value = models.PositiveIntegerField(_("nearest-neighbour value"), null=True, blank=True)

    class Meta:
        verbose_name = _("tour plan run")
        verbose_name_plural = _("tour plan runs")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["tour"],
                condition=models.Q(status__in=["queued", "running"]),
                name="tour_plan_run_one_active",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.tour} · {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE
