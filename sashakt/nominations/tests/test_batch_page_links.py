"""A batch's page shows the later stages' buttons (the roll call, the completion report) that
those apps register (core/links.py): once nominations close, and the report to the state cell
and institutes only."""

import re

import pytest
from django.urls import reverse

from sashakt.test import batch_make, programme_make

pytestmark = pytest.mark.django_db


def _buttons(client, batch) -> list[tuple[str, str]]:
    html = client.get(reverse("nominations:batch_detail", args=[batch.pk])).content.decode()
    return re.findall(r'href="([^"]+)" data-testid="(attendance|completion-report)"', html)


@pytest.mark.parametrize(
    ("persona", "status", "shown"),
    [
        ("state", "running", ["attendance", "report"]),
        ("iitk", "locked", ["attendance", "report"]),
        ("dpro_kanpur", "running", ["attendance"]),
        ("state", "open", []),
        ("state", "planned", []),
    ],
)
def test_the_later_stages_buttons_follow_the_status_and_the_role(
    personas, client, persona, status, shown
):
    batch = batch_make(programme_make(personas.iitk_institute), status=status)
    client.force_login(personas.all_users()[persona])
    urls = {
        "attendance": (reverse("attendance:batch", args=[batch.pk]), "attendance"),
        "report": (reverse("reports:batch_report", args=[batch.pk]), "completion-report"),
    }
    assert _buttons(client, batch) == [urls[name] for name in shown]
