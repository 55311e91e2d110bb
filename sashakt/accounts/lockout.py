"""django-axes with a second, address-wide limit.

Axes locks an account from one address after AXES_FAILURE_LIMIT failures (keyed on the
normalised identity, see identity.py). That alone lets one address try five passwords on
every account in turn, or on names that reach no account; so an address is also paused
after LOGIN_ADDRESS_FAILURE_LIMIT failures of any kind within the cool-off time. The
address is the client's only when PROXY_COUNT matches the proxies in front (docs/security.md).
"""

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from django.conf import settings

from sashakt.accounts.identity import address_failures


class AccountAndAddressHandler(AxesDatabaseHandler):
    def is_locked(self, request, credentials=None) -> bool:
        return super().is_locked(request, credentials) or address_paused(request)

    def user_login_failed(self, sender, credentials: dict, request=None, **kwargs):
        if credentials and "hall_place" in credentials:
            return  # the hall has limits of its own (backends.HallSignInBackend)
        super().user_login_failed(sender, credentials, request, **kwargs)
        if request is None or getattr(request, "axes_locked_out", False):
            return
        if address_paused(request):  # the failure just recorded reached the limit
            request.axes_locked_out = True
            request.axes_credentials = credentials


def address_paused(request) -> bool:
    """Whether the whole address is paused (not only one account from it)."""
    ip_address = getattr(request, "axes_ip_address", None)
    failures = address_failures(ip_address, get_cool_off_threshold(request))
    return failures >= settings.LOGIN_ADDRESS_FAILURE_LIMIT
