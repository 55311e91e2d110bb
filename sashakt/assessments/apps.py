from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentsConfig(AppConfig):
    name = "sashakt.assessments"
    verbose_name = _("Assessments")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from sashakt.assessments.models import Answer, Assessment, Attempt, EducationLevel

        # Scores and answers are audited; so are the open/close times that decide them.
        for model in (Assessment, Attempt, Answer, EducationLevel):
            auditlog.register(model)
