"""Participants sign in with a one-time code sent through the outbox (accounts/codes.py)."""

import datetime
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from sashakt.accounts.codes import code_check
from sashakt.accounts.models import SignInCode, SignInEvent, SignInMethod
from sashakt.notifications.models import Channel, Message

pytestmark = pytest.mark.django_db
REQUEST = reverse("accounts:code_request")
ENTER = reverse("accounts:code_enter")
PARTICIPANT_MOBILE = "9415000002"  # on the participant's registry record only
STRANGER_MOBILE = "9415999999"  # reaches no account


@pytest.fixture(autouse=True)
def _console(settings):
    settings.NOTIFICATIONS_CHANNEL = "console"


def _ask(client, mobile=PARTICIPANT_MOBILE, address="10.1.1.1"):
    return client.post(REQUEST, {"mobile": mobile}, REMOTE_ADDR=address)


def _enter(client, code, address="10.1.1.1"):
    return client.post(ENTER, {"code": code}, REMOTE_ADDR=address)


def _code_sent(user) -> str:
    message = Message.objects.get(purpose_key__startswith=f"otp:{user.pk}:")
    return re.search(r"\b(\d{6})\b", message.body).group(1)


def test_a_participant_signs_in_with_the_code_from_the_outbox(personas, hindi_client):
    response = _ask(hindi_client, "+91 94150 00002")
    assert response.status_code == 302 and response["Location"] == ENTER
    message = Message.objects.get()
    assert message.channel == Channel.CONSOLE and message.recipient == PARTICIPANT_MOBILE
    row = SignInCode.objects.get()
    assert message.purpose_key == f"otp:{personas.participant.pk}:{row.pk}"
    assert "साइन इन कोड" in message.body  # in the participant's language, Hindi by default
    code = _code_sent(personas.participant)
    assert _enter(hindi_client, code).status_code == 302
    assert hindi_client.session["_auth_user_id"] == str(personas.participant.pk)
    event = SignInEvent.objects.get(succeeded=True)
    assert (event.user, event.method, event.address) == (
        personas.participant,
        SignInMethod.CODE,
        "10.1.1.1",
    )


def test_the_database_never_holds_the_code_or_the_number(personas, client):
    _ask(client)
    code = _code_sent(personas.participant)
    row = SignInCode.objects.values().get()
    stored = " ".join(str(value) for value in row.values())
    assert code not in stored and PARTICIPANT_MOBILE not in stored
    assert re.fullmatch(r"[0-9a-f]{16}\$[0-9a-f]{64}", row["code_hash"])


def test_the_answer_does_not_reveal_whether_a_number_is_registered(personas, client):
    registered = _ask(client, PARTICIPANT_MOBILE, "10.1.1.2")
    page_registered = client.get(ENTER).content.decode().replace("0002", "XXXX")
    client.session.flush()
    stranger = _ask(client, STRANGER_MOBILE, "10.1.1.3")
    page_stranger = client.get(ENTER).content.decode().replace("9999", "XXXX")
    assert (registered.status_code, registered["Location"]) == (
        stranger.status_code,
        stranger["Location"],
    )
    strip = re.compile(r"[A-Za-z0-9]{64}")  # CSRF tokens
    assert strip.sub("", page_registered) == strip.sub("", page_stranger)
    # A code typed for the stranger's number is refused like any wrong code.
    assert _enter(client, "123456", "10.1.1.3").status_code == 200
    assert Message.objects.count() == 1  # only the participant was sent anything


def test_staff_accounts_get_no_code(personas, client):
    _ask(client, "9000000002")  # the district officer's mobile
    assert not Message.objects.exists()
    assert SignInCode.objects.get().user is None


def test_an_expired_code_is_refused(personas, client):
    _ask(client)
    code = _code_sent(personas.participant)
    SignInCode.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    response = _enter(client, code)
    assert response.status_code == 200 and "_auth_user_id" not in client.session
    assert SignInEvent.objects.filter(succeeded=False, method=SignInMethod.CODE).count() == 1


def test_a_used_code_cannot_be_used_again(personas, client):
    _ask(client)
    code = _code_sent(personas.participant)
    assert _enter(client, code).status_code == 302
    client.logout()
    session = client.session
    session["sign_in_code_mobile"] = PARTICIPANT_MOBILE
    session.save()
    assert _enter(client, code).status_code == 200
    assert "_auth_user_id" not in client.session


def test_wrong_tries_kill_the_code(personas, client, settings):
    settings.AXES_FAILURE_LIMIT = 50  # the code dies before the lockout
    _ask(client)
    code = _code_sent(personas.participant)
    wrong = f"{(int(code) + 1) % 10**6:06d}"
    for _try in range(settings.SIGN_IN_CODE_MAX_WRONG):
        assert _enter(client, wrong).status_code == 200
    assert SignInCode.objects.get().wrong_attempts == settings.SIGN_IN_CODE_MAX_WRONG
    assert _enter(client, code).status_code == 200  # the right code is now dead too
    assert "_auth_user_id" not in client.session


def test_codes_are_limited_per_number(personas, client, settings):
    for index in range(settings.SIGN_IN_CODES_PER_NUMBER):
        assert _ask(client, address=f"10.2.0.{index}").status_code == 302
    limited = _ask(client, address="10.2.0.99")
    assert limited.status_code == 429
    assert Message.objects.count() == settings.SIGN_IN_CODES_PER_NUMBER
    # The same limit, and the same answer, for a number that reaches no account.
    for index in range(settings.SIGN_IN_CODES_PER_NUMBER):
        assert _ask(client, STRANGER_MOBILE, f"10.3.0.{index}").status_code == 302
    assert _ask(client, STRANGER_MOBILE, "10.3.0.99").status_code == 429
    # After the window the number may ask again.
    SignInCode.objects.update(created_at=timezone.now() - datetime.timedelta(minutes=16))
    assert _ask(client, address="10.2.0.100").status_code == 302


def test_codes_are_limited_per_address(personas, client, settings):
    for index in range(settings.SIGN_IN_CODES_PER_ADDRESS):
        assert _ask(client, f"94159{index:05d}", "10.4.4.4").status_code == 302
    assert _ask(client, PARTICIPANT_MOBILE, "10.4.4.4").status_code == 429
    assert not Message.objects.exists()
    assert _ask(client, PARTICIPANT_MOBILE, "10.4.4.5").status_code == 302


def test_one_message_per_code_and_asking_again_does_not_cancel_the_code_sent(personas, client):
    _ask(client)
    first = _code_sent(personas.participant)
    _ask(client)
    assert Message.objects.count() == 2 == SignInCode.objects.count()
    latest = re.search(r"\b(\d{6})\b", Message.objects.order_by("-pk").first().body).group(1)
    assert _enter(client, first).status_code == 302  # the first still works
    client.logout()
    client.post(REQUEST, {"mobile": PARTICIPANT_MOBILE}, REMOTE_ADDR="10.1.1.1")
    SignInCode.objects.order_by("-pk").first().delete()  # only the two codes above
    assert _enter(client, latest).status_code == 200  # one sign-in: the others died with it


def test_a_stranger_asking_for_codes_neither_blocks_nor_cancels_a_participants_code(
    personas, client, settings
):
    # Issue 23, item 24: three anonymous requests for a participant's number blocked their
    # code sign-in for 15 minutes and killed the code already sent.
    _ask(client, address="10.1.1.1")  # the participant, at their own address
    sent = _code_sent(personas.participant)
    stranger = Client()
    for _try in range(settings.SIGN_IN_CODES_PER_NUMBER):
        assert _ask(stranger, address="10.66.6.6").status_code == 302
    assert _ask(stranger, address="10.66.6.6").status_code == 429  # the stranger is stopped
    assert _ask(client, address="10.1.1.1").status_code == 302  # the participant is not
    assert _enter(client, sent).status_code == 302  # and the code first sent still works
    assert client.session["_auth_user_id"] == str(personas.participant.pk)


def test_wrong_tries_count_over_all_the_live_codes_of_a_number(personas, client, settings):
    for _try in range(3):
        _ask(client)
    codes = {re.search(r"\b(\d{6})\b", m.body).group(1) for m in Message.objects.all()}
    wrong = next(f"{n:06d}" for n in range(10**6) if f"{n:06d}" not in codes)
    for _try in range(settings.SIGN_IN_CODE_MAX_WRONG):  # the service: axes counts apart
        assert code_check(mobile=PARTICIPANT_MOBILE, code=wrong) is None
    assert all(code_check(mobile=PARTICIPANT_MOBILE, code=code) is None for code in codes)


def test_a_registered_and_an_unknown_number_cost_the_same_queries(
    personas, client, settings, django_assert_num_queries
):
    # Issue 23, item 25: the request took ~17 ms longer for a registered number (the outbox
    # row and its job); a number that reaches no account now does the same work, undone.
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.JOBS_BACKEND = "inprocess"  # queued after commit, as in production

    def statements(mobile, address):
        with CaptureQueriesContext(connection) as queries:
            assert _ask(client, mobile, address).status_code == 302
        # Statements without their values (and savepoints without their names).
        return [re.sub(r'\b\d+\b|\'[^\']*\'|"s\w+_x\w+"|\bNULL\b', "?", q["sql"]) for q in queries]

    statements(PARTICIPANT_MOBILE, "10.9.0.1")  # warm caches (session, content types)
    statements(STRANGER_MOBILE, "10.9.0.2")
    registered = statements(PARTICIPANT_MOBILE, "10.9.0.3")
    unknown = statements(STRANGER_MOBILE, "10.9.0.4")
    # The same statements, in the same order; the unknown number's are undone at the end
    # with one ROLLBACK TO SAVEPOINT.
    assert [q for q in unknown if not q.startswith("ROLLBACK TO")] == registered
    assert len(unknown) == len(registered) + 1
    assert not Message.objects.filter(recipient=STRANGER_MOBILE).exists()


def test_wrong_codes_count_towards_the_password_lockout(personas, client, settings):
    _ask(client)
    for _try in range(settings.AXES_FAILURE_LIMIT):
        _enter(client, "000000" if _code_sent(personas.participant) != "000000" else "111111")
    assert _enter(client, _code_sent(personas.participant)).status_code == 429


def test_password_sign_ins_are_audited_too(personas, client):
    from sashakt.test import PASSWORD

    login = reverse("accounts:login")
    client.post(login, {"username": "dpro-kanpur", "password": "wrong"}, REMOTE_ADDR="10.9.9.9")
    client.post(login, {"username": "dpro-kanpur", "password": PASSWORD}, REMOTE_ADDR="10.9.9.9")
    events = list(SignInEvent.objects.order_by("pk").values_list("user", "method", "succeeded"))
    assert events == [
        (personas.dpro_kanpur.pk, SignInMethod.PASSWORD, False),
        (personas.dpro_kanpur.pk, SignInMethod.PASSWORD, True),
    ]


def test_the_login_page_offers_the_code_in_hindi(hindi_client, db):
    page = hindi_client.get(reverse("accounts:login")).content.decode()
    assert reverse("accounts:code_request") in page
    assert "कोड" in page
