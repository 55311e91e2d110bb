from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from sashakt.core.text import normalise_mobile


class UsernameOrMobileBackend(ModelBackend):
    """Sign in with a username or with the mobile number on the account."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if not username or password is None:
            return None
        user_model = get_user_model()
        mobile = normalise_mobile(username)
        lookup = {"mobile": mobile} if mobile else {"username__iexact": username.strip()}
        try:
            user = user_model._default_manager.get(**lookup)
        except (user_model.DoesNotExist, user_model.MultipleObjectsReturned):
            # Spend the same time hashing as a real check, so timing does not reveal
            # which usernames exist.
            user_model().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
