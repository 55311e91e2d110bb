"""A participant downloads everything held about them (.json and a bilingual PDF), and
nobody else's: the addresses take no id, and every other role is refused."""

import json
import shutil
import subprocess

import pytest

from sashakt.conftest import require_or_skip
from sashakt.test import person_make, user_make

pytestmark = pytest.mark.django_db


def _json(client):
    response = client.get("/privacy/mine/data.json")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    return json.loads(response.content)


def test_the_json_holds_the_record_marks_scores_certificates_messages_and_history(
    client, personas, trained
):
    client.force_login(personas.participant)
    data = _json(client)
    assert data["person"]["name"] == "गीता पाल"
    assert data["person"]["mobile"] == "9415000002"
    assert data["person"]["district"]["lgd_code"] == 157
    assert [n["status"] for n in data["nominations"]] == ["attended"]
    assert [(m["status"], m["session_hi"]) for m in data["attendance"]] == [("present", "नेतृत्व")]
    assert data["certificates"][0]["number"] == trained["certificate"].display_number
    assert data["certificates"][0]["name_hi"] == "गीता पाल"
    # The message is theirs, but a one-time code in it is never handed out again.
    assert len(data["messages"]) == 1
    assert "482913" not in data["messages"][0]["text"]
    assert "आपका कोड" in data["messages"][0]["text"]
    # The history of changes to their records: the nomination's steps and the certificate.
    records = {entry["record"] for entry in data["audit"]}
    assert {"person", "nomination", "certificate"} <= records
    assert data["account"]["username"] == "participant"


def test_it_holds_nothing_of_anyone_else(client, personas, trained):
    other = person_make(name="कमला देवी", name_alt="Kamla Devi", mobile="9415000077")
    user_make("other-participant", "participant", person=other)
    client.force_login(personas.participant)
    text = client.get("/privacy/mine/data.json").content.decode()
    assert "कमला" not in text and "9415000077" not in text
    assert personas.kanpur_person.mobile not in text


@pytest.mark.parametrize("role", ["state", "iitk", "dpro_kanpur", "trainer"])
def test_staff_cannot_download_a_persons_data(client, personas, trained, role):
    client.force_login(personas.all_users()[role])
    for address in ("/privacy/mine/data.json", "/privacy/mine/data.pdf", "/privacy/mine/"):
        assert client.get(address).status_code == 403


def test_signed_out_visitors_are_sent_to_sign_in(client, trained):
    response = client.get("/privacy/mine/data.json")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_pdf_reads_back_in_hindi_and_english(client, personas, trained, tmp_path):
    require_or_skip(bool(shutil.which("pdftotext")), "pdftotext (poppler-utils) is not installed")
    client.force_login(personas.participant)
    response = client.get("/privacy/mine/data.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    path = tmp_path / "mine.pdf"
    path.write_bytes(response.content)
    text = subprocess.run(
        ["pdftotext", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    flat = "".join(text.split())
    assert "गीतापाल" in flat
    assert "9415000002" in flat
    assert "Mydataheld" in flat  # the English title beside the Hindi one
    assert trained["certificate"].display_number in flat
    assert "482913" not in flat


def test_the_home_links_to_my_data(client, personas):
    client.force_login(personas.participant)
    page = client.get("/").content.decode()
    assert 'href="/privacy/mine/"' in page
