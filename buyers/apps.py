from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BuyersConfig(AppConfig):
    name = "buyers"
    verbose_name = _("Buyers")

    def ready(self) -> None:
        from buyers.personal_data import PERSONAL_DATA
        from common.personal_data import register

        register(PERSONAL_DATA)
