from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "sashakt.accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from sashakt.accounts import checks  # noqa: F401  (registers the deploy checks)
        from sashakt.accounts.models import User

        auditlog.register(User, exclude_fields=["password", "last_login", "jobs"])
