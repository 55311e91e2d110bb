"""The state cell's template editor: who may open it, saving, refusals, the live preview."""

import re

import pytest
from django.urls import reverse

from sashakt.notifications.events import EVENTS
from sashakt.notifications.models import MessageTemplate

EDIT = reverse("notifications:template_edit", args=["seat-offered"])
PREVIEW = reverse("notifications:template_preview", args=["seat-offered"])
LIST = reverse("notifications:template_list")


def _form(**changes) -> dict:
    event = EVENTS["seat-offered"]
    data = {
        "text_hi": event.default_hi,
        "text_en": event.default_en,
        "dlt_template_id": "1107170000000000101",
        "sender_id": "UPPRDS",
    }
    data.update(changes)
    return data


def test_only_the_state_cell_may_open_or_use_the_editor(personas, client):
    for name, user in personas.all_users().items():
        client.force_login(user)
        expected = 200 if name == "state" else 403
        assert client.get(LIST).status_code == expected, name
        assert client.get(EDIT).status_code == expected, name
        assert client.post(PREVIEW, _form()).status_code == expected, name
        if name != "state":
            assert client.post(EDIT, _form(text_hi="हैक {link}")).status_code == 403
    assert MessageTemplate.objects.get(event="seat-offered").text_hi != "हैक {link}"
    client.logout()
    assert client.get(LIST).status_code == 302


def test_the_list_names_every_event_in_hindi_and_links_to_its_editor(personas, client):
    client.force_login(personas.state)
    page = client.get(LIST).content.decode()
    for key in EVENTS:
        assert reverse("notifications:template_edit", args=[key]) in page
    assert "सीट प्रस्तावित" in page and "साप्ताहिक सारांश" in page
    assert "<table" not in page  # a list that fits 360 px
    outbox = client.get(reverse("notifications:outbox")).content.decode()
    assert LIST in outbox


def test_an_unknown_event_is_not_found(personas, client):
    client.force_login(personas.state)
    assert client.get(reverse("notifications:template_edit", args=["birthday"])).status_code == 404


def test_the_edit_page_shows_the_texts_placeholders_dlt_form_and_segments(personas, client):
    client.force_login(personas.state)
    page = client.get(EDIT).content.decode()
    assert "{answer_by}" in page and "उत्तर की अंतिम तिथि" in page
    assert "बैच {#var#} ({#var#} से, {#var#}) में आपकी सीट है।" in page  # the DLT form
    assert "IITK-2027-014" in page  # the sample rendering
    assert 'data-testid="segments-hi"' in page and "यूनिकोड SMS" in page
    assert f'hx-post="{PREVIEW}"' in page
    assert 'hx-trigger="keyup changed delay:300ms"' in page
    assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", page) == []


def test_saving_stores_both_texts_and_the_dlt_ids(personas, client):
    client.force_login(personas.state)
    response = client.post(
        EDIT, _form(text_hi="बैच {batch}: आपकी सीट है। {answer_by} तक बताएँ: {link}")
    )
    assert response.status_code == 302 and response["Location"] == LIST
    template = MessageTemplate.objects.get(event="seat-offered")
    assert template.text_hi == "बैच {batch}: आपकी सीट है। {answer_by} तक बताएँ: {link}"
    assert (template.dlt_template_id, template.sender_id) == ("1107170000000000101", "UPPRDS")
    assert template.updated_by == personas.state
    assert "सहेजा गया" in client.get(LIST).content.decode()


def test_an_unknown_placeholder_is_refused_with_a_message_naming_it(personas, client):
    client.force_login(personas.state)
    before = MessageTemplate.objects.get(event="seat-offered").text_hi
    response = client.post(EDIT, _form(text_hi="बैच {batch} {bach} {link}"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "अज्ञात स्थान-चिह्न {bach}" in page
    assert MessageTemplate.objects.get(event="seat-offered").text_hi == before


def test_a_too_long_text_is_refused_with_its_count(personas, client):
    client.force_login(personas.state)
    text = "{name} जी, {programme} में सीट: {venue}। {link}"
    page = client.post(EDIT, _form(text_hi=text)).content.decode()
    assert "4 SMS भाग चाहिए; अधिकतम 3 की अनुमति है" in page
    assert MessageTemplate.objects.get(event="seat-offered").text_hi != text


def test_the_preview_answers_a_fragment_with_the_sample_and_the_count(personas, client):
    client.force_login(personas.state)
    response = client.post(
        PREVIEW,
        _form(text_hi="बैच {batch} {link}", text_en="Batch {batch} {link}"),
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    fragment = response.content.decode()
    assert "<html" not in fragment
    assert "बैच IITK-2027-014 https://sk.up.gov.in/s/Ab3x9Q" in fragment
    assert "Batch IITK-2027-014 https://sk.up.gov.in/s/Ab3x9Q" in fragment
    hindi = re.search(r'data-testid="segments-hi">(.*?)</p>', fragment, re.S).group(1)
    sample = "बैच IITK-2027-014 https://sk.up.gov.in/s/Ab3x9Q"
    assert "यूनिकोड SMS" in hindi and f"{len(sample)} अक्षर, 1 SMS भाग" in hindi
    # At its longest: a 20-character batch code and a 30-character link.
    assert f"सबसे लंबे रूप में {len(sample) - 13 - 29 + 20 + 30} अक्षर, 1 भाग" in hindi
    english = re.search(r'data-testid="segments-en">(.*?)</p>', fragment, re.S).group(1)
    assert "GSM-7" in english and f"{len(sample) + 2} अक्षर, 1 SMS भाग" in english
    # Problems show as one types, before saving.
    fragment = client.post(PREVIEW, _form(text_hi="बैच {colour}")).content.decode()
    assert "अज्ञात स्थान-चिह्न {colour}" in fragment
    assert "इस संदेश में स्थान-चिह्न {link} होना ज़रूरी है" in fragment
    assert client.get(PREVIEW).status_code == 405


@pytest.mark.parametrize("language", ["en"])
def test_the_editor_speaks_english_when_asked(personas, client, language):
    personas.state.language = language
    personas.state.save()
    client.force_login(personas.state)
    page = client.post(EDIT, _form(text_en="Seat {seat} {link}")).content.decode()
    assert "Unknown placeholder {seat}. This message offers:" in page
