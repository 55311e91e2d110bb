"""The token's scopes: which resources it may read or write. What rows it then sees is its
owner's scope, asked of `core.permissions` by every app's `<things>_for_user` selector."""

from typing import Any

from django.utils.translation import gettext as _
from rest_framework import permissions

from sashakt.api.models import ApiToken
from sashakt.api.problems import Problem
from sashakt.api.scopes import READ, RESOURCES, WRITE, scope_name


class TokenScope(permissions.BasePermission):  # type: ignore[misc]  # DRF ships no types
    """A view names its `resource`; GET needs "<resource>:read", a write "<resource>:write"."""

    def has_permission(self, request: Any, view: Any) -> bool:
        token = request.auth
        if not isinstance(token, ApiToken):
            return False  # DRF answers 401 (no token was sent)
        resource = getattr(view, "resource", None)
        if resource is None:
            return False
        if request.method not in view.allowed_methods:
            return True  # DRF answers 405 (a method this address does not have)
        access = READ if request.method in permissions.SAFE_METHODS else WRITE
        if not token.allows(scope_name(resource, access)):
            what = {"resource": RESOURCES[resource]}
            if access == READ:
                raise Problem("scope", _("This token may not read: %(resource)s.") % what)
            raise Problem("scope", _("This token may not write: %(resource)s.") % what)
        return True
