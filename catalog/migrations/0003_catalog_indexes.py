"""Indexes for the catalog's sorts, and a version counter that every catalog write bumps.

Raw SQL on purpose: partial indexes and triggers that the models don't describe, so the schema of
Product (owned by the portal) stays as it is and `makemigrations --check` stays clean.
The version lets the catalog cache its facet counts exactly: any insert, update or delete of a
product, an artisan or an artisan's crafts, however it is written (even `QuerySet.update`),
changes the key.
"""

from django.db import migrations

FORWARD = """
CREATE INDEX IF NOT EXISTS product_pub_newest ON catalog_product (created_at DESC, id DESC) WHERE status = 'published';
CREATE INDEX IF NOT EXISTS product_pub_price ON catalog_product (wholesale_price_usd, id) WHERE status = 'published';
CREATE INDEX IF NOT EXISTS product_pub_moq ON catalog_product (min_order_qty, id) WHERE status = 'published';
CREATE INDEX IF NOT EXISTS product_pub_lead ON catalog_product (lead_time_days, id) WHERE status = 'published';
CREATE INDEX IF NOT EXISTS artisan_approved_name ON artisans_artisanprofile (business_name, id) WHERE status = 'approved';
CREATE SEQUENCE IF NOT EXISTS catalog_version_seq;
CREATE OR REPLACE FUNCTION catalog_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM nextval('catalog_version_seq');
  RETURN NULL;
END $$;
CREATE TRIGGER catalog_version_product AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON catalog_product
  FOR EACH STATEMENT EXECUTE FUNCTION catalog_version_bump();
CREATE TRIGGER catalog_version_artisan AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON artisans_artisanprofile
  FOR EACH STATEMENT EXECUTE FUNCTION catalog_version_bump();
CREATE TRIGGER catalog_version_artisan_crafts AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON artisans_artisanprofile_crafts
  FOR EACH STATEMENT EXECUTE FUNCTION catalog_version_bump();
"""

BACKWARD = """
DROP TRIGGER IF EXISTS catalog_version_product ON catalog_product;
DROP TRIGGER IF EXISTS catalog_version_artisan ON artisans_artisanprofile;
DROP TRIGGER IF EXISTS catalog_version_artisan_crafts ON artisans_artisanprofile_crafts;
DROP FUNCTION IF EXISTS catalog_version_bump();
DROP SEQUENCE IF EXISTS catalog_version_seq;
DROP INDEX IF EXISTS product_pub_newest;
DROP INDEX IF EXISTS product_pub_price;
DROP INDEX IF EXISTS product_pub_moq;
DROP INDEX IF EXISTS product_pub_lead;
DROP INDEX IF EXISTS artisan_approved_name;
"""


class Migration(migrations.Migration):
    dependencies = [("catalog", "0002_crafts"), ("artisans", "0002_initial")]
    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
