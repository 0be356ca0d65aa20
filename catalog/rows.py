"""The rows of a catalog list, read as values: what a card shows, with no model instance.

Building 24 products with their artisan, craft and photos as model instances cost a list page
about 8 ms (issue 21), and compiling the same read as an ORM values() query still cost about
2.5 ms of CPU. So the rows come from one constant statement each (the first photo joined in),
with nothing to compile per request. Which rows a page lists is decided before this module:
catalog.selectors picks the ids over the index that catalog.visibility's SQL fills, and an
artisan's own list uses catalog.visibility's SQL for a published product. These functions only
read the given rows, in the given order.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import connection
from django.db.models.fields.files import FieldFile

from artisans.models import ArtisanProfile, WorkshopPhoto
from catalog import visibility
from catalog.models import Craft, Product, ProductPhoto
from common import statements
from common.photos.models import OrderedPhoto


@dataclass(frozen=True, slots=True)
class CardPhoto:
    """A list card's photo: the attributes {% photo image "card" %} reads of an OrderedPhoto."""

    card: FieldFile
    alt_text: str
    width: int | None
    height: int | None


# Rows compare (and hash) by every value a card is made of, so catalog_cards may key a card's
# HTML on the row itself: a Craft compares by its id only, so its names stand in for it.
@dataclass(frozen=True, slots=True)
class ProductRow:
    pk: int
    public_id: uuid.UUID
    title: str
    description: str
    min_order_qty: int
    lead_time_days: int
    wholesale_price: Decimal
    currency: str
    craft: Craft = field(compare=False)
    craft_names: tuple[str, ...]
    artisan_id: int
    artisan_slug: str
    artisan_name: str
    artisan_country: str
    photo: CardPhoto | None


@dataclass(frozen=True, slots=True)
class ArtisanRow:
    pk: int
    slug: str
    business_name: str
    city: str
    region: str
    country: str
    exported_before: bool
    story: str
    crafts: tuple[Craft, ...] = field(compare=False)
    craft_names: tuple[tuple[str, ...], ...]
    photo: CardPhoto | None


def _first_photo_sql(model: type[OrderedPhoto], owner_column: str, owner: str) -> str:
    """The owner's first photo (position, then id), joined as the columns ph_id ... ph_height."""
    return (
        "LEFT JOIN LATERAL (SELECT ph.id AS ph_id, ph.card AS ph_card, ph.alt_text AS ph_alt, "  # noqa: S608
        f"ph.width AS ph_width, ph.height AS ph_height FROM {model._meta.db_table} ph "
        f"WHERE ph.{owner_column} = {owner}.id ORDER BY ph.position, ph.id LIMIT 1) first_photo ON true"
    )


PHOTO_COLUMNS = (
    "first_photo.ph_id, first_photo.ph_card, first_photo.ph_alt, first_photo.ph_width, first_photo.ph_height"
)
CRAFT_NAMES = ("name_en", "name_fr", "name_es", "name_ar")

# Table names from the models, so a renamed table is renamed here too; no input goes into the text.
PRODUCT_ROWS_SQL = f"""
SELECT p.id, p.public_id, p.title, p.description, p.min_order_qty, p.lead_time_days, p.wholesale_price,
       p.currency, p.craft_id, {", ".join(f"c.{name}" for name in CRAFT_NAMES)},
       p.artisan_id, a.slug, a.business_name, a.country, {PHOTO_COLUMNS}
FROM {Product._meta.db_table} p
JOIN {ArtisanProfile._meta.db_table} a ON a.id = p.artisan_id
JOIN {Craft._meta.db_table} c ON c.id = p.craft_id
{_first_photo_sql(ProductPhoto, "product_id", "p")}
"""  # noqa: S608
PRODUCTS_BY_ID = PRODUCT_ROWS_SQL + "WHERE p.id = ANY(%(ids)s)"
# An artisan's own list: their published products, newest first (their page opens or not before).
PRODUCTS_OF_ARTISAN = (
    PRODUCT_ROWS_SQL
    + f"WHERE p.artisan_id = %(artisan)s AND {visibility.published_sql('p')} "
    + "ORDER BY p.created_at DESC, p.id DESC LIMIT %(limit)s"
)
ARTISANS_BY_ID = f"""
SELECT a.id, a.slug, a.business_name, a.city, a.region, a.country, a.exported_before, a.story,
       ARRAY(SELECT ac.craft_id FROM {ArtisanProfile.crafts.through._meta.db_table} ac WHERE ac.artisanprofile_id = a.id),
       {PHOTO_COLUMNS}
FROM {ArtisanProfile._meta.db_table} a
{_first_photo_sql(WorkshopPhoto, "artisan_id", "a")}
WHERE a.id = ANY(%(ids)s)
"""  # noqa: S608


def _photo(model: type[OrderedPhoto], columns: Sequence[Any]) -> CardPhoto | None:
    photo_id, card, alt_text, width, height = columns
    if photo_id is None:
        return None
    # A file of no instance: its name and storage are all that .url and bool() read.
    return CardPhoto(FieldFile(None, model._meta.get_field("card"), card or ""), alt_text, width, height)  # type: ignore[arg-type]


def _fetch(sql: str, params: dict[str, Any]) -> list[tuple[Any, ...]]:
    with connection.cursor() as cursor:
        statements.execute(cursor, sql, params)  # prepared once per connection
        return cursor.fetchall()


def _in_order(rows: list[tuple[Any, ...]], ids: Sequence[int]) -> list[tuple[Any, ...]]:
    by_id = {row[0]: row for row in rows}
    return [by_id[pk] for pk in ids if pk in by_id]


def _product_rows(values: list[tuple[Any, ...]]) -> list[ProductRow]:
    crafts: dict[int, Craft] = {}
    rows = []
    for value in values:
        pk, public_id, title, description, moq, lead, price, currency, craft_id = value[:9]
        names, (artisan_id, slug, name, country), photo = value[9:13], value[13:17], value[17:]
        craft = crafts.get(craft_id)
        if craft is None:
            # Craft.name picks the language: an unsaved Craft with the four names is all it reads.
            craft = crafts[craft_id] = Craft(pk=craft_id, **dict(zip(CRAFT_NAMES, names, strict=True)))
        rows.append(ProductRow(
            pk, public_id, title, description, moq, lead, price, currency, craft, tuple(names), artisan_id, slug,
            name, country, _photo(ProductPhoto, photo),
        ))  # fmt: skip
    return rows


def products_by_id(ids: Sequence[int]) -> list[ProductRow]:
    """The card rows of these products (one statement), in the order of `ids`."""
    return _product_rows(_in_order(_fetch(PRODUCTS_BY_ID, {"ids": list(ids)}), ids)) if ids else []


def published_products_of(artisan_id: int, *, limit: int) -> list[ProductRow]:
    """The card rows of an artisan's published products, newest first (one statement)."""
    return _product_rows(_fetch(PRODUCTS_OF_ARTISAN, {"artisan": artisan_id, "limit": limit}))


def artisans_by_id(ids: Sequence[int], crafts: Sequence[Craft]) -> list[ArtisanRow]:
    """The card rows of these artisans (one statement), in the order of `ids`; `crafts` is every
    craft, in the taxonomy's order (each card lists its crafts in that order)."""
    if not ids:
        return []
    rows = []
    for pk, slug, name, city, region, country, exported, story, craft_ids, *photo in _in_order(
        _fetch(ARTISANS_BY_ID, {"ids": list(ids)}), ids
    ):
        own = set(craft_ids or ())
        listed = tuple(c for c in crafts if c.pk in own)
        rows.append(ArtisanRow(
            pk, slug, name, city, region, country, exported, story, listed,
            tuple(tuple(getattr(c, n) for n in CRAFT_NAMES) for c in listed), _photo(WorkshopPhoto, photo),
        ))  # fmt: skip
    return rows
