"""Full-text search documents, accent-insensitive without the unaccent extension.

Texts are folded in Python (NFKD, combining marks dropped, lower case) and the folded text is
indexed twice: with the stemming configuration of the text's language and with `simple`, so a
query in another language still matches the words as written. Queries are folded the same way.
"""

from __future__ import annotations

import unicodedata

from django.db import connection

# PostgreSQL text search configuration per language of a text; Arabic has no stemmer here.
CONFIGS = {"en": "english", "fr": "french", "es": "spanish", "ar": "simple", "de": "german", "it": "italian", "pt": "portuguese"}


def fold(text: str) -> str:
    """Lower-case text without accents: 'Cerámica' -> 'ceramica', 'poterie' stays."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    kept = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFKC", kept).casefold()


def config_for(language: str) -> str:
    return CONFIGS.get((language or "")[:2], "simple")


def _document_sql(table: str, weighted_columns: list[tuple[str, str]]) -> str:
    parts = []
    for placeholder, weight in weighted_columns:
        parts.append(
            f"setweight(to_tsvector(%(config)s::regconfig, {placeholder}), '{weight}')"
            f" || setweight(to_tsvector('simple', {placeholder}), '{weight}')"
        )
    # Only constant table and placeholder names are interpolated; values go as parameters.
    return f"UPDATE {table} SET search_vector = " + " || ".join(parts) + " WHERE id = %(id)s"  # noqa: S608


def index_product(product_id: int) -> None:
    """Rebuild one product's search document from its texts and its craft's names."""
    from catalog.models import Product

    product = Product.objects.select_related("craft").filter(pk=product_id).first()
    if product is None:
        return
    craft = product.craft
    sql = _document_sql(
        "catalog_product", [("%(title)s", "A"), ("%(tags)s", "B"), ("%(description)s", "C")]
    )
    tags = " ".join(
        [*product.materials, *product.techniques, *product.colours,
         craft.name_en, craft.name_fr, craft.name_es, craft.name_ar]
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, {
            "config": config_for(product.language), "id": product.pk,
            "title": fold(product.title), "tags": fold(tags), "description": fold(product.description),
        })


def index_artisan(artisan_id: int) -> None:
    """Rebuild one artisan's search document from the profile and its crafts."""
    from artisans.models import ArtisanProfile

    artisan = ArtisanProfile.objects.filter(pk=artisan_id).prefetch_related("crafts").first()
    if artisan is None:
        return
    crafts = " ".join(f"{c.name_en} {c.name_fr} {c.name_es} {c.name_ar}" for c in artisan.crafts.all())
    sql = _document_sql(
        "artisans_artisanprofile", [("%(name)s", "A"), ("%(tags)s", "B"), ("%(story)s", "C")]
    )
    place = f"{artisan.city} {artisan.region} {artisan.country.name}"
    with connection.cursor() as cursor:
        cursor.execute(sql, {
            "config": config_for(artisan.language), "id": artisan.pk,
            "name": fold(artisan.business_name), "tags": fold(f"{crafts} {place} {' '.join(artisan.certifications)}"),
            "story": fold(artisan.story),
        })
