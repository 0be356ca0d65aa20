from django.db import migrations

# The taxonomy as it was seeded, carried here: catalog.taxonomy may change, this migration may not.
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


def add_crafts(apps, schema_editor):
    Craft = apps.get_model("catalog", "Craft")
    for position, (slug, en, fr, es, ar) in enumerate(CRAFTS):
        Craft.objects.update_or_create(
            slug=slug,
            defaults={"name_en": en, "name_fr": fr, "name_es": es, "name_ar": ar, "position": position},
        )


class Migration(migrations.Migration):
    dependencies = [("catalog", "0001_initial")]
    operations = [migrations.RunPython(add_crafts, migrations.RunPython.noop)]
