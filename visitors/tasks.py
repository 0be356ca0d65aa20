"""Visitors' background work, run by beat; each run is idempotent (the database records what was done)."""

from __future__ import annotations

from celery import shared_task

from visitors import services


@shared_task(name="visitors.expire_seat_offers")
def expire_seat_offers_task() -> int:
    """Lapse offers of freed seats past their time and offer each seat to the next person waiting."""
    return services.offers_expire()


@shared_task(name="visitors.send_session_reminders")
def send_session_reminders_task() -> int:
    """Remind seat holders a day before their session, once each."""
    return services.reminders_send()
