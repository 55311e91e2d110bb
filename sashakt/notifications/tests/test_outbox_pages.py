"""The outbox page: the state cell only; texts hidden unless DEBUG or console; mobiles masked."""

import re

import pytest
from django.urls import reverse

from sashakt.notifications.models import Channel, Message, MessageStatus
from sashakt.notifications.selectors import outbox_for_user, recipient_for_user


@pytest.fixture
def outbox_rows(db):
    otp = Message.objects.create(
        channel=Channel.SMS,
        recipient="9839012345",
        purpose_key="otp:login:7:1",
        body="आपका कोड 482913 है",
        status=MessageStatus.SENT,
        attempts=1,
        provider_message_id="gw-77",
    )
    failed = Message.objects.create(
        channel=Channel.EMAIL,
        recipient="pradhan@example.org",
        purpose_key="certificate-ready:IITK-2025-0001",
        body="प्रमाणपत्र तैयार",
        status=MessageStatus.FAILED,
        attempts=3,
        last_error="HTTP 400: template does not match",
    )
    return otp, failed


def test_only_the_state_cell_may_open_the_outbox(personas, outbox_rows, client):
    otp, _ = outbox_rows
    urls = [reverse("notifications:outbox"), otp.get_absolute_url()]
    for name, user in personas.all_users().items():
        client.force_login(user)
        for url in urls:
            expected = 200 if name == "state" else 403
            assert client.get(url).status_code == expected, (name, url)
    client.logout()
    assert client.get(urls[0]).status_code == 302  # to the sign-in page
    for name, user in personas.all_users().items():
        assert outbox_for_user(user).exists() == (name == "state")


def test_the_state_cell_filters_the_outbox_by_status_and_channel(personas, outbox_rows, client):
    client.force_login(personas.state)
    page = client.get(reverse("notifications:outbox")).content.decode()
    assert "otp:login:7:1" in page and "certificate-ready:IITK-2025-0001" in page
    assert "आउटबॉक्स" in page  # Hindi by default

    failed = client.get(reverse("notifications:outbox"), {"status": "failed"}).content.decode()
    assert "certificate-ready" in failed and "otp:login" not in failed
    sms = client.get(reverse("notifications:outbox"), {"channel": "sms"}).content.decode()
    assert "otp:login" in sms and "certificate-ready" not in sms
    # The state cell is the one role that sees the full mobile.
    assert "9839012345" in page


def test_mobiles_are_masked_for_anyone_but_the_state_cell(personas, outbox_rows):
    otp, failed = outbox_rows
    assert recipient_for_user(personas.state, otp) == "9839012345"
    for user in (personas.dpro_kanpur, personas.iitk, personas.participant):
        assert recipient_for_user(user, otp) == "98******45"
        assert recipient_for_user(user, failed) == "p******@example.org"


def test_the_text_is_shown_while_the_console_channel_is_on(personas, outbox_rows, client, settings):
    settings.DEBUG, settings.NOTIFICATIONS_CHANNEL = False, "console"
    otp, _ = outbox_rows
    client.force_login(personas.state)
    page = client.get(otp.get_absolute_url()).content.decode()
    assert "482913" in page and "gw-77" in page


def test_the_text_is_shown_while_debug_is_on(personas, outbox_rows, client, settings):
    settings.DEBUG, settings.NOTIFICATIONS_CHANNEL = True, "sms"
    otp, _ = outbox_rows
    client.force_login(personas.state)
    assert "482913" in client.get(otp.get_absolute_url()).content.decode()


def test_the_text_is_hidden_in_production_with_a_real_gateway(
    personas, outbox_rows, client, settings
):
    settings.DEBUG, settings.NOTIFICATIONS_CHANNEL = False, "sms"
    otp, failed = outbox_rows
    client.force_login(personas.state)
    page = client.get(otp.get_absolute_url()).content.decode()
    assert "482913" not in page and 'data-testid="message-body-hidden"' in page
    failed_page = client.get(failed.get_absolute_url()).content.decode()
    assert "template does not match" in failed_page  # the provider's answer stays visible
    listing = client.get(reverse("notifications:outbox")).content.decode()
    assert "482913" not in listing


def test_the_outbox_pages_carry_no_inline_script(personas, outbox_rows, client):
    otp, _ = outbox_rows
    client.force_login(personas.state)
    for url in (reverse("notifications:outbox"), otp.get_absolute_url()):
        page = client.get(url).content.decode()
        assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", page) == []


def test_the_outbox_names_each_messages_purpose_in_hindi_not_its_key(personas, outbox_rows, client):
    """The outbox once showed purpose keys ("otp:7:1") as the only words for a message."""
    otp, failed = outbox_rows
    client.force_login(personas.state)
    page = client.get(reverse("notifications:outbox")).content.decode()
    links = dict(re.findall(r'<a href="[^"]+" title="([^"]+)">([^<]+)</a>', page))
    assert links == {otp.purpose_key: "साइन इन कोड", failed.purpose_key: "प्रमाण-पत्र तैयार"}
    detail = client.get(failed.get_absolute_url()).content.decode()
    assert "प्रमाण-पत्र तैयार" in detail and "प्रदाता ने जैसा भेजा" not in detail


def test_in_production_the_state_cell_reads_every_text_but_sign_in_codes(
    personas, outbox_rows, client, settings
):
    settings.DEBUG, settings.NOTIFICATIONS_CHANNEL = False, "sms"
    otp, failed = outbox_rows
    left = Message.objects.create(
        channel=Channel.SMS,
        recipient="9839012345",
        purpose_key="left-office:3:2026-01-01:officer:4",  # a purpose outside the catalogue
        body="राम कुमार ने पद छोड़ा",
    )
    client.force_login(personas.state)
    page = client.get(failed.get_absolute_url()).content.decode()
    assert 'data-testid="message-body"' in page and "प्रमाण-पत्र तैयार" in page
    assert "482913" not in client.get(otp.get_absolute_url()).content.decode()
    assert "पद छोड़ा" not in client.get(left.get_absolute_url()).content.decode()
    listing = client.get(reverse("notifications:outbox")).content.decode()
    assert "साइन इन कोड के पाठ छिपे हैं" in listing


def test_nobody_but_the_state_cell_gets_a_text_or_a_full_mobile(personas, outbox_rows, settings):
    from sashakt.notifications.selectors import body_for_user

    settings.DEBUG, settings.NOTIFICATIONS_CHANNEL = True, "console"
    otp, failed = outbox_rows
    for name, user in personas.all_users().items():
        if name == "state":
            assert body_for_user(user, failed) == "प्रमाणपत्र तैयार"
            assert recipient_for_user(user, otp) == "9839012345"
            continue
        assert body_for_user(user, otp) is None and body_for_user(user, failed) is None, name
        assert recipient_for_user(user, otp) == "98******45", name
