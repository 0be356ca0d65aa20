"""Derived catalog data by one mechanism, whatever writes the row.

- Exchange rates are data (`ExchangeRate`, edited by staff in the admin), seeded here with the
  values the code used to carry. A product's USD price is computed by a trigger from its price,
  its currency and that table, on every insert and update; a changed rate recomputes its
  products. Every product's currency must have a rate (a foreign key).
- Search documents are folded in Python (catalog.search), so the database cannot build them.
  Instead a trigger drops a product's or an artisan's document whenever a text it is built from
  changes (its texts, its crafts, a craft's names), and every search first builds the documents
  that are missing (catalog.search.refresh_documents). A document is thus current or absent,
  never stale.
"""

from django.db import migrations, models

# US dollars per unit of each currency, as common.choices.USD_PER_UNIT had them.
RATES = {"EUR": "1.08", "USD": "1", "MAD": "0.10"}

FORWARD = """
ALTER TABLE catalog_product ADD CONSTRAINT product_currency_has_rate
  FOREIGN KEY (currency) REFERENCES catalog_exchangerate (currency) DEFERRABLE INITIALLY IMMEDIATE;

CREATE FUNCTION catalog_product_derive() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  rate numeric;
BEGIN
  SELECT usd_per_unit INTO rate FROM catalog_exchangerate WHERE currency = NEW.currency;
  IF rate IS NULL THEN
    RAISE EXCEPTION 'no exchange rate for currency %', NEW.currency USING ERRCODE = 'foreign_key_violation';
  END IF;
  NEW.wholesale_price_usd := round(NEW.wholesale_price * rate, 2);
  IF TG_OP = 'INSERT' OR (NEW.title, NEW.description, NEW.language, NEW.craft_id, NEW.materials,
                          NEW.techniques, NEW.colours)
                         IS DISTINCT FROM (OLD.title, OLD.description, OLD.language, OLD.craft_id,
                                           OLD.materials, OLD.techniques, OLD.colours) THEN
    NEW.search_vector := NULL;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER catalog_derive BEFORE INSERT OR UPDATE ON catalog_product
  FOR EACH ROW EXECUTE FUNCTION catalog_product_derive();

CREATE FUNCTION catalog_artisan_derive() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' OR (NEW.business_name, NEW.story, NEW.city, NEW.region, NEW.country,
                          NEW.certifications, NEW.language)
                         IS DISTINCT FROM (OLD.business_name, OLD.story, OLD.city, OLD.region,
                                           OLD.country, OLD.certifications, OLD.language) THEN
    NEW.search_vector := NULL;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER catalog_derive BEFORE INSERT OR UPDATE ON artisans_artisanprofile
  FOR EACH ROW EXECUTE FUNCTION catalog_artisan_derive();

CREATE FUNCTION catalog_artisan_crafts_derive() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE artisans_artisanprofile SET search_vector = NULL
    WHERE id IN (SELECT artisanprofile_id FROM changed) AND search_vector IS NOT NULL;
  RETURN NULL;
END $$;
CREATE TRIGGER catalog_derive_insert AFTER INSERT ON artisans_artisanprofile_crafts
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION catalog_artisan_crafts_derive();
CREATE TRIGGER catalog_derive_delete AFTER DELETE ON artisans_artisanprofile_crafts
  REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION catalog_artisan_crafts_derive();

CREATE FUNCTION catalog_craft_derive() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE catalog_product SET search_vector = NULL WHERE craft_id = NEW.id AND search_vector IS NOT NULL;
  UPDATE artisans_artisanprofile SET search_vector = NULL
    WHERE id IN (SELECT artisanprofile_id FROM artisans_artisanprofile_crafts WHERE craft_id = NEW.id)
      AND search_vector IS NOT NULL;
  RETURN NULL;
END $$;
CREATE TRIGGER catalog_derive AFTER UPDATE ON catalog_craft FOR EACH ROW
  WHEN ((NEW.name_en, NEW.name_fr, NEW.name_es, NEW.name_ar) IS DISTINCT FROM
        (OLD.name_en, OLD.name_fr, OLD.name_es, OLD.name_ar))
  EXECUTE FUNCTION catalog_craft_derive();

CREATE FUNCTION catalog_rate_derive() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE catalog_product SET wholesale_price_usd = round(wholesale_price * NEW.usd_per_unit, 2)
    WHERE currency = NEW.currency;
  RETURN NULL;
END $$;
CREATE TRIGGER catalog_derive AFTER UPDATE ON catalog_exchangerate FOR EACH ROW
  WHEN (NEW.usd_per_unit IS DISTINCT FROM OLD.usd_per_unit)
  EXECUTE FUNCTION catalog_rate_derive();

-- The documents to build: usually none, found without reading the tables.
CREATE INDEX product_search_missing ON catalog_product (id) WHERE search_vector IS NULL;
CREATE INDEX artisan_search_missing ON artisans_artisanprofile (id) WHERE search_vector IS NULL;

-- Every product's USD price as the trigger computes it (the code's rates were the same).
UPDATE catalog_product SET currency = currency;
"""

BACKWARD = """
DROP INDEX IF EXISTS product_search_missing;
DROP INDEX IF EXISTS artisan_search_missing;
DROP TRIGGER IF EXISTS catalog_derive ON catalog_exchangerate;
DROP TRIGGER IF EXISTS catalog_derive ON catalog_craft;
DROP TRIGGER IF EXISTS catalog_derive_insert ON artisans_artisanprofile_crafts;
DROP TRIGGER IF EXISTS catalog_derive_delete ON artisans_artisanprofile_crafts;
DROP TRIGGER IF EXISTS catalog_derive ON artisans_artisanprofile;
DROP TRIGGER IF EXISTS catalog_derive ON catalog_product;
DROP FUNCTION IF EXISTS catalog_rate_derive();
DROP FUNCTION IF EXISTS catalog_craft_derive();
DROP FUNCTION IF EXISTS catalog_artisan_crafts_derive();
DROP FUNCTION IF EXISTS catalog_artisan_derive();
DROP FUNCTION IF EXISTS catalog_product_derive();
ALTER TABLE catalog_product DROP CONSTRAINT IF EXISTS product_currency_has_rate;
"""


def seed_rates(apps, schema_editor):
    ExchangeRate = apps.get_model("catalog", "ExchangeRate")
    for currency, rate in RATES.items():
        ExchangeRate.objects.get_or_create(currency=currency, defaults={"usd_per_unit": rate})


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0006_change_log_without_lock"),
        ("artisans", "0003_logo_thumb"),
    ]

    operations = [
        migrations.CreateModel(
            name="ExchangeRate",
            fields=[
                ("currency", models.CharField(choices=[("EUR", "Euro (EUR)"), ("USD", "US dollar (USD)"), ("MAD", "Moroccan dirham (MAD)")], max_length=3, primary_key=True, serialize=False, verbose_name="currency")),
                ("usd_per_unit", models.DecimalField(decimal_places=6, help_text="What one unit of the currency is worth in US dollars. Used to filter and sort prices across currencies; saving it recomputes the USD price of every product in this currency.", max_digits=12, verbose_name="US dollars per unit")),
                ("updated_at", models.DateTimeField(auto_now=True)),
            ],
            options={
                "verbose_name": "exchange rate",
                "verbose_name_plural": "exchange rates",
                "ordering": ["currency"],
                "constraints": [
                    models.CheckConstraint(condition=models.Q(("usd_per_unit__gt", 0)), name="exchange_rate_positive"),
                    models.CheckConstraint(condition=models.Q(("currency", "USD"), _negated=True) | models.Q(("usd_per_unit", 1)), name="exchange_rate_usd_is_one"),
                ],
            },
        ),
        migrations.RunPython(seed_rates, migrations.RunPython.noop),
        migrations.RunSQL(FORWARD, BACKWARD),
    ]
