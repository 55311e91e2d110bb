"""Someone who left office (issue 22) drops out of nominations and the RGSA lists, and keeps
their record and training history."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.utils import timezone

from sashakt.nominations.services import NominationError, nomination_create
from sashakt.people.by_hand import person_leave_office
from sashakt.people.models import LeftOffice, Person
from sashakt.reports.dashboards.rgsa import elected_people
from sashakt.test import programme_make

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    from django.utils import translation

    with translation.override("en"):
        yield


def test_left_office_drops_out_of_nominations_and_rgsa_but_keeps_history(personas):
    person = personas.kanpur_person
    person.term_start = datetime.date(2021, 5, 1)
    person.save()
    assert person in elected_people(personas.state)
    programme = programme_make(personas.iitk_institute)
    person_leave_office(
        user=personas.dpro_kanpur,
        person=person,
        why=LeftOffice.RESIGNED,
        on=timezone.localdate(),
    )
    person.refresh_from_db()
    assert person.left_office_why == LeftOffice.RESIGNED and not person.in_office
    assert person not in elected_people(personas.state)
    with pytest.raises(NominationError, match="left office"):
        nomination_create(user=personas.dpro_kanpur, person=person, programme=programme)
    entry = LogEntry.objects.get_for_object(person).latest("pk")
    assert entry.additional_data == {"reason": "Resigned"}
    assert Person.objects.filter(pk=person.pk).exists()  # still in the registry


def test_the_nominate_search_flags_who_left_office(personas):
    from sashakt.nominations.selectors import candidates_with_flags

    programme = programme_make(personas.iitk_institute)
    person_leave_office(
        user=personas.state,
        person=personas.kanpur_person,
        why=LeftOffice.DIED,
        on=timezone.localdate(),
    )
    (row,) = candidates_with_flags(Person.objects.filter(pk=personas.kanpur_person.pk), programme)
    assert not row["may_nominate"] and "Has left office" in row["flags"]
