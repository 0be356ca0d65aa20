"""Celery finds an app's tasks in its tasks module: common's live with what they serve."""

from common.photos.tasks import make_renditions_task

__all__ = ["make_renditions_task"]
