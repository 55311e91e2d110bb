"""One client-address rule (core.client_address) for every limit and for the audit log."""

import ast
from pathlib import Path

import pytest
from auditlog.models import LogEntry
from axes.helpers import get_client_ip_address
from django.test import RequestFactory

from sashakt.core.client_address import client_address
from sashakt.core.middleware import AuditlogMiddleware
from sashakt.core.models import Job

PROXY = "127.0.0.1"  # nginx on the same machine, as in deploy/


def _request(forwarded: str | None = None, remote: str = PROXY):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "203.0.113.9", PROXY),  # no proxy configured: the header is anyone's to write
        (1, "203.0.113.9", "203.0.113.9"),
        (1, "6.6.6.6, 203.0.113.9", "203.0.113.9"),  # the forged left entry is ignored
        (2, "6.6.6.6, 203.0.113.9, 10.0.0.2", "203.0.113.9"),
        (2, "203.0.113.9", PROXY),  # fewer hops than proxies: only the socket is known
        (1, "not-an-address", PROXY),
        (1, "", PROXY),
        (1, "2001:DB8::1", "2001:db8::1"),  # normalised, so one client is one key
    ],
)
def test_the_client_is_counted_from_the_right_past_the_trusted_proxies(
    settings, proxies, forwarded, expected
):
    settings.PROXY_COUNT = proxies
    assert client_address(_request(forwarded)) == expected


def test_axes_reads_the_same_rule(settings):
    settings.PROXY_COUNT = 1
    assert settings.AXES_CLIENT_IP_CALLABLE == "sashakt.core.client_address.client_address"
    assert get_client_ip_address(_request("6.6.6.6, 198.51.100.7")) == "198.51.100.7"


@pytest.mark.django_db
def test_the_audit_log_records_the_client_not_the_address_it_claims(settings):
    settings.PROXY_COUNT = 1

    def change(request):
        Job.objects.create(kind="people.export", title="export")
        return None

    AuditlogMiddleware(change)(_request("6.6.6.6, 198.51.100.7"))
    entry = LogEntry.objects.get(content_type__model="job")
    assert entry.remote_addr == "198.51.100.7"


def test_no_other_module_reads_the_socket_or_the_forwarded_header():
    """A new limit cannot grow its own rule: only core/client_address.py names these keys."""
    root = Path(__file__).resolve().parents[2]
    offenders = []
    for path in root.rglob("*.py"):
        if "tests" in path.parts or path.name == "client_address.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.Constant) and node.value in {
                "REMOTE_ADDR",
                "HTTP_X_FORWARDED_FOR",
                "X-Forwarded-For",
            }:
                offenders.append(f"{path.relative_to(root)}:{node.lineno}")
    assert offenders == []
