"""deploy/: what the operator installs says what the app expects (`make prod-check` runs it)."""

import configparser
import re

import pytest
from django.conf import settings

DEPLOY = settings.BASE_DIR / "deploy"


def _env_example() -> dict:
    lines = (DEPLOY / "sashakt.env.example").read_text().splitlines()
    pairs = [line.split("=", 1) for line in lines if line and not line.startswith("#")]
    return dict(pairs)


@pytest.mark.parametrize("unit", ["sashakt-web", "sashakt-worker", "sashakt-beat"])
def test_each_unit_restarts_runs_as_its_own_user_and_reads_one_environment_file(unit):
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    parser.read_string((DEPLOY / "systemd" / f"{unit}.service").read_text())
    service = parser["Service"]
    assert service["Restart"] == "on-failure"
    assert service["User"] == "sashakt" and service["Group"] == "sashakt"
    assert service["ProtectSystem"] == "strict" and service["UMask"] == "0027"
    assert service["EnvironmentFile"] == "/etc/sashakt/sashakt.env"
    assert set(service["ReadWritePaths"].split()) == {"/var/lib/sashakt", "/var/log/sashakt"}
    assert parser["Install"]["WantedBy"] == "multi-user.target"


def test_nginx_forwards_the_client_and_serves_private_files_only_for_the_app():
    conf = (DEPLOY / "nginx" / "sashakt.conf").read_text()
    assert "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;" in conf
    assert "proxy_set_header X-Forwarded-Proto $scheme;" in conf
    env = _env_example()
    private = re.search(r"location (\S+) \{\s*internal;\s*alias (\S+);", conf)
    assert private, "the private location must be internal"
    assert private.group(1) == env["PRIVATE_FILES_ACCEL_PREFIX"]
    assert private.group(2).rstrip("/") == env["MEDIA_ROOT"]
    assert "/media" not in conf.replace("/var/lib/sashakt/media", "")  # no public media
    assert env["PROXY_COUNT"] == "1"


def test_pgbouncer_keeps_prepared_statements_on_their_connection():
    parser = configparser.ConfigParser(inline_comment_prefixes=(";",))
    parser.read_string((DEPLOY / "pgbouncer" / "pgbouncer.ini").read_text())
    assert parser["pgbouncer"]["pool_mode"] == "session"
    env = _env_example()
    assert f":{parser['pgbouncer']['listen_port']}/" in env["DATABASE_URL"]
