from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowupConfig(AppConfig):
    name = "sashakt.followup"
    verbose_name = _("Follow-up")

    def ready(self) -> None:
        from auditlog.registry import auditlog  # noqa: PLC0415 - the app registry is ready now

        from sashakt.followup import links  # noqa: F401, PLC0415 (register the batch page's link)
        from sashakt.followup.models import (  # noqa: PLC0415
            ActionPlan,
            CheckIn,
            CheckInAnswer,
            Commitment,
        )

        # A stored file's random name says nothing to a reader of the audit trail.
        files = ["voice_note", "photo"]
        auditlog.register(ActionPlan, exclude_fields=files)
        auditlog.register(CheckInAnswer, exclude_fields=files)
        auditlog.register(Commitment)
        auditlog.register(CheckIn)
