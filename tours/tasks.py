from __future__ import annotations

from celery import shared_task
from django.db import InterfaceError, OperationalError

from tours import services
from tours.models import Tour


@shared_task(
    name="tours.send_itineraries",
    autoretry_for=(OperationalError, InterfaceError),
    retry_backoff=2,
    retry_backoff_max=60,
    max_retries=8,
)
def send_itineraries_task(tour_id: int) -> int:
    """Each participant's itinerary for the tour's current version; again, nothing new is sent."""
    tour = Tour.objects.filter(pk=tour_id).first()
    return services.tour_send_itineraries(tour=tour) if tour else 0
