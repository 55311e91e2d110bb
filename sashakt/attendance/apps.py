from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AttendanceConfig(AppConfig):
    name = "sashakt.attendance"
    verbose_name = _("Attendance and completion")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from sashakt.attendance import links, signals  # noqa: F401  (connect and register)
        from sashakt.attendance.models import Completion, CompletionRule, DayEvidence, Mark

        for model in (Mark, Completion, CompletionRule, DayEvidence):
            auditlog.register(model)
