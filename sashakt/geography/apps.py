from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GeographyConfig(AppConfig):
    name = "sashakt.geography"
    verbose_name = _("Geography")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from sashakt.geography.models import Block, District, GramPanchayat
        from sashakt.geography.place_sounds import place_sounds_store
        from sashakt.geography.signals import gram_panchayats_loaded

        for model in (District, Block, GramPanchayat):
            auditlog.register(model)
        gram_panchayats_loaded.connect(place_sounds_store, dispatch_uid="geography.place_sounds")
