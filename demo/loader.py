"""Turn demo.content into rows: accounts, artisans, products with drawn photos, buyers.

The load is a list of sections. Each section knows how to tell, with one cheap query, whether its
data is already there, so `manage.py load_demo` on every start costs a handful of queries. Every
row is found by a natural key (email, slug, artisan + title) and created or updated, so a forced
reload restores the demo's texts without duplicating anything; photos are drawn only for rows
that have none. A later section (programs, meetings) is one more `Section` in `SECTIONS`.

The caller runs `demo_load` inside `transaction.atomic()`; photo renditions are queued after
commit or made afterwards with `demo_make_renditions` (image work outside the transaction).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.files.base import ContentFile
from django.db import models
from django.utils import timezone

from accounts.models import User
from artisans.models import ArtisanProfile, WorkshopPhoto
from buyers.models import BuyerProfile
from catalog.models import Craft, Product, ProductPhoto
from common.photos import services as photo_services
from common.photos.kinds import kind_of
from demo import DEMO_PASSWORD, images
from demo.activity import activity_loaded, load_activity
from demo.content import ALT_TEXTS, ARTISANS, BUYERS, COLOURS, STAFF, DemoArtisan, DemoProduct

RENDITION_MODES = ("queue", "sync", "none")


@dataclass
class LoadContext:
    force: bool
    image_size: tuple[int, int]
    # Every photo (and logo) drawn in this run, for their renditions.
    new_photos: list[models.Model] = field(default_factory=list)
    _password_hash: str = ""
    _crafts: dict[str, Craft] = field(default_factory=dict)

    def password_hash(self) -> str:
        # Hashing is deliberately slow; every demo account shares one password, so hash it once.
        if not self._password_hash:
            self._password_hash = make_password(DEMO_PASSWORD)
        return self._password_hash

    def craft(self, slug: str) -> Craft:
        if not self._crafts:
            self._crafts = {craft.slug: craft for craft in Craft.objects.all()}
        return self._crafts[slug]


@dataclass(frozen=True)
class Section:
    name: str
    is_loaded: Callable[[], bool]
    load: Callable[[LoadContext], str]


@dataclass
class DemoReport:
    loaded: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    new_photos: list[models.Model] = field(default_factory=list)


# --- Accounts -------------------------------------------------------------------------------


def _account(ctx: LoadContext, *, email: str, full_name: str, role: str, language: str, time_zone: str,
             staff: bool = False) -> User:
    user, created = User.objects.get_or_create(
        email=email,
        defaults={"full_name": full_name, "role": role, "language": language, "time_zone": time_zone,
                  "is_staff": staff, "is_superuser": staff, "password": ctx.password_hash()},
    )
    if not created and ctx.force:
        user.full_name, user.role, user.language, user.time_zone = full_name, role, language, time_zone
        user.is_staff = user.is_superuser = staff
        user.is_active = True
        user.password = ctx.password_hash()
        user.save()
    # Mandatory verification is on: without a verified primary address nobody could sign in.
    EmailAddress.objects.update_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
    return user


def _staff_user(ctx: LoadContext) -> User:
    return _account(ctx, email=STAFF.email, full_name=STAFF.full_name, role=User.Role.STAFF,
                    language=STAFF.language, time_zone=STAFF.time_zone, staff=True)


def load_staff(ctx: LoadContext) -> str:
    user = _staff_user(ctx)
    return f"staff account {user.email}"


def staff_loaded() -> bool:
    return User.objects.filter(email=STAFF.email, is_staff=True).exists()


# --- Artisans -------------------------------------------------------------------------------


def _rgb(names: tuple[str, ...]) -> list[images.RGB]:
    return [COLOURS[name] for name in names if name in COLOURS]


def _alt(language: str, kind: str, **values: str) -> str:
    texts = ALT_TEXTS.get(language, ALT_TEXTS["en"])
    if "colours" in values:
        colours = values["colours"].split("|")
        values["colours"] = ", ".join(colours[:-1]) + texts["and"] + colours[-1] if len(colours) > 1 else colours[0]
    return texts[kind].format(**values)[:200]


def _artisan_defaults(spec: DemoArtisan, user: User) -> dict:
    return {
        "user": user, "business_name": spec.business_name, "kind": spec.kind, "country": spec.country,
        "region": spec.region, "city": spec.city, "story": spec.story, "language": spec.language,
        "languages_spoken": list(spec.languages_spoken), "year_founded": spec.year_founded,
        "team_size": spec.team_size, "website": spec.website, "instagram": spec.instagram,
        "time_zone": spec.time_zone, "exported_before": spec.exported_before,
        "export_markets": spec.export_markets, "monthly_capacity": spec.monthly_capacity,
        "lead_time_days": spec.lead_time_days, "min_order_value": Decimal(spec.min_order_value),
        "currency": spec.currency, "incoterms": list(spec.incoterms), "payment_terms": spec.payment_terms,
        "certifications": list(spec.certifications), "status": spec.status,
        "rejection_reason": spec.rejection_reason,
    }


def _review_dates(index: int, spec: DemoArtisan, staff: User) -> dict:
    """Plausible history: applications over the last weeks, reviewed two days later."""
    submitted = timezone.now() - timedelta(days=40 - index, hours=index * 3)
    dates = {"submitted_at": submitted}
    if spec.status in (ArtisanProfile.Status.APPROVED, ArtisanProfile.Status.REJECTED):
        dates.update(reviewed_at=submitted + timedelta(days=2), reviewed_by=staff)
    return dates


def _random_name() -> str:
    # Named like uploads (common.images): an unapproved artisan's photos are not at a guessable
    # path such as logos/<slug>.jpg, since /media/ is served without a permission check.
    return f"{uuid.uuid4().hex}.jpg"


def _workshop_photos(ctx: LoadContext, spec: DemoArtisan, profile: ArtisanProfile, index: int) -> None:
    if profile.photos.exists():
        return
    shapes = [product.shape for product in spec.products]
    palettes = [_rgb(product.colours) for product in spec.products]
    # Every other workshop shows a second wall, with the pieces in another order.
    for position in range(2 if index % 2 == 0 else 1):
        order = shapes[position:] + shapes[:position]
        data = images.workshop_picture(
            shapes=order, palettes=palettes[position:] + palettes[:position],
            seed=f"workshop:{spec.slug}:{position}", size=ctx.image_size,
        )
        photo = WorkshopPhoto(
            artisan=profile, position=position,
            alt_text=_alt(spec.language, "workshop", name=spec.business_name),
        )
        photo.image.save(_random_name(), ContentFile(data), save=False)
        photo.save()
        ctx.new_photos.append(photo)


def _logo(ctx: LoadContext, spec: DemoArtisan, profile: ArtisanProfile) -> None:
    if profile.logo:
        return
    initials = "".join(word[0] for word in spec.slug.split("-")[:2])
    colours = _rgb(spec.products[0].colours) if spec.products else []
    data = images.logo_picture(initials=initials, colours=colours, seed=f"logo:{spec.slug}")
    profile.logo.save(_random_name(), ContentFile(data), save=False)
    ArtisanProfile.objects.filter(pk=profile.pk).update(logo=profile.logo.name)
    if any(f.name == "logo_thumb" for f in ArtisanProfile._meta.get_fields()):
        ctx.new_photos.append(profile)


def load_artisans(ctx: LoadContext) -> str:
    # Demo rows carry their review history directly: the review services would email everyone.
    staff = _staff_user(ctx)
    for index, spec in enumerate(ARTISANS):
        user = _account(ctx, email=spec.email, full_name=spec.full_name, role=User.Role.ARTISAN,
                        language=spec.interface_language or spec.language, time_zone=spec.time_zone)
        profile, _ = ArtisanProfile.objects.update_or_create(
            slug=spec.slug, defaults=_artisan_defaults(spec, user),
            create_defaults={**_artisan_defaults(spec, user), **_review_dates(index, spec, staff)},
        )
        profile.crafts.set([ctx.craft(slug) for slug in spec.crafts])
        _logo(ctx, spec, profile)
        _workshop_photos(ctx, spec, profile, index)
    return f"{len(ARTISANS)} artisans"


def artisans_loaded() -> bool:
    return ArtisanProfile.objects.filter(slug__in=[spec.slug for spec in ARTISANS]).count() == len(ARTISANS)


# --- Products -------------------------------------------------------------------------------


def _product_defaults(ctx: LoadContext, spec: DemoArtisan, item: DemoProduct) -> dict:
    width, height, depth = item.size_cm
    wholesale = Decimal(item.wholesale)
    return {
        "description": item.description, "language": spec.language,
        "craft": ctx.craft(item.craft or spec.crafts[0]),
        "materials": list(item.materials), "techniques": list(item.techniques), "colours": list(item.colours),
        "width_cm": width, "height_cm": height, "depth_cm": depth, "weight_kg": Decimal(item.weight_kg),
        "currency": spec.currency, "wholesale_price": wholesale, "retail_price": Decimal(item.retail),
        "min_order_qty": item.min_order_qty, "lead_time_days": item.lead_time_days,
        "monthly_capacity": item.monthly_capacity,
        "status": Product.Status.DRAFT if item.draft else Product.Status.PUBLISHED,
    }


def _product_photos(ctx: LoadContext, spec: DemoArtisan, product: Product, item: DemoProduct, number: int) -> None:
    if product.photos.exists():
        return
    colours = _rgb(item.colours)
    seed = f"product:{spec.slug}:{item.title}"
    # About half the products get a second, closer view of their decoration.
    views = ("whole", "detail") if number % 2 == 0 else ("whole",)
    for position, view in enumerate(views):
        data = images.product_picture(shape=item.shape, colours=colours, seed=seed, size=ctx.image_size,
                                      detail=view == "detail")
        photo = ProductPhoto(
            product=product, position=position,
            alt_text=_alt(spec.language, view, title=item.title, colours="|".join(item.colours)),
        )
        photo.image.save(_random_name(), ContentFile(data), save=False)
        photo.save()
        ctx.new_photos.append(photo)


def load_products(ctx: LoadContext) -> str:
    profiles = {p.slug: p for p in ArtisanProfile.objects.filter(slug__in=[spec.slug for spec in ARTISANS])}
    count = 0
    for spec in ARTISANS:
        profile = profiles[spec.slug]
        for number, item in enumerate(spec.products):
            product, _ = Product.objects.update_or_create(
                artisan=profile, title=item.title, defaults=_product_defaults(ctx, spec, item),
            )
            _product_photos(ctx, spec, product, item, number)
            count += 1
    return f"{count} products"


def _expected_products() -> set[tuple[str, str]]:
    return {(spec.slug, item.title) for spec in ARTISANS for item in spec.products}


def products_loaded() -> bool:
    expected = _expected_products()
    present = set(
        Product.objects.filter(artisan__slug__in=[spec.slug for spec in ARTISANS])
        .filter(photos__isnull=False).values_list("artisan__slug", "title").distinct()
    )
    return expected <= present


# --- Buyers ---------------------------------------------------------------------------------


def load_buyers(ctx: LoadContext) -> str:
    for spec in BUYERS:
        user = _account(ctx, email=spec.email, full_name=spec.full_name, role=User.Role.BUYER,
                        language="en", time_zone=spec.time_zone)
        defaults = {
            "organisation_name": spec.organisation_name, "organisation_kind": spec.organisation_kind,
            "website": spec.website, "country": spec.country, "city": spec.city, "job_title": spec.job_title,
            "typical_order_qty": spec.typical_order_qty, "price_min_usd": Decimal(spec.price_min_usd),
            "price_max_usd": Decimal(spec.price_max_usd), "languages": list(spec.languages),
            "is_verified": spec.is_verified,
        }
        verified_at = {"verified_at": timezone.now() - timedelta(days=10)} if spec.is_verified else {}
        profile, _ = BuyerProfile.objects.update_or_create(
            user=user, defaults=defaults, create_defaults={**defaults, **verified_at},
        )
        profile.crafts_of_interest.set([ctx.craft(slug) for slug in spec.crafts_of_interest])
    return f"{len(BUYERS)} buyers"


def buyers_loaded() -> bool:
    return BuyerProfile.objects.filter(user__email__in=[spec.email for spec in BUYERS]).count() == len(BUYERS)


SECTIONS: list[Section] = [
    Section("staff", staff_loaded, load_staff),
    Section("artisans", artisans_loaded, load_artisans),
    Section("products", products_loaded, load_products),
    Section("buyers", buyers_loaded, load_buyers),
    Section("program and meetings", activity_loaded, load_activity),
]


def demo_load(*, force: bool = False, renditions: str = "queue") -> DemoReport:
    """Load every section that is missing (all of them with force). Run inside a transaction.

    renditions: "queue" asks the Celery worker to make them after commit (the default: the
    demo loads fast and pages show placeholders meanwhile); "sync" leaves them to
    `demo_make_renditions` after commit; "none" leaves originals only.
    """
    if renditions not in RENDITION_MODES:
        raise ValueError(f"renditions must be one of {RENDITION_MODES}, not {renditions!r}")
    # settings.DEMO_IMAGE_SIZE: a good upload's size; the demo's tests draw small ones.
    width, height = settings.DEMO_IMAGE_SIZE
    ctx = LoadContext(force=force, image_size=(int(width), int(height)))
    report = DemoReport()
    for section in SECTIONS:
        if not force and section.is_loaded():
            report.skipped.append(section.name)
            continue
        report.loaded.append(section.load(ctx))
    report.new_photos = ctx.new_photos
    if renditions == "queue":
        for photo in ctx.new_photos:
            photo_services.renditions_queue(photo)
    return report


def demo_make_renditions(photos: list[models.Model]) -> int:
    """Make the renditions of the given photos now, outside any transaction. Returns how many."""
    for photo in photos:
        photo_services.renditions_make(label=kind_of(photo).label, pk=photo.pk)
    return len(photos)
