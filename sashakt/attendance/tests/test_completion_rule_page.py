"""The completion rule set on a page, not in admin (issue 22), audited."""

import pytest
from django.urls import reverse

from sashakt.attendance.models import CompletionRule
from sashakt.attendance.selectors import min_percent
from sashakt.test import programme_make

pytestmark = pytest.mark.django_db


def test_the_coordinator_sets_the_rule_and_its_history_shows_it(personas, client):
    programme = programme_make(personas.iitk_institute)
    url = reverse("attendance:completion_rule", args=[programme.pk])
    client.force_login(personas.iitk)
    assert client.get(url).status_code == 200
    client.post(url, {"min_percent": "90", "require_post_test": "on"})
    rule = CompletionRule.objects.get(programme=programme)
    assert (rule.min_percent, rule.require_post_test) == (90, True)
    assert min_percent(programme) == 90
    client.post(url, {"min_percent": "75"})
    page = client.get(url)
    history = page.context["history"]
    assert len(history) == 2 and history[0].entry.actor == personas.iitk


def test_a_bad_share_or_another_institute_is_refused(personas, client):
    programme = programme_make(personas.iitk_institute)
    url = reverse("attendance:completion_rule", args=[programme.pk])
    client.force_login(personas.iitk)
    assert client.post(url, {"min_percent": "140"}).status_code == 200
    client.force_login(personas.iiml)
    assert client.post(url, {"min_percent": "10"}).status_code == 404
    assert not CompletionRule.objects.exists()
