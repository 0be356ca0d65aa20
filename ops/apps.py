from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpsConfig(AppConfig):
    """Operations: health check, request ids in logs and tasks, backup and restore. No models."""

    name = "ops"
    verbose_name = _("Operations")

    def ready(self) -> None:
        from ops import signals  # noqa: F401 (connects the Celery signals)
