from django.contrib.admin import AdminSite
from django.contrib.admin.apps import AdminConfig
from django.utils.translation import gettext_lazy as _

from sashakt.core.roles import Role


class SashaktAdminSite(AdminSite):
    site_header = _("Sashakt master data")
    site_title = _("Sashakt admin")
    index_title = _("Master data")

    def has_permission(self, request) -> bool:
        user = request.user
        return bool(user.is_active and user.is_authenticated and user.role == Role.STATE)


class SashaktAdminConfig(AdminConfig):
    default_site = "sashakt.core.admin_site.SashaktAdminSite"
