"""A batch's timetable: generated from the programme's template, adjusted by the
coordinator, never booking a trainer twice."""

import datetime

import pytest
from django.urls import reverse

from sashakt.programmes.models import Module, SessionMethod, TemplateSession
from sashakt.programmes.services import BatchError, session_update, timetable_generate
from sashakt.test import batch_make, programme_make

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme(personas):
    programme = programme_make(personas.iitk_institute)
    module = Module.objects.create(
        programme=programme, order=1, title_hi="नेतृत्व", title_en="Leadership"
    )
    for day, hour in [(1, 10), (1, 14), (3, 10), (5, 11)]:
        TemplateSession.objects.create(
            module=module,
            day=day,
            starts_at=datetime.time(hour),
            minutes=90,
            title=f"Day {day} at {hour}",
            method=SessionMethod.LECTURE,
        )
    return programme


def test_the_timetable_follows_the_template_day_by_day(personas, programme):
    batch = batch_make(programme, start=datetime.date(2025, 8, 26))
    sessions = timetable_generate(user=personas.iitk, batch=batch)
    assert sorted((s.date, s.starts_at.hour) for s in sessions) == [
        (datetime.date(2025, 8, 26), 10),
        (datetime.date(2025, 8, 26), 14),
        (datetime.date(2025, 8, 28), 10),
        (datetime.date(2025, 8, 30), 11),
    ]
    with pytest.raises(BatchError):  # adjustments are never overwritten
        timetable_generate(user=personas.iitk, batch=batch)


def test_a_trainer_is_never_booked_twice_at_once(personas, programme):
    first = batch_make(programme, start=datetime.date(2025, 8, 26))
    second = batch_make(programme, start=datetime.date(2025, 8, 26), number=2)
    one = timetable_generate(user=personas.state, batch=first)[0]
    other = timetable_generate(user=personas.state, batch=second)[0]
    trainer = personas.trainer
    session_update(
        user=personas.iitk,
        session=one,
        date=one.date,
        starts_at=one.starts_at,
        minutes=90,
        trainer=trainer,
    )
    with pytest.raises(BatchError, match="पहले से"):  # Hindi, the default language
        session_update(
            user=personas.iitk,
            session=other,
            date=one.date,
            starts_at=datetime.time(11, 0),
            minutes=60,
            trainer=trainer,
        )
    # Right after the first session ends is fine.
    session_update(
        user=personas.iitk,
        session=other,
        date=one.date,
        starts_at=datetime.time(11, 30),
        minutes=60,
        trainer=trainer,
    )
    other.refresh_from_db()
    assert other.trainer == trainer


def test_a_session_stays_within_the_batch_and_only_planners_move_it(personas, programme):
    batch = batch_make(programme)
    session = timetable_generate(user=personas.iitk, batch=batch)[0]
    with pytest.raises(BatchError):
        session_update(
            user=personas.iitk,
            session=session,
            date=datetime.date(2025, 9, 5),
            starts_at=session.starts_at,
            minutes=90,
        )
    with pytest.raises(BatchError):
        session_update(
            user=personas.iiml,
            session=session,
            date=session.date,
            starts_at=session.starts_at,
            minutes=90,
        )


def test_the_coordinator_edits_a_session_on_the_page(personas, client, programme):
    batch = batch_make(programme)
    client.force_login(personas.iitk)
    client.post(reverse("programmes:batch_timetable", args=[batch.pk]))
    session = batch.sessions.first()
    page = client.get(reverse("programmes:batch_timetable", args=[batch.pk])).content.decode()
    assert session.title in page
    client.post(
        reverse("programmes:session_edit", args=[session.pk]),
        {
            f"s{session.pk}-date": "2025-08-27",
            f"s{session.pk}-starts_at": "09:30",
            f"s{session.pk}-minutes": "60",
            f"s{session.pk}-trainer": str(personas.trainer.pk),
        },
    )
    session.refresh_from_db()
    assert (session.date, session.starts_at, session.trainer) == (
        datetime.date(2025, 8, 27),
        datetime.time(9, 30),
        personas.trainer,
    )
    client.force_login(personas.dpro_kanpur)
    assert client.post(reverse("programmes:session_edit", args=[session.pk]), {}).status_code == 403
