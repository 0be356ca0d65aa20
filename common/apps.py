from django.apps import AppConfig


class CommonConfig(AppConfig):
    """Cross-app helpers (images, time zones, template tags); it owns no models."""

    name = "common"
