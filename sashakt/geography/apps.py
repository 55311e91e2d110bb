from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GeographyConfig(AppConfig):
    name = "sashakt.geography"
    verbose_name = _("Geography")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from sashakt.geography.models import Block, District, GramPanchayat

        for model in (District, Block, GramPanchayat):
            auditlog.register(model)
