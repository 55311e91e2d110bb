from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammesConfig(AppConfig):
    name = "sashakt.programmes"
    verbose_name = _("Partners and programmes")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from sashakt.programmes.models import (
            Batch,
            Institute,
            Module,
            MoU,
            Programme,
            TemplateSession,
        )

        for model in (Institute, MoU, Programme, Batch, Module, TemplateSession):
            auditlog.register(model)
