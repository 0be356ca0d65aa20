"""Referencing rounds: a retailer's committee scores candidate products, selects some, lists them.

A Retailer (a department store) is an organisation whose committee members are buyer accounts
(buyers.BuyerProfile: one person each). Staff run a ReferencingRound for it: candidates (products)
are scored by the members against weighted criteria, selected or not with a reason, may get a
trial order (a deals.Order, linked here, never changed), and are then listed under the retailer's
own article number. The round's and the candidate's states move through the tables in
referencing/transitions.py only (referencing.services).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from common.text import SingleLineCharField


class Retailer(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = SingleLineCharField(_("name"), max_length=160, unique=True)
    country = CountryField(_("country"))
    members = models.ManyToManyField(
        "buyers.BuyerProfile",
        verbose_name=_("committee members"),
        related_name="retailers",
        blank=True,
        help_text=_("The retailer's buyers who score candidates and place trial orders and reorders."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("retailer")
        verbose_name_plural = _("retailers")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class SheetField(models.TextChoices):
    """What a product sheet column may carry (referencing.sheets reads each from a candidate)."""

    ARTICLE_NUMBER = "article_number", _("Retailer's article number")
    GTIN = "gtin", _("GTIN / EAN")
    TITLE = "title", _("Product name")
    DESCRIPTION = "description", _("Description")
    ARTISAN = "artisan", _("Artisan (business name)")
    CRAFT = "craft", _("Craft")
    MATERIALS = "materials", _("Materials")
    HS_CODE = "hs_code", _("HS code")
    COUNTRY_OF_ORIGIN = "country_of_origin", _("Country of origin (ISO code)")
    CASE_PACK = "case_pack", _("Units per case")
    MIN_ORDER_QTY = "min_order_qty", _("Minimum order quantity")
    LEAD_TIME_DAYS = "lead_time_days", _("Lead time (days)")
    CURRENCY = "currency", _("Currency")
    WHOLESALE_PRICE = "wholesale_price", _("Wholesale price")
    RETAIL_PRICE = "retail_price", _("Suggested retail price")
    WIDTH_CM = "width_cm", _("Width (cm)")
    HEIGHT_CM = "height_cm", _("Height (cm)")
    DEPTH_CM = "depth_cm", _("Depth (cm)")
    WEIGHT_KG = "weight_kg", _("Weight (kg)")


class SheetColumn(models.Model):
    """One column of a retailer's product sheet: which of our fields, under which heading."""

    retailer = models.ForeignKey(Retailer, on_delete=models.CASCADE, related_name="columns")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    heading = SingleLineCharField(_("heading"), max_length=80)
    field = models.CharField(_("our field"), max_length=40, choices=SheetField.choices)

    class Meta:
        verbose_name = _("product sheet column")
        verbose_name_plural = _("product sheet columns")
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["retailer", "heading"], name="sheet_column_unique_heading"),
        ]

    def __str__(self) -> str:
        return self.heading


class ReferencingRound(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Open for candidates")
        SCORING = "scoring", _("Being scored")
        DECIDED = "decided", _("Decided")
        CLOSED = "closed", _("Closed")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    retailer = models.ForeignKey(
        Retailer, on_delete=models.PROTECT, related_name="rounds", verbose_name=_("retailer")
    )
    program = models.ForeignKey(
        "programs.Program",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="referencing_rounds",
        verbose_name=_("program"),
    )
    name = SingleLineCharField(_("name"), max_length=160)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    deadline = models.DateTimeField(_("scoring deadline"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("referencing round")
        verbose_name_plural = _("referencing rounds")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.retailer}: {self.name}"

    @property
    def takes_candidates(self) -> bool:
        """Candidates are added while the round is open (the service and the admin's inline ask this)."""
        return self.status == self.Status.OPEN

    @property
    def takes_checklist_ticks(self) -> bool:
        """The artisan's checklist is ticked until the round is closed (services and pages ask this)."""
        return self.status != self.Status.CLOSED


class Criterion(models.Model):
    round = models.ForeignKey(ReferencingRound, on_delete=models.CASCADE, related_name="criteria")
    name = SingleLineCharField(_("criterion"), max_length=120)
    weight = models.PositiveSmallIntegerField(
        _("weight"), default=1, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(weight__gte=1, weight__lte=10), name="criterion_weight_1_10"),
            models.UniqueConstraint(fields=["round", "name"], name="criterion_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name


class Candidate(models.Model):
    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        SELECTED = "selected", _("Selected")
        NOT_SELECTED = "not_selected", _("Not selected")
        WITHDRAWN = "withdrawn", _("Withdrawn by the artisan")
        TRIAL = "trial", _("Trial order placed")
        LISTED = "listed", _("Listed")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    round = models.ForeignKey(ReferencingRound, on_delete=models.CASCADE, related_name="candidates")
    # A product its artisan deletes leaves the rounds it was in (and its listings) with it.
    product = models.ForeignKey("catalog.Product", on_delete=models.CASCADE, related_name="candidacies")
    # The product's artisan, kept so the artisan's page and checklist read an index, not a join.
    artisan = models.ForeignKey(
        "artisans.ArtisanProfile", on_delete=models.CASCADE, related_name="candidacies"
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.PROPOSED)
    # The decision: why selected or not, shown to the artisan.
    reason = models.TextField(_("reason"), blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    trial_order = models.OneToOneField(
        "deals.Order", on_delete=models.PROTECT, null=True, blank=True, related_name="referencing_candidate"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("candidate")
        verbose_name_plural = _("candidates")
        ordering = ["round", "id"]
        constraints = [
            models.UniqueConstraint(fields=["round", "product"], name="candidate_unique_product"),
            models.CheckConstraint(
                condition=~Q(status="not_selected") | ~Q(reason=""), name="candidate_not_selected_has_reason"
            ),
        ]
        indexes = [models.Index(fields=["artisan", "round"], name="candidate_artisan_round")]

    def __str__(self) -> str:
        return str(self.product)


class Score(models.Model):
    """One committee member's mark (1 to 5) of one candidate against one criterion."""

    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="scores")
    member = models.ForeignKey(
        "buyers.BuyerProfile", on_delete=models.CASCADE, related_name="referencing_scores"
    )
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="scores")
    value = models.PositiveSmallIntegerField(
        _("score"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.CheckConstraint(condition=Q(value__gte=1, value__lte=5), name="score_1_to_5"),
            models.UniqueConstraint(
                fields=["candidate", "member", "criterion"], name="score_once_per_member"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.value}"


class ReadinessTick(models.Model):
    """A checklist item that cannot be read from the product data, ticked by the artisan or staff."""

    class Item(models.TextChoices):
        LABELS = "labels", _("Labels to the retailer's specification")

    round = models.ForeignKey(ReferencingRound, on_delete=models.CASCADE, related_name="ticks")
    artisan = models.ForeignKey("artisans.ArtisanProfile", on_delete=models.CASCADE, related_name="+")
    item = models.CharField(max_length=20, choices=Item.choices)
    ticked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    ticked_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("readiness tick")
        verbose_name_plural = _("readiness ticks")
        constraints = [
            models.UniqueConstraint(fields=["round", "artisan", "item"], name="readiness_tick_once"),
        ]

    def __str__(self) -> str:
        return self.get_item_display()


class Listing(models.Model):
    """A selected candidate the retailer now sells, under its own article number."""

    candidate = models.OneToOneField(Candidate, on_delete=models.CASCADE, related_name="listing")
    # Kept beside the candidate so an article number is unique per retailer, by the database.
    retailer = models.ForeignKey(Retailer, on_delete=models.PROTECT, related_name="listings")
    product = models.ForeignKey("catalog.Product", on_delete=models.CASCADE, related_name="listings")
    article_number = SingleLineCharField(_("retailer's article number"), max_length=40)
    listed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("listing")
        verbose_name_plural = _("listings")
        ordering = ["-listed_at"]
        constraints = [
            models.UniqueConstraint(fields=["retailer", "article_number"], name="listing_unique_article"),
            models.UniqueConstraint(fields=["retailer", "product"], name="listing_unique_product"),
        ]

    def __str__(self) -> str:
        return self.article_number
