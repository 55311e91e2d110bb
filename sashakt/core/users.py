"""Type names for users, for the apps that may not import `accounts` (see `sashakt/layers.py`).

`User` is the install's user model (settings.AUTH_USER_MODEL): django-stubs' mypy plugin reads
it from the settings, so an app annotates a user without importing the model. At run time it is
the model's abstract base, which every user is. `AnyUser` is what `request.user` holds: a user,
or the anonymous user of someone not signed in.
"""

from typing import TYPE_CHECKING, TypeAlias

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser

__all__ = ["AnyUser", "User"]

if TYPE_CHECKING:
    from django.contrib.auth.models import _User as User
else:
    User = AbstractBaseUser

AnyUser: TypeAlias = User | AnonymousUser
