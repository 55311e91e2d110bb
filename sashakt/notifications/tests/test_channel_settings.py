"""The WhatsApp and e-mail settings come from the environment and refuse what cannot work."""

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from sashakt.core.env import env_mapping

PRINT = (
    "import django; django.setup(); from django.conf import settings as s; "
    "print(s.NOTIFICATIONS_CHANNEL, sorted(s.WHATSAPP_TEMPLATES.items()), s.WHATSAPP_API_URL)"
)
WHATSAPP = {
    "NOTIFICATIONS_CHANNEL": "whatsapp",
    "WHATSAPP_PHONE_NUMBER_ID": "109876543210",
    "WHATSAPP_ACCESS_TOKEN": "EAAG-token",
    "WHATSAPP_TEMPLATES": "seat-offered=seat_offer_v2, reminder-1-day=reminder_day_before",
}


def _start(tmp_path, **env):
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("WHATSAPP_", "EMAIL_", "SMS_", "NOTIFICATIONS_"))
    }
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


def test_whatsapp_starts_with_its_number_token_and_templates(tmp_path):
    result = _start(tmp_path, **WHATSAPP)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == (
        "whatsapp [('reminder-1-day', 'reminder_day_before'), ('seat-offered', 'seat_offer_v2')]"
        " https://graph.facebook.com"
    )


@pytest.mark.parametrize(
    "missing", ["WHATSAPP_PHONE_NUMBER_ID", "WHATSAPP_ACCESS_TOKEN", "WHATSAPP_TEMPLATES"]
)
def test_whatsapp_without_what_it_needs_is_refused_at_start(tmp_path, missing):
    result = _start(tmp_path, **{**WHATSAPP, missing: ""})

    assert result.returncode != 0 and "NOTIFICATIONS_CHANNEL is whatsapp" in result.stderr


def test_a_malformed_template_mapping_or_api_address_is_refused(tmp_path):
    mapping = _start(tmp_path, **{**WHATSAPP, "WHATSAPP_TEMPLATES": "seat-offered"})
    assert mapping.returncode != 0 and "key=value" in mapping.stderr
    address = _start(tmp_path, **{**WHATSAPP, "WHATSAPP_API_URL": "graph.facebook.com"})
    assert address.returncode != 0 and "http:// or https://" in address.stderr


def test_tls_and_ssl_for_email_together_are_refused(tmp_path):
    result = _start(tmp_path, EMAIL_USE_TLS="1", EMAIL_USE_SSL="1")

    assert result.returncode != 0 and "EMAIL_USE_TLS or EMAIL_USE_SSL" in result.stderr


def test_env_mapping_reads_pairs_and_refuses_half_pairs(monkeypatch):
    monkeypatch.setenv("PAIRS", " a=x , b = y ,")
    assert env_mapping("PAIRS", {}) == {"a": "x", "b": "y"}
    monkeypatch.delenv("PAIRS")
    assert env_mapping("PAIRS", {"d": "1"}) == {"d": "1"}
    monkeypatch.setenv("PAIRS", "a=")
    with pytest.raises(ImproperlyConfigured, match="key=value"):
        env_mapping("PAIRS", {})
