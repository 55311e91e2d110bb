from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "sashakt.people"
    verbose_name = _("Participant registry")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from sashakt.people.models import Person

        auditlog.register(Person)
