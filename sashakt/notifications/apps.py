from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "sashakt.notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from sashakt.notifications.models import MessageTemplate, OptOut

        auditlog.register(MessageTemplate)
        auditlog.register(OptOut)
