"""Settings come from the environment; production refuses unsafe values."""

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from sashakt.core.env import env_bool, env_int, env_list

PRINT_SETTINGS = (
    "import django; django.setup(); from django.conf import settings as s; "
    "print(s.DEBUG, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.JOBS_BACKEND, "
    "s.DATABASES['default']['ENGINE'])"
)


def _start(tmp_path, **env):
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "REDIS_URL", "SECRET_KEY", "DEBUG"}
    }
    return subprocess.run(
        [sys.executable, "-c", PRINT_SETTINGS],
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


def test_the_embedded_defaults_need_no_configuration(tmp_path):
    result = _start(tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "False",
        "False",
        "False",
        "inprocess",
        "django.db.backends.sqlite3",
    ]


def test_production_refuses_the_default_secret_key(tmp_path):
    result = _start(tmp_path, SASHAKT_PRODUCTION="1")
    assert result.returncode != 0 and "set SECRET_KEY" in result.stderr


def test_production_refuses_debug(tmp_path):
    result = _start(tmp_path, SASHAKT_PRODUCTION="1", SECRET_KEY="x" * 50, DEBUG="1")
    assert result.returncode != 0 and "DEBUG must be off" in result.stderr


def test_production_with_real_settings_uses_secure_cookies_postgres_and_celery(tmp_path):
    result = _start(
        tmp_path,
        SASHAKT_PRODUCTION="1",
        SECRET_KEY="k" * 50,
        DATABASE_URL="postgres://sashakt:secret@db.internal:5432/sashakt",
        REDIS_URL="redis://redis.internal:6379/0",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "False",
        "True",
        "True",
        "celery",
        "django.db.backends.postgresql",
    ]


def test_env_readers_refuse_values_they_do_not_understand(monkeypatch):
    monkeypatch.setenv("SOME_FLAG", "perhaps")
    with pytest.raises(ImproperlyConfigured):
        env_bool("SOME_FLAG", False)
    monkeypatch.setenv("SOME_NUMBER", "ten")
    with pytest.raises(ImproperlyConfigured):
        env_int("SOME_NUMBER", 1)
    monkeypatch.setenv("SOME_LIST", " a, b ,,c ")
    assert env_list("SOME_LIST", []) == ["a", "b", "c"]
    monkeypatch.setenv("SOME_FLAG", "Yes")
    assert env_bool("SOME_FLAG", False) is True
