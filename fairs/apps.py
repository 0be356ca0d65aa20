from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FairsConfig(AppConfig):
    name = "fairs"
    verbose_name = _("Fairs")

    def ready(self) -> None:
        from common.personal_data import register
        from fairs.personal_data import PERSONAL_DATA

        register(PERSONAL_DATA)
