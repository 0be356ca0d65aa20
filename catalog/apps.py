from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogConfig(AppConfig):
    name = "catalog"
    verbose_name = _("Catalog")

    def ready(self) -> None:
        from catalog.personal_data import PERSONAL_DATA
        from common.personal_data import register

        register(PERSONAL_DATA)
