"""The signed link of a seat-offered SMS (issue 25): the person answers without a password,
with the same steps as the signed-in page; a link that does not let them answer (expired,
altered, another nomination's or person's, already answered) gets a page saying why."""

import datetime
from urllib.parse import urlsplit

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from sashakt.nominations.answer_links import AnswerRefusal, answer_by, answer_token
from sashakt.nominations.models import NominationStatus
from sashakt.nominations.services import nomination_approve, nomination_create
from sashakt.nominations.telling import answer_link
from sashakt.test import batch_make, programme_make

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_rate_limit():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def batch(personas):
    start = timezone.localdate() + datetime.timedelta(days=30)
    return batch_make(programme_make(personas.iitk_institute), capacity=1, start=start)


@pytest.fixture
def offered(personas, batch):
    nomination = nomination_create(
        user=personas.dpro_kanpur, person=personas.kanpur_person, batch=batch
    )
    return nomination_approve(user=personas.state, nomination=nomination)


def _url(token: str, *, decline: bool = False) -> str:
    return reverse("nominations:answer_decline" if decline else "nominations:answer", args=[token])


def _refusal(response) -> str:
    assert response.status_code == 200
    page = response.content.decode()
    assert 'data-testid="answer-refused"' in page
    return page.split('data-refusal="', 1)[1].split('"', 1)[0]


def test_the_link_is_short_and_expires_with_the_answer_by_date(client, offered, batch):
    token = answer_token(offered)
    assert len(token) <= 24
    assert answer_by(offered) == batch.start_date - datetime.timedelta(days=3)
    link = answer_link(offered)
    path = urlsplit(link).path
    assert path == f"/a/{token}" and len(path) <= 30
    response = client.get(path)
    assert (response.status_code, response["Location"]) == (301, _url(token))


def test_the_person_sees_the_batch_and_confirms_without_a_password(
    client, personas, offered, batch
):
    url = _url(answer_token(offered))
    page = client.get(url).content.decode()
    assert batch.programme.title_hi in page and batch.programme.title_en in page
    assert batch.venue.name_en in page and 'data-testid="answer-yes"' in page
    response = client.post(url)
    assert 'data-testid="answer-done"' in response.content.decode()
    offered.refresh_from_db()
    assert offered.status == NominationStatus.CONFIRMED
    # The district officer sees the answer at once: it is the nomination's status.
    client.force_login(personas.dpro_kanpur)
    assert offered.get_status_display() in client.get(batch.get_absolute_url()).content.decode()
    client.logout()
    assert _refusal(client.get(url)) == AnswerRefusal.CONFIRMED


def test_the_person_says_why_they_cannot_come_on_the_same_confirmation_step(client, offered):
    url = _url(answer_token(offered), decline=True)
    page = client.get(url).content.decode()
    assert 'data-testid="decline-confirm"' in page and 'data-testid="decline-yes"' in page
    response = client.post(url, {"reason": "health", "details": "बुखार"})
    assert 'data-testid="answer-done"' in response.content.decode()
    offered.refresh_from_db()
    assert offered.status == NominationStatus.DECLINED and offered.seat is None
    assert "बुखार" in offered.reason
    assert _refusal(client.get(_url(answer_token(offered)))) == AnswerRefusal.DECLINED


def test_an_invalid_reason_shows_the_form_again_and_changes_nothing(client, offered):
    response = client.post(_url(answer_token(offered), decline=True), {"reason": "other"})
    assert 'data-testid="decline-confirm"' in response.content.decode()
    offered.refresh_from_db()
    assert offered.status == NominationStatus.APPROVED


def test_an_expired_link_is_refused(client, offered):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    token = answer_token(offered, expires=yesterday)
    assert _refusal(client.get(_url(token))) == AnswerRefusal.EXPIRED
    assert _refusal(client.post(_url(token))) == AnswerRefusal.EXPIRED
    offered.refresh_from_db()
    assert offered.status == NominationStatus.APPROVED


@pytest.mark.parametrize(
    "alter",
    [
        lambda token: token[:-1] + ("A" if token[-1] != "A" else "B"),  # signature
        lambda token: "2" + token,  # another nomination's number
        lambda token: token.rsplit(".", 1)[0],  # no signature
        lambda token: "garbage",
    ],
)
def test_an_altered_link_is_refused(client, offered, alter):
    token = alter(answer_token(offered))
    assert _refusal(client.get(_url(token))) == AnswerRefusal.TAMPERED
    assert _refusal(client.post(_url(token))) == AnswerRefusal.TAMPERED
    offered.refresh_from_db()
    assert offered.status == NominationStatus.APPROVED


def test_another_persons_link_is_refused_to_someone_signed_in(client, personas, offered):
    client.force_login(personas.participant)  # Geeta, signed in, opens Ram's link
    assert _refusal(client.post(_url(answer_token(offered)))) == AnswerRefusal.NOT_YOURS
    offered.refresh_from_db()
    assert offered.status == NominationStatus.APPROVED


def test_a_link_for_another_offer_or_a_closed_one_is_refused(client, personas, offered, batch):
    other = batch_make(batch.programme, start=batch.start_date + datetime.timedelta(days=10))
    stale = answer_token(offered)
    offered.batch = other
    offered.save()
    assert _refusal(client.get(_url(stale))) == AnswerRefusal.CHANGED
    offered.batch = batch
    offered.status, offered.seat = NominationStatus.WITHDRAWN, None
    offered.save()
    assert _refusal(client.get(_url(stale))) == AnswerRefusal.CLOSED


def test_refusal_pages_are_in_hindi(hindi_client, offered):
    page = hindi_client.get(_url("garbage")).content.decode()
    assert "यह लिंक" in page


def test_the_page_is_rate_limited_by_address(client, settings, offered):
    url = _url("garbage")
    codes = [client.get(url).status_code for _ in range(31)]
    assert codes[:30] == [200] * 30 and codes[30] == 429
