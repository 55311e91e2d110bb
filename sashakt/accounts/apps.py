from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "sashakt.accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        # Imported for their side effects: the deploy checks and the sign-in audit.
        from sashakt.accounts import checks, signals  # noqa: F401
        from sashakt.accounts.models import User

        auditlog.register(User, exclude_fields=["password", "last_login", "jobs"])
