from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    # allauth's own app is also called "Accounts" in the admin.
    verbose_name = _("People")

    def ready(self) -> None:
        from accounts.personal_data import PERSONAL_DATA
        from common.personal_data import register

        register(PERSONAL_DATA)
