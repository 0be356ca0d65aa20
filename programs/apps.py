from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgramsConfig(AppConfig):
    name = "programs"
    verbose_name = _("Programs")

    def ready(self) -> None:
        from common.personal_data import register
        from programs import receivers  # noqa: F401 (connects to artisans.signals)
        from programs.personal_data import PERSONAL_DATA

        register(PERSONAL_DATA)
