import datetime

import pytest
from django.utils import timezone

from sashakt.attendance import services
from sashakt.attendance.models import Mark, MarkChange, MarkMethod, MarkStatus
from sashakt.programmes.models import BatchStatus

pytestmark = pytest.mark.django_db


def _mark(personas, session, nomination, status="present", **kwargs):
    kwargs.setdefault("method", MarkMethod.GRID)
    return services.mark_record(
        user=kwargs.pop("user", personas.iitk),
        session=session,
        nomination=nomination,
        status=status,
        **kwargs,
    )


def test_a_mark_records_who_how_and_when(personas, hall):
    batch, sessions, people = hall
    result = _mark(personas, sessions[0], people[0], client_id="phone-1-0001")
    mark = Mark.objects.get()
    assert (mark.status, mark.method, mark.marked_by) == ("present", "grid", personas.iitk)
    assert result.applied and not result.duplicate
    assert mark.client_id == "phone-1-0001"
    change = MarkChange.objects.get()
    assert (change.old_status, change.new_status, change.applied) == ("", "present", True)


def test_replaying_the_same_offline_submission_twice_records_one_mark(personas, hall):
    batch, sessions, people = hall
    first = _mark(personas, sessions[0], people[0], client_id="uuid-42")
    again = _mark(personas, sessions[0], people[0], client_id="uuid-42")
    assert again.duplicate and not first.duplicate
    assert Mark.objects.count() == 1
    assert MarkChange.objects.count() == 1
    # Even a replay that differs (a phone resending an edited queue) changes nothing.
    third = _mark(personas, sessions[0], people[0], status="absent", client_id="uuid-42")
    assert third.duplicate
    assert Mark.objects.get().status == MarkStatus.PRESENT


def test_two_phones_on_one_session_merge_last_writer_wins_and_history_keeps_both(personas, hall):
    batch, sessions, people = hall
    now = timezone.now()
    earlier, later = now - datetime.timedelta(minutes=3), now - datetime.timedelta(minutes=1)
    # Phone B (the state cell) tapped "absent" later but its data arrives first ...
    _mark(
        personas,
        sessions[0],
        people[0],
        "absent",
        client_id="B1",
        marked_at=later,
        user=personas.state,
    )
    # ... phone A's earlier "present" arrives afterwards: kept in history, not applied.
    stale = _mark(personas, sessions[0], people[0], "present", client_id="A1", marked_at=earlier)
    # Each phone marked someone the other did not: both marks are there.
    _mark(personas, sessions[0], people[1], "present", client_id="A2", marked_at=earlier)
    _mark(
        personas,
        sessions[0],
        people[2],
        "present",
        client_id="B2",
        marked_at=later,
        user=personas.state,
    )
    assert not stale.applied
    marks = dict(Mark.objects.values_list("nomination_id", "status"))
    assert marks == {people[0].pk: "absent", people[1].pk: "present", people[2].pk: "present"}
    history = MarkChange.objects.filter(nomination=people[0]).order_by("received_at", "pk")
    assert [(c.client_id, c.new_status, c.applied) for c in history] == [
        ("B1", "absent", True),
        ("A1", "present", False),
    ]
    assert history[1].old_status == "absent"


def test_late_and_early_departure_need_their_times(personas, hall):
    batch, sessions, people = hall
    with pytest.raises(services.AttendanceError, match="arrived"):
        _mark(personas, sessions[0], people[0], "late")
    with pytest.raises(services.AttendanceError, match="left"):
        _mark(personas, sessions[0], people[0], "left_early")
    _mark(personas, sessions[0], people[0], "late", arrived_at=datetime.time(10, 25))
    _mark(personas, sessions[1], people[0], "left_early", left_at=datetime.time(11, 0))
    assert Mark.objects.get(session=sessions[0]).arrived_at == datetime.time(10, 25)
    assert Mark.objects.get(session=sessions[1]).left_at == datetime.time(11, 0)


def test_mark_all_present_then_exceptions(personas, hall):
    batch, sessions, people = hall
    _mark(personas, sessions[0], people[3], "absent")
    assert services.mark_all_present(user=personas.iitk, session=sessions[0]) == 3
    assert services.mark_all_present(user=personas.iitk, session=sessions[0]) == 0
    statuses = dict(Mark.objects.values_list("nomination_id", "status"))
    assert statuses[people[3].pk] == "absent"
    assert sorted(statuses.values()) == ["absent", "present", "present", "present"]


def test_only_the_batch_institute_and_the_state_cell_mark(personas, hall):
    batch, sessions, people = hall
    for user in (personas.iiml, personas.trainer, personas.dpro_kanpur, personas.participant):
        with pytest.raises(services.AttendanceError):
            _mark(personas, sessions[0], people[0], user=user)
    _mark(personas, sessions[0], people[0], user=personas.state)
    assert Mark.objects.count() == 1


def test_a_person_of_another_batch_cannot_be_marked(personas, hall):
    from sashakt.attendance.tests.factories import hall_make

    batch, sessions, people = hall
    other_batch, other_sessions, _ = hall_make(
        personas, people=2, with_personas=False, mobile_prefix="97000"
    )
    with pytest.raises(services.AttendanceError, match="not a confirmed participant"):
        _mark(personas, other_sessions[0], people[2])


def test_corrections_after_completion_need_a_reason_and_stop_when_closed(personas, hall):
    from sashakt.programmes.services import batch_set_status

    batch, sessions, people = hall
    for session in sessions:
        services.mark_all_present(user=personas.iitk, session=session)
    services.batch_complete(user=personas.iitk, batch=batch)
    with pytest.raises(services.AttendanceError, match="why"):
        _mark(personas, sessions[0], people[0], "absent")
    _mark(personas, sessions[0], people[0], "absent", reason="Signed register shows absent")
    change = MarkChange.objects.filter(nomination=people[0], session=sessions[0]).last()
    assert (change.old_status, change.new_status, change.changed_by) == (
        "present",
        "absent",
        personas.iitk,
    )
    assert change.reason == "Signed register shows absent"
    batch.refresh_from_db()
    batch_set_status(user=personas.state, batch=batch, status=BatchStatus.CLOSED)
    with pytest.raises(services.AttendanceError, match="closed"):
        _mark(personas, sessions[0], people[0], "present", reason="again")


def test_every_mark_is_audited(personas, hall):
    from auditlog.models import LogEntry

    batch, sessions, people = hall
    _mark(personas, sessions[0], people[0])
    _mark(personas, sessions[0], people[0], "absent")
    entries = LogEntry.objects.get_for_model(Mark)
    assert entries.count() == 2


def test_an_arrival_or_leaving_outside_the_session_is_refused(personas, hall):
    """23:59 was once accepted as the arrival for a 10:00–11:30 session."""
    batch, sessions, people = hall
    with pytest.raises(services.AttendanceError, match=r"23:59 is outside .*10:00–11:30"):
        _mark(personas, sessions[0], people[0], "late", arrived_at=datetime.time(23, 59))
    with pytest.raises(services.AttendanceError, match=r"09:00 is outside"):
        _mark(personas, sessions[0], people[0], "left_early", left_at=datetime.time(9, 0))
    assert not Mark.objects.exists() and not MarkChange.objects.exists()
    _mark(personas, sessions[0], people[0], "late", arrived_at=datetime.time(11, 30))
    _mark(personas, sessions[1], people[0], "left_early", left_at=datetime.time(10, 0))
    assert Mark.objects.count() == 2


def test_shares_of_sessions_are_rounded_and_never_rounded_up_to_the_rule():
    from sashakt.attendance.selectors import completion_reasons, shown_percent

    assert shown_percent(attended=11, total=12, required=80) == 92  # not the 91 a cut gives
    assert shown_percent(attended=2, total=3, required=80) == 67
    assert shown_percent(attended=4, total=5, required=80) == 80
    assert shown_percent(attended=43, total=54, required=80) == "79.6"  # 79.63: short of 80
    assert "(92%)" in completion_reasons(total=12, attended=11, required=80, completed=True)[0]


def test_a_client_id_belongs_to_its_phone_user_and_session_only(personas, hall):
    # Issue 23, item 31: client ids were unique across the whole system, so the same id from
    # another phone (another institute's, or the state cell's) was taken for a replay: its
    # mark was dropped and the first phone's status reported back as if it were its own.
    batch, sessions, people = hall
    first = _mark(personas, sessions[0], people[0], "present", client_id="1")
    other_user = _mark(
        personas, sessions[0], people[1], "absent", client_id="1", user=personas.state
    )
    other_session = _mark(personas, sessions[1], people[2], "absent", client_id="1")
    assert not (first.duplicate or other_user.duplicate or other_session.duplicate)
    assert other_user.mark.status == "absent" and other_user.mark.nomination == people[1]
    assert Mark.objects.count() == 3 and MarkChange.objects.count() == 3
    # The same phone replaying its own id is still recognised.
    again = _mark(personas, sessions[0], people[1], "absent", client_id="1", user=personas.state)
    assert again.duplicate and MarkChange.objects.count() == 3
