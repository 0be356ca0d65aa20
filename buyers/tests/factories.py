from __future__ import annotations

import factory

from accounts.tests.factories import BuyerUserFactory
from buyers.models import BuyerProfile, ShortlistItem


class BuyerProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BuyerProfile

    user = factory.SubFactory(BuyerUserFactory)
    organisation_name = factory.Sequence(lambda n: f"Museum shop {n}")
    country = "US"
    city = "New York"
    is_verified = False


class ShortlistItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ShortlistItem

    buyer = factory.SubFactory(BuyerProfileFactory)
