from django.apps import AppConfig
from django.core import checks


class CommonConfig(AppConfig):
    """Cross-app helpers (images, time zones, template tags); it owns no models."""

    name = "common"

    def ready(self) -> None:
        from common.ratelimit import check_rate_settings

        checks.register(check_rate_settings, checks.Tags.security)
