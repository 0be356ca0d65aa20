from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from accounts.models import time_zone_choices
from common.choices import Currency, Language
from common.images import RENDITION_SIZES
from common.photos import kinds as photo_kinds
from common.photos.models import OrderedPhoto
from common.text import SingleLineCharField


class ArtisanProfile(models.Model):
    class Kind(models.TextChoices):
        INDIVIDUAL = "individual", _("Individual artisan")
        WORKSHOP = "workshop", _("Workshop")
        COOPERATIVE = "cooperative", _("Cooperative")
        SME = "sme", _("Small or medium enterprise")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PENDING = "pending", _("Pending review")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="artisan_profile"
    )
    slug = models.SlugField(_("address of your public page"), max_length=80, unique=True)
    business_name = SingleLineCharField(_("business name"), max_length=160)
    kind = models.CharField(_("kind of business"), max_length=12, choices=Kind.choices, default=Kind.WORKSHOP)
    crafts = models.ManyToManyField("catalog.Craft", verbose_name=_("crafts"), related_name="artisans", blank=True)
    country = CountryField(_("country"))
    region = SingleLineCharField(_("region"), max_length=100, blank=True)
    city = SingleLineCharField(_("city or town"), max_length=100, blank=True)
    story = models.TextField(_("the story of your workshop"), blank=True)
    language = models.CharField(
        _("language of your texts"), max_length=8, choices=Language.choices, default=Language.EN
    )
    languages_spoken = ArrayField(
        models.CharField(max_length=8, choices=Language.choices),
        verbose_name=_("languages spoken"), default=list, blank=True,
    )
    year_founded = models.PositiveSmallIntegerField(_("year founded"), null=True, blank=True)
    team_size = models.PositiveSmallIntegerField(_("team size"), null=True, blank=True)
    logo = models.ImageField(_("logo"), upload_to="logos/", blank=True)
    # A small WebP of the logo, made by a task after commit; empty until then.
    logo_thumb = models.ImageField(upload_to="renditions/", blank=True, editable=False)
    website = models.URLField(_("website"), blank=True)
    instagram = models.URLField(_("Instagram"), blank=True)
    facebook = models.URLField(_("Facebook"), blank=True)
    time_zone = models.CharField(_("time zone"), max_length=64, choices=time_zone_choices, default="Europe/Madrid")
    # Export readiness
    exported_before = models.BooleanField(_("has exported before"), default=False)
    export_markets = SingleLineCharField(_("countries exported to"), max_length=300, blank=True)
    monthly_capacity = models.PositiveIntegerField(_("monthly capacity (units)"), null=True, blank=True)
    lead_time_days = models.PositiveSmallIntegerField(_("usual lead time (days)"), null=True, blank=True)
    min_order_value = models.DecimalField(
        _("minimum order value"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices, default=Currency.EUR)
    incoterms = ArrayField(models.CharField(max_length=3), verbose_name=_("incoterms offered"), default=list, blank=True)
    payment_terms = SingleLineCharField(_("payment terms"), max_length=200, blank=True)
    certifications = ArrayField(
        SingleLineCharField(max_length=80), verbose_name=_("certifications and labels"), default=list, blank=True
    )
    # Approval
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True)
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        verbose_name = _("artisan")
        verbose_name_plural = _("artisans")
        ordering = ["business_name"]
        indexes = [
            GinIndex(fields=["search_vector"], name="artisan_search_gin"),
            models.Index(fields=["status", "country"], name="artisan_status_country"),
            # The catalog's artisans sorted by name (made by catalog's migration 0003).
            models.Index(
                fields=["business_name", "id"], name="artisan_approved_name", condition=models.Q(status="approved"),
            ),
            # The documents a search builds first (catalog.search.refresh_documents, catalog's migration 0007).
            models.Index(fields=["id"], name="artisan_search_missing", condition=models.Q(search_vector__isnull=True)),
        ]

    def __str__(self) -> str:
        return self.business_name

    @property
    def is_approved(self) -> bool:
        return self.status == self.Status.APPROVED


MAX_WORKSHOP_PHOTOS = 12


class WorkshopPhoto(OrderedPhoto):
    artisan = models.ForeignKey(ArtisanProfile, on_delete=models.CASCADE, related_name="photos")

    class Meta(OrderedPhoto.Meta):
        verbose_name = _("workshop photo")
        verbose_name_plural = _("workshop photos")

    def upload_folder(self) -> str:
        return "workshops"


photo_kinds.register(WorkshopPhoto, owner_field="artisan", maximum=MAX_WORKSHOP_PHOTOS)
# The logo: one image, its small WebP made like the photos' renditions.
photo_kinds.register(ArtisanProfile, source="logo", renditions={"logo_thumb": RENDITION_SIZES["thumb"]})
