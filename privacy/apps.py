from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    """What is kept and for how long (the retention staff set, the beat task that applies it, the
    privacy page), and a person's export and deletion, run from what each app declares
    (common.personal_data)."""

    name = "privacy"
    verbose_name = _("Privacy")
