from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    name = "sashakt.certificates"
    verbose_name = _("Certificates")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from sashakt.certificates import checks  # noqa: F401 - registers the deploy check
        from sashakt.certificates.models import Certificate, CertificateTemplate, Signatory

        for model in (Certificate, CertificateTemplate, Signatory):
            auditlog.register(model)
