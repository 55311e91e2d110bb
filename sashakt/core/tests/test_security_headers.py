"""Security headers, no inline script, and a clean `check --deploy` in production
(issue 10, item 11)."""

import os
import re
import secrets
import subprocess
import sys
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.urls import reverse

pytestmark = pytest.mark.django_db


class _InlineScriptFinder(HTMLParser):
    def __init__(self):
        super().__init__()
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        data_only = attributes.get("type") in {"application/json", "application/ld+json"}
        if tag == "script" and "src" not in attributes and not data_only:
            self.problems.append(f"inline <script> {attrs}")
        for name, value in attrs:
            if name.startswith("on") or name.startswith("hx-on"):
                self.problems.append(f"<{tag} {name}=...>")
            if value and value.strip().lower().startswith("javascript:"):
                self.problems.append(f"<{tag} {name}=javascript:...>")


def _inline_scripts(html: str) -> list[str]:
    finder = _InlineScriptFinder()
    finder.feed(html)
    return finder.problems


def _directives(policy: str) -> dict[str, list[str]]:
    return {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}


@pytest.mark.parametrize("persona", ["state", "iitk", "dpro_kanpur", "trainer", "participant"])
def test_pages_carry_a_strict_policy_and_no_inline_script(personas, client, persona):
    client.force_login(personas.all_users()[persona])
    menu = [item["url"] for item in client.get("/").context["menu"]]
    for url in ["/", reverse("core:about"), *menu]:
        # A menu entry may send a role on to its own page (feedback → the trainer's own).
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        policy = _directives(response["Content-Security-Policy"])
        assert policy["script-src"] == ["'self'"]
        assert policy["default-src"] == ["'self'"] and policy["object-src"] == ["'none'"]
        assert "'unsafe-inline'" not in policy["style-src-elem"]
        assert policy["frame-ancestors"] == ["'none'"]
        assert "camera=(self)" in response["Permissions-Policy"]
        assert "geolocation=()" in response["Permissions-Policy"]
        assert response["Referrer-Policy"] == "same-origin"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert _inline_scripts(response.content.decode()) == [], url


def test_the_sign_in_page_is_covered_too(client):
    response = client.get(reverse("accounts:login"))
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert _inline_scripts(response.content.decode()) == []


def test_no_template_holds_inline_script_or_event_handlers():
    found = []
    for path in (settings.BASE_DIR / "templates").rglob("*.html"):
        text = path.read_text()
        found += [f"{path.name}: {p}" for p in _inline_scripts(text)]
        if re.search(r"\son[a-z]+\s*=", text):
            found.append(f"{path.name}: event handler attribute")
    assert found == []


def test_htmx_is_configured_without_eval_or_injected_styles(client):
    html = client.get("/").content.decode()
    assert '<meta name="htmx-config"' in html
    assert '"allowEval": false' in html and '"includeIndicatorStyles": false' in html


_DEPLOY_ENV = {
    "DATABASE_URL",
    "REDIS_URL",
    "SECRET_KEY",
    "DEBUG",
    "PROXY_COUNT",
    "SASHAKT_PUBLIC_URL",
}


def _check_deploy(tmp_path, **env):
    clean = {
        k: v
        for k, v in os.environ.items()
        if k
        not in {
            "DATABASE_URL",
            "REDIS_URL",
            "SECRET_KEY",
            "DEBUG",
            "PROXY_COUNT",
            "SASHAKT_PUBLIC_URL",
        }
    }
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env={
            **clean,
            "SASHAKT_VAR_DIR": str(tmp_path),
            "SASHAKT_PRODUCTION": "1",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "sashakt.example.gov.in",
            "CSRF_TRUSTED_ORIGINS": "https://sashakt.example.gov.in",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'production.sqlite3'}",
            "SASHAKT_PUBLIC_URL": "https://sashakt.example.gov.in",
            **env,
        },
        capture_output=True,
        text=True,
    )


def test_check_deploy_is_clean_in_production_mode(tmp_path):
    result = _check_deploy(tmp_path, PROXY_COUNT="1")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_warns_when_the_proxy_count_is_left_at_zero(tmp_path):
    result = _check_deploy(tmp_path)
    assert result.returncode != 0 and "sashakt.W001" in result.stderr + result.stdout


def test_check_deploy_warns_when_the_public_address_of_certificates_is_not_set(tmp_path):
    result = _check_deploy(tmp_path, PROXY_COUNT="1", SASHAKT_PUBLIC_URL="")
    output = result.stderr + result.stdout
    assert result.returncode != 0 and "sashakt.W002" in output and "SASHAKT_PUBLIC_URL" in output
