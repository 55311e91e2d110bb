from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from sashakt.accounts.identity import login_account


class UsernameOrMobileBackend(ModelBackend):
    """Sign in with a username or with the mobile number on the account."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if not username or password is None:
            return None
        user = login_account(username)
        if user is None:
            # Spend the same time hashing as a real check, so timing does not reveal
            # which usernames exist.
            get_user_model()().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
