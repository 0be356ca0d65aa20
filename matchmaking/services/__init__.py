"""Writes of matchmaking: recommendations and preferences, then scheduling sessions."""

from __future__ import annotations

from matchmaking.services.recommendations import (
    BATCH,
    KEEP,
    PreferenceError,
    preference_set,
    preference_weights,
    program_artisan_facts,
    program_buyer_facts,
    programs_of_artisan,
    programs_of_buyer,
    recommendation_hide,
    recommendation_unhide,
    recommendations_recompute,
    recompute_for_artisan,
    recompute_for_buyer,
    recompute_program,
    stale_programs,
)
from matchmaking.services.scheduling import (
    PlanError,
    plan_item_move,
    plan_items_swap,
    plan_publish,
    plan_send_agendas,
    schedule_run,
    schedule_run_request,
)

__all__ = [
    "BATCH", "KEEP", "PlanError", "PreferenceError", "plan_item_move", "plan_items_swap", "plan_publish",
    "plan_send_agendas", "preference_set", "preference_weights", "program_artisan_facts", "program_buyer_facts",
    "programs_of_artisan", "programs_of_buyer", "recommendation_hide", "recommendation_unhide",
    "recommendations_recompute", "recompute_for_artisan", "recompute_for_buyer", "recompute_program",
    "schedule_run", "schedule_run_request", "stale_programs",
]
