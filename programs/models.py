from __future__ import annotations

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import time_zone_choices
from common.fields import LookupEncryptedCharField
from common.storage import NamedStorage
from common.text import SingleLineCharField


def catalog_pdf_path(instance: Program, filename: str) -> str:
    return f"catalogs/{uuid.uuid4().hex}.pdf"


def private_storage() -> NamedStorage:
    # Looked up on every use (common.storage): a test's STORAGES reach it, and files land there.
    return NamedStorage("private")


class Program(models.Model):
    """What an agency runs: a virtual buyer mission, a fair, a B2B day, a workshop visit tour, a trade
    show abroad, a media tour. What each kind enables (settings, sections) is programs.kinds."""

    class Kind(models.TextChoices):
        VIRTUAL_MISSION = "virtual_mission", _("Virtual buyer mission")
        TRADE_FAIR = "trade_fair", _("Trade fair")
        B2B_DAY = "b2b_day", _("B2B meeting day")
        WORKSHOP_TOUR = "workshop_tour", _("Workshop visit tour")
        TRADE_SHOW_ABROAD = "trade_show_abroad", _("Trade show abroad")
        MEDIA_TOUR = "media_tour", _("Media tour")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        OPEN_ARTISANS = "open_artisans", _("Open for artisans")
        OPEN_BUYERS = "open_buyers", _("Open for buyers")
        CLOSED = "closed", _("Closed")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = SingleLineCharField(_("name"), max_length=160)
    slug = models.SlugField(_("slug"), unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.VIRTUAL_MISSION)
    organiser = SingleLineCharField(_("organiser"), max_length=160)
    description = models.TextField(_("description"), blank=True)
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    meetings_open_at = models.DateTimeField(_("meetings possible from"), null=True, blank=True)
    meetings_close_at = models.DateTimeField(_("meetings possible until"), null=True, blank=True)
    time_zone = models.CharField(_("time zone"), max_length=64, choices=time_zone_choices, default="UTC")
    meeting_minutes = models.PositiveSmallIntegerField(_("meeting length (minutes)"), default=30)
    max_meetings_per_artisan = models.PositiveSmallIntegerField(
        _("meetings per artisan at most"), null=True, blank=True
    )
    max_meetings_per_buyer = models.PositiveSmallIntegerField(
        _("meetings per buyer at most"), null=True, blank=True
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    public_catalog = models.BooleanField(
        _("artisans also shown in the public catalog"),
        default=False,
        help_text=_("Otherwise only the buyers who joined the program (and staff) see its artisans."),
    )
    review_products = models.BooleanField(
        _("review the products of its artisans"),
        default=False,
        help_text=_(
            "When ticked, a product of an artisan who applied or was accepted here, and a published one "
            "whose texts or photos change, waits for staff approval before anyone sees it. Other "
            "programs' artisans are not affected."
        ),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # The digital catalog, made by a task; the file name is random and served to staff only.
    catalog_pdf = models.FileField(
        upload_to=catalog_pdf_path, storage=private_storage, blank=True, editable=False
    )
    catalog_pdf_requested_at = models.DateTimeField(null=True, blank=True, editable=False)
    catalog_pdf_made_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("program")
        verbose_name_plural = _("programs")
        ordering = ["-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")), name="program_dates_ordered"
            ),
            models.CheckConstraint(
                condition=models.Q(meetings_open_at__isnull=True)
                | models.Q(meetings_close_at__isnull=True)
                | models.Q(meetings_close_at__gt=models.F("meetings_open_at")),
                name="program_window_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.name


def new_token() -> str:
    return secrets.token_urlsafe(24)


class Application(models.Model):
    """An artisan's place in a program: invited by staff, applied, then accepted or declined."""

    class Status(models.TextChoices):
        INVITED = "invited", _("Invited to apply")
        APPLIED = "applied", _("Applied")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="applications")
    artisan = models.ForeignKey(
        "artisans.ArtisanProfile",
        on_delete=models.CASCADE,
        related_name="applications",
        null=True,
        blank=True,
    )
    # An artisan without an account yet is invited by email; the row binds to them at sign-up.
    email = models.EmailField(_("email"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.INVITED, db_index=True
    )
    motivation = models.TextField(_("why this program"), blank=True)
    # Encrypted in the column (a backup's reader gets no link), read back in the clear.
    token = LookupEncryptedCharField(max_length=128, unique=True, default=new_token, editable=False)
    # The language of the call for an address without an account (an account's own wins).
    language = models.CharField(
        _("language of the email"),
        max_length=8,
        choices=settings.LANGUAGES,
        default="en",
        help_text=_("For an address without an account; an artisan with an account gets their own language."),
    )
    invited_at = models.DateTimeField(null=True, blank=True)
    applied_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    # Who accepted or declined it (programs.services.application_decide, the only writer).
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )

    class Meta:
        verbose_name = _("artisan application")
        verbose_name_plural = _("artisan applications")
        constraints = [
            models.UniqueConstraint(fields=["program", "artisan"], name="application_unique_artisan"),
            models.UniqueConstraint(
                fields=["program", "email"], condition=~models.Q(email=""), name="application_unique_email"
            ),
            models.CheckConstraint(
                condition=models.Q(artisan__isnull=False) | ~models.Q(email=""),
                name="application_has_someone",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.artisan or self.email} → {self.program}"


class BuyerInvitation(models.Model):
    """An invitation of one email address to a program, sent once through the outbox."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="buyer_invitations")
    email = models.EmailField(_("email"))
    # Encrypted in the column (a backup's reader gets no link), read back in the clear.
    token = LookupEncryptedCharField(max_length=128, unique=True, default=new_token, editable=False)
    # The outbox row that carries (or carried) the invitation; its status is the sending status.
    outbox = models.ForeignKey(
        "notifications.Email", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    resends = models.PositiveSmallIntegerField(_("resends"), default=0)
    # Chosen by staff when inviting: there is no account yet whose language could decide.
    language = models.CharField(
        _("language of the email"), max_length=8, choices=settings.LANGUAGES, default="en"
    )
    # The buyer account that accepted the invitation (by signing up or signing in from the link).
    user = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="program_invitations"
    )
    registered_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    invited_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("buyer invitation")
        verbose_name_plural = _("buyer invitations")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["program", "email"], name="invitation_unique_email"),
        ]

    def __str__(self) -> str:
        return f"{self.email} → {self.program}"

    # The sending statuses as staff read them (the property below gives the key).
    STATUS_LABELS = {
        "registered": _("Joined"),
        "queued": _("Waiting to be sent"),
        "waiting": _("Waiting to retry"),
        "sent": _("Sent"),
        "failed": _("Could not be sent"),
    }

    @property
    def status_label(self) -> str:
        return str(self.STATUS_LABELS.get(self.status, self.status))

    @property
    def status(self) -> str:
        if self.user_id:
            return "registered"
        if self.outbox is None:
            return "queued"
        return {"sending": "queued", "waiting": "waiting"}.get(self.outbox.status, self.outbox.status)


class JoinRequest(models.Model):
    """A buyer account that opened an invitation link but holds none of the invited address.

    A link can be forwarded, so it proves nothing about who holds it: such an account joins only
    once staff confirm it (`programs.services.join_request_confirm`), and the row keeps who
    decided and when.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for staff")
        CONFIRMED = "confirmed", _("Confirmed")
        DECLINED = "declined", _("Declined")

    invitation = models.ForeignKey(BuyerInvitation, on_delete=models.CASCADE, related_name="join_requests")
    user = models.ForeignKey("accounts.User", on_delete=models.CASCADE, related_name="program_join_requests")
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    decided_by = models.ForeignKey(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        verbose_name = _("request to join with another address")
        verbose_name_plural = _("requests to join with another address")
        ordering = ["-requested_at"]
        constraints = [
            models.UniqueConstraint(fields=["invitation", "user"], name="join_request_unique_user"),
            models.CheckConstraint(
                condition=models.Q(status="pending") | models.Q(decided_at__isnull=False),
                name="join_request_decided_when",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.invitation}"


class ProgramBuyer(models.Model):
    """Membership: a buyer who joined a program sees its catalog."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey("accounts.User", on_delete=models.CASCADE, related_name="program_memberships")
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("program buyer")
        verbose_name_plural = _("program buyers")
        constraints = [models.UniqueConstraint(fields=["program", "user"], name="membership_unique")]

    def __str__(self) -> str:
        return f"{self.user} in {self.program}"
