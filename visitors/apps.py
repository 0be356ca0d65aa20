from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VisitorsConfig(AppConfig):
    name = "visitors"
    verbose_name = _("Visitors, passes and the agenda")

    def ready(self) -> None:
        from common.personal_data import register
        from visitors.personal_data import PERSONAL_DATA

        register(PERSONAL_DATA)
