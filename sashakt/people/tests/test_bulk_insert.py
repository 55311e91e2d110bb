"""rows_insert writes what the ORM would have written, defaults and all."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType

from sashakt.core.bulk import rows_insert
from sashakt.geography.models import District
from sashakt.people.models import Person

pytestmark = pytest.mark.django_db


def test_rows_come_back_through_the_orm_with_dates_json_and_defaults():
    district = District.objects.get(lgd_code=157)
    rows = [
        {
            "name": f"व्यक्ति {n}",
            "mobile": f"98390009{n:02d}",
            "gender": "F",
            "designation": "pradhan",
            "district_id": district.pk,
            "term_start": datetime.date(2021, 5, 2) if n % 2 else None,
        }
        for n in range(3)
    ]
    assert rows_insert(Person, rows, common={"is_demo": True}) == 3
    people = list(Person.objects.order_by("mobile"))
    assert [p.term_start for p in people] == [None, datetime.date(2021, 5, 2), None]
    assert all(p.is_demo and p.created_at and p.email == "" for p in people)

    entries = [
        {
            "object_pk": str(p.pk),
            "object_id": p.pk,
            "object_repr": p.name,
            "action": LogEntry.Action.CREATE,
            "changes": {"name": ["None", p.name]},
        }
        for p in people
    ]
    rows_insert(
        LogEntry,
        entries,
        common={
            "content_type_id": ContentType.objects.get_for_model(Person).pk,
            "timestamp": datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC),
        },
    )
    entry = LogEntry.objects.get_for_object(people[0]).get()
    assert entry.changes == {"name": ["None", "व्यक्ति 0"]}
    assert entry.timestamp.year == 2026


def test_nothing_to_insert_is_fine():
    assert rows_insert(Person, []) == 0
