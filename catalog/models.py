from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from catalog.identifiers import validate_gtin, validate_hs_code
from common.choices import Currency, Language
from common.photos import kinds as photo_kinds
from common.photos import models as photo_models
from common.photos.models import OrderedPhoto
from common.text import SingleLineCharField


class Craft(models.Model):
    """The curated taxonomy; staff extend it in admin. Names are kept per interface language."""

    slug = models.SlugField(_("slug"), unique=True)
    name_en = SingleLineCharField(_("name (English)"), max_length=80)
    name_fr = SingleLineCharField(_("name (French)"), max_length=80, blank=True)
    name_es = SingleLineCharField(_("name (Spanish)"), max_length=80, blank=True)
    name_ar = SingleLineCharField(_("name (Arabic)"), max_length=80, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("craft")
        verbose_name_plural = _("crafts")
        ordering = ["position", "name_en"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        code = (get_language() or "en")[:2]
        return getattr(self, f"name_{code}", "") or self.name_en


class ExchangeRate(models.Model):
    """US dollars per unit of a currency, edited by staff; a product's USD price is computed from it.

    The database computes `Product.wholesale_price_usd` from this table on every write of a
    product, and recomputes a currency's products when its rate changes (migration 0007).
    """

    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices, primary_key=True)
    usd_per_unit = models.DecimalField(
        _("US dollars per unit"), max_digits=12, decimal_places=6,
        help_text=_("What one unit of the currency is worth in US dollars. Used to filter and sort prices "
                    "across currencies; saving it recomputes the USD price of every product in this currency."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("exchange rate")
        verbose_name_plural = _("exchange rates")
        ordering = ["currency"]
        constraints = [
            models.CheckConstraint(condition=models.Q(usd_per_unit__gt=0), name="exchange_rate_positive"),
            models.CheckConstraint(condition=~models.Q(currency="USD") | models.Q(usd_per_unit=1),
                                   name="exchange_rate_usd_is_one"),
        ]

    def __str__(self) -> str:
        return f"{self.currency} = {self.usd_per_unit} USD"


class CatalogSettings(models.Model):
    """One row: the site-wide curation settings staff choose in the admin (catalog.curation reads it)."""

    review_products = models.BooleanField(
        _("review every product before buyers see it"),
        default=False,
        help_text=_("When ticked, a product an artisan publishes, and a published product whose texts or "
                    "photos change, waits for staff approval (Products list, “Approve” and “Decline” actions) "
                    "before buyers and the public see it. A program can also require it for its own artisans."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("catalog settings")
        verbose_name_plural = _("catalog settings")
        constraints = [models.CheckConstraint(condition=models.Q(id=1), name="catalog_settings_singleton")]

    def __str__(self) -> str:
        return str(_("Catalog settings"))

    def save(self, *args, **kwargs):
        self.pk = 1
        super().save(*args, **kwargs)

    @classmethod
    def current(cls) -> CatalogSettings:
        row, _created = cls.objects.get_or_create(pk=1)
        return row


# Columns the database derives on every write of a product (migration 0007): after a save the
# copy in memory is dropped, and read back from the database when next used.
DERIVED_FIELDS = ("wholesale_price_usd", "search_vector")


# Product.Status.PUBLISHED, as the condition of the partial indexes below.
PUBLISHED = models.Q(status="published")


class Product(models.Model):
    class Status(models.TextChoices):
        # Only PUBLISHED is public (catalog.visibility); the review states are simply not published.
        DRAFT = "draft", _("Draft")
        IN_REVIEW = "in_review", _("Waiting for the agency's review")
        PUBLISHED = "published", _("Published")
        DECLINED = "declined", _("Declined by the agency")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    artisan = models.ForeignKey(
        "artisans.ArtisanProfile", on_delete=models.CASCADE, related_name="products"
    )
    title = SingleLineCharField(_("title"), max_length=160)
    description = models.TextField(_("description"), blank=True)
    language = models.CharField(
        _("language of the texts"), max_length=8, choices=Language.choices, default=Language.EN
    )
    craft = models.ForeignKey(
        Craft, on_delete=models.PROTECT, related_name="products", verbose_name=_("craft")
    )
    materials = ArrayField(
        SingleLineCharField(max_length=40), verbose_name=_("materials"), default=list, blank=True
    )
    techniques = ArrayField(
        SingleLineCharField(max_length=60), verbose_name=_("techniques"), default=list, blank=True
    )
    colours = ArrayField(
        SingleLineCharField(max_length=30), verbose_name=_("colours"), default=list, blank=True
    )
    width_cm = models.DecimalField(_("width (cm)"), max_digits=7, decimal_places=1, null=True, blank=True)
    height_cm = models.DecimalField(_("height (cm)"), max_digits=7, decimal_places=1, null=True, blank=True)
    depth_cm = models.DecimalField(_("depth (cm)"), max_digits=7, decimal_places=1, null=True, blank=True)
    weight_kg = models.DecimalField(_("weight (kg)"), max_digits=7, decimal_places=2, null=True, blank=True)
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices, default=Currency.EUR)
    wholesale_price = models.DecimalField(_("wholesale price"), max_digits=10, decimal_places=2)
    retail_price = models.DecimalField(
        _("suggested retail price"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    # Derived from wholesale_price, currency and ExchangeRate by the database, for filters and sorting.
    wholesale_price_usd = models.DecimalField(max_digits=12, decimal_places=2, editable=False, default=0)
    min_order_qty = models.PositiveIntegerField(_("minimum order quantity"), default=1)
    lead_time_days = models.PositiveSmallIntegerField(_("lead time (days)"), default=30)
    monthly_capacity = models.PositiveIntegerField(_("monthly capacity (units)"), null=True, blank=True)
    # Trade identifiers retailers ask for (referencing): optional, checked when given (catalog.identifiers).
    gtin = models.CharField(
        _("GTIN / EAN"), max_length=14, blank=True, default="", validators=[validate_gtin],
        help_text=_("The barcode number (EAN-13, UPC-12, GTIN-8 or GTIN-14), if the product has one."),
    )
    hs_code = models.CharField(
        _("HS code"), max_length=10, blank=True, default="", validators=[validate_hs_code],
        help_text=_("The customs tariff number, 6 to 10 digits."),
    )
    country_of_origin = CountryField(_("country of origin"), blank=True, default="")
    case_pack = models.PositiveIntegerField(
        _("units per case"), null=True, blank=True, validators=[MinValueValidator(1)],
        help_text=_("How many units a shipping carton holds."),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    # Curation (catalog.curation decides when it applies; artisans.services product_approve/decline).
    review_reason = models.TextField(_("reason for declining"), blank=True)
    submitted_at = models.DateTimeField(_("sent for review at"), null=True, blank=True)
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("reviewed by"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Accent-free text of the title, description, materials and techniques, weighted, folded in
    # Python (no unaccent extension on the embedded PostgreSQL): dropped by the database when a
    # text changes, built again before the next search (catalog.search.refresh_documents).
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        verbose_name = _("product")
        verbose_name_plural = _("products")
        ordering = ["-created_at"]
        indexes = [
            GinIndex(fields=["search_vector"], name="product_search_gin"),
            GinIndex(fields=["materials"], name="product_materials_gin"),
            models.Index(fields=["status", "craft"], name="product_status_craft"),
            models.Index(fields=["artisan", "status"], name="product_artisan_status"),
            # The catalog's sorts of published products (made by migration 0003).
            models.Index(fields=["-created_at", "-id"], name="product_pub_newest", condition=PUBLISHED),
            models.Index(fields=["wholesale_price_usd", "id"], name="product_pub_price", condition=PUBLISHED),
            models.Index(fields=["min_order_qty", "id"], name="product_pub_moq", condition=PUBLISHED),
            models.Index(fields=["lead_time_days", "id"], name="product_pub_lead", condition=PUBLISHED),
            # Exactly the columns the catalog index's rebuild reads (catalog.index, migration 0005).
            models.Index(
                fields=["id"], name="product_index_cover", condition=PUBLISHED,
                include=["artisan", "craft", "materials", "wholesale_price_usd", "min_order_qty",
                         "lead_time_days", "created_at"],
            ),
            # The documents a search builds first (catalog.search.refresh_documents, migration 0007).
            models.Index(fields=["id"], name="product_search_missing", condition=models.Q(search_vector__isnull=True)),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(wholesale_price__gt=0), name="product_price_positive"),
            models.CheckConstraint(condition=models.Q(min_order_qty__gte=1), name="product_moq_positive"),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        super().save(*args, **kwargs)
        for name in DERIVED_FIELDS:
            self.__dict__.pop(name, None)


# Migration 0001 names these two; the files are named by common.photos.models.
product_photo_path = photo_models.original_path
rendition_path = photo_models.rendition_path

MAX_PHOTOS_PER_PRODUCT = 12


class ProductPhoto(OrderedPhoto):
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="photos")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta(OrderedPhoto.Meta):
        verbose_name = _("product photo")
        verbose_name_plural = _("product photos")

    def upload_folder(self) -> str:
        return f"products/{self.product.public_id}"


photo_kinds.register(ProductPhoto, owner_field="product", maximum=MAX_PHOTOS_PER_PRODUCT)


class CatalogChange(models.Model):
    """A write to a product, an artisan or an artisan's crafts, logged by database triggers.

    The catalog index (catalog.index) keeps the visible catalog in memory and re-reads only the
    rows named here since its last look. Triggers log every write, however it is made (forms,
    admin, `QuerySet.update`, raw SQL); a TRUNCATE or a statement touching many rows logs one
    `reset`, which makes readers rebuild. Each row keeps its writing transaction's id (`txid`,
    pg_current_xact_id): writers take no common lock, so rows may commit out of id order, and
    readers consume the log by transaction (catalog.index.Horizon). Rows older than a day are
    pruned (catalog.index.prune_changes).
    """

    id = models.BigAutoField(primary_key=True)
    product_id = models.BigIntegerField(null=True)
    artisan_id = models.BigIntegerField(null=True)
    reset = models.BooleanField(default=False)
    txid = models.BigIntegerField()
    changed_at = models.DateTimeField()

    class Meta:
        verbose_name = _("catalog change")
        verbose_name_plural = _("catalog changes")
        indexes = [
            models.Index(fields=["changed_at"], name="catalog_change_at"),
            models.Index(fields=["txid"], name="catalog_change_txid"),
        ]

    def __str__(self) -> str:
        return f"#{self.pk}"
