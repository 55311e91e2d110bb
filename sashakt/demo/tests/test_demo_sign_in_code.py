"""The demo participant signs in with a one-time code (mobile 6000000003, in the README)."""

import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from sashakt.accounts.models import User
from sashakt.demo.services import PARTICIPANT_USERNAME
from sashakt.notifications.models import Message

pytestmark = pytest.mark.django_db


def test_the_demo_participant_signs_in_with_a_code(client, settings):
    settings.NOTIFICATIONS_CHANNEL = "console"
    call_command("load_demo")
    participant = User.objects.get(username=PARTICIPANT_USERNAME)
    assert participant.person.mobile == "6000000003"
    client.post(reverse("accounts:code_request"), {"mobile": "6000000003"})
    code = re.search(r"\b(\d{6})\b", Message.objects.get().body).group(1)
    assert client.post(reverse("accounts:code_enter"), {"code": code}).status_code == 302
    assert client.session["_auth_user_id"] == str(participant.pk)
