from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NominationsConfig(AppConfig):
    name = "sashakt.nominations"
    verbose_name = _("Nominations and seats")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from sashakt.nominations import links, signals  # noqa: F401  (connect and register)
        from sashakt.nominations.models import Nomination

        auditlog.register(Nomination)
