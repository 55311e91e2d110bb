from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedbackConfig(AppConfig):
    name = "sashakt.feedback"
    verbose_name = _("Feedback")
    # Feedback is deliberately not audited: an audit row names the actor, and a trainer must
    # never learn who wrote what.
