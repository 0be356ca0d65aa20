"""Reads for the artisan's own pages: completeness of a profile, their products, the preview."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TypeVar

from django.db.models import Case, Count, Prefetch, Q, QuerySet, When
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from artisans.models import ArtisanProfile, WorkshopPhoto
from catalog import visibility
from catalog.models import Product, ProductPhoto
from common.photos.models import OrderedPhoto

Photo = TypeVar("Photo", bound=OrderedPhoto)

STORY_MIN_CHARS = 150


@dataclass(frozen=True)
class MissingItem:
    label: str | Promise
    url_name: str
    anchor: str = ""


@dataclass
class Completeness:
    done: int
    total: int
    missing: list[MissingItem] = field(default_factory=list)

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 100

    @property
    def is_complete(self) -> bool:
        return not self.missing


def profile_completeness(profile: ArtisanProfile) -> Completeness:
    """What a buyer would miss on this profile, in the order an artisan should fix it."""
    counts = ArtisanProfile.objects.filter(pk=profile.pk).aggregate(
        crafts=Count("crafts", distinct=True),
        photos=Count("photos", distinct=True),
        products=Count("products", filter=visibility.published_q("products__"), distinct=True),
    )
    edit = "artisans:profile-edit"
    checks: list[tuple[bool, MissingItem]] = [
        (bool(profile.business_name), MissingItem(_("Business name"), edit, "id_business_name")),
        (counts["crafts"] > 0, MissingItem(_("Your crafts"), edit, "id_crafts")),
        (bool(profile.country) and bool(profile.city), MissingItem(_("Country and city"), edit, "id_city")),
        (len(profile.story.strip()) >= STORY_MIN_CHARS,
         MissingItem(_("The story of your workshop (a few sentences at least)"), edit, "id_story")),
        (bool(profile.languages_spoken), MissingItem(_("Languages you speak"), edit, "id_languages_spoken")),
        (profile.year_founded is not None, MissingItem(_("Year founded"), edit, "id_year_founded")),
        (profile.team_size is not None, MissingItem(_("Team size"), edit, "id_team_size")),
        (bool(profile.logo), MissingItem(_("Your logo"), edit, "id_logo")),
        (counts["photos"] >= 1, MissingItem(_("Photos of your workshop"), "artisans:profile-photos")),
        (bool(profile.website or profile.instagram or profile.facebook),
         MissingItem(_("A website or social media link"), edit, "id_website")),
        (profile.monthly_capacity is not None, MissingItem(_("Monthly capacity"), edit, "id_monthly_capacity")),
        (profile.lead_time_days is not None, MissingItem(_("Usual lead time"), edit, "id_lead_time_days")),
        (profile.min_order_value is not None, MissingItem(_("Minimum order value"), edit, "id_min_order_value")),
        (bool(profile.incoterms), MissingItem(_("Incoterms you offer"), edit, "id_incoterms")),
        (bool(profile.payment_terms), MissingItem(_("Payment terms"), edit, "id_payment_terms")),
        (counts["products"] > 0, MissingItem(_("At least one published product"), "artisans:product-create")),
    ]
    missing = [item for ok, item in checks if not ok]
    return Completeness(done=len(checks) - len(missing), total=len(checks), missing=missing)


def _ordered_photos(model: type[Photo]) -> QuerySet[Photo]:
    return model._default_manager.order_by("position", "id")


def products_of_artisan(profile: ArtisanProfile) -> QuerySet[Product]:
    """All of an artisan's own products (drafts included), with craft and photos, newest first."""
    return (
        Product.objects.filter(artisan=profile)
        .select_related("craft")
        .prefetch_related(Prefetch("photos", queryset=_ordered_photos(ProductPhoto)))
        .order_by("-created_at", "-id")
    )


def preview_products(profile: ArtisanProfile) -> QuerySet[Product]:
    """What buyers will see of the products: published ones only."""
    return products_of_artisan(profile).filter(visibility.published_q())


def workshop_photos(profile: ArtisanProfile) -> QuerySet[WorkshopPhoto]:
    return _ordered_photos(WorkshopPhoto).filter(artisan=profile)


def product_photos(product: Product) -> QuerySet[ProductPhoto]:
    return _ordered_photos(ProductPhoto).filter(product=product)


def product_counts(profile: ArtisanProfile) -> dict[str, int]:
    return Product.objects.filter(artisan=profile).aggregate(
        total=Count("pk"), published=Count("pk", filter=visibility.published_q()),
        in_review=Count("pk", filter=Q(status=Product.Status.IN_REVIEW)),
        declined=Count("pk", filter=Q(status=Product.Status.DECLINED)),
    )


DASHBOARD_PRODUCTS = 6


def dashboard_products(profile: ArtisanProfile) -> list[Product]:
    """The newest products with what the artisan needs to read their state (declined ones first)."""
    return list(
        Product.objects.filter(artisan=profile)
        .only("public_id", "title", "status", "review_reason", "created_at")
        .order_by(Case(When(status=Product.Status.DECLINED, then=0), default=1), "-created_at", "-id")
        [:DASHBOARD_PRODUCTS]
    )
