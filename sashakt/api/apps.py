from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "sashakt.api"
    verbose_name = _("API")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from sashakt.api.models import ApiToken

        # Made and revoked by the state cell: audited; the hash of the secret is never logged.
        auditlog.register(ApiToken, exclude_fields=["secret_hash", "last_used_at"])
