"""Behind nginx (PROXY_COUNT=1) each sign-in limit counts the forwarded client, not the proxy."""

import pytest
from django.urls import reverse

from sashakt.accounts.models import SignInCode

pytestmark = pytest.mark.django_db
PROXY = "127.0.0.1"


@pytest.fixture(autouse=True)
def _behind_one_proxy(settings):
    settings.PROXY_COUNT = 1
    settings.NOTIFICATIONS_CHANNEL = "console"


def test_code_requests_are_counted_per_client_behind_the_proxy(personas, client, settings):
    settings.SIGN_IN_CODES_PER_ADDRESS = 1
    settings.SIGN_IN_CODES_PER_NUMBER = 10
    url = reverse("accounts:code_request")

    def ask(client_ip, mobile):
        return client.post(
            url,
            {"mobile": mobile},
            REMOTE_ADDR=PROXY,
            HTTP_X_FORWARDED_FOR=f"6.6.6.6, {client_ip}",
        )

    ask("198.51.100.1", "9415999991")
    assert list(SignInCode.objects.values_list("address", flat=True)) == ["198.51.100.1"]
    ask("198.51.100.1", "9415999992")  # the same client again: over its limit, nothing stored
    assert SignInCode.objects.count() == 1
    ask("198.51.100.2", "9415999993")  # another client through the same proxy is not
    assert SignInCode.objects.count() == 2
