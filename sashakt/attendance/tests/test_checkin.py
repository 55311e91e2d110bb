import pytest

from sashakt.attendance import services
from sashakt.attendance.models import Mark, MarkChange
from sashakt.attendance.seats import seat_verify
from sashakt.nominations.seat_codes import ALPHABET, LENGTH, seat_code
from sashakt.nominations.seat_tokens import seat_token

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
    """A hall in session: the batch started three days ago, so its letters' QR codes are
    live, and its first three sessions have been held."""
    import datetime

    from django.utils import timezone

    from sashakt.attendance.tests.factories import hall_make

    return hall_make(personas, people=4, start=timezone.localdate() - datetime.timedelta(days=3))


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


def test_a_check_in_reads_once_and_writes_the_change_the_mark_and_its_audit(personas, hall):
    """The hall's hot path, statement by statement: one read (the person, their mark, the
    batch's status), then the history row, the mark, the nomination's attended flag (which the
    dashboards count) and the mark's audit entry; a second scan of
    the same seat reads once and writes nothing."""
    from auditlog.models import LogEntry
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    batch, sessions, people = hall
    services.checkin(user=personas.iitk, session=sessions[1], code=seat_code(people[0].pk))
    code = seat_code(people[2].pk)  # this process has indexed the batch's codes by now
    with CaptureQueriesContext(connection) as first:
        found = services.checkin(user=personas.iitk, session=sessions[0], code=code)
    with CaptureQueriesContext(connection) as again:
        second = services.checkin(user=personas.iitk, session=sessions[0], code=code)

    def statements(context):  # "SELECT", or "INSERT <table>"; the test's savepoints left out
        words = [query["sql"].split() for query in context.captured_queries]
        return [
            " ".join(w[:1] + w[2:3]) if w[0] == "INSERT" else w[0]
            for w in words
            if w[0] not in ("SAVEPOINT", "RELEASE")
        ]

    assert statements(first) == [
        "SELECT",
        'INSERT "attendance_markchange"',
        'INSERT "attendance_mark"',
        "UPDATE",  # the nomination's "attended a session" flag: their first session attended
        'INSERT "auditlog_logentry"',
    ]
    assert statements(again) == ["SELECT"]
    assert not found.already and second.already
    assert found.nomination.person.name == people[2].person.name
    mark = Mark.objects.get(session=sessions[0])
    assert (mark.nomination, mark.status, mark.method, mark.marked_by) == (
        people[2],
        "present",
        "qr",
        personas.iitk,
    )
    audit = LogEntry.objects.get_for_object(mark).get()
    assert audit.action == LogEntry.Action.CREATE
    assert audit.changes_dict["status"] == ["None", "present"]
    change = MarkChange.objects.get(session=sessions[0])
    assert (change.old_status, change.new_status, change.applied) == ("", "present", True)


def test_a_check_in_with_a_session_read_before_the_batch_closed_is_refused(personas, hall):
    from sashakt.programmes.models import Batch, BatchStatus

    batch, sessions, people = hall
    session = sessions[0]
    session.batch  # noqa: B018 — read now, as a page would have read it
    Batch.objects.filter(pk=batch.pk).update(status=BatchStatus.CLOSED)
    with pytest.raises(services.AttendanceError, match="closed"):
        services.checkin(user=personas.iitk, session=session, code=seat_code(people[0].pk))
    assert not Mark.objects.exists()


def test_a_coordinator_of_another_institute_cannot_check_in(personas, hall, client):
    import json

    from django.urls import reverse

    batch, sessions, people = hall
    with pytest.raises(services.AttendanceError, match="cannot record"):
        services.checkin(user=personas.iiml, session=sessions[0], code=seat_code(people[0].pk))
    client.force_login(personas.iiml)
    response = client.post(
        reverse("attendance:api_checkin"),
        json.dumps({"session": sessions[0].pk, "code": seat_code(people[0].pk)}),
        content_type="application/json",
    )
    assert response.status_code == 404
    assert not Mark.objects.exists() and not MarkChange.objects.exists()


def test_what_the_api_remembers_of_a_session_never_decides_who_is_marked(personas, hall, client):
    """The API reads a session's owners once per process; should that memory ever disagree
    with the database (here: planted, saying IIM Lucknow runs IIT Kanpur's batch), the
    person's read decides and no one is marked."""
    import json

    from django.urls import reverse

    from sashakt.attendance import selectors

    batch, sessions, people = hall
    programme = batch.programme
    selectors._SESSION_OWNERS[sessions[0].pk] = (
        batch.pk,
        programme.pk,
        programme.mou_id,
        personas.iiml.institute_id,
    )
    client.force_login(personas.iiml)
    response = client.post(
        reverse("attendance:api_checkin"),
        json.dumps({"session": sessions[0].pk, "code": seat_code(people[0].pk)}),
        content_type="application/json",
    )
    from django.utils import translation

    with translation.override("hi"):  # the API answers in the user's language, Hindi first
        refusal = translation.gettext("This person is not a confirmed participant of this batch.")
    assert (response.status_code, response.json()["error"]) == (422, refusal)
    assert not Mark.objects.exists() and not MarkChange.objects.exists()


def test_a_late_scan_after_the_batch_is_completed_is_recorded_with_its_reason(personas, hall):
    """A participant whose scan did not reach the server before the batch was completed is
    checked in afterwards: the mark is kept with why, and their completion is judged again
    (on PostgreSQL this first mark is not pipelined: the completion saves existing rows)."""
    from sashakt.attendance.models import Completion

    batch, sessions, people = hall
    late, others = people[0], people[1:]
    for session in sessions:
        for person in others if session == sessions[0] else people:
            services.mark_record(
                user=personas.iitk,
                session=session,
                nomination=person,
                status="present",
                method="grid",
            )
    services.batch_complete(user=personas.iitk, batch=batch)
    before = Completion.objects.get(nomination=late)
    found = services.checkin(
        user=personas.iitk, session=sessions[0], code=seat_code(late.pk), client_id="late-1"
    )
    assert not found.already
    mark = Mark.objects.get(nomination=late, session=sessions[0])
    change = MarkChange.objects.get(client_id="late-1")
    assert (mark.status, change.reason) == ("present", "Checked in by QR")
    after = Completion.objects.get(nomination=late)
    assert after.pk == before.pk
    assert after.sessions_attended == before.sessions_attended + 1
