"""Photos with real image content; profiles and products come from catalog.tests.factories."""

from __future__ import annotations

import factory
from django.core.files.base import ContentFile

from artisans.models import WorkshopPhoto
from catalog.models import ProductPhoto
from catalog.tests.factories import ArtisanProfileFactory, ProductFactory
from common.tests.imaging import jpeg_bytes


class ProductPhotoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProductPhoto

    product = factory.SubFactory(ProductFactory)
    image = factory.LazyFunction(lambda: ContentFile(jpeg_bytes(800, 600), name="photo.jpg"))
    alt_text = factory.Sequence(lambda n: f"Photo {n}")
    position = factory.Sequence(lambda n: n)


class WorkshopPhotoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkshopPhoto

    artisan = factory.SubFactory(ArtisanProfileFactory)
    image = factory.LazyFunction(lambda: ContentFile(jpeg_bytes(800, 600), name="workshop.jpg"))
    alt_text = factory.Sequence(lambda n: f"Workshop {n}")
    position = factory.Sequence(lambda n: n)
