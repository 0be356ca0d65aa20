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

# The craft vocabulary as synonyms: each group is one thing in English, French, Spanish and Arabic,
# singular and plural (Arabic broken plurals are no stem of their singular), so a buyer's word
# finds texts that use another ("rug" finds "alfombra" and "زربية"). Each of a craft's four names
# has a word in its groups (a test checks it); terroir products have no one word. Written as people
# write them: catalog.search.fold normalises them as it does queries and documents.
SYNONYMS: dict[str, list[tuple[str, ...]]] = {
    "ceramics": [
        ("ceramic", "ceramics", "céramique", "céramiques", "cerámica", "cerámicas", "خزف", "خزفية"),
        ("pottery", "potteries", "poterie", "poteries", "alfarería", "alfarerías", "فخار", "فخارية"),
    ],
    "carpets": [
        ("carpet", "carpets", "rug", "rugs", "tapis", "alfombra", "alfombras", "tapiz", "tapices",
         "زربية", "زرابي", "سجادة", "سجاد", "زربيات"),
    ],
    "textiles": [
        ("textile", "textiles", "textil", "textiles", "نسيج", "منسوجات"),
        ("embroidery", "embroideries", "broderie", "broderies", "bordado", "bordados", "تطريز"),
    ],
    "leather": [("leather", "cuir", "cuirs", "cuero", "cueros", "جلد", "جلود")],
    "woodwork": [
        ("woodwork", "wood", "bois", "madera", "maderas", "نجارة", "خشب"),
    ],
    "metal": [
        ("metal", "metals", "métal", "métaux", "metales", "معدن", "معادن"),
        ("copper", "cuivre", "cobre", "نحاس"),
    ],
    "jewellery": [("jewellery", "jewelry", "bijouterie", "bijou", "bijoux", "joyería", "joya", "joyas", "حلي", "حلية", "مجوهرات")],
    "glass": [("glass", "verre", "verres", "vidrio", "vidrios", "زجاج")],
    "basketry": [
        ("basketry", "basket", "baskets", "vannerie", "panier", "paniers", "cestería", "cesta", "cestas", "سلالة", "سلة", "سلال"),
        ("esparto", "sparte", "alfa", "حلفاء"),
    ],
    "stone": [("stone", "stones", "pierre", "pierres", "piedra", "piedras", "حجر", "أحجار")],
    "cutlery": [("cutlery", "knife", "knives", "coutellerie", "couteau", "couteaux", "cuchillería", "cuchillo", "cuchillos", "سكين", "سكاكين")],
}


def synonym_groups() -> list[tuple[str, ...]]:
    return [group for groups in SYNONYMS.values() for group in groups]


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
