"""Odd values in POST forms never make a server error (issue 23, item 26), as test_query_fuzz
does for GET parameters: every form field a view reads from request.POST by hand (the fields
of Django forms are checked by the forms), posted by the role the form is for, with odd
Unicode digits, huge and negative numbers, NUL bytes, long strings and SQL-looking text. The
answer is the page again with a message, a redirect, a JSON refusal (400) or a 404 for an
id that names nothing — never a 500. A guard test reads the views' source so a new field
cannot be read without being fuzzed here.

Before the fix three of these answered 500: a feedback rating of "²" (str.isdigit() says yes,
int() says no), an answer whose question id was "²", and an import decision keyed "decision-²".
"""

import datetime
import re
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from sashakt.assessments.attempts import attempt_start
from sashakt.assessments.models import Assessment
from sashakt.assessments.tests.factories import batch_with_tests
from sashakt.demo.tests.test_query_fuzz import ODD
from sashakt.feedback.models import FeedbackItem
from sashakt.nominations.models import Nomination, NominationStatus
from sashakt.people.models import ParticipantImport
from sashakt.test import batch_make, programme_make

pytestmark = pytest.mark.django_db
SOURCE = Path(__file__).resolve().parents[2]

# The literal field names views read from request.POST, and where each is fuzzed below.
FUZZED_FIELDS = {
    "item-*": "feedback:give_batch",
    "comment": "feedback:give_batch",
    "question": "assessments:answer_save",
    "option": "assessments:answer_save",
    "text": "assessments:answer_save",
    "q*": "assessments:attempt_submit",
    "year": "programmes:calendar_publish",
    "decision-*": "people:import_commit",
    "status": "nominations:batch_status",
    "gram_panchayat": "people:place_review_set",
    "item": "feedback:items",
    "language": "accounts:set_language",
    "next": "accounts:set_language",
    # Fuzzed in their own apps' tests, which need their own set-up (a hall link, a proposal):
    "who": "nominations (test_hall_sign_in)",
    "last4": "nominations (test_hall_sign_in)",
    "action": "nominations (allocation) / assessments (schedule): compared with strings only",
    "nomination": "nominations (allocation): typed_id",
    "batch": "nominations (allocation): typed_id",
    "skip_invalid": "people (import mapping): bool() only",
    "allow_missing_mobile": "people (import mapping): bool() only",
    "column-*": "people (import mapping): compared with column names only",
    "default-*": "people (import mapping): a form validates it",
    # reports/bulk/views.py (below the glob's depth, listed all the same):
    "confirm": "reports (bulk messages): parsed by uuid.UUID, anything else is no token",
    "change": "reports (bulk messages): its presence only",
    "decision": "privacy (correction_decide): compared with a string only",
}


def test_every_post_field_a_view_reads_is_fuzzed():
    read = set()
    for path in SOURCE.glob("sashakt/*/*views.py"):
        text = path.read_text()
        read |= set(re.findall(r'request\.POST\.(?:get|getlist)\("(\w+)"', text))
        read |= {f"{prefix}*" for prefix in re.findall(r'request\.POST\.get\(f"([\w-]+)\{', text)}
    assert read - set(FUZZED_FIELDS) == set()


@pytest.fixture
def forms(personas):
    batch, _bank, nominations = batch_with_tests(personas)
    assessment = Assessment.objects.filter(batch=batch).first()
    attempt = attempt_start(
        user=personas.participant, assessment=assessment, nomination=nominations[0]
    )
    done = batch_make(
        programme_make(personas.iitk_institute),
        start=datetime.date(2025, 8, 26),
        status="completed",
    )
    person = personas.participant.person
    attended = Nomination.objects.create(
        programme=done.programme,
        batch=done,
        person=person,
        district=person.district,
        designation=person.designation,
        status=NominationStatus.ATTENDED,
    )
    upload = ParticipantImport(
        created_by=personas.dpro_kanpur,
        district=personas.dpro_kanpur.district,
        original_name="list.csv",
    )
    upload.file.save("list.csv", ContentFile(b"x"))
    item = FeedbackItem.objects.filter(applies_to="batch", active=True).first()
    return {
        "feedback": reverse("feedback:give_batch", args=[attended.pk]),
        "item": f"item-{item.code}",
        "answer": reverse("assessments:answer_save", args=[attempt.pk]),
        "submit": reverse("assessments:attempt_submit", args=[attempt.pk]),
        "question": f"q{attempt.question_order[0]}",
        "publish": reverse("programmes:calendar_publish"),
        "commit": reverse("people:import_commit", args=[upload.pk]),
        "status": reverse("nominations:batch_status", args=[batch.pk]),
        "recording": reverse("feedback:items"),
        "language": reverse("accounts:set_language"),
        "batch": batch,
        "done": done,
    }


def _posts(forms):
    """(role, url, {field: value} for each odd value) for every hand-read field."""
    odd_key = [f"decision-{value}" for value in ODD if "\x00" not in value]
    return [
        ("participant", forms["feedback"], lambda v: {forms["item"]: v, "comment": v}),
        ("participant", forms["answer"], lambda v: {"question": v, "option": v, "text": v}),
        ("participant", forms["answer"], lambda v: {"question": "1", "option": [v, "1"]}),
        ("participant", forms["submit"], lambda v: {forms["question"]: [v, v]}),
        ("state", forms["publish"], lambda v: {"year": v}),
        ("dpro", forms["commit"], lambda v: dict.fromkeys(odd_key, v)),
        ("iitk", forms["status"], lambda v: {"status": v}),
        ("state", forms["recording"], lambda v: {"item": v}),
        ("participant", forms["language"], lambda v: {"language": v, "next": v}),
    ]


def test_odd_post_values_never_make_a_server_error(personas, forms):
    users = {**personas.all_users(), "dpro": personas.dpro_kanpur}
    failures = []
    for role, url, data in _posts(forms):
        client = Client(raise_request_exception=False)
        client.force_login(users[role])
        for value in ODD:
            response = client.post(url, data(value))
            if response.status_code not in {200, 302, 400, 404}:
                failures.append((role, url, repr(value)[:30], response.status_code))
    assert failures == []


def test_a_rating_of_odd_digits_is_refused_with_the_form_again(personas, forms):
    client = Client()
    client.force_login(personas.participant)
    response = client.post(forms["feedback"], {forms["item"]: "²"})
    assert response.status_code == 200
    assert not forms["done"].feedback.exists()


def test_the_qpr_page_answers_a_year_that_is_not_one_with_400(personas):
    client = Client()
    client.force_login(personas.state)
    for year in ["²", "9" * 40, "1999", "x"]:
        response = client.get("/dashboard/qpr/", {"year": year})
        assert response.status_code == 400, year
        assert "पता" in response.content.decode()  # the message, in Hindi
    assert client.get("/dashboard/qpr/", {"year": timezone.localdate().year}).status_code == 200


def test_a_verification_number_with_a_slash_is_answered_as_not_a_number(client):
    for typed in ["a/b", "/", "SSK/12345/67890"]:
        response = client.get("/verify/", {"number": typed})
        assert response.status_code == 404, typed
