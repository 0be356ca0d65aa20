"""An artisan's products: exported with their photos; deleted, files included, with the account."""

from __future__ import annotations

from typing import Any

from accounts.models import User
from catalog.models import Product, ProductPhoto
from common.personal_data import Erasure, PersonalData, decimal, iso, photo


def _product(product: Product) -> dict[str, Any]:
    return {
        "id": str(product.public_id), "title": product.title, "description": product.description,
        "language": product.language, "craft": product.craft.slug, "materials": list(product.materials),
        "techniques": list(product.techniques), "colours": list(product.colours),
        "width_cm": decimal(product.width_cm), "height_cm": decimal(product.height_cm),
        "depth_cm": decimal(product.depth_cm), "weight_kg": decimal(product.weight_kg),
        "currency": product.currency, "wholesale_price": str(product.wholesale_price),
        "retail_price": decimal(product.retail_price),
        "min_order_qty": product.min_order_qty, "lead_time_days": product.lead_time_days,
        "monthly_capacity": product.monthly_capacity, "status": product.status,
        "review_reason": product.review_reason,
        "photos": [photo(each) for each in product.photos.all()], "created_at": iso(product.created_at),
    }


def _products(user: User) -> list[dict[str, Any]]:
    products = (
        Product.objects.filter(artisan__user=user)
        .select_related("craft").prefetch_related("photos").order_by("created_at")
    )
    return [_product(product) for product in products]


def _erase(erasure: Erasure) -> None:
    photos = list(ProductPhoto.objects.filter(product__artisan__user=erasure.user))
    erasure.forget_files(*photos)
    erasure.forget_admin_history(*Product.objects.filter(artisan__user=erasure.user), *photos)
    Product.objects.filter(artisan__user=erasure.user).delete()


PERSONAL_DATA = PersonalData(
    app_label="catalog",
    # Declared so that what the export holds is said here; a product's reviewed_by is the member
    # of staff who reviewed it, kept with the decision (SET_NULL when that account goes).
    models=("catalog.Product", "catalog.ProductPhoto"),
    sections={"products": _products},
    erase=_erase,
)
