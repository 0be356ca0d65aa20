"""Deal background work, each task idempotent (the database records what was sent)."""

from __future__ import annotations

from celery import shared_task

from deals import followups


@shared_task(name="deals.send_follow_ups")
def send_follow_ups_task() -> int:
    """Run by beat: ask both sides of each held meeting what it led to, once per milestone."""
    return followups.followups_send_due()
