from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = _("Outgoing email")

    def ready(self) -> None:
        from common.personal_data import register
        from notifications.personal_data import PERSONAL_DATA

        register(PERSONAL_DATA)
