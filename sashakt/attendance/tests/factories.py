"""Small factories for attendance tests (and the benchmark): a running batch with a
timetable and confirmed people, built through the nomination services."""

import datetime

from django.db import transaction
from django.utils import timezone

from sashakt.nominations import services as nominations
from sashakt.people.models import Designation
from sashakt.programmes.models import BatchSession, BatchStatus, SessionMethod
from sashakt.programmes.services import batch_set_status
from sashakt.test import batch_make, person_make, programme_make


def hall_make(
    personas,
    *,
    people: int = 3,
    days: int = 5,
    sessions_per_day: int = 1,
    start: datetime.date | None = None,
    with_personas: bool = True,
    mobile_prefix: str = "98390",
):
    """IIT Kanpur's batch, running, `days` × `sessions_per_day` sessions taught by the
    trainer persona (by default on the `days` days up to yesterday: every session is over,
    none long enough ago to be a late entry), and `people` confirmed Kanpur Nagar people
    (plus the personas' Kanpur and Lucknow people, confirmed, first)."""
    start = start or timezone.localdate() - datetime.timedelta(days=days)
    programme = programme_make(personas.iitk_institute, days=days)
    batch = batch_make(
        programme, status=BatchStatus.OPEN, capacity=max(40, people + 2), start=start
    )
    with transaction.atomic():
        for day in range(days):
            for slot in range(sessions_per_day):
                BatchSession.objects.create(
                    batch=batch,
                    date=batch.start_date + datetime.timedelta(days=day),
                    starts_at=datetime.time(10 + 2 * slot, 0),
                    minutes=90,
                    title=f"Session {day + 1}.{slot + 1}",
                    method=SessionMethod.LECTURE,
                    trainer=personas.trainer,
                )
    folks = [personas.kanpur_person, personas.lucknow_person] if with_personas else []
    folks += [
        person_make(
            name=f"प्रतिभागी {n}",
            name_alt=f"Participant {n}",
            mobile=f"{mobile_prefix}{n:05d}",
            designation=Designation.KP_PRAMUKH,
        )
        for n in range(1, people - len(folks) + 1)
    ]
    confirmed = []
    for person in folks[:people]:
        officer = personas.dpro_lucknow if person == personas.lucknow_person else None
        officer = officer or personas.dpro_kanpur
        nomination = nominations.nomination_create(user=officer, person=person, batch=batch)
        nominations.nomination_approve(user=personas.state, nomination=nomination)
        nominations.nomination_confirm(user=officer, nomination=nomination)
        nomination.refresh_from_db()
        confirmed.append(nomination)
    # A batch that has not begun yet stays locked: it cannot be running before its first day.
    begun = batch.start_date <= timezone.localdate()
    for status in (BatchStatus.LOCKED, BatchStatus.RUNNING) if begun else (BatchStatus.LOCKED,):
        batch_set_status(user=personas.state, batch=batch, status=status)
    return batch, list(batch.sessions.all()), confirmed
