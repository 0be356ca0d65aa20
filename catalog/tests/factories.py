"""Shared catalog factories: approved artisans with published products, indexed for search.

`ArtisanProfileFactory()` makes an approved artisan (with its own artisan user) and
`ProductFactory()` a published product; pass `status=...` for drafts, pending or rejected ones.
Both rebuild their search documents after creation, as the real services do.
"""

from __future__ import annotations

from decimal import Decimal

import factory

from accounts.tests.factories import ArtisanUserFactory
from artisans.models import ArtisanProfile
from catalog.models import Craft, Product
from catalog.search import refresh_documents


class CraftFactory(factory.django.DjangoModelFactory):
    """Looks up a seeded craft by slug (the taxonomy comes from a migration)."""

    class Meta:
        model = Craft
        django_get_or_create = ("slug",)

    slug = "ceramics"
    name_en = factory.LazyAttribute(lambda o: o.slug.replace("-", " ").capitalize())


class ArtisanProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ArtisanProfile
        skip_postgeneration_save = True

    user = factory.SubFactory(ArtisanUserFactory)
    slug = factory.Sequence(lambda n: f"workshop-{n}")
    business_name = factory.Sequence(lambda n: f"Workshop {n}")
    country = "ES"
    region = "Andalusia"
    city = "Seville"
    story = "A family workshop."
    language = "en"
    languages_spoken = factory.LazyFunction(lambda: ["en"])
    time_zone = "Europe/Madrid"
    status = ArtisanProfile.Status.APPROVED

    @factory.post_generation
    def crafts(self, create, extracted, **kwargs):
        if create and extracted:
            self.crafts.set(extracted)

    @factory.post_generation
    def indexed(self, create, extracted, **kwargs):
        if create and extracted is not False:
            # What a search does first; indexed=False leaves it to the search.
            refresh_documents()


class ProductFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Product
        skip_postgeneration_save = True

    artisan = factory.SubFactory(ArtisanProfileFactory)
    title = factory.Sequence(lambda n: f"Product {n}")
    description = "Made by hand."
    language = "en"
    craft = factory.SubFactory(CraftFactory)
    currency = "EUR"
    wholesale_price = Decimal("20.00")
    min_order_qty = 10
    lead_time_days = 30
    status = Product.Status.PUBLISHED

    @factory.post_generation
    def indexed(self, create, extracted, **kwargs):
        if create and extracted is not False:
            refresh_documents()
