from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArtisansConfig(AppConfig):
    name = "artisans"
    verbose_name = _("Artisans")

    def ready(self) -> None:
        from artisans.personal_data import PERSONAL_DATA
        from common.personal_data import register

        register(PERSONAL_DATA)
