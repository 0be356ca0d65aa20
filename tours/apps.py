from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ToursConfig(AppConfig):
    name = "tours"
    verbose_name = _("Workshop tours and media tours")

    def ready(self) -> None:
        from common.personal_data import register
        from tours.personal_data import PERSONAL_DATA

        register(PERSONAL_DATA)
