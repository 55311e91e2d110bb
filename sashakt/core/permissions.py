"""The one permission layer: every view, export and API asks these functions.

Scope rules (deny by default):
- state programme cell: everything;
- institute coordinator: rows of their own institute;
- district officer: rows of their own district;
- trainer: rows tied to their own sessions;
- participant: their own records.

A queryset is scoped by naming, for its model, the field path that leads to the district,
the institute, the trainer (a user) or the person. A role whose path is not given sees
nothing, so a new model is private until someone decides who may read it.
"""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.shortcuts import get_object_or_404

from sashakt.core.roles import Role


def has_role(user, *roles: str) -> bool:
    return bool(user and user.is_authenticated and user.is_active and user.role in roles)


def role_required(*roles: str) -> Callable:
    """View decorator: sign-in required, then one of `roles`, else 403."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not has_role(request.user, *roles):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def scope_queryset(
    user,
    queryset: QuerySet,
    *,
    district: str | None = None,
    institute: str | None = None,
    trainer: str | None = None,
    person: str | None = None,
) -> QuerySet:
    """Return only the rows of `queryset` that `user` may see."""
    if not (user and user.is_authenticated and user.is_active):
        return queryset.none()
    role = user.role
    if role == Role.STATE:
        return queryset
    if role == Role.DISTRICT and district and user.district_id:
        return queryset.filter(**{_id_path(district): user.district_id})
    if role == Role.INSTITUTE and institute and user.institute_id:
        return queryset.filter(**{_id_path(institute): user.institute_id})
    if role == Role.TRAINER and trainer:
        return queryset.filter(**{_id_path(trainer): user.pk})
    if role == Role.PARTICIPANT and person and user.person_id:
        return queryset.filter(**{_id_path(person): user.person_id})
    return queryset.none()


def get_scoped_or_404(user, visible: Callable[..., QuerySet] | QuerySet, pk, **lookup) -> Model:
    """The object `pk` if `user` may see it; 404 otherwise (never leak existence).

    `visible` is a selector's `<things>_for_user` function (called with `user`) or a queryset
    already built from one; every view gets its object through here."""
    queryset = visible if isinstance(visible, QuerySet) else visible(user)
    return get_object_or_404(queryset, pk=pk, **lookup)


def _id_path(path: str) -> str:
    return path if path.endswith("_id") or path == "pk" else f"{path}_id"
