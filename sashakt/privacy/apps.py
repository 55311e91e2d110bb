from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "sashakt.privacy"
    verbose_name = _("Privacy and data rights")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from sashakt.privacy import links  # noqa: F401  (home pages' links, core/links.py)
        from sashakt.privacy.models import CorrectionRequest, Erasure

        for model in (CorrectionRequest, Erasure):
            auditlog.register(model)
