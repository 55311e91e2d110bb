"""Every seat holder can sign in: a person who came only from a district's spreadsheet, given
a seat, asks for a code, reads it from the outbox and is signed in; the participant account
is made on that first sign-in. The hall tablet lists every seat holder of the batch."""

import re

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation
from openpyxl import Workbook

from sashakt.nominations import hall
from sashakt.nominations.services import nomination_approve, nomination_confirm, nomination_create
from sashakt.notifications.models import Message
from sashakt.people.importing import participants_import
from sashakt.people.models import Person
from sashakt.test import batch_make, programme_make

pytestmark = pytest.mark.django_db
User = get_user_model()
# The sign-in audit is the accounts app's; this app reaches it by name, never by import.
SignInEvent = apps.get_model("accounts", "SignInEvent")
MOBILE = "9839077001"
HEADERS = ["क्र.सं.", "नाम", "लिंग", "मोबाइल नंबर", "पद", "जनपद", "विकास खंड"]


@pytest.fixture(autouse=True)
def _console(settings):
    settings.NOTIFICATIONS_CHANNEL = "console"


def import_from_sheet(tmp_path, rows) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(HEADERS)
    for row in rows:
        sheet.append(row)
    path = tmp_path / "kanpur.xlsx"
    book.save(path)
    with translation.override("en"):
        result = participants_import(path)
    assert result.written and result.invalid == 0


@pytest.fixture
def imported(personas, tmp_path):
    """(batch, person): Ramesh came only from the district's sheet and holds a seat."""
    import_from_sheet(
        tmp_path,
        [
            [1, "रमेश यादव", "पुरुष", MOBILE, "प्रमुख", "कानपुर नगर", "बिल्हौर"],
            [2, "गीता देवी", "महिला", "9839077002", "प्रमुख", "कानपुर नगर", "बिल्हौर"],
        ],
    )
    batch = batch_make(programme_make(personas.iitk_institute), capacity=10)
    person = Person.objects.get(mobile=MOBILE)
    nomination = nomination_create(user=personas.dpro_kanpur, person=person, batch=batch)
    nomination_approve(user=personas.state, nomination=nomination)  # seat offered
    return batch, person


def _code_in_outbox(mobile) -> str:
    message = Message.objects.filter(recipient=mobile).order_by("-pk").first()
    return re.search(r"\b(\d{6})\b", message.body).group(1)


def test_a_seat_holder_from_a_sheet_signs_in_with_the_code_and_gets_an_account(imported, client):
    batch, person = imported
    assert not User.objects.filter(person=person).exists()
    response = client.post(reverse("accounts:code_request"), {"mobile": MOBILE})
    assert response.status_code == 302
    code = _code_in_outbox(MOBILE)
    assert not User.objects.filter(person=person).exists()  # nothing made before the code
    response = client.post(reverse("accounts:code_enter"), {"code": code})
    assert response.status_code == 302
    user = User.objects.get(person=person)
    assert (user.role, user.is_active, user.has_usable_password()) == ("participant", True, False)
    assert client.session["_auth_user_id"] == str(user.pk)
    assert SignInEvent.objects.filter(user=user, succeeded=True).exists()
    # Next time the same number reaches the account that now exists; no second one is made.
    client.logout()
    client.post(reverse("accounts:code_request"), {"mobile": MOBILE})
    client.post(reverse("accounts:code_enter"), {"code": _code_in_outbox(MOBILE)})
    assert client.session["_auth_user_id"] == str(user.pk)
    assert User.objects.filter(person=person).count() == 1


def test_a_person_without_a_seat_gets_no_code_and_no_account(imported, client):
    client.post(reverse("accounts:code_request"), {"mobile": "9839077002"})  # Geeta: not nominated
    assert not Message.objects.filter(recipient="9839077002").exists()
    assert not User.objects.filter(person__mobile="9839077002").exists()


def test_a_deactivated_account_is_refused_and_never_replaced(imported, client):
    batch, person = imported
    client.post(reverse("accounts:code_request"), {"mobile": MOBILE})
    client.post(reverse("accounts:code_enter"), {"code": _code_in_outbox(MOBILE)})
    user = User.objects.get(person=person)
    client.logout()
    user.is_active = False
    user.save()
    sent = Message.objects.count()
    client.post(reverse("accounts:code_request"), {"mobile": MOBILE})
    assert Message.objects.count() == sent  # no code for a deactivated account
    assert "_auth_user_id" not in client.session
    assert User.objects.filter(person=person).count() == 1
    assert person not in hall.hall_seat_holders(batch)


def test_the_hall_tablet_lists_every_seat_holder_and_signs_in_one_without_account(
    personas, imported, client
):
    batch, person = imported
    kiosk = reverse("nominations:hall", args=[hall.hall_token(batch)])
    other = Person.objects.get(mobile="9839077002")
    nomination = nomination_create(user=personas.dpro_kanpur, person=other, batch=batch)
    nomination = nomination_approve(user=personas.state, nomination=nomination)
    nomination_confirm(user=personas.dpro_kanpur, nomination=nomination)
    assert set(hall.hall_seat_holders(batch)) == {person, other}
    page = client.get(kiosk).content.decode()
    assert "रमेश यादव" in page and "गीता देवी" in page
    response = client.post(kiosk, {"who": other.pk, "last4": "0000"})
    assert response.status_code == 200 and not User.objects.filter(person=other).exists()
    response = client.post(kiosk, {"who": other.pk, "last4": "7002"})
    assert response.status_code == 302
    user = User.objects.get(person=other)
    assert client.session["_auth_user_id"] == str(user.pk) and user.role == "participant"
