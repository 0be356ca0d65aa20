from __future__ import annotations

from celery import shared_task

from ops.health import heartbeat_write


@shared_task(name="ops.heartbeat", ignore_result=True)
def heartbeat_task() -> float:
    """Run by beat every HEARTBEAT_INTERVAL: proves beat publishes and a worker consumes."""
    return heartbeat_write()
