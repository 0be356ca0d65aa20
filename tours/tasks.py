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


# The planner stops itself after its time limit (5 s); these limits only stop a run that went
# wrong. Past the hard one a run is lost (common.runs).
@shared_task(name="tours.plan_tour", soft_time_limit=2 * 60, time_limit=3 * 60)
def plan_tour_task(run_id: int) -> str:
    """Plan the tour of a queued run, once (tours.services.tour_plan_run)."""
    run = services.tour_plan_run(run_id=run_id)
    return run.status if run else "missing"
