"""Hall sign-in on a shared tablet: the batch's signed link, names, last four digits, limits."""

import datetime
from unittest import mock

import pytest
from axes.models import AccessAttempt
from django.apps import apps
from django.core import signing
from django.urls import reverse
from django.utils.module_loading import import_string

from sashakt.nominations import hall
from sashakt.nominations.models import Nomination, NominationStatus
from sashakt.test import batch_make, person_make, programme_make, user_make

pytestmark = pytest.mark.django_db
# The sign-in audit is the accounts app's; this app reaches it by name, never by import.
SignInEvent = apps.get_model("accounts", "SignInEvent")
HALL = "hall"


@pytest.fixture
def seated(personas):
    """IIT Kanpur's batch with the participant (mobile …0002) confirmed on seat 1."""
    batch = batch_make(programme_make(personas.iitk_institute), status="locked")
    person = personas.participant.person
    Nomination.objects.create(
        programme=batch.programme,
        batch=batch,
        person=person,
        district=person.district,
        designation=person.designation,
        status=NominationStatus.CONFIRMED,
        seat=1,
    )
    return batch


def _kiosk(batch):
    return reverse("nominations:hall", args=[hall.hall_token(batch)])


def _try(client, batch, user, last4, address="10.5.5.5"):
    # The tablet lists registry records (a seat holder may have no account yet).
    who = user.person_id or 0
    return client.post(_kiosk(batch), {"who": who, "last4": last4}, REMOTE_ADDR=address)


def test_the_coordinator_of_the_institute_and_the_state_cell_see_the_qr(personas, seated, client):
    url = reverse("nominations:hall_qr", args=[seated.pk])
    for user in (personas.iitk, personas.state):
        client.force_login(user)
        page = client.get(url)
        assert page.status_code == 200
        body = page.content.decode()
        assert "<svg" in body and reverse("nominations:hall", args=["x"])[:-2] in body
    for user, status in [
        (personas.iiml, 404),
        (personas.dpro_kanpur, 403),
        (personas.trainer, 403),
        (personas.participant, 403),
    ]:
        client.force_login(user)
        assert client.get(url).status_code == status, user


def test_a_participant_signs_in_with_the_last_four_digits_and_hands_over(
    personas, seated, hindi_client, settings
):
    page = hindi_client.get(_kiosk(seated))
    assert "गीता पाल" in page.content.decode()
    assert "9415000002" not in page.content.decode()  # names only, never mobiles
    response = _try(hindi_client, seated, personas.participant, "0002")
    assert response.status_code == 302
    assert hindi_client.session["_auth_user_id"] == str(personas.participant.pk)
    assert hindi_client.session.get_expiry_age() == settings.HALL_SESSION_MINUTES * 60
    event = SignInEvent.objects.get(succeeded=True)
    assert (event.user, event.method, event.place) == (
        personas.participant,
        HALL,
        f"batch:{seated.pk}",
    )
    assert hindi_client.get(response["Location"]).status_code == 200
    token = hall.hall_token(seated)
    after = hindi_client.post(reverse("nominations:hall_next", args=[token]))
    assert after.status_code == 302 and "_auth_user_id" not in hindi_client.session


def test_names_are_sent_back_by_an_ungrouped_id(personas, seated, hindi_client):
    """Ids past 999 must not be grouped like figures ("1,23,456") in the form."""
    made = person_make(name="बड़ी संख्या", name_alt="Big Id", mobile="9415004321")
    type(made).objects.filter(pk=made.pk).update(id=123456)  # the tablet sends back its id
    person = type(made).objects.get(pk=123456)
    user = user_make("big-id", "participant", person=person)
    Nomination.objects.create(
        programme=seated.programme,
        batch=seated,
        person=person,
        district=person.district,
        designation=person.designation,
        status=NominationStatus.CONFIRMED,
        seat=2,
    )
    assert 'value="123456"' in hindi_client.get(_kiosk(seated)).content.decode()
    assert _try(hindi_client, seated, user, "4321").status_code == 302


def test_opening_the_kiosk_signs_no_one_out_until_someone_signs_in(personas, seated, client):
    # Issue 23, item 23: merely opening a valid hall link signed out whoever was signed in.
    client.force_login(personas.iitk)
    assert client.get(_kiosk(seated)).status_code == 200
    assert client.session["_auth_user_id"] == str(personas.iitk.pk)
    assert _try(client, seated, personas.participant, "1234").status_code == 200  # wrong
    assert client.session["_auth_user_id"] == str(personas.iitk.pk)
    assert _try(client, seated, personas.participant, "0002").status_code == 302
    assert client.session["_auth_user_id"] == str(personas.participant.pk)


def test_wrong_digits_are_refused_and_audited(personas, seated, hindi_client):
    response = _try(hindi_client, seated, personas.participant, "1234")
    assert response.status_code == 200 and "_auth_user_id" not in hindi_client.session
    assert "अंतिम चार अंक" in response.content.decode()
    event = SignInEvent.objects.get()
    assert (event.user, event.method, event.succeeded) == (
        personas.participant,
        HALL,
        False,
    )


def test_only_seat_holders_of_this_batch_are_offered(personas, seated, client):
    other = person_make(name="अन्य", name_alt="Other", mobile="9415000077")
    outsider = user_make("outsider", "participant", person=other)
    assert list(hall.hall_seat_holders(seated)) == [personas.participant.person]
    assert _try(client, seated, outsider, "0077").status_code == 200
    assert "_auth_user_id" not in client.session
    assert _try(client, seated, personas.dpro_kanpur, "0002").status_code == 200
    assert "_auth_user_id" not in client.session


def test_wrong_digits_are_limited_per_name_from_one_address(personas, seated, client, settings):
    for _index in range(settings.HALL_FAILURES_PER_NAME):
        _try(client, seated, personas.participant, "9999", "10.6.0.1")
    limited = _try(client, seated, personas.participant, "0002", "10.6.0.1")
    assert limited.status_code == 429 and "_auth_user_id" not in client.session
    # Issue 23, item 23: someone holding the link elsewhere locked every name out of the
    # hall; their wrong tries now stop only their own address. The hall's tablet signs in.
    assert _try(client, seated, personas.participant, "0002", "10.6.0.2").status_code == 302


def test_refused_tries_do_not_count_even_with_the_right_digits(personas, seated, client, settings):
    for _index in range(settings.HALL_FAILURES_PER_NAME):
        _try(client, seated, personas.participant, "9999")
    failures = SignInEvent.objects.filter(succeeded=False).count()
    for _index in range(3):
        assert _try(client, seated, personas.participant, "0002").status_code == 429
    assert SignInEvent.objects.filter(succeeded=False).count() == failures
    # When the oldest failure leaves the window, one try is free again.
    oldest = SignInEvent.objects.filter(succeeded=False).order_by("at").first()
    SignInEvent.objects.filter(pk=oldest.pk).update(at=oldest.at - datetime.timedelta(hours=1))
    assert _try(client, seated, personas.participant, "0002").status_code == 302


def test_racing_tries_get_no_more_guesses_than_the_limit(personas, seated, client, settings):
    # Issue 23, item 23: tries sent at once all read the count before any wrote its failure,
    # and 6 guesses got through a limit of 5. Each try now claims its place first; here every
    # try's first reading is made to miss the others, as in the race.
    # The accounts app is reached by name, never by import (the layers test).
    target = "sashakt.accounts.backends.hall_failures_over_limit"
    real = import_string(target)
    with mock.patch(
        target,
        side_effect=lambda user, address, allowed=0: allowed and real(user, address, allowed=1),
    ):
        answers = [
            _try(client, seated, personas.participant, f"{n:04d}").status_code
            for n in range(100, 100 + settings.HALL_FAILURES_PER_NAME + 3)
        ]
    assert answers.count(200) == settings.HALL_FAILURES_PER_NAME  # compared, and wrong
    assert answers.count(429) == 3
    assert SignInEvent.objects.filter(succeeded=False).count() == settings.HALL_FAILURES_PER_NAME


def test_wrong_digits_are_limited_per_address(personas, seated, client, settings):
    settings.HALL_FAILURES_PER_NAME = 1000
    for _index in range(settings.HALL_FAILURES_PER_ADDRESS):
        _try(client, seated, personas.participant, "9999", "10.7.7.7")
    assert _try(client, seated, personas.participant, "0002", "10.7.7.7").status_code == 429
    # Hall mistakes do not pause password sign-ins from the hall's address.
    assert not AccessAttempt.objects.exists()
    assert _try(client, seated, personas.participant, "0002", "10.7.7.8").status_code == 302


def test_an_expired_or_altered_link_is_refused(personas, seated, client, settings):
    token = hall.hall_token(seated)
    assert client.get(reverse("nominations:hall", args=[token + "x"])).status_code == 410
    made_at = datetime.datetime.now().timestamp() - settings.HALL_LINK_HOURS * 3600 - 5
    with mock.patch("time.time", return_value=made_at):  # a link made 12 hours ago
        expired = signing.dumps({"batch": seated.pk}, salt=hall.HALL_SALT)
    assert hall.hall_batch(expired) is None
    response = client.post(
        reverse("nominations:hall", args=[expired]),
        {"who": personas.participant.person_id, "last4": "0002"},
    )
    assert response.status_code == 410 and "_auth_user_id" not in client.session


def test_the_kiosk_offers_no_way_off_the_sign_in_page(personas, seated, hindi_client):
    """The hall tablet once kept the site's header and footer links (home, sign in, English,
    about), so a participant could wander off it."""
    import re

    html = hindi_client.get(_kiosk(seated)).content.decode()
    assert 'data-testid="kiosk-header"' in html
    links = re.findall(r'<a [^>]*href="([^"]+)"', html)
    assert links == ["#content"]  # only "skip to content"
    assert 'data-testid="switch-language"' not in html
    assert reverse("accounts:login") not in html
    gone = hindi_client.get(reverse("nominations:hall", args=["not-a-token"]))
    assert gone.status_code == 410
    assert re.findall(r'<a [^>]*href="([^"]+)"', gone.content.decode()) == ["#content"]
