"""Meeting factories. Artisan profiles and products come from catalog/tests/factories.py."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import factory

from accounts.tests.factories import BuyerUserFactory
from buyers.models import BuyerProfile
from catalog.tests.factories import ArtisanProfileFactory
from meetings.models import AvailabilityWindow, Meeting


class BuyerProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BuyerProfile

    user = factory.SubFactory(BuyerUserFactory)
    organisation_name = factory.Sequence(lambda n: f"Museum Shop {n}")
    country = "US"
    city = "New York"


def in_days(days: int, hour: int = 15, minute: int = 0) -> datetime:
    """A UTC time `days` from today at a fixed hour: stable inside one test."""
    day = datetime.now(UTC).date() + timedelta(days=days)
    return datetime.combine(day, time(hour, minute), tzinfo=UTC)


class MeetingFactory(factory.django.DjangoModelFactory):
    """A requested meeting; pass status/start_at/end_at to build other states directly."""

    class Meta:
        model = Meeting
        skip_postgeneration_save = True

    artisan = factory.SubFactory(ArtisanProfileFactory)
    buyer = factory.SubFactory(BuyerProfileFactory)
    artisan_user = factory.LazyAttribute(lambda o: o.artisan.user)
    buyer_user = factory.LazyAttribute(lambda o: o.buyer.user)
    status = Meeting.Status.REQUESTED
    mode = Meeting.Mode.VIRTUAL
    duration_minutes = 60
    proposed_starts = factory.LazyFunction(lambda: [in_days(7), in_days(8)])
    proposed_by = factory.LazyAttribute(lambda o: o.buyer.user)
    proposed_time_zone = "America/New_York"


class AvailabilityWindowFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AvailabilityWindow

    artisan = factory.SubFactory(ArtisanProfileFactory)
    weekday = 1
    start_time = time(9, 0)
    end_time = time(13, 0)
