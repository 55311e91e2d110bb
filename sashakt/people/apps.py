from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "sashakt.people"
    verbose_name = _("Participant registry")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from sashakt.geography.signals import gram_panchayats_loaded
        from sashakt.people.models import Person
        from sashakt.people.place_sounds import place_sounds_store

        auditlog.register(Person)
        gram_panchayats_loaded.connect(place_sounds_store, dispatch_uid="people.place_sounds")
