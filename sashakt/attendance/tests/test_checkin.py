import pytest

from sashakt.attendance import services
from sashakt.attendance.models import Mark, MarkChange
from sashakt.attendance.seats import seat_verify
from sashakt.nominations.letters import seat_token
from sashakt.nominations.seat_codes import ALPHABET, LENGTH, seat_code

pytestmark = pytest.mark.django_db


def test_seat_codes_are_short_typeable_and_differ_per_seat(personas, hall):
    batch, sessions, people = hall
    codes = [seat_code(n.pk) for n in people]
    assert len(set(codes)) == len(codes)
    assert all(len(code) == LENGTH and set(code) <= set(ALPHABET) for code in codes)
    assert seat_code(people[0].pk) == seat_code(people[0].pk)


def test_typing_the_code_checks_the_person_in_and_a_second_scan_is_harmless(personas, hall):
    batch, sessions, people = hall
    code = seat_code(people[1].pk)
    typed = f" {code[:3].lower()}-{code[3:]} "  # as a coordinator might type it
    found = services.checkin(user=personas.iitk, session=sessions[0], code=typed, client_id="c1")
    assert found.nomination == people[1] and not found.already
    again = services.checkin(user=personas.iitk, session=sessions[0], code=code, client_id="c2")
    assert again.already
    mark = Mark.objects.get()
    assert (mark.nomination, mark.status, mark.method) == (people[1], "present", "qr")
    assert MarkChange.objects.count() == 1


@pytest.fixture
def hall_today(personas):
    """A hall in session: the batch started today, so its letters' QR codes are live."""
    from django.utils import timezone

    from sashakt.attendance.tests.factories import hall_make

    return hall_make(personas, people=4, start=timezone.localdate())


def test_the_joining_letters_qr_checks_the_person_in(personas, hall_today):
    batch, sessions, people = hall_today
    found = services.checkin(user=personas.iitk, session=sessions[2], token=seat_token(people[3]))
    assert found.nomination == people[3]
    assert Mark.objects.get().session == sessions[2]


def test_a_forged_or_foreign_qr_is_refused(personas, hall_today):
    from django.utils import timezone

    from sashakt.attendance.tests.factories import hall_make

    batch, sessions, people = hall_today
    assert not seat_verify("not-a-token").ok
    token = seat_token(people[0])
    with pytest.raises(services.AttendanceError, match="not issued by Sashakt"):
        services.checkin(user=personas.iitk, session=sessions[0], token=token[:-2] + "xx")
    other, other_sessions, _ = hall_make(
        personas,
        people=1,
        with_personas=False,
        mobile_prefix="97100",
        start=timezone.localdate(),
    )
    with pytest.raises(services.AttendanceError, match="different batch"):
        services.checkin(user=personas.iitk, session=other_sessions[0], token=token)
    with pytest.raises(services.AttendanceError, match="has this code"):
        services.checkin(
            user=personas.iitk, session=other_sessions[0], code=seat_code(people[0].pk)
        )
    assert not Mark.objects.exists()


def test_a_scan_turns_an_earlier_absent_into_present(personas, hall):
    batch, sessions, people = hall
    services.mark_all_present(user=personas.iitk, session=sessions[0])
    services.mark_record(
        user=personas.iitk,
        session=sessions[0],
        nomination=people[0],
        status="absent",
        method="grid",
    )
    services.checkin(user=personas.iitk, session=sessions[0], code=seat_code(people[0].pk))
    assert Mark.objects.get(nomination=people[0], session=sessions[0]).status == "present"


def test_the_joining_letter_prints_the_code_under_its_qr(personas, hall, tmp_path):
    import shutil
    import subprocess

    from sashakt.conftest import require_or_skip
    from sashakt.nominations.letters import joining_letter_pdf

    require_or_skip(bool(shutil.which("pdftotext")), "pdftotext (poppler-utils) is not installed")
    batch, sessions, people = hall
    path = tmp_path / "letter.pdf"
    path.write_bytes(joining_letter_pdf([people[0]]))
    text = subprocess.run(
        ["pdftotext", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    assert seat_code(people[0].pk) in text
