"""The channel settings come from the environment and refuse what cannot work."""

import os
import subprocess
import sys

from django.conf import settings

PRINT = (
    "import django; django.setup(); from django.conf import settings as s; "
    "print(s.NOTIFICATIONS_CHANNEL, s.SMS_TIMEOUT_SECONDS)"
)
NAMES = {"NOTIFICATIONS_CHANNEL", "SMS_GATEWAY_URL", "SMS_TIMEOUT_SECONDS", "DEBUG"}


def _start(tmp_path, **env):
    clean = {k: v for k, v in os.environ.items() if k not in NAMES}
    return subprocess.run(
        [sys.executable, "-c", PRINT],
        cwd=settings.BASE_DIR,
        env={
            **clean,
            "DJANGO_SETTINGS_MODULE": "sashakt.settings",
            "SASHAKT_VAR_DIR": str(tmp_path),
            **env,
        },
        capture_output=True,
        text=True,
    )


def test_the_embedded_default_is_the_console_channel(tmp_path):
    result = _start(tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["console", "10"]


def test_a_configured_gateway_makes_sms_the_default(tmp_path):
    result = _start(tmp_path, SMS_GATEWAY_URL="https://sms.example/v1", SMS_TIMEOUT_SECONDS="4")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["sms", "4"]


def test_an_unknown_channel_or_sms_without_a_gateway_is_refused(tmp_path):
    unknown = _start(tmp_path, NOTIFICATIONS_CHANNEL="telegram")
    assert unknown.returncode != 0 and "must be sms, email, whatsapp or console" in unknown.stderr
    no_gateway = _start(tmp_path, NOTIFICATIONS_CHANNEL="sms")
    assert no_gateway.returncode != 0 and "set SMS_GATEWAY_URL" in no_gateway.stderr
    bad_timeout = _start(tmp_path, SMS_TIMEOUT_SECONDS="soon")
    assert bad_timeout.returncode != 0 and "SMS_TIMEOUT_SECONDS" in bad_timeout.stderr
    not_http = _start(tmp_path, SMS_GATEWAY_URL="file:///etc/passwd")
    assert not_http.returncode != 0 and "http:// or https://" in not_http.stderr
