from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DealsConfig(AppConfig):
    name = "deals"
    verbose_name = _("Deals")

    def ready(self) -> None:
        from common.personal_data import register
        from deals.personal_data import PERSONAL_DATA

        register(PERSONAL_DATA)
