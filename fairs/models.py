"""A fair's venue, halls, zones and stands; its exhibitors, their stand applications and moves.

A fair is a program with `FairSettings`. A stand holds at most one exhibitor and an exhibitor
at most one stand of a fair: `Stand.exhibitor` is a unique column, so the database refuses a
second stand for an exhibitor however many staff click at once, and a stand has one column for
its exhibitor. A stand's status moves through `fairs.transitions` only (the services), each move
one `StandEvent`.
"""

from __future__ import annotations

import re
import uuid
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Now
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from common.choices import Currency
from common.runs import RunStates
from common.text import SingleLineCharField

POINTS = re.compile(r"^\s*(-?\d+(\.\d+)?,-?\d+(\.\d+)?\s+){2,}-?\d+(\.\d+)?,-?\d+(\.\d+)?\s*$")


class FairSettings(models.Model):
    """What makes a program a fair with a public site, and what that site shows."""

    program = models.OneToOneField(
        "programs.Program", on_delete=models.CASCADE, related_name="fair", verbose_name=_("program")
    )
    show_public_prices = models.BooleanField(
        _("show prices to the public"),
        default=False,
        help_text=_(
            "When ticked, the fair's public pages show each product's wholesale price to everyone. "
            "Otherwise only staff and verified buyers see prices."
        ),
    )
    # Set by fairs.services.allocation_publish: the public plan shows stands' exhibitors from then on.
    published_at = models.DateTimeField(_("stands published at"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("fair")
        verbose_name_plural = _("fairs")

    def __str__(self) -> str:
        return str(self.program)


class Venue(models.Model):
    program = models.ForeignKey(
        "programs.Program", on_delete=models.CASCADE, related_name="venues", verbose_name=_("program")
    )
    name = SingleLineCharField(_("name"), max_length=160)
    address = models.TextField(_("address"), blank=True)

    class Meta:
        verbose_name = _("venue")
        verbose_name_plural = _("venues")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Hall(models.Model):
    venue = models.ForeignKey(Venue, on_delete=models.CASCADE, related_name="halls", verbose_name=_("venue"))
    name = SingleLineCharField(_("name"), max_length=120)
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    # The plan's drawing area, in metres.
    width_m = models.DecimalField(
        _("width (m)"), max_digits=7, decimal_places=2, validators=[MinValueValidator(1)]
    )
    depth_m = models.DecimalField(
        _("depth (m)"), max_digits=7, decimal_places=2, validators=[MinValueValidator(1)]
    )

    class Meta:
        verbose_name = _("hall")
        verbose_name_plural = _("halls")
        ordering = ["position", "name"]
        constraints = [
            models.CheckConstraint(condition=Q(width_m__gt=0) & Q(depth_m__gt=0), name="hall_has_an_area"),
        ]

    def __str__(self) -> str:
        return self.name


class Zone(models.Model):
    """Part of a hall, for one craft (only its exhibitors are placed there) or for a region."""

    class Kind(models.TextChoices):
        CRAFT = "craft", _("A craft")
        REGION = "region", _("A region")
        OPEN = "open", _("Open to all")

    hall = models.ForeignKey(Hall, on_delete=models.CASCADE, related_name="zones", verbose_name=_("hall"))
    name = SingleLineCharField(_("name"), max_length=120)
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices, default=Kind.OPEN)
    craft = models.ForeignKey(
        "catalog.Craft",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("craft"),
    )
    region = SingleLineCharField(_("region"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("zone")
        verbose_name_plural = _("zones")
        ordering = ["hall", "name"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="craft") | Q(craft__isnull=False), name="craft_zone_has_craft"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.hall} · {self.name}"


class Delegation(models.Model):
    """A group of foreign exhibitors (the guest country), with a page of its own."""

    program = models.ForeignKey(
        "programs.Program", on_delete=models.CASCADE, related_name="delegations", verbose_name=_("program")
    )
    country = CountryField(_("country"))
    name = SingleLineCharField(_("name"), max_length=160)
    slug = models.SlugField(_("address of its page"), max_length=80)
    description = models.TextField(_("description"), blank=True)
    guest_of_honour = models.BooleanField(_("guest country of honour"), default=False)

    class Meta:
        verbose_name = _("delegation")
        verbose_name_plural = _("delegations")
        ordering = ["-guest_of_honour", "name"]
        constraints = [models.UniqueConstraint(fields=["program", "slug"], name="delegation_unique_slug")]

    def __str__(self) -> str:
        return self.name


class Exhibitor(models.Model):
    """An artisan accepted into the fair's program; a cooperative lists its member artisans."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    program = models.ForeignKey(
        "programs.Program", on_delete=models.CASCADE, related_name="exhibitors", verbose_name=_("program")
    )
    artisan = models.ForeignKey(
        "artisans.ArtisanProfile",
        on_delete=models.CASCADE,
        related_name="exhibitions",
        verbose_name=_("artisan or cooperative"),
    )
    delegation = models.ForeignKey(
        Delegation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="exhibitors",
        verbose_name=_("delegation"),
    )
    members = models.ManyToManyField(
        "artisans.ArtisanProfile",
        through="ExhibitorMember",
        related_name="member_of_exhibitions",
        blank=True,
        verbose_name=_("member artisans"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("exhibitor")
        verbose_name_plural = _("exhibitors")
        ordering = ["artisan__business_name"]
        constraints = [
            models.UniqueConstraint(fields=["program", "artisan"], name="exhibitor_unique_artisan")
        ]

    def __str__(self) -> str:
        return str(self.artisan)


class ExhibitorMember(models.Model):
    """A member artisan of a cooperative's stand: inquiries on their products go to them."""

    exhibitor = models.ForeignKey(Exhibitor, on_delete=models.CASCADE, related_name="memberships")
    artisan = models.ForeignKey(
        "artisans.ArtisanProfile",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("member artisan"),
    )

    class Meta:
        verbose_name = _("member artisan")
        verbose_name_plural = _("member artisans")
        constraints = [
            models.UniqueConstraint(fields=["exhibitor", "artisan"], name="exhibitor_member_unique")
        ]

    def __str__(self) -> str:
        return f"{self.artisan} ({self.exhibitor})"


class Stand(models.Model):
    class Status(models.TextChoices):
        AVAILABLE = "available", _("Available")
        HELD = "held", _("Held (not published)")
        ASSIGNED = "assigned", _("Assigned")
        BLOCKED = "blocked", _("Blocked")

    program = models.ForeignKey(
        "programs.Program", on_delete=models.CASCADE, related_name="stands", verbose_name=_("program")
    )
    hall = models.ForeignKey(Hall, on_delete=models.CASCADE, related_name="stands", verbose_name=_("hall"))
    zone = models.ForeignKey(
        Zone, on_delete=models.SET_NULL, null=True, blank=True, related_name="stands", verbose_name=_("zone")
    )
    code = SingleLineCharField(_("code"), max_length=20)
    # Position and size on the hall's plan, in metres from its top left corner.
    x = models.DecimalField(_("x (m)"), max_digits=7, decimal_places=2)
    y = models.DecimalField(_("y (m)"), max_digits=7, decimal_places=2)
    w = models.DecimalField(_("width (m)"), max_digits=7, decimal_places=2)
    h = models.DecimalField(_("depth (m)"), max_digits=7, decimal_places=2)
    points = models.CharField(
        _("shape"),
        max_length=500,
        blank=True,
        help_text=_("For a stand that is not a rectangle: its corners in metres, as “x,y x,y x,y …”."),
    )
    size_m2 = models.DecimalField(_("size (m²)"), max_digits=7, decimal_places=2)
    has_power = models.BooleanField(_("power"), default=False)
    has_water = models.BooleanField(_("water"), default=False)
    has_storage = models.BooleanField(_("storage"), default=False)
    price = models.DecimalField(_("price"), max_digits=10, decimal_places=2, null=True, blank=True)
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices, default=Currency.MAD)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.AVAILABLE, editable=False
    )
    # One column for the stand's exhibitor, unique: one stand per exhibitor, one exhibitor per stand.
    exhibitor = models.OneToOneField(
        Exhibitor,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="stand",
        editable=False,
        verbose_name=_("exhibitor"),
    )

    class Meta:
        verbose_name = _("stand")
        verbose_name_plural = _("stands")
        ordering = ["hall__position", "code"]
        constraints = [
            models.UniqueConstraint(fields=["program", "code"], name="stand_unique_code"),
            models.CheckConstraint(
                condition=(Q(status__in=["held", "assigned"]) & Q(exhibitor__isnull=False))
                | (Q(status__in=["available", "blocked"]) & Q(exhibitor__isnull=True)),
                name="stand_exhibitor_matches_status",
            ),
            models.CheckConstraint(
                condition=Q(w__gt=0) & Q(h__gt=0) & Q(size_m2__gt=0), name="stand_has_an_area"
            ),
        ]

    def __str__(self) -> str:
        return self.code

    def clean(self) -> None:
        if self.points and not POINTS.match(self.points):
            raise ValidationError({"points": _("Write the corners as “x,y x,y x,y”, in metres.")})
        if self.hall_id and self.program_id and self.hall.venue.program_id != self.program_id:
            raise ValidationError({"hall": _("This hall belongs to another program's venue.")})
        if self.zone_id and self.hall_id and self.zone.hall_id != self.hall_id:
            raise ValidationError({"zone": _("This zone is in another hall.")})

    @property
    def services(self) -> frozenset[str]:
        return frozenset(
            name
            for name, present in (
                ("power", self.has_power),
                ("water", self.has_water),
                ("storage", self.has_storage),
            )
            if present
        )

    def polygon(self) -> list[tuple[float, float]]:
        if self.points:
            return [(float(a), float(b)) for a, b in (pair.split(",") for pair in self.points.split())]
        x, y, w, h = float(self.x), float(self.y), float(self.w), float(self.h)
        return [(x, y), (x + w, y), (x + w, y + h), (x, y + h)]


class StandEvent(models.Model):
    """One move of a stand's status (held by the allocator, moved by hand, published, blocked)."""

    stand = models.ForeignKey(Stand, on_delete=models.CASCADE, related_name="events")
    exhibitor = models.ForeignKey(
        Exhibitor, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    action = models.CharField(_("action"), max_length=16)
    from_status = models.CharField(_("from"), max_length=10)
    to_status = models.CharField(_("to"), max_length=10)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        verbose_name = _("stand history")
        verbose_name_plural = _("stand history")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.stand}: {self.action}"


class StandApplication(models.Model):
    """An exhibitor's wishes for its stand; the allocator reads them in order of arrival."""

    exhibitor = models.OneToOneField(Exhibitor, on_delete=models.CASCADE, related_name="application")
    zone = models.ForeignKey(
        Zone,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("zone wished"),
    )
    min_size_m2 = models.DecimalField(
        _("size needed (m²)"),
        max_digits=7,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(0)],
    )
    needs_power = models.BooleanField(_("needs power"), default=False)
    needs_water = models.BooleanField(_("needs water"), default=False)
    needs_storage = models.BooleanField(_("needs storage"), default=False)
    next_to = models.ForeignKey(
        Exhibitor,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("next to"),
    )
    keep_apart = models.BooleanField(_("not next to competitors of the same craft"), default=False)
    # The last staff member who entered the application for the exhibitor (by phone or email);
    # empty while only the exhibitor has written it. Every staff entry is one StandApplicationEntry.
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name=_("entered by"),
    )
    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("stand application")
        verbose_name_plural = _("stand applications")
        ordering = ["submitted_at", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(min_size_m2__gte=0), name="stand_application_size"),
            models.CheckConstraint(
                condition=~Q(next_to=models.F("exhibitor")), name="stand_application_not_self"
            ),
        ]

    def __str__(self) -> str:
        return str(self.exhibitor)

    @property
    def services(self) -> frozenset[str]:
        return frozenset(
            name
            for name, wanted in (
                ("power", self.needs_power),
                ("water", self.needs_water),
                ("storage", self.needs_storage),
            )
            if wanted
        )


class StandApplicationEntry(models.Model):
    """Staff entered or changed an exhibitor's stand application for them: who and when (a record)."""

    application = models.ForeignKey(StandApplication, on_delete=models.CASCADE, related_name="entries")
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("entered by"),
    )
    created = models.BooleanField(_("new application"), default=False)
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        verbose_name = _("stand application entered by staff")
        verbose_name_plural = _("stand applications entered by staff")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.application}: {self.by}"


class AllocationRun(models.Model):
    """One run of the allocator: queued by staff, solved by a worker, then what it found.

    The figures are empty until the run is done. A run that found the stands changed while it
    solved (a move by hand, a publish, a new exhibitor) is stale: it wrote nothing, and staff run
    it again. At most one run per program waits or runs at a time (the partial constraint).
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        STALE = "stale", _("Stale: the stands changed while it ran")
        FAILED = "failed", _("Failed")

    ACTIVE = (Status.QUEUED, Status.RUNNING)
    RUN_STATES = RunStates(waiting=Status.QUEUED, running=Status.RUNNING, failed=Status.FAILED, created="at")

    program = models.ForeignKey("programs.Program", on_delete=models.CASCADE, related_name="allocation_runs")
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    at = models.DateTimeField(_("at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)
    applications = models.PositiveIntegerField(_("applications"), null=True, blank=True)
    placed = models.PositiveIntegerField(_("exhibitors placed"), null=True, blank=True)
    placed_bound = models.PositiveIntegerField(_("exhibitors placed at most"), null=True, blank=True)
    wishes_met = models.PositiveIntegerField(_("wishes met"), null=True, blank=True)
    wishes_bound = models.PositiveIntegerField(_("wishes met at most"), null=True, blank=True)
    wishes_asked = models.PositiveIntegerField(_("wishes asked"), null=True, blank=True)
    greedy_placed = models.PositiveIntegerField(_("placed first come, first served"), null=True, blank=True)
    greedy_wishes_met = models.PositiveIntegerField(
        _("wishes met first come, first served"), null=True, blank=True
    )
    seconds = models.FloatField(_("seconds"), null=True, blank=True)
    solver_status = models.CharField(_("solver status"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("allocation run")
        verbose_name_plural = _("allocation runs")
        ordering = ["-at"]
        constraints = [
            models.UniqueConstraint(
                fields=["program"],
                condition=models.Q(status__in=["queued", "running"]),
                name="allocation_run_one_active",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.program} · {self.at:%Y-%m-%d %H:%M}"

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE


class FairChange(models.Model):
    """A write to a table the fair site shows, logged by database triggers (fairs 0002).

    The site's rendered lists are cached under the newest row's id (fairs.cache), with the
    catalog's own log (catalog.models.CatalogChange) for artisans and products. Triggers log
    every statement on the fair's tables, however it is made (services, the admin's plain saves,
    `QuerySet.update`).
    """

    id = models.BigAutoField(primary_key=True)
    changed_at = models.DateTimeField(db_default=Now())

    class Meta:
        verbose_name = _("fair site change")
        verbose_name_plural = _("fair site changes")

    def __str__(self) -> str:
        return f"#{self.pk}"
