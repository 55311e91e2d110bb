"""The seat rules a district officer and the state cell live by (issue: partners, MoUs,
programmes and phased batches)."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.db import IntegrityError, transaction

from sashakt.nominations.models import Nomination, NominationStatus
from sashakt.nominations.selectors import batch_seat_counts
from sashakt.nominations.services import (
    NominationError,
    nomination_approve,
    nomination_confirm,
    nomination_create,
    nomination_decline,
    nomination_reject,
    nomination_substitute,
    nominations_create_from_mobiles,
)
from sashakt.people.models import Designation
from sashakt.people.selectors import people_for_user
from sashakt.programmes.models import BatchStatus, DistrictQuota
from sashakt.test import LUCKNOW, batch_completed_make, batch_make, person_make, programme_make

pytestmark = pytest.mark.django_db
Status = NominationStatus


@pytest.fixture
def programme(personas):
    return programme_make(personas.iitk_institute)


@pytest.fixture
def kanpur_people(personas):
    """Three more Kshetra Panchayat Pramukhs of Kanpur Nagar."""
    return [
        person_make(name=f"प्रमुख {n}", name_alt=f"Pramukh {n}", mobile=f"983900010{n}")
        for n in range(3)
    ]


def _nominate_and_approve(personas, batch, people):
    nominations = [
        nomination_create(user=personas.dpro_kanpur, person=person, batch=batch)
        for person in people
    ]
    return [nomination_approve(user=personas.state, nomination=n) for n in nominations]


def test_approvals_fill_the_seats_then_the_waitlist_and_a_decline_promotes(
    personas, programme, kanpur_people
):
    batch = batch_make(programme, capacity=2)
    first, second, third = _nominate_and_approve(personas, batch, kanpur_people)
    assert (first.status, first.seat) == (Status.APPROVED, 1)
    assert (second.status, second.seat) == (Status.APPROVED, 2)
    assert (third.status, third.seat) == (Status.WAITLISTED, None)

    nomination_decline(user=personas.dpro_kanpur, nomination=first, reason="बीमार")
    third.refresh_from_db()
    assert (third.status, third.seat) == (Status.APPROVED, 1)  # took the freed seat
    assert batch_seat_counts(batch)["free"] == 0


def test_the_database_refuses_two_people_on_one_seat(personas, programme, kanpur_people):
    batch = batch_make(programme, capacity=5)
    first, second = _nominate_and_approve(personas, batch, kanpur_people[:2])
    second.seat = first.seat
    with pytest.raises(IntegrityError), transaction.atomic():
        second.save()


def test_a_rejection_needs_a_reason_the_officer_sees(personas, programme, kanpur_people):
    batch = batch_make(programme)
    nomination = nomination_create(user=personas.dpro_kanpur, person=kanpur_people[0], batch=batch)
    with pytest.raises(NominationError):
        nomination_reject(user=personas.state, nomination=nomination, reason="  ")
    nomination_reject(user=personas.state, nomination=nomination, reason="पद रिक्त है")
    nomination.refresh_from_db()
    assert (nomination.status, nomination.reason) == (Status.REJECTED, "पद रिक्त है")


def test_a_district_officer_nominates_only_their_own_district(personas, programme):
    batch = batch_make(programme)
    with pytest.raises(NominationError):
        nomination_create(user=personas.dpro_kanpur, person=personas.lucknow_person, batch=batch)
    assert not Nomination.objects.exists()


def test_only_eligible_designations_are_nominated(personas):
    programme = programme_make(personas.iitk_institute, eligible=[Designation.ZP_ADHYAKSH])
    batch = batch_make(programme)
    with pytest.raises(NominationError, match="eligible"):
        nomination_create(user=personas.dpro_kanpur, person=personas.kanpur_person, batch=batch)


def test_no_person_sits_in_two_batches_on_overlapping_dates(personas, programme):
    other = programme_make(personas.iiml_institute)
    first = batch_make(programme, start=datetime.date(2025, 8, 26))
    overlapping = batch_make(other, start=datetime.date(2025, 8, 28))
    later = batch_make(other, start=datetime.date(2025, 9, 1), number=2)
    person = personas.kanpur_person
    nomination_create(user=personas.dpro_kanpur, person=person, batch=first)
    with pytest.raises(NominationError, match="already in"):
        nomination_create(user=personas.dpro_kanpur, person=person, batch=overlapping)
    assert nomination_create(user=personas.dpro_kanpur, person=person, batch=later)


def test_one_nomination_in_play_per_person_and_programme(personas, programme):
    first, second = batch_make(programme), batch_make(programme, start=datetime.date(2025, 9, 8))
    nomination_create(user=personas.dpro_kanpur, person=personas.kanpur_person, batch=first)
    with pytest.raises(NominationError, match="already nominated"):
        nomination_create(user=personas.dpro_kanpur, person=personas.kanpur_person, batch=second)


def test_the_district_quota_caps_nominations(personas, programme, kanpur_people):
    batch = batch_make(programme)
    DistrictQuota.objects.create(district=personas.kanpur_person.district, batch=batch, seats=2)
    nomination_create(user=personas.dpro_kanpur, person=kanpur_people[0], batch=batch)
    nomination_create(user=personas.dpro_kanpur, person=kanpur_people[1], batch=batch)
    with pytest.raises(NominationError, match="quota"):
        nomination_create(user=personas.dpro_kanpur, person=kanpur_people[2], batch=batch)
    # Lucknow's quota is its own.
    assert nomination_create(
        user=personas.dpro_lucknow, person=personas.lucknow_person, batch=batch
    )


def test_the_quotas_read_at_once_are_the_quotas_read_one_by_one(personas, programme):
    """The district officer's home reads every open batch's quota in one query: a batch's
    own quota, else the programme's, else the programme's default, else no limit."""
    from sashakt.nominations.services import district_quota, district_quotas

    kanpur = personas.kanpur_person.district
    own, programme_wide = batch_make(programme), batch_make(programme)
    other = programme_make(personas.iiml_institute)
    defaulted, unlimited = batch_make(other), batch_make(programme_make(personas.iitk_institute))
    other.default_district_quota = 4
    other.save()
    DistrictQuota.objects.create(district=kanpur, batch=own, seats=2)
    DistrictQuota.objects.create(district=kanpur, programme=programme, seats=6)
    DistrictQuota.objects.create(district=personas.lucknow_person.district, batch=own, seats=9)
    batches = [own, programme_wide, defaulted, unlimited]
    for batch in batches:
        batch.refresh_from_db()
    at_once = district_quotas(batches, kanpur.pk)
    assert at_once == {b.pk: district_quota(b, kanpur.pk) for b in batches}
    assert at_once == {own.pk: 2, programme_wide.pk: 6, defaulted.pk: 4, unlimited.pk: None}


def test_a_closed_batch_takes_no_nominations(personas, programme):
    batch = batch_make(programme, status=BatchStatus.LOCKED)
    with pytest.raises(NominationError, match="not open"):
        nomination_create(user=personas.dpro_kanpur, person=personas.kanpur_person, batch=batch)


def test_someone_who_completed_the_programme_is_flagged(personas, programme):
    done = batch_make(programme, start=datetime.date(2025, 8, 26))
    nomination = nomination_create(
        user=personas.dpro_kanpur, person=personas.kanpur_person, batch=done
    )
    nomination_approve(user=personas.state, nomination=nomination)
    nomination_confirm(user=personas.dpro_kanpur, nomination=nomination)
    batch_completed_make(done)
    nomination.refresh_from_db()
    assert nomination.status == Status.ATTENDED
    again = batch_make(programme, start=datetime.date(2025, 10, 6))
    renomination = nomination_create(
        user=personas.dpro_kanpur, person=personas.kanpur_person, batch=again
    )
    assert renomination.previously_trained


def test_a_substitute_takes_the_seat_and_history_keeps_both(personas, programme, kanpur_people):
    batch = batch_make(programme, capacity=3)
    (original,) = _nominate_and_approve(personas, batch, kanpur_people[:1])
    substitute = nomination_substitute(
        user=personas.dpro_kanpur, nomination=original, person=kanpur_people[1]
    )
    original.refresh_from_db()
    assert original.status == Status.SUBSTITUTED and original.seat is None
    assert (substitute.status, substitute.seat) == (Status.APPROVED, 1)
    assert substitute.substitute_for == original
    lucknow_pradhan = person_make(name="दूसरा", mobile="9415000099", district_lgd=LUCKNOW)
    with pytest.raises(NominationError, match="same district"):
        nomination_substitute(user=personas.state, nomination=substitute, person=lucknow_pradhan)


def test_only_the_state_cell_approves_unless_the_programme_says_the_institute(personas, programme):
    batch = batch_make(programme)
    nomination = nomination_create(
        user=personas.dpro_kanpur, person=personas.kanpur_person, batch=batch
    )
    for user in (personas.dpro_kanpur, personas.iitk, personas.iiml):
        with pytest.raises(NominationError):
            nomination_approve(user=user, nomination=nomination)
    programme.approver = "institute"
    programme.save()
    nomination.refresh_from_db()
    with pytest.raises(NominationError):
        nomination_approve(user=personas.iiml, nomination=nomination)
    assert nomination_approve(user=personas.iitk, nomination=nomination).status == (Status.APPROVED)


def test_a_pasted_list_of_mobiles_nominates_each_line_on_its_own(
    personas, programme, kanpur_people
):
    batch = batch_make(programme)
    text = "+91 98390 00100\n09839000101, 12345\n9415000001\n9999999999"
    result = nominations_create_from_mobiles(
        user=personas.dpro_kanpur,
        batch=batch,
        text=text,
        people=people_for_user(personas.dpro_kanpur),
    )
    assert {n.person.mobile for n in result.created} == {"9839000100", "9839000101"}
    problems = dict(result.problems)
    assert set(problems) == {"12345", "9415000001", "9999999999"}  # Lucknow's is not in scope


def test_every_change_of_a_nomination_is_audited(personas, programme):
    batch = batch_make(programme)
    nomination = nomination_create(
        user=personas.dpro_kanpur, person=personas.kanpur_person, batch=batch
    )
    nomination_approve(user=personas.state, nomination=nomination)
    actions = list(
        LogEntry.objects.get_for_object(nomination)
        .order_by("timestamp")
        .values_list("action", flat=True)
    )
    assert actions == [LogEntry.Action.CREATE, LogEntry.Action.UPDATE]


def test_a_freed_seat_goes_to_the_waitlist_in_the_name_of_who_freed_it(personas, programme):
    batch = batch_make(programme, capacity=1)
    seated, waiting = (
        nomination_create(user=personas.state, person=person, batch=batch)
        for person in (personas.kanpur_person, person_make(name="दूसरा", mobile="9839000777"))
    )
    nomination_approve(user=personas.state, nomination=seated)
    waiting = nomination_approve(user=personas.state, nomination=waiting)
    assert waiting.status == Status.WAITLISTED
    nomination_decline(user=personas.dpro_kanpur, nomination=seated)
    waiting.refresh_from_db()
    assert waiting.status == Status.APPROVED
    promoted = LogEntry.objects.get_for_object(waiting).order_by("-timestamp").first()
    assert promoted.actor == personas.dpro_kanpur
