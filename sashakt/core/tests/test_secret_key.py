"""Each install has its own secret key; none is written in the source (issue 10, item 4)."""

import os
import stat
import subprocess
import sys

from django.conf import settings

PRINT_KEY = (
    "import django; django.setup(); from django.conf import settings; print(settings.SECRET_KEY)"
)


def _key_of_a_process_started_in(var_dir, **env) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DATABASE_URL"}}
    return subprocess.run(
        [sys.executable, "-c", PRINT_KEY],
        cwd=settings.BASE_DIR,
        env={
            **clean,
            "DJANGO_SETTINGS_MODULE": "sashakt.settings",
            "SASHAKT_VAR_DIR": str(var_dir),
            **env,
        },
        capture_output=True,
        text=True,
    )


def test_the_embedded_mode_makes_a_private_random_key_once_and_reuses_it(tmp_path):
    first = _key_of_a_process_started_in(tmp_path / "one")
    assert first.returncode == 0, first.stderr
    key = first.stdout.strip()
    assert len(key) >= 50
    key_file = tmp_path / "one" / "secret_key"
    assert key_file.read_text().strip() == key
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    again = _key_of_a_process_started_in(tmp_path / "one")
    assert again.stdout.strip() == key
    other_install = _key_of_a_process_started_in(tmp_path / "two")
    assert other_install.stdout.strip() not in {"", key}


def test_a_loosened_key_file_is_made_private_again(tmp_path):
    _key_of_a_process_started_in(tmp_path)
    key_file = tmp_path / "secret_key"
    key_file.chmod(0o644)
    assert _key_of_a_process_started_in(tmp_path).returncode == 0
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600


def test_a_key_from_the_environment_wins_and_no_file_is_written(tmp_path):
    result = _key_of_a_process_started_in(tmp_path, SECRET_KEY="e" * 50)
    assert result.stdout.strip() == "e" * 50
    assert not (tmp_path / "secret_key").exists()


def test_no_secret_key_is_written_in_the_settings_source():
    source = (settings.BASE_DIR / "sashakt" / "settings.py").read_text()
    assert 'SECRET_KEY = "' not in source and "not-secret" not in source
    assert settings.SECRET_KEY not in source
