from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from common.choices import Language


class BuyerProfile(models.Model):
    class OrganisationKind(models.TextChoices):
        MUSEUM_SHOP = "museum_shop", _("Museum shop")
        GALLERY = "gallery", _("Gallery")
        DEPARTMENT_STORE = "department_store", _("Department store")
        RETAILER = "retailer", _("Retailer")
        IMPORTER = "importer", _("Importer or distributor")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="buyer_profile"
    )
    organisation_name = models.CharField(_("organisation"), max_length=160)
    organisation_kind = models.CharField(
        _("kind of organisation"), max_length=20, choices=OrganisationKind.choices,
        default=OrganisationKind.MUSEUM_SHOP,
    )
    website = models.URLField(_("website"), blank=True)
    country = CountryField(_("country"))
    city = models.CharField(_("city"), max_length=100, blank=True)
    job_title = models.CharField(_("your role"), max_length=120, blank=True)
    crafts_of_interest = models.ManyToManyField(
        "catalog.Craft", verbose_name=_("crafts of interest"), related_name="interested_buyers", blank=True
    )
    typical_order_qty = models.PositiveIntegerField(_("typical order size (units)"), null=True, blank=True)
    price_min_usd = models.DecimalField(_("lowest unit price (USD)"), max_digits=10, decimal_places=2, null=True, blank=True)
    price_max_usd = models.DecimalField(_("highest unit price (USD)"), max_digits=10, decimal_places=2, null=True, blank=True)
    languages = ArrayField(
        models.CharField(max_length=8, choices=Language.choices),
        verbose_name=_("languages"), default=list, blank=True,
    )
    # Staff verify a buyer's organisation before wholesale terms are shown to them.
    is_verified = models.BooleanField(_("verified by the agency"), default=False)
    verified_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("buyer")
        verbose_name_plural = _("buyers")
        ordering = ["organisation_name"]

    def __str__(self) -> str:
        return f"{self.organisation_name} ({self.user})"
