from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = _("Meetings")

    def ready(self) -> None:
        from common.personal_data import register
        from meetings.personal_data import PERSONAL_DATA

        register(PERSONAL_DATA)
