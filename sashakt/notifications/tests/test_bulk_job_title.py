"""The bulk send's job title counts in words that agree with the number (ngettext)."""

import pytest
from django.utils import translation

from sashakt.core.models import Job
from sashakt.notifications.services import event_messages_send_bulk

pytestmark = pytest.mark.django_db

VALUES = {"name": "Sunita Devi", "district": "Kanpur Nagar", "phone": "9839012345"}


@pytest.mark.parametrize(
    ("people", "language", "title"),
    [
        (1, "en", "Send 1 message: Bulk message"),
        (2, "en", "Send 2 messages: Bulk message"),
        (1, "hi", "1 संदेश भेजें: सामूहिक संदेश"),
    ],
)
def test_the_job_title_says_message_or_messages(settings, people, language, title):
    settings.NOTIFICATIONS_CHANNEL = "console"
    settings.JOBS_BACKEND = "inprocess"  # the job waits for a commit that never comes
    recipients = [(f"{n}", "en", VALUES, f"98390{n:05d}") for n in range(people)]
    with translation.override(language):
        summary = event_messages_send_bulk(
            event="bulk-message",
            recipients=recipients,
            texts={"hi": "{name} जी, नमस्ते", "en": "Dear {name}, hello"},
        )
    assert summary.job_id is not None
    assert Job.objects.get(pk=summary.job_id).title == title
