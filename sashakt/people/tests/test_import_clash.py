"""A row with another district's person's mobile discloses nothing to the officer and tells
the state cell (issue 10, item 6)."""

import pytest
from django.utils import translation

from sashakt.notifications.models import Message
from sashakt.people.importing import participants_import
from sashakt.people.models import Person

pytestmark = pytest.mark.django_db
HEADERS = ["नाम", "लिंग", "मोबाइल", "पद", "जनपद", "विकास खंड"]


def _import(path, user, language="en"):
    with translation.override(language):
        return participants_import(path, user=user, dry_run=True)


def test_a_mobile_of_another_districts_person_is_refused_without_saying_whose(
    xlsx, personas, settings
):
    settings.JOBS_BACKEND = "immediate"
    settings.NOTIFICATIONS_CHANNEL = "console"
    lucknow = personas.lucknow_person  # सुनीता वर्मा, 9415000001, Lucknow
    path = xlsx(
        [
            HEADERS,
            ["राम नरेश", "M", lucknow.mobile, "प्रमुख", "कानपुर नगर", "बिल्हौर"],
            ["श्याम लाल", "M", "9839000021", "प्रमुख", "कानपुर नगर", "बिल्हौर"],
        ]
    )
    result = _import(path, personas.dpro_kanpur)
    (problem,) = result.problems
    assert problem.row == 2 and "cannot be used" in problem.message
    said = f"{problem.message} {problem.suggestion if hasattr(problem, 'suggestion') else ''}"
    for secret in ("Lucknow", "लखनऊ", lucknow.name, lucknow.name_alt, "another district"):
        assert secret not in said
    hindi = _import(path, personas.dpro_kanpur, language="hi").problems[0].message
    assert "राज्य" in hindi and "लखनऊ" not in hindi
    # The state cell is told the whole clash, once however often the file is checked.
    (message,) = Message.objects.filter(recipient=personas.state.mobile)
    assert lucknow.mobile in message.body and "Lucknow" in message.body
    assert f"#{lucknow.pk}" in message.body and personas.dpro_kanpur.username in message.body
    assert Person.objects.filter(mobile=lucknow.mobile).get().district == lucknow.district


def test_the_state_cell_merges_across_districts_and_is_not_messaged(xlsx, personas, settings):
    settings.JOBS_BACKEND = "immediate"
    path = xlsx([HEADERS, ["सुनीता वर्मा", "F", personas.lucknow_person.mobile, "प्रमुख", "लखनऊ", ""]])
    result = _import(path, personas.state)
    assert not any("cannot be used" in p.message for p in result.problems)
    assert not Message.objects.exists()
