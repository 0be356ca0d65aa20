"""Visitors of a fair, their passes and scans, and the agenda's sessions with their seats.

A pass's code is random and carries no personal data; what is printed in the QR code is the code
and a short HMAC of it (visitors.codes), so a code typed or scanned wrong is refused before any
lookup. Seats are limited by `visitors.services.agenda` under advisory locks (common.limits); the
partial unique constraints below are the last line: one live seat per person and session.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from common.fields import LookupEncryptedCharField
from common.text import SingleLineCharField
from programs.models import Program


class Visitor(models.Model):
    """One person's registration to visit a program's fair, by type."""

    class Kind(models.TextChoices):
        PUBLIC = "public", _("Visitor")
        TRADE = "trade", _("Trade visitor")
        PRESS = "press", _("Press")
        SPEAKER = "speaker", _("Speaker")
        EXHIBITOR_STAFF = "exhibitor_staff", _("Exhibitor staff")

    class Status(models.TextChoices):
        UNCONFIRMED = "unconfirmed", _("Email not confirmed yet")
        PENDING = "pending", _("Waiting for the agency")
        ACCEPTED = "accepted", _("Accepted")
        REFUSED = "refused", _("Refused")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="visitors")
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices, default=Kind.PUBLIC)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.UNCONFIRMED, db_index=True
    )
    full_name = SingleLineCharField(_("full name"), max_length=160)
    # Empty only for a walk-in registered at the desk without an address.
    email = models.EmailField(_("email"), blank=True)
    organisation = SingleLineCharField(_("organisation"), max_length=160, blank=True)
    country = CountryField(_("country"), blank=True)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, default="en")
    days = ArrayField(models.DateField(), verbose_name=_("days"), default=list)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(_("email confirmed at"), null=True, blank=True)
    # Staff who registered a walk-in at the desk.
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registered by"),
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        verbose_name = _("visitor")
        verbose_name_plural = _("visitors")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["program", "email"], condition=~models.Q(email=""), name="visitor_unique_email"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.get_kind_display()})"


class Pass(models.Model):
    """A visitor's entry pass: valid on some days of the fair, revocable; a new one replaces it."""

    visitor = models.ForeignKey(Visitor, on_delete=models.CASCADE, related_name="passes")
    # Random, encrypted in the column (a backup's reader cannot print passes); see visitors.codes.
    code = LookupEncryptedCharField(max_length=128, unique=True, editable=False)
    days = ArrayField(models.DateField(), verbose_name=_("valid on"))
    issued_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("revoked by"),
    )

    class Meta:
        verbose_name = _("pass")
        verbose_name_plural = _("passes")
        constraints = [
            models.UniqueConstraint(
                fields=["visitor"],
                condition=models.Q(revoked_at__isnull=True),
                name="pass_one_live_per_visitor",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.visitor}"


class Gate(models.Model):
    """An entrance where passes are scanned."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="gates")
    name = SingleLineCharField(_("name"), max_length=80)

    class Meta:
        verbose_name = _("gate")
        verbose_name_plural = _("gates")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["program", "name"], name="gate_unique_name")]

    def __str__(self) -> str:
        return self.name


class Room(models.Model):
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="rooms")
    name = SingleLineCharField(_("name"), max_length=80)

    class Meta:
        verbose_name = _("room")
        verbose_name_plural = _("rooms")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["program", "name"], name="room_unique_name")]

    def __str__(self) -> str:
        return self.name


class AgendaSession(models.Model):
    """A conference, seminar or training session of the fair, in a room, with so many seats."""

    class Kind(models.TextChoices):
        CONFERENCE = "conference", _("Conference")
        SEMINAR = "seminar", _("Seminar")
        TRAINING = "training", _("Training session")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="agenda_sessions")
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.CONFERENCE)
    title = SingleLineCharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    # RESTRICT, not PROTECT: a room with sessions is not deleted alone, but goes with its program.
    room = models.ForeignKey(Room, on_delete=models.RESTRICT, related_name="sessions", verbose_name=_("room"))
    speakers = models.TextField(_("speakers"), blank=True, help_text=_("One name per line."))
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, default="en")
    interpretation = ArrayField(
        models.CharField(max_length=8, choices=settings.LANGUAGES),
        verbose_name=_("interpreted into"),
        default=list,
        blank=True,
    )
    capacity = models.PositiveIntegerField(_("seats"))
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    offer_hours = models.PositiveSmallIntegerField(
        _("hours to take a freed seat"),
        default=12,
        help_text=_("A freed seat is offered to the first person waiting, who has this long to take it."),
    )

    class Meta:
        verbose_name = _("agenda session")
        verbose_name_plural = _("agenda sessions")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="session_times_ordered"
            ),
            models.CheckConstraint(condition=models.Q(capacity__gt=0), name="session_has_seats"),
            models.CheckConstraint(
                condition=models.Q(offer_hours__gt=0), name="session_offer_hours_positive"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def speaker_list(self) -> list[str]:
        return [line.strip() for line in self.speakers.splitlines() if line.strip()]


LIVE_SEAT = ("confirmed", "waiting", "offered")


class Seat(models.Model):
    """A person's place in a session: a seat, a place on the waitlist, or a seat offered for a while.

    The person is an account (artisan, buyer) or a visitor without one. The waitlist's order is
    the order places were taken in (`joined_at`, then id).
    """

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Seat taken")
        WAITING = "waiting", _("On the waitlist")
        OFFERED = "offered", _("Seat offered")
        CANCELLED = "cancelled", _("Cancelled")
        LAPSED = "lapsed", _("Offer expired")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    session = models.ForeignKey(AgendaSession, on_delete=models.CASCADE, related_name="seats")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="agenda_seats"
    )
    visitor = models.ForeignKey(
        Visitor, on_delete=models.CASCADE, null=True, blank=True, related_name="seats"
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, db_index=True)
    joined_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    offered_at = models.DateTimeField(null=True, blank=True)
    offer_expires_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    attended_at = models.DateTimeField(_("attended at"), null=True, blank=True)

    class Meta:
        verbose_name = _("seat")
        verbose_name_plural = _("seats")
        ordering = ["joined_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(user__isnull=True, visitor__isnull=False)
                | models.Q(user__isnull=False, visitor__isnull=True),
                name="seat_one_person",
            ),
            models.UniqueConstraint(
                fields=["session", "user"],
                condition=models.Q(status__in=LIVE_SEAT),
                name="seat_one_live_per_user",
            ),
            models.UniqueConstraint(
                fields=["session", "visitor"],
                condition=models.Q(status__in=LIVE_SEAT),
                name="seat_one_live_per_visitor",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="offered") | models.Q(offer_expires_at__isnull=False),
                name="seat_offer_has_deadline",
            ),
        ]
        indexes = [models.Index(fields=["session", "status", "joined_at"], name="seat_queue")]

    def __str__(self) -> str:
        return f"{self.user or self.visitor} → {self.session}"


class Scan(models.Model):
    """One scan of a pass at a gate or a session's room, as the scanning device sent it.

    `client_id` is made by the device for each scan: a scan sent twice (a retry, a replay of the
    offline queue) is the same row, so it counts once.
    """

    class Outcome(models.TextChoices):
        ADMITTED = "admitted", _("Admitted")
        TAMPERED = "tampered", _("Not a valid pass")
        UNKNOWN = "unknown", _("Unknown pass")
        REVOKED = "revoked", _("Pass revoked")
        WRONG_DAY = "wrong_day", _("Not valid today")

    client_id = models.UUIDField(unique=True)
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="scans")
    pass_obj = models.ForeignKey(Pass, on_delete=models.CASCADE, null=True, blank=True, related_name="scans")
    gate = models.ForeignKey(Gate, on_delete=models.CASCADE, null=True, blank=True, related_name="scans")
    session = models.ForeignKey(
        AgendaSession, on_delete=models.CASCADE, null=True, blank=True, related_name="scans"
    )
    outcome = models.CharField(max_length=10, choices=Outcome.choices)
    # The device's clock when the pass was shown (offline scans arrive later); the fair-zone day.
    scanned_at = models.DateTimeField()
    day = models.DateField()
    received_at = models.DateTimeField(auto_now_add=True)
    scanned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("scan")
        verbose_name_plural = _("scans")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(gate__isnull=True, session__isnull=False)
                | models.Q(gate__isnull=False, session__isnull=True),
                name="scan_one_place",
            ),
        ]
        indexes = [models.Index(fields=["program", "day", "outcome"], name="scan_counts")]

    def __str__(self) -> str:
        return str(self.client_id)


class DailyCount(models.Model):
    """Visitors counted by hand for a day at a gate or a place where passes are not scanned.

    Staff enter it (`visitors.services.daily_count_enter`); the program's results show it as a
    declared figure beside the scanned ones. One count per day and place: entering it again
    corrects it.
    """

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="daily_counts")
    day = models.DateField(_("day"))
    gate = models.ForeignKey(
        Gate,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="daily_counts",
        verbose_name=_("gate"),
    )
    place = SingleLineCharField(
        _("place"),
        max_length=80,
        blank=True,
        help_text=_("Where there is no gate with a scanner: an open-air market, a car park…"),
    )
    count = models.PositiveIntegerField(_("visitors counted"))
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("entered by"),
    )
    entered_at = models.DateTimeField(_("entered at"), auto_now=True)

    class Meta:
        verbose_name = _("visitor count entered by staff")
        verbose_name_plural = _("visitor counts entered by staff")
        ordering = ["day", "gate__name", "place"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(gate__isnull=False) & models.Q(place=""))
                | (models.Q(gate__isnull=True) & ~models.Q(place="")),
                name="daily_count_one_place",
            ),
            models.UniqueConstraint(
                fields=["program", "day", "gate"],
                condition=models.Q(gate__isnull=False),
                name="daily_count_one_per_gate_day",
            ),
            models.UniqueConstraint(
                fields=["program", "day", "place"],
                condition=models.Q(gate__isnull=True),
                name="daily_count_one_per_place_day",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.day}: {self.gate or self.place} ({self.count})"
