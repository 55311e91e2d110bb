"""Joining letters and nominal rolls, rendered and read back."""

import shutil
import subprocess

import pytest
from django.urls import reverse

from sashakt.conftest import TEST_OUTPUT, require_or_skip
from sashakt.nominations.letters import joining_letter_pdf
from sashakt.nominations.seat_tokens import seat_from_token, seat_token
from sashakt.nominations.services import nomination_approve, nomination_create
from sashakt.test import batch_make, person_make, programme_make

pytestmark = pytest.mark.django_db


def _text_of(pdf: bytes, tmp_path) -> str:
    require_or_skip(bool(shutil.which("pdftotext")), "pdftotext (poppler-utils) is not installed")
    path = tmp_path / "document.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    # Compared without spaces (layout spacing varies); whole Hindi words are checked in
    # reports/tests/test_pdf_hindi_text.py.
    return text.replace(" ", "").replace("\n", "")


@pytest.fixture
def seated(personas):
    batch = batch_make(programme_make(personas.iitk_institute), capacity=10)
    person = person_make(name="सावित्री देवी", name_alt="Savitri Devi", mobile="9839000401")
    nomination = nomination_create(user=personas.dpro_kanpur, person=person, batch=batch)
    return nomination_approve(user=personas.state, nomination=nomination)


def test_a_joining_letter_carries_the_hindi_name_batch_and_a_verifiable_seat(
    personas, seated, tmp_path
):
    pdf = joining_letter_pdf([seated])
    assert pdf.startswith(b"%PDF")
    text = _text_of(pdf, tmp_path)
    assert "सावित्रीदेवी" in text and "SavitriDevi" in text
    assert "Joiningletter" in text and "26August2025" in text
    assert "IITKanpurcampus" in text
    assert seat_from_token(seat_token(seated)) == {
        "nomination": seated.pk,
        "batch": seated.batch_id,
        "seat": 1,
    }
    if shutil.which("pdftoppm"):  # a picture to look at, as a participant would
        TEST_OUTPUT.mkdir(exist_ok=True)
        (tmp_path / "letter.pdf").write_bytes(pdf)
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "70",
                "-singlefile",
                str(tmp_path / "letter.pdf"),
                str(TEST_OUTPUT / "joining-letter"),
            ],
            check=True,
        )


def test_the_participant_downloads_only_their_own_letter(personas, client, seated, tmp_path):
    own = nomination_create(
        user=personas.state, person=personas.participant.person, batch=seated.batch
    )
    nomination_approve(user=personas.state, nomination=own)
    client.force_login(personas.participant)
    response = client.get(reverse("nominations:joining_letter", args=[own.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert personas.participant.person.name.replace(" ", "") in _text_of(response.content, tmp_path)
    assert client.get(reverse("nominations:joining_letter", args=[seated.pk])).status_code == 404


def test_a_district_officers_roll_lists_only_their_district(personas, client, seated, tmp_path):
    lucknow = nomination_create(
        user=personas.dpro_lucknow, person=personas.lucknow_person, batch=seated.batch
    )
    nomination_approve(user=personas.state, nomination=lucknow)
    client.force_login(personas.dpro_kanpur)
    text = _text_of(
        client.get(reverse("nominations:nominal_roll", args=[seated.batch_id])).content, tmp_path
    )
    assert "सावित्रीदेवी" in text
    assert personas.lucknow_person.name.replace(" ", "") not in text
    client.force_login(personas.state)
    text = _text_of(
        client.get(reverse("nominations:nominal_roll", args=[seated.batch_id])).content, tmp_path
    )
    assert personas.lucknow_person.name.replace(" ", "") in text


def test_a_joining_letter_has_a_number_date_signatory_and_phones_and_a_hindi_place_line(
    personas, seated, tmp_path
):
    from django.utils import timezone

    from sashakt.nominations.letters import letter_number

    institute = personas.iitk_institute
    institute.contact_phone = "0512 259 7000"
    institute.save()
    block = seated.person.block
    block.name_hi = "ककवन"
    block.save()
    text = _text_of(joining_letter_pdf([seated]), tmp_path)
    number = letter_number(seated)
    assert number.startswith(f"PR-UP/{seated.batch.programme_id}/1/001/")
    assert "पत्रसंख्या/Letterno.:" + number in text
    assert timezone.localdate().strftime("%d/%m/%Y") in text
    assert "निदेशक,पंचायतीराज" in text and "Director,PanchayatiRaj" in text
    assert "05122597000" in text
    # The district officer of Kanpur Nagar (mobile 9000000002) answers questions.
    assert "9000000002" in text
    # Hindi names in the Hindi half, English in the English half.
    assert f"ककवन,कानपुरनगर/{block.name_en.replace(' ', '')},KanpurNagar" in text


def test_a_letter_is_drawn_once_and_again_when_what_it_says_changes(
    personas, client, seated, tmp_path, monkeypatch
):
    """Coordinators reprint the same letters all week: the second download is the kept PDF;
    a corrected name or a moved batch draws it anew, never an outdated letter."""
    from sashakt.nominations import letters

    drawn: list[str] = []
    draw = letters._joining_page

    def counted_draw(pdf, facts):
        drawn.append(facts.name)
        return draw(pdf, facts)

    monkeypatch.setattr(letters, "_joining_page", counted_draw)
    url = reverse("nominations:joining_letter", args=[seated.pk])
    client.force_login(personas.state)
    first = client.get(url).content
    again = client.get(url).content
    assert again == first and drawn == ["सावित्री देवी (Savitri Devi)"]

    person = seated.person
    person.name = "सावित्री देवी वर्मा"
    person.save()
    corrected = client.get(url).content
    assert "सावित्रीदेवीवर्मा" in _text_of(corrected, tmp_path) and len(drawn) == 2
    batch = seated.batch
    batch.start_date = batch.start_date.replace(day=27)
    batch.end_date = batch.end_date.replace(day=31)
    batch.save()
    assert "27August2025" in _text_of(client.get(url).content, tmp_path) and len(drawn) == 3
    # Another officer's scope still decides first: a kept letter is no way around it.
    client.force_login(personas.dpro_lucknow)
    assert client.get(url).status_code == 404
