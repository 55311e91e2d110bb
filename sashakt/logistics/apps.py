from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LogisticsConfig(AppConfig):
    name = "sashakt.logistics"
    verbose_name = _("Logistics")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from sashakt.logistics import links_rooms, signals_rooms  # noqa: F401  (register, connect)
        from sashakt.logistics.models import HostelBlock, Room, RoomMove, RoomNeed, Stay

        for model in (HostelBlock, Room, Stay, RoomMove, RoomNeed):
            auditlog.register(model)
