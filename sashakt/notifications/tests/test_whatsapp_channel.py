"""The WhatsApp channel against a local stand-in for the Cloud API: the template message's
JSON, the provider id the delivery reports match, and the API's refusals."""

import pytest

from sashakt.notifications.models import Channel, Message, MessageStatus
from sashakt.notifications.services import (
    delivery_report_record,
    event_message_send,
    event_messages_send_bulk,
    message_send,
)
from sashakt.notifications.tests.fake_gateway import Answer, accept_all
from sashakt.notifications.tests.fake_whatsapp import (
    API_VERSION,
    FakeCloudApi,
    Fault,
    cloud_api_error,
)

pytestmark = pytest.mark.django_db

PHONE_NUMBER_ID = "109876543210"
TOKEN = "EAAG-test-token"
SEAT = {
    "name": "सुनीता देवी",
    "programme": "ग्राम पंचायत विकास योजना",
    "batch": "IITK-2027-014",
    "start": "12/01/2027",
    "end": "16/01/2027",
    "venue": "आईआईटी कानपुर, आउटरीच भवन",
    "answer_by": "05/01/2027",
    "link": "https://sk.up.gov.in/a/Ab3x9Q",
    "phone": "0512-2590000",
}


@pytest.fixture
def whatsapp_settings(sms_settings, daytime):
    sms_settings.NOTIFICATIONS_CHANNEL = "whatsapp"
    sms_settings.WHATSAPP_API_VERSION = API_VERSION
    sms_settings.WHATSAPP_PHONE_NUMBER_ID = PHONE_NUMBER_ID
    sms_settings.WHATSAPP_ACCESS_TOKEN = TOKEN
    sms_settings.WHATSAPP_TIMEOUT_SECONDS = 0.5
    sms_settings.WHATSAPP_TEMPLATES = {
        "seat-offered": "seat_offer_v2",
        "reminder-1-day": "reminder_day_before",
    }
    return sms_settings


@pytest.fixture
def api(whatsapp_settings):
    with FakeCloudApi(phone_number_id=PHONE_NUMBER_ID, token=TOKEN) as server:
        whatsapp_settings.WHATSAPP_API_URL = server.url
        yield server


def _offer(key: str = "812", language: str = "hi", **values) -> Message:
    message = event_message_send(
        event="seat-offered",
        key=key,
        language=language,
        values={**SEAT, **values},
        to_mobile="+91 98390 12345",
    )
    message.refresh_from_db()
    return message


def test_a_seat_offer_goes_as_the_approved_template_with_its_values_in_order(api):
    message = _offer()

    assert message.channel == Channel.WHATSAPP and message.status == MessageStatus.SENT
    assert api.received == [
        {
            "messaging_product": "whatsapp",
            "recipient_type": "individual",
            "to": "919839012345",
            "type": "template",
            "template": {
                "name": "seat_offer_v2",
                "language": {"code": "hi"},
                "components": [
                    {
                        "type": "body",
                        "parameters": [
                            {"type": "text", "text": SEAT[name]}
                            for name in (
                                "name",
                                "programme",
                                "batch",
                                "start",
                                "end",
                                "venue",
                                "answer_by",
                                "link",
                                "phone",
                            )
                        ],
                    }
                ],
            },
            "biz_opaque_callback_data": f"sashakt:{message.pk}",
        }
    ]
    # The Cloud API's id is the one its status webhooks name.
    assert message.provider_message_id == api.accepted[0] == "wamid.HBgM00000001"
    assert message.body.startswith("बैच IITK-2027-014")  # the outbox keeps the text too


def test_english_speakers_get_the_english_template(api):
    _offer(language="en", name="Sunita Devi")

    template = api.received[0]["template"]
    assert template["language"] == {"code": "en"}
    assert template["components"][0]["parameters"][0] == {"type": "text", "text": "Sunita Devi"}


def test_a_value_with_new_lines_is_sent_on_one_line(api):
    message = _offer(venue="आईआईटी कानपुर\nआउटरीच    भवन")

    assert message.status == MessageStatus.SENT
    parameters = api.received[0]["template"]["components"][0]["parameters"]
    assert parameters[5]["text"] == "आईआईटी कानपुर आउटरीच भवन"


def test_a_delivery_report_finds_the_message_by_its_whatsapp_id(api):
    message = _offer()

    assert delivery_report_record(
        provider_message_id=message.provider_message_id, status="delivered"
    ) == (1, True)
    message.refresh_from_db()
    assert message.delivery_status == "delivered"


def test_a_bulk_reminder_goes_as_one_template_message_each(api):
    people = [("s1", "hi", "9839012345"), ("s2", "en", "9415000002"), ("s3", "hi", None)]
    values = {
        "name": "सुनीता",
        "batch": "IITK-2027-014",
        "start": "12/01/2027",
        "time": "09:30",
        "venue": "आईआईटी कानपुर",
        "map_link": "https://maps.example/k",
        "link": "https://sk.up.gov.in/b/14",
        "phone": "0512-2590000",
    }
    summary = event_messages_send_bulk(
        event="reminder-1-day",
        recipients=[(key, language, values, mobile) for key, language, mobile in people],
    )

    assert (summary.queued, summary.no_address) == (2, 1)
    assert {m.status for m in Message.objects.all()} == {MessageStatus.SENT}
    assert sorted(p["to"] for p in api.received) == ["919415000002", "919839012345"]
    assert {p["template"]["name"] for p in api.received} == {"reminder_day_before"}
    assert sorted(p["template"]["language"]["code"] for p in api.received) == ["en", "hi"]
    assert [p["text"] for p in api.received[0]["template"]["components"][0]["parameters"]] == [
        values[name]
        for name in ("name", "batch", "start", "time", "venue", "map_link", "link", "phone")
    ]
    assert set(Message.objects.values_list("provider_message_id", flat=True)) == set(api.accepted)


def test_without_an_sms_gateway_an_event_without_a_template_fails_with_the_reason(
    api, whatsapp_settings
):
    whatsapp_settings.SMS_GATEWAY_URL = ""
    message = event_message_send(
        event="certificate-ready",
        key="5",
        language="hi",
        values={"name": "सुनीता", "number": "UP-1", "link": "https://sk.up.gov.in/c/1"},
        to_mobile="9839012345",
    )
    message.refresh_from_db()

    assert message.status == MessageStatus.FAILED and message.attempts == 1
    assert "WHATSAPP_TEMPLATES" in message.last_error and api.received == []


def test_a_template_the_api_does_not_know_fails_at_once(api):
    api.script = [Fault(404, cloud_api_error(132001, "Template name does not exist"))]
    message = _offer()

    assert message.status == MessageStatus.FAILED and message.attempts == 1
    assert "132001" in message.provider_answer and message.last_error.startswith("HTTP 404")


def test_a_wrong_token_fails_at_once(api, whatsapp_settings):
    whatsapp_settings.WHATSAPP_ACCESS_TOKEN = "expired"
    message = _offer()

    assert message.status == MessageStatus.FAILED and message.last_error.startswith("HTTP 401")
    assert "Invalid OAuth access token" in message.provider_answer


def test_meta_rate_limit_codes_are_waited_out_even_with_a_400(api):
    api.script = [Fault(400, cloud_api_error(131056, "(#131056) Pair rate limit hit"))]
    message = _offer()

    assert message.status == MessageStatus.QUEUED and message.attempts == 1
    assert message.last_error.startswith("HTTP 400")


def test_without_a_phone_number_id_nothing_is_sent(api, whatsapp_settings):
    whatsapp_settings.WHATSAPP_PHONE_NUMBER_ID = ""
    message = _offer()

    assert message.status == MessageStatus.FAILED and "WHATSAPP_PHONE_NUMBER_ID" in (
        message.last_error
    )
    assert api.received == []


def test_sign_in_codes_and_events_without_a_template_go_by_sms_when_a_gateway_is_set(
    api, gateway_factory
):
    gateway = gateway_factory([Answer(200, accept_all)])
    code = message_send(
        purpose_key="otp:login:7:1", to_mobile="9839012345", body="सशक्त: कोड 482913"
    )
    certificate = event_message_send(
        event="certificate-ready",
        key="6",
        language="hi",
        values={"name": "सुनीता", "number": "UP-1", "link": "https://sk.up.gov.in/c/1"},
        to_mobile="9839012345",
    )
    offer = _offer()

    code.refresh_from_db()
    certificate.refresh_from_db()
    assert (code.channel, certificate.channel, offer.channel) == ("sms", "sms", "whatsapp")
    assert {code.status, certificate.status, offer.status} == {MessageStatus.SENT}
    assert code.dlt_template_id == "1107170000000000001"  # the SMS rules apply to it
    assert [r.payload["text"] for r in gateway.received] == [code.body, certificate.body]
    assert len(api.received) == 1


def test_a_bulk_send_of_an_event_without_a_template_goes_by_sms(api, gateway_factory):
    gateway = gateway_factory([Answer(200, accept_all)])
    values = {"name": "सुनीता", "number": "UP-1", "link": "https://sk.up.gov.in/c/1"}
    summary = event_messages_send_bulk(
        event="certificate-ready",
        recipients=[("b1", "hi", values, "9839012345"), ("b2", "hi", values, "9415000002")],
    )

    assert summary.queued == 2
    assert set(Message.objects.values_list("channel", "status")) == {("sms", "sent")}
    assert len(gateway.received) == 2 and api.received == []
