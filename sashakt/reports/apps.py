from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _install_tally_triggers(sender, using, **kwargs) -> None:
    from sashakt.reports.dashboards.tally_triggers import triggers_install

    triggers_install(using)


class ReportsConfig(AppConfig):
    name = "sashakt.reports"
    verbose_name = _("Reports")

    def ready(self) -> None:
        # After every migrate (and flush): a migration may have rebuilt a table and with it
        # dropped the triggers that keep the dashboard's tallies (see dashboards/tally_triggers.py).
        post_migrate.connect(_install_tally_triggers, sender=self)
        from auditlog.registry import auditlog

        from sashakt.reports import links  # noqa: F401  (the batch page's link, core/links.py)
        from sashakt.reports.models import BulkMessage

        auditlog.register(BulkMessage)
