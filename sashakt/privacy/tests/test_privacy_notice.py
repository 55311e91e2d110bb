"""The privacy notice: public, linked from every page's footer, and put before a
participant at their first sign-in until they acknowledge it (once, with the time)."""

import pytest

from sashakt.privacy.models import NoticeAcknowledgement
from sashakt.test import PASSWORD

pytestmark = pytest.mark.django_db


def test_anyone_reads_it_with_the_grievance_officer(client, settings, hindi_client):
    settings.PRIVACY_GRIEVANCE_OFFICER_NAME_HI = "श्री अधिकारी"
    settings.PRIVACY_GRIEVANCE_OFFICER_NAME_EN = "Shri Adhikari"
    settings.PRIVACY_GRIEVANCE_OFFICER_EMAIL = "grievance@example.gov.in"
    page = hindi_client.get("/privacy/").content.decode()
    assert "श्री अधिकारी" in page and "grievance@example.gov.in" in page
    assert "शिकायत अधिकारी" in page  # Hindi by default
    client.post("/accounts/language/", {"language": "en", "next": "/privacy/"})
    english = client.get("/privacy/").content.decode()
    assert "Shri Adhikari" in english and "Grievance officer" in english


def test_the_public_pages_link_to_it(client):
    for address in ("/public/", "/verify/", "/accounts/login/"):
        assert 'href="/privacy/"' in client.get(address).content.decode(), address


def test_a_participant_signing_in_first_is_shown_it_and_acknowledges_it_once(client, personas):
    response = client.post(
        "/accounts/login/", {"username": "participant", "password": PASSWORD}, follow=True
    )
    assert b'data-testid="privacy-notice-due"' in response.content
    notice = client.get("/privacy/?next=/")
    assert b'data-testid="acknowledge"' in notice.content
    assert not NoticeAcknowledgement.objects.exists()  # reading it writes nothing
    response = client.post("/privacy/", {"next": "/"})
    assert response.status_code == 302 and response["Location"] == "/"
    client.post("/privacy/", {"next": "/"})
    acknowledgement = NoticeAcknowledgement.objects.get()
    assert acknowledgement.user == personas.participant and acknowledgement.acknowledged_at
    home = client.get("/")
    assert b'data-testid="privacy-notice-due"' not in home.content
    assert b'data-testid="acknowledged"' in client.get("/privacy/").content
    # Signing in again does not ask again.
    client.logout()
    again = client.post(
        "/accounts/login/", {"username": "participant", "password": PASSWORD}, follow=True
    )
    assert b'data-testid="privacy-notice-due"' not in again.content


def test_a_changed_notice_is_shown_again(client, personas, settings):
    client.force_login(personas.participant)
    client.post("/privacy/", {"next": "/"})
    settings.PRIVACY_NOTICE_VERSION = "2027-06"
    assert b'data-testid="privacy-notice-due"' in client.get("/").content


def test_staff_are_not_asked_and_cannot_acknowledge(client, personas):
    client.force_login(personas.dpro_kanpur)
    assert b"privacy-notice-due" not in client.get("/").content
    client.post("/privacy/", {"next": "/"})
    assert not NoticeAcknowledgement.objects.exists()


def test_an_outside_next_address_is_ignored(client, personas):
    client.force_login(personas.participant)
    response = client.post("/privacy/", {"next": "https://evil.example/"})
    assert response["Location"] == "/"
