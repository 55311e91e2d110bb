"""The sign-in lockout counts the account, however it is spelled, and the address
(issue 10, items 3 and 11)."""

import pytest
from axes.models import AccessAttempt
from django.test import RequestFactory
from django.urls import reverse

from sashakt.accounts.identity import login_identity
from sashakt.core.client_address import client_address
from sashakt.core.roles import Role
from sashakt.test import PASSWORD, user_make

pytestmark = pytest.mark.django_db
LOGIN = reverse("accounts:login")
# The issue's own spellings of one account (username trainer.demo, mobile 6000000901).
SPELLINGS = ["tRainer.Demo", "+916000000901", " 6000000901 ", "TRAINER.DEMO", "06000000901"]


@pytest.fixture
def trainer(geography):
    return user_make("trainer.demo", Role.TRAINER, mobile="6000000901")


def _sign_in(client, username, password=PASSWORD, address="10.0.0.7", **extra):
    return client.post(
        LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address, **extra
    )


def test_every_spelling_of_an_account_reaches_the_same_lockout(trainer, client, settings):
    assert settings.AXES_FAILURE_LIMIT == 5
    for spelling in SPELLINGS[:4]:  # four failures, each typed differently
        assert _sign_in(client, spelling, "wrong").status_code == 200
    assert _sign_in(client, SPELLINGS[4], "wrong").status_code == 429  # the fifth
    for spelling in [*SPELLINGS, "trainer.demo"]:  # even the right password now waits
        assert _sign_in(client, spelling).status_code == 429, spelling
    page = _sign_in(client, "trainer.demo").content.decode()
    assert "इस खाते" in page and "इस नेटवर्क" not in page  # this account, not the address
    assert set(AccessAttempt.objects.values_list("username", flat=True)) == {"trainer.demo"}
    # Another address is not locked out of the account (PROXY_COUNT counts the proxies).
    assert _sign_in(client, "trainer.demo", address="10.0.0.8").status_code == 302


def test_spellings_still_sign_in_when_nothing_failed(trainer, client):
    for spelling in SPELLINGS:
        client.logout()
        assert _sign_in(client, spelling).status_code == 302, spelling


def test_a_mobile_with_a_letter_reaches_no_account_but_counts_against_the_address(
    trainer, client, settings
):
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 8
    # "6a000000901" is not the trainer's mobile: the right password does not sign in...
    assert _sign_in(client, "6a000000901").status_code == 200
    assert "_auth_user_id" not in client.session
    assert login_identity(None, {"username": "6a000000901"}) == "?6a000000901"
    # ...and it is not counted against the trainer's account...
    assert _sign_in(client, "trainer.demo").status_code == 302
    client.logout()
    # ...but every failure from the address counts, whatever name it tried.
    for number in range(2, 8):
        assert _sign_in(client, f"no-such-user-{number}", "wrong").status_code == 200
    assert _sign_in(client, "no-such-user-8", "wrong").status_code == 429  # the eighth
    locked = _sign_in(client, "trainer.demo")
    assert locked.status_code == 429
    # The whole address is paused: the page says so, not "this account".
    assert "इस नेटवर्क" in locked.content.decode() and "इस खाते" not in locked.content.decode()
    assert _sign_in(client, "trainer.demo", address="10.0.0.9").status_code == 302


def test_the_client_address_counts_trusted_proxies_from_the_right(settings):
    factory = RequestFactory()
    request = factory.get(
        "/", REMOTE_ADDR="172.16.0.2", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9, 172.16.0.1"
    )
    settings.PROXY_COUNT = 0
    assert client_address(request) == "172.16.0.2"  # no proxy: a forged header is ignored
    settings.PROXY_COUNT = 2
    assert client_address(request) == "203.0.113.9"  # the left-most entry was the client's lie
    settings.PROXY_COUNT = 4
    assert client_address(request) == "172.16.0.2"  # fewer hops than proxies: socket only


def test_behind_a_proxy_each_client_has_its_own_lockout(trainer, client, settings):
    settings.PROXY_COUNT = 1
    for _attempt in range(5):
        _sign_in(client, "trainer.demo", "wrong", HTTP_X_FORWARDED_FOR="198.51.100.1")
    assert _sign_in(client, "trainer.demo", HTTP_X_FORWARDED_FOR="198.51.100.1").status_code == 429
    # The same proxy (REMOTE_ADDR) passes a different client, who is not locked out.
    assert _sign_in(client, "trainer.demo", HTTP_X_FORWARDED_FOR="198.51.100.2").status_code == 302
