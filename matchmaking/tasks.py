"""Matchmaking background work: recomputing recommendations, always from ids, idempotent."""

from __future__ import annotations

from celery import shared_task
from django.core.cache import cache

from matchmaking import services

# Many saves in a row (a product edited field by field) queue one recompute per program.
DEBOUNCE_SECONDS = 60


def _queue(program_id: int) -> bool:
    if not cache.add(f"matchmaking:recompute:{program_id}", 1, DEBOUNCE_SECONDS):
        return False
    recompute_program_task.apply_async(args=[program_id], countdown=0)
    return True


@shared_task(name="matchmaking.recompute_program")
def recompute_program_task(program_id: int) -> int:
    cache.delete(f"matchmaking:recompute:{program_id}")
    return services.recommendations_recompute(program_id=program_id)


@shared_task(name="matchmaking.recompute_for_artisan")
def recompute_for_artisan_task(artisan_id: int) -> int:
    return sum(_queue(program_id) for program_id in services.programs_of_artisan(artisan_id))


@shared_task(name="matchmaking.recompute_for_buyer")
def recompute_for_buyer_task(user_id: int) -> int:
    return sum(_queue(program_id) for program_id in services.programs_of_buyer(user_id))


@shared_task(name="matchmaking.recompute_stale")
def recompute_stale_task() -> int:
    return sum(_queue(program_id) for program_id in services.stale_programs())


# The scheduler's search over a fair's slots may take minutes: its own, longer limits. Past the
# hard one a run is lost (common.runs).
@shared_task(name="matchmaking.run_schedule", soft_time_limit=20 * 60, time_limit=25 * 60)
def run_schedule_task(plan_id: int) -> str:
    plan = services.schedule_run(plan_id=plan_id)
    return plan.status if plan else "missing"


@shared_task(name="matchmaking.send_agendas")
def send_agendas_task(plan_id: int) -> int:
    return len(services.plan_send_agendas(plan_id=plan_id))
