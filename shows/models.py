"""Trade shows abroad (a delegation of SMEs on a national pavilion) and the press side of media tours.

A program of the trade-show-abroad kind has one or more foreign shows. SMEs (artisans) apply to a
show's call; staff select or refuse them with a reason (shows.transitions). A selected SME gets a
stand, a deadline for its documents, and a samples list built from its catalog data. Leads met at
the stand become deals inquiries (Deal.Source.STAND); costs are entered per show so the results can
say what each euro spent brought.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from common.storage import NamedStorage
from common.text import SingleLineCharField
from common.zones import time_zone_choices


def private_files() -> NamedStorage:
    return NamedStorage("private")


class ForeignShow(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    program = models.ForeignKey(
        "programs.Program", on_delete=models.CASCADE, related_name="foreign_shows", verbose_name=_("program")
    )
    name = SingleLineCharField(_("name"), max_length=160)
    city = SingleLineCharField(_("city"), max_length=100)
    country = CountryField(_("country"))
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    time_zone = models.CharField(_("time zone"), max_length=64, choices=time_zone_choices)
    pavilion = SingleLineCharField(_("pavilion"), max_length=160, blank=True)
    # The call for SMEs.
    criteria = models.TextField(_("selection criteria"), blank=True)
    cofunding_percent = models.PositiveSmallIntegerField(
        _("co-funding (percent of costs)"), default=0, validators=[MaxValueValidator(100)]
    )
    cofunding_cap_eur = models.DecimalField(
        _("co-funding cap (EUR)"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    applications_close_on = models.DateField(_("applications close on"))
    documents_due_on = models.DateField(_("documents due on"))

    class Meta:
        verbose_name = _("trade show abroad")
        verbose_name_plural = _("trade shows abroad")
        ordering = ["starts_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")), name="show_dates_order"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.city})"


class Stand(models.Model):
    show = models.ForeignKey(ForeignShow, on_delete=models.CASCADE, related_name="stands")
    code = SingleLineCharField(_("stand code"), max_length=20)

    class Meta:
        verbose_name = _("stand")
        verbose_name_plural = _("stands")
        ordering = ["code"]
        constraints = [models.UniqueConstraint(fields=["show", "code"], name="show_stand_code_once")]

    def __str__(self) -> str:
        return self.code


class Application(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        SELECTED = "selected", _("Selected")
        NOT_SELECTED = "not_selected", _("Not selected")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    show = models.ForeignKey(ForeignShow, on_delete=models.CASCADE, related_name="applications")
    artisan = models.ForeignKey(
        "artisans.ArtisanProfile", on_delete=models.CASCADE, related_name="show_applications"
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    motivation = models.TextField(_("why this show"), blank=True)
    reason = models.TextField(_("reason"), blank=True)
    stand = models.OneToOneField(
        Stand,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="application",
        verbose_name=_("stand"),
    )
    # A per-SME deadline; empty means the show's.
    documents_due_on = models.DateField(_("documents due on"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("application to a show")
        verbose_name_plural = _("applications to shows")
        ordering = ["show", "pk"]
        constraints = [models.UniqueConstraint(fields=["show", "artisan"], name="show_application_once")]

    def __str__(self) -> str:
        return f"{self.artisan} → {self.show}"

    @property
    def due_on(self):
        return self.documents_due_on or self.show.documents_due_on


class RequiredDocument(models.Model):
    """One line of a show's documents checklist."""

    show = models.ForeignKey(ForeignShow, on_delete=models.CASCADE, related_name="required_documents")
    name = SingleLineCharField(_("document"), max_length=160)

    class Meta:
        verbose_name = _("required document")
        verbose_name_plural = _("required documents")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name


class ApplicationDocument(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="documents")
    required = models.ForeignKey(RequiredDocument, on_delete=models.CASCADE, related_name="uploads")
    file = models.FileField(upload_to="shows/documents/", storage=private_files)
    name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=40)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["application", "required"], name="show_document_once"),
        ]

    def __str__(self) -> str:
        return self.name


class SampleLine(models.Model):
    """A product an SME takes to the show, and how many: the samples list is built from these and
    the product's catalog data (HS code, origin, price)."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="samples")
    product = models.ForeignKey("catalog.Product", on_delete=models.CASCADE, related_name="+")
    quantity = models.PositiveIntegerField(_("quantity"), validators=[MinValueValidator(1)])

    class Meta:
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["application", "product"], name="show_sample_once")]

    def __str__(self) -> str:
        return f"{self.quantity} × {self.product_id}"


class Lead(models.Model):
    """A person met at a stand: a scanned badge (a visitors pass) or a typed card."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="leads")
    badge = models.ForeignKey(
        "visitors.Pass", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    full_name = SingleLineCharField(_("name"), max_length=160)
    email = models.EmailField(_("email"), blank=True)
    organisation = SingleLineCharField(_("organisation"), max_length=160, blank=True)
    note = models.TextField(_("note"), blank=True)
    deal = models.OneToOneField(
        "deals.Deal", on_delete=models.SET_NULL, null=True, blank=True, related_name="stand_lead"
    )
    # The deal is the buyer's inquiry; its history records the staff member entering it for the
    # buyer, and who converted the lead is kept here too (the lead's own record).
    converted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    converted_at = models.DateTimeField(null=True, blank=True)
    # The meeting staff booked at the stand with the lead's buyer.
    meeting = models.ForeignKey(
        "meetings.Meeting", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    captured_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    captured_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("lead")
        verbose_name_plural = _("leads")
        ordering = ["-captured_at"]
        constraints = [
            # The same badge scanned twice at one stand is one lead.
            models.UniqueConstraint(
                fields=["application", "badge"],
                condition=models.Q(badge__isnull=False),
                name="show_lead_badge_once",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name


class ShowCost(models.Model):
    show = models.ForeignKey(ForeignShow, on_delete=models.CASCADE, related_name="costs")
    label = SingleLineCharField(_("what"), max_length=160)
    amount_eur = models.DecimalField(_("amount (EUR)"), max_digits=12, decimal_places=2)

    class Meta:
        verbose_name = _("cost")
        verbose_name_plural = _("costs")
        constraints = [
            models.CheckConstraint(condition=models.Q(amount_eur__gte=0), name="show_cost_positive")
        ]

    def __str__(self) -> str:
        return f"{self.label}: {self.amount_eur} EUR"


class PressPhotoCredit(models.Model):
    """Who took a product photo, for a press kit (the photo itself is the catalog's)."""

    photo = models.OneToOneField(
        "catalog.ProductPhoto", on_delete=models.CASCADE, related_name="press_credit"
    )
    credit = SingleLineCharField(_("photo credit"), max_length=160)

    def __str__(self) -> str:
        return self.credit


class PressText(models.Model):
    """An artisan's press text for a media tour, in one language (a kit holds one per language)."""

    program = models.ForeignKey("programs.Program", on_delete=models.CASCADE, related_name="press_texts")
    artisan = models.ForeignKey(
        "artisans.ArtisanProfile", on_delete=models.CASCADE, related_name="press_texts"
    )
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    headline = SingleLineCharField(_("headline"), max_length=200)
    body = models.TextField(_("text"))

    class Meta:
        verbose_name = _("press text")
        verbose_name_plural = _("press texts")
        ordering = ["artisan", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["program", "artisan", "language"], name="press_text_once_per_language"
            )
        ]

    def __str__(self) -> str:
        return self.headline


class Coverage(models.Model):
    """An article, broadcast or post a journalist of a media tour published."""

    program = models.ForeignKey("programs.Program", on_delete=models.CASCADE, related_name="coverage")
    artisan = models.ForeignKey(
        "artisans.ArtisanProfile", on_delete=models.SET_NULL, null=True, blank=True, related_name="coverage"
    )
    outlet = SingleLineCharField(_("outlet"), max_length=160)
    link = models.URLField(_("link"))
    published_on = models.DateField(_("published on"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("coverage")
        verbose_name_plural = _("coverage")
        ordering = ["-published_on", "pk"]
        constraints = [models.UniqueConstraint(fields=["program", "link"], name="coverage_link_once")]

    def __str__(self) -> str:
        return f"{self.outlet} ({self.published_on})"
