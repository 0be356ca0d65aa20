from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReferencingConfig(AppConfig):
    name = "referencing"
    verbose_name = _("Referencing with retailers")

    def ready(self) -> None:
        from common.personal_data import register
        from referencing.personal_data import PERSONAL_DATA

        register(PERSONAL_DATA)
