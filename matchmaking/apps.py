from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchmakingConfig(AppConfig):
    name = "matchmaking"
    verbose_name = _("Matchmaking")

    def ready(self) -> None:
        from common.personal_data import register
        from matchmaking.personal_data import PERSONAL_DATA

        register(PERSONAL_DATA)
