"""The curated craft taxonomy CraftMatch starts with; staff extend it in admin."""

from __future__ import annotations

CRAFTS = [
    ("ceramics", "Ceramics and pottery", "Céramique et poterie", "Cerámica y alfarería", "الخزف والفخار"),
    ("carpets", "Carpets and rugs", "Tapis", "Alfombras y tapices", "الزرابي"),
    ("textiles", "Textiles and embroidery", "Textile et broderie", "Textil y bordado", "النسيج والتطريز"),
    ("leather", "Leather", "Cuir", "Cuero", "الجلد"),
    ("woodwork", "Woodwork", "Travail du bois", "Madera", "النجارة الفنية"),
    ("metal", "Metal and copper", "Métal et cuivre", "Metal y cobre", "المعادن والنحاس"),
    ("jewellery", "Jewellery", "Bijouterie", "Joyería", "الحلي"),
    ("glass", "Glass", "Verre", "Vidrio", "الزجاج"),
    ("basketry", "Basketry and esparto", "Vannerie et sparte", "Cestería y esparto", "السلالة والحلفاء"),
    ("stone", "Stone", "Pierre", "Piedra", "الحجر"),
    ("cutlery", "Cutlery", "Coutellerie", "Cuchillería", "صناعة السكاكين"),
    ("terroir", "Terroir products", "Produits du terroir", "Productos de la tierra", "منتجات محلية"),
]


def ensure_crafts(craft_model) -> None:
    """Create the curated crafts that are missing; leaves staff edits alone."""
    existing = set(craft_model.objects.values_list("slug", flat=True))
    craft_model.objects.bulk_create(
        [
            craft_model(slug=slug, name_en=en, name_fr=fr, name_es=es, name_ar=ar, position=position)
            for position, (slug, en, fr, es, ar) in enumerate(CRAFTS)
            if slug not in existing
        ]
    )
