from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ShowsConfig(AppConfig):
    name = "shows"
    verbose_name = _("Trade shows abroad")

    def ready(self) -> None:
        from common.personal_data import register
        from shows.personal_data import PERSONAL_DATA

        register(PERSONAL_DATA)
