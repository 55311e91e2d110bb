"""Small factories for the outcome and library tests (the other follow-up tests have theirs)."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile

from sashakt.core.spreadsheets import table_bytes
from sashakt.followup.models_outcomes import IndicatorRound
from sashakt.geography.gram_panchayats import GRAM_PANCHAYATS_FILE, shipped_gram_panchayats_load
from sashakt.geography.models import GramPanchayat
from sashakt.geography.services import DATA_DIR
from sashakt.nominations.models import Nomination, NominationStatus
from sashakt.people.models import Designation, Gender, Person


def rounds_make() -> tuple[IndicatorRound, IndicatorRound]:
    baseline = IndicatorRound.objects.create(
        code="pai-2022-23",
        name_hi="पीएआई 2022-23",
        name_en="PAI 2022-23",
        measured_on=datetime.date(2023, 3, 31),
    )
    later = IndicatorRound.objects.create(
        code="pai-2025-26",
        name_hi="पीएआई 2025-26",
        name_en="PAI 2025-26",
        measured_on=datetime.date(2026, 3, 31),
    )
    return baseline, later


def gram_panchayats_load(tmp_path, districts=("Kanpur Nagar", "Lucknow")) -> None:
    """These districts' real gram panchayats (a slice of the shipped list: faster than all)."""
    lines = (DATA_DIR / GRAM_PANCHAYATS_FILE).read_text(encoding="utf-8").splitlines()
    path = tmp_path / GRAM_PANCHAYATS_FILE
    kept = [line for line in lines[1:] if line.rsplit(",", 1)[-1] in districts]
    path.write_text("\n".join([lines[0], *kept]) + "\n", encoding="utf-8")
    assert shipped_gram_panchayats_load(path).written


def gram_panchayats(district_lgd: int, count: int) -> list[GramPanchayat]:
    return list(
        GramPanchayat.objects.filter(district__lgd_code=district_lgd).order_by("lgd_code")[:count]
    )


def sheet(rows: list[list], headers: list[str], suffix: str = ".xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(f"pai{suffix}", table_bytes(suffix, headers, rows))


def pradhan_trained(gp: GramPanchayat, batch, *, mobile: str, status=NominationStatus.ATTENDED):
    """A Pradhan of `gp` whose nomination to `batch` ended in `status`."""
    person = Person.objects.create(
        name="प्रधान",
        name_alt="Pradhan",
        mobile=mobile,
        district=gp.district,
        block=gp.block,
        gram_panchayat=gp,
        designation=Designation.PRADHAN,
        gender=Gender.FEMALE,
    )
    return Nomination.objects.create(
        programme=batch.programme,
        batch=batch,
        person=person,
        district=gp.district,
        designation=Designation.PRADHAN,
        status=status,
    )


def pdf_bytes(text: str = "Handout") -> bytes:
    """A real one-page PDF from the house's PDF kit."""
    from sashakt.core.pdf.document import BilingualDocument  # noqa: PLC0415

    pdf = BilingualDocument()
    pdf.add_page()
    pdf.header_band(text)
    return bytes(pdf.output())


def library_setup(personas):
    """An IIT Kanpur programme with two modules; the participant persona (a Pradhan of
    Kanpur Nagar) nominated and seated for its batch."""
    from sashakt.programmes.models import Module  # noqa: PLC0415
    from sashakt.test import batch_make, programme_make  # noqa: PLC0415

    programme = programme_make(personas.iitk_institute)
    first = Module.objects.create(
        programme=programme, order=1, title_hi="नेतृत्व विकास", title_en="Leadership development"
    )
    second = Module.objects.create(
        programme=programme, order=2, title_hi="परियोजना प्रबंधन", title_en="Project management"
    )
    batch = batch_make(programme)
    person = personas.participant.person
    Nomination.objects.create(
        programme=programme,
        batch=batch,
        person=person,
        district=person.district,
        designation=person.designation,
        status=NominationStatus.CONFIRMED,
        seat=1,
    )
    return programme, first, second, batch
