"""Two-factor sign-in for staff (issue 25): an authenticator app's codes and ten recovery
codes, asked after the password; required of the state cell and institute coordinators in
production, offered to district officers; participants untouched."""

import datetime
import os
import re
import subprocess
import sys
from binascii import unhexlify

import pytest
from auditlog.models import LogEntry
from django.conf import settings as django_settings
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from sashakt.accounts import two_factor
from sashakt.accounts.staff import staff_password_reset
from sashakt.accounts.two_factor import TwoFactorError, two_factor_enrol, two_factor_remove
from sashakt.test import PASSWORD

pytestmark = pytest.mark.django_db
LOGIN = reverse("accounts:login")
ENROL = reverse("accounts:two_factor")
VERIFY = reverse("accounts:two_factor_verify")
CODES = reverse("accounts:two_factor_codes")
RECOVERY = reverse("accounts:two_factor_recovery")
REMOVE = reverse("accounts:two_factor_remove")


def code_for(key: str, *, ahead: int = 0) -> str:
    """The app's code now (ahead=1: the next time step's, which the server also accepts)."""
    return f"{totp(unhexlify(key), drift=ahead):06d}"


def enrolled(user) -> tuple[str, list[str]]:
    key = two_factor.two_factor_new_key()
    _device, codes = two_factor_enrol(user=user, key=key, code=code_for(key))
    return key, codes


def unthrottle() -> None:
    """As if the wait after a wrong code were over (1 second after the first)."""
    TOTPDevice.objects.update(throttling_failure_count=0)
    StaticDevice.objects.update(throttling_failure_count=0)


def sign_in(client, username, password=PASSWORD):
    return client.post(LOGIN, {"username": username, "password": password})


def test_the_enrolment_page_shows_a_qr_code_and_the_key_and_asks_for_a_code(personas, client):
    client.force_login(personas.dpro_kanpur)
    page = client.get(ENROL)
    body = page.content.decode()
    assert page.status_code == 200
    assert "<svg" in body and 'data-testid="two-factor-qr"' in body
    assert not re.search(r'(src|href)="https?://', body)  # nothing fetched from elsewhere
    key = client.session["two_factor_key"]
    assert two_factor.key_for_people(key).replace(" ", "") in re.sub(r"\s", "", body)
    assert client.get(ENROL).content.decode().count(two_factor.key_for_people(key)) == 1
    assert client.session["two_factor_key"] == key  # the same key until it is confirmed
    assert not TOTPDevice.objects.exists()  # nothing saved before a code confirms it


def test_a_right_code_turns_it_on_and_shows_ten_recovery_codes_once(personas, hindi_client):
    client = hindi_client
    client.force_login(personas.dpro_kanpur)
    client.get(ENROL)
    key = client.session["two_factor_key"]
    response = client.post(ENROL, {"code": code_for(key)})
    assert response.status_code == 302 and response["Location"] == CODES
    page = client.get(CODES)
    assert page["Cache-Control"].startswith("max-age=0")
    codes = page.context["codes"]
    assert len(codes) == 10 and len(set(codes)) == 10
    assert all(code in page.content.decode() for code in codes)
    assert "केवल अभी" in page.content.decode()  # shown only now
    assert client.get(CODES)["Location"] == ENROL  # a reload finds them gone
    device = TOTPDevice.objects.get(user=personas.dpro_kanpur)
    assert device.confirmed and device.key == key
    stored = set(StaticToken.objects.values_list("token", flat=True))
    assert len(stored) == 10
    assert not stored & {code.replace("-", "") for code in codes}  # never in clear
    assert client.get(ENROL).context["codes_left"] == 10  # the session counts as verified
    assert "two_factor_key" not in client.session


def test_a_wrong_code_does_not_turn_it_on(personas, hindi_client):
    hindi_client.force_login(personas.dpro_kanpur)
    hindi_client.get(ENROL)
    key = hindi_client.session["two_factor_key"]
    wrong = f"{(int(code_for(key)) + 1) % 1_000_000:06d}"
    response = hindi_client.post(ENROL, {"code": wrong})
    assert response.status_code == 200 and "कोड सही नहीं" in response.content.decode()
    assert not TOTPDevice.objects.exists() and not StaticDevice.objects.exists()


def test_after_the_password_an_enrolled_officer_is_asked_for_the_code(personas, client):
    key, _codes = enrolled(personas.dpro_kanpur)
    assert sign_in(client, "dpro-kanpur")["Location"] == "/"
    home = client.get("/people/")
    assert home.status_code == 302 and home["Location"] == f"{VERIFY}?next=/people/"
    assert client.get(VERIFY).status_code == 200
    # The code used to enrol cannot be used again; the next one can.
    assert client.post(VERIFY, {"code": code_for(key)}).status_code == 200
    unthrottle()
    answer = client.post(VERIFY, {"code": code_for(key, ahead=1), "next": "/people/"})
    assert answer.status_code == 302 and answer["Location"] == "/people/"
    assert client.get("/people/").status_code == 200
    # Signing out and in again asks again.
    client.post(reverse("accounts:logout"))
    sign_in(client, "dpro-kanpur")
    assert client.get("/")["Location"].startswith(VERIFY)


def test_a_recovery_code_signs_in_once(personas, client):
    _key, codes = enrolled(personas.dpro_kanpur)
    sign_in(client, "dpro-kanpur")
    typed = codes[3].upper().replace("-", " ")  # as someone copies it from paper
    assert client.post(VERIFY, {"code": typed})["Location"] == "/"
    assert two_factor.recovery_codes_left(personas.dpro_kanpur) == 9
    client.post(reverse("accounts:logout"))
    sign_in(client, "dpro-kanpur")
    assert client.post(VERIFY, {"code": codes[3]}).status_code == 200  # used up
    assert client.get("/").status_code == 302


def test_wrong_codes_make_the_next_try_wait_with_a_hindi_message(personas, hindi_client):
    key, _codes = enrolled(personas.dpro_kanpur)
    sign_in(hindi_client, "dpro-kanpur")
    first = hindi_client.post(VERIFY, {"code": "000000"})
    assert first.status_code == 200 and "कोड सही नहीं" in first.content.decode()
    second = hindi_client.post(VERIFY, {"code": code_for(key, ahead=1)})  # right, too soon
    assert second.status_code == 429
    assert "बहुत सारे गलत कोड" in second.content.decode()
    assert "_auth_user_id" in hindi_client.session and hindi_client.get("/").status_code == 302
    # Once the wait is over the right code works.
    TOTPDevice.objects.update(
        throttling_failure_timestamp=timezone.now() - datetime.timedelta(days=1)
    )
    assert hindi_client.post(VERIFY, {"code": code_for(key, ahead=1)})["Location"] == "/"


def test_production_sends_the_state_cell_to_enrolment_before_any_page(personas, client, settings):
    settings.PRODUCTION = True
    assert settings.TWO_FACTOR_REQUIRED_ROLES == ["state", "institute"]
    sign_in(client, "state")
    for url in ("/", "/people/", "/admin/", reverse("accounts:staff")):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(ENROL), url
    # What stays open: the two-factor pages, sign-out, /healthz, the public /verify/.
    assert client.get(ENROL).status_code == 200
    assert client.get("/healthz").status_code in {200, 503}
    assert client.get(reverse("certificates:verify")).status_code == 200
    assert "otp" not in client.get(ENROL).context["qr_svg"]  # drawn here, not a link
    page = client.get(ENROL).content.decode()
    assert "आपकी भूमिका" in page  # "your role must…"
    # Enrolled, the state cell reaches every page; it cannot turn the second step off.
    key = client.session["two_factor_key"]
    client.post(ENROL, {"code": code_for(key)})
    assert client.get("/people/").status_code == 200
    assert client.post(REMOVE).status_code == 302
    assert TOTPDevice.objects.filter(user=personas.state).exists()
    with pytest.raises(TwoFactorError):
        two_factor_remove(user=personas.state)
    # Next time, after the password, the code page.
    client.post(reverse("accounts:logout"))
    sign_in(client, "state")
    assert client.get("/people/")["Location"].startswith(VERIFY)


def test_production_only_offers_it_to_district_officers_and_the_setting_relaxes_it(
    personas, client, settings
):
    settings.PRODUCTION = True
    sign_in(client, "dpro-kanpur")
    assert client.get("/").status_code == 200
    assert client.get(reverse("accounts:password_change")).content.decode().count(ENROL) >= 1
    client.post(reverse("accounts:logout"))
    settings.TWO_FACTOR_REQUIRED_ROLES = []
    sign_in(client, "iitk")
    assert client.get("/").status_code == 200
    settings.TWO_FACTOR_REQUIRED_ROLES = ["state", "institute"]
    assert client.get("/")["Location"].startswith(ENROL)
    settings.PRODUCTION = False
    assert client.get("/").status_code == 200


def test_participants_neither_see_it_nor_are_asked(personas, client, settings):
    settings.PRODUCTION = True
    settings.TWO_FACTOR_REQUIRED_ROLES = ["state", "institute", "district", "trainer"]
    client.force_login(personas.participant)
    assert client.get("/").status_code == 200
    assert client.get(ENROL).status_code == 403
    with pytest.raises(TwoFactorError):
        two_factor_enrol(user=personas.participant, key="00" * 20, code="123456")


def test_new_recovery_codes_are_asked_for_first_and_replace_the_old(personas, client):
    key, old = enrolled(personas.dpro_kanpur)
    sign_in(client, "dpro-kanpur")
    client.post(VERIFY, {"code": code_for(key, ahead=1)})
    ask = client.get(RECOVERY)
    assert ask.status_code == 200 and 'data-testid="confirm-recovery"' in ask.content.decode()
    assert two_factor.recovery_codes_left(personas.dpro_kanpur) == 10  # asking changed nothing
    assert client.post(RECOVERY)["Location"] == CODES
    new = client.get(CODES).context["codes"]
    assert len(new) == 10 and not set(new) & set(old)
    client.post(reverse("accounts:logout"))
    sign_in(client, "dpro-kanpur")
    assert client.post(VERIFY, {"code": old[0]}).status_code == 200  # old: refused
    unthrottle()
    assert client.post(VERIFY, {"code": new[0]})["Location"] == "/"


def test_an_officer_turns_it_off_after_being_asked(personas, client):
    key, _codes = enrolled(personas.dpro_kanpur)
    client.force_login(personas.dpro_kanpur)
    assert client.get(REMOVE)["Location"].startswith(VERIFY)  # the code first
    client.post(VERIFY, {"code": code_for(key, ahead=1)})
    assert 'data-testid="confirm-remove"' in client.get(REMOVE).content.decode()
    assert TOTPDevice.objects.exists()
    assert client.post(REMOVE)["Location"] == ENROL
    assert not TOTPDevice.objects.exists() and not StaticDevice.objects.exists()
    client.post(reverse("accounts:logout"))
    sign_in(client, "dpro-kanpur")
    assert client.get("/").status_code == 200  # the password alone again


def test_turning_on_renewing_and_turning_off_are_audited_without_the_key(personas, client):
    officer = personas.dpro_kanpur
    key, codes = enrolled(officer)
    two_factor.two_factor_recovery_renew(user=officer)
    two_factor_remove(user=officer)
    entries = LogEntry.objects.get_for_object(officer).filter(changes__has_key="two_factor")
    assert entries.count() == 3
    assert {entry.actor_id for entry in entries} == {officer.pk}
    every = " ".join(str(entry.changes) + entry.changes_text for entry in LogEntry.objects.all())
    assert key not in every and not any(code in every for code in codes)
    assert "two_factor" in every


def test_the_code_page_sends_away_whoever_has_nothing_to_type(personas, client):
    client.force_login(personas.dpro_kanpur)
    assert client.get(VERIFY)["Location"] == "/"
    assert client.get(RECOVERY)["Location"] == ENROL
    client.logout()
    assert client.get(ENROL)["Location"].startswith(LOGIN)


def test_the_state_cells_password_reset_turns_it_off_for_a_lost_phone(personas, client):
    _key, _codes = enrolled(personas.dpro_kanpur)
    staff_password_reset(user=personas.state, account=personas.dpro_kanpur)
    assert not TOTPDevice.objects.exists() and not StaticDevice.objects.exists()
    entry = LogEntry.objects.get_for_object(personas.dpro_kanpur).latest("pk")
    assert entry.actor == personas.state and "two_factor" in entry.changes


@pytest.mark.parametrize(
    ("value", "answer"), [("", "[]"), ("state, district", "['state', 'district']")]
)
def test_the_required_roles_are_read_from_the_environment(tmp_path, value, answer):
    result = _settings_with(tmp_path, value)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == answer


def test_a_role_that_cannot_have_two_factor_is_refused_at_start(tmp_path):
    result = _settings_with(tmp_path, "state,participant")
    assert result.returncode != 0 and "TWO_FACTOR_REQUIRED_ROLES" in result.stderr


def _settings_with(tmp_path, value: str):
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.TWO_FACTOR_REQUIRED_ROLES)"
    )
    environment = {
        **{k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}},
        "DJANGO_SETTINGS_MODULE": "sashakt.settings",
        "SASHAKT_VAR_DIR": str(tmp_path),
        "TWO_FACTOR_REQUIRED_ROLES": value,
    }
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=django_settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
    )
