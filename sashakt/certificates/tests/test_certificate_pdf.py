"""The certificate as a person sees it: rendered, then read back with pdftotext."""

import shutil
import subprocess

import pytest

from sashakt.certificates.pdf import certificate_pdf
from sashakt.certificates.printable import look_of, printable_of
from sashakt.certificates.services import certificates_issue_for_batch
from sashakt.certificates.tests.conftest import pdf_pages, pdf_text, seat
from sashakt.conftest import TEST_OUTPUT
from sashakt.test import batch_completed_make, batch_make, person_make, programme_make

pytestmark = pytest.mark.django_db

HARD_HINDI = "श्रीमती क्षिप्रा शर्मा"  # श्री, क्ष + ि, प्र, reph (र्मा)


def _render(certificate) -> bytes:
    return certificate_pdf(printable_of(certificate), look_of(None))


def test_hindi_is_shaped_and_reads_back_with_every_fact_of_the_certificate(personas, tmp_path):
    programme = programme_make(personas.iitk_institute)
    batch = batch_make(programme, capacity=5)
    person = person_make(name=HARD_HINDI, name_alt="Shrimati Kshipra Sharma", mobile="9839000501")
    seat(personas.dpro_kanpur, person, batch, state=personas.state)
    batch_completed_make(batch)
    (certificate,) = certificates_issue_for_batch(user=personas.iitk, batch=batch)
    pdf = _render(certificate)
    text = pdf_text(pdf, tmp_path)
    for expected in [
        HARD_HINDI,
        "ShrimatiKshipraSharma",
        "क्षेत्रपंचायतप्रमुख",  # designation in Hindi
        "KshetraPanchayatPramukh",
        "कानपुरनगर",
        "KanpurNagar",
        "पंचायतीराजविभाग",
        "PanchayatiRajDepartment",
        "भारतीयप्रौद्योगिकीसंस्थानकानपुर",
        "IndianInstituteofTechnologyKanpur",
        "ज़िलाएवंक्षेत्रपंचायतप्रतिनिधियोंकानेतृत्वविकास",
        "LeadershipdevelopmentofZilaandKshetraPanchayatrepresentatives",
        "26August2025",
        "30August2025",
        "26अगस्त2025",
        "(30hours)",
        "प्रमाण-पत्र",
        "Certificateofcompletion",
        certificate.display_number,
        f"/verify/{certificate.display_number}/",
        "Programmecoordinator",
    ]:
        assert expected.replace(" ", "") in text, expected
    assert pdf_pages(pdf, tmp_path) == 1
    if shutil.which("pdftoppm"):  # a picture to look at
        TEST_OUTPUT.mkdir(exist_ok=True)
        (tmp_path / "c.pdf").write_bytes(pdf)
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "80",
                "-singlefile",
                str(tmp_path / "c.pdf"),
                str(TEST_OUTPUT / "certificate"),
            ],
            check=True,
        )


def test_a_name_kept_only_in_devanagari_gets_its_latin_form_from_the_rules(
    personas, completed_batch, tmp_path
):
    issued = certificates_issue_for_batch(user=personas.iitk, batch=completed_batch)
    savitri = next(c for c in issued if c.name_hi == "सावित्री देवी")
    assert savitri.name_en == "Savitri Devi"
    text = pdf_text(_render(savitri), tmp_path)
    assert "सावित्रीदेवी" in text and "SavitriDevi" in text


def test_a_merged_file_of_two_institutes_templates_reads_back_every_page(personas, tmp_path):
    """Static parts are recorded once and replayed; text first seen in a new template must
    still come out as the same letters on every page of every document."""
    from sashakt.certificates.pdf import certificates_pdf
    from sashakt.certificates.printable import Look, Signature

    programme = programme_make(personas.iiml_institute)
    batch = batch_make(programme, capacity=5)
    person = person_make(name="ऋषभ त्रिपाठी", name_alt="Rishabh Tripathi", mobile="9839000601")
    seat(personas.dpro_kanpur, person, batch, state=personas.state)
    batch_completed_make(batch)
    (certificate,) = certificates_issue_for_batch(user=personas.iiml, batch=batch)
    printable = printable_of(certificate)
    plain = look_of(None)
    signed = Look(
        primary=(120, 20, 20),
        signatures=[Signature("डॉ. ज्ञानेश्वर ठाकुर", "Dr. Gyaneshwar Thakur", "निदेशक", "Director")],
    )
    single_before = _render(certificate)
    merged = certificates_pdf([(printable, plain), (printable, signed), (printable, plain)])
    assert pdf_pages(merged, tmp_path) == 3
    text = pdf_text(merged, tmp_path)
    assert text.count("ऋषभत्रिपाठी") == 3 and text.count("भारतीयप्रबंधसंस्थानलखनऊ") >= 3
    assert "डॉ.ज्ञानेश्वरठाकुर" in text and "Dr.GyaneshwarThakur" in text
    for pdf in (single_before, _render(certificate)):
        assert "ऋषभत्रिपाठी" in pdf_text(pdf, tmp_path)
