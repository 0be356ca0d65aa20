from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from catalog import visibility
from common.choices import Language
from common.text import SingleLineCharField


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
    organisation_name = SingleLineCharField(_("organisation"), max_length=160)
    organisation_kind = models.CharField(
        _("kind of organisation"), max_length=20, choices=OrganisationKind.choices,
        default=OrganisationKind.MUSEUM_SHOP,
    )
    website = models.URLField(_("website"), blank=True)
    country = CountryField(_("country"))
    city = SingleLineCharField(_("city"), max_length=100, blank=True)
    job_title = SingleLineCharField(_("your role"), max_length=120, blank=True)
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
    # Who verified it (buyers.services.buyer_profiles_verify, the only writer).
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("verified by"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("buyer")
        verbose_name_plural = _("buyers")
        ordering = ["organisation_name"]

    def __str__(self) -> str:
        return f"{self.organisation_name} ({self.user})"


class ShortlistItem(models.Model):
    """An artisan or a product a buyer keeps in mind, with a note only the buyer reads."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    buyer = models.ForeignKey(BuyerProfile, on_delete=models.CASCADE, related_name="shortlist")
    artisan = models.ForeignKey(
        "artisans.ArtisanProfile", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    product = models.ForeignKey(
        "catalog.Product", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    note = models.TextField(_("private note"), blank=True, max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("shortlist item")
        verbose_name_plural = _("shortlist items")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(artisan__isnull=False, product__isnull=True)
                    | models.Q(artisan__isnull=True, product__isnull=False)
                ),
                name="shortlist_exactly_one_target",
            ),
            models.UniqueConstraint(
                fields=["buyer", "artisan"], condition=models.Q(artisan__isnull=False),
                name="shortlist_unique_artisan",
            ),
            models.UniqueConstraint(
                fields=["buyer", "product"], condition=models.Q(product__isnull=False),
                name="shortlist_unique_product",
            ),
        ]

    def __str__(self) -> str:
        return str(self.artisan if self.artisan_id else self.product)

    @property
    def target_artisan(self):
        return self.artisan if self.artisan_id else self.product.artisan

    @property
    def is_available(self) -> bool:
        """Whether the target is still in the public catalog (approved, published)."""
        if self.artisan_id:
            return visibility.artisan_is_public(self.artisan)
        return visibility.product_is_public(self.product)
