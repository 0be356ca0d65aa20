from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    """What is kept and for how long: the retention staff set, and the beat task that applies it."""

    name = "privacy"
    verbose_name = _("Privacy")
