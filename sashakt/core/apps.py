from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "sashakt.core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from sashakt.core.models import Job

        auditlog.register(Job, include_fields=["status", "kind", "error"])
        # Job functions live in each app's jobs.py; import them so workers know them.
        autodiscover_modules("jobs")
