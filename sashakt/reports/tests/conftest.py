"""A small, hand-countable world for the dashboards (see test_dashboard_figures.py for the
counts written out person by person)."""

import datetime
from dataclasses import dataclass

import pytest
from django.core.cache import cache
from django.utils import timezone

from sashakt.attendance.models import Mark, MarkMethod, MarkStatus
from sashakt.certificates.services import certificates_issue_for_batch
from sashakt.nominations.models import Nomination, NominationStatus
from sashakt.people.models import Designation, Gender, Person, SocialCategory
from sashakt.programmes.models import BatchSession, SessionMethod
from sashakt.test import LUCKNOW, batch_make, person_make, programme_make

S = NominationStatus
TODAY = datetime.date(2026, 11, 27)


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


@dataclass
class World:
    personas: object
    people: dict[str, Person]
    iitk_programme: object
    iiml_programme: object
    done_batch: object


def _nominate(person, programme, batch, status, seat=None, reason=""):
    return Nomination.objects.create(
        person=person,
        programme=programme,
        batch=batch,
        district=person.district,
        designation=person.designation,
        status=status,
        seat=seat,
        reason=reason,
    )


@pytest.fixture
def world(personas):
    kanpur = personas.kanpur_person  # KP Pramukh, man, Kanpur Nagar
    geeta = personas.participant.person  # Pradhan, woman, Kanpur Nagar
    lucknow = personas.lucknow_person  # ZP Adhyaksh, woman, Lucknow
    k3 = person_make(
        name="कमला देवी",
        name_alt="Kamla Devi",
        mobile="9839000301",
        designation=Designation.WARD_MEMBER,
        gender=Gender.FEMALE,
    )
    k4 = person_make(
        name="मोहन लाल",
        name_alt="Mohan Lal",
        mobile="9839000302",
        designation=Designation.BDC_MEMBER,
    )
    l2 = person_make(
        name="रमेश यादव",
        name_alt="Ramesh Yadav",
        mobile="9415000303",
        designation=Designation.PRADHAN,
        district_lgd=LUCKNOW,
    )
    for person, category, term in [
        (kanpur, "", datetime.date(2025, 5, 1)),
        (geeta, SocialCategory.OBC, datetime.date(2024, 1, 1)),
        (lucknow, SocialCategory.ST, datetime.date(2025, 6, 1)),
        (k3, SocialCategory.SC, datetime.date(2023, 1, 1)),
        (k4, "", datetime.date(2026, 10, 1)),
        (l2, SocialCategory.SC, None),
    ]:
        Person.objects.filter(pk=person.pk).update(social_category=category, term_start=term)
    iitk = programme_make(personas.iitk_institute)
    iiml = programme_make(personas.iiml_institute)
    b1 = batch_make(iitk, start=datetime.date(2025, 8, 26), status="completed")
    b2 = batch_make(iitk, start=datetime.date(2026, 12, 7), status="open")
    b3 = batch_make(iiml, start=datetime.date(2025, 12, 1), status="completed")
    b1_people = [_nominate(p, iitk, b1, S.ATTENDED) for p in (kanpur, geeta, lucknow)]
    # Batch 1 ran: one session, all three present, and all three certified. Batch 3 has no
    # marks and no certificates, so Geeta's IIM Lucknow completion is neither.
    session = BatchSession.objects.create(
        batch=b1,
        date=b1.start_date,
        starts_at=datetime.time(10, 0),
        minutes=90,
        title="Session 1",
        method=SessionMethod.LECTURE,
    )
    for nomination in b1_people:
        Mark.objects.create(
            nomination=nomination,
            session=session,
            status=MarkStatus.PRESENT,
            method=MarkMethod.GRID,
            marked_at=timezone.now(),
        )
    certificates_issue_for_batch(user=personas.iitk, batch=b1)
    _nominate(k3, iitk, b2, S.CONFIRMED, seat=1)
    _nominate(k4, iitk, b2, S.APPROVED, seat=2)
    _nominate(geeta, iiml, b3, S.ATTENDED)
    _nominate(l2, iiml, None, S.NOMINATED)
    _nominate(k3, iiml, None, S.NOMINATED)
    _nominate(k4, iiml, None, S.REJECTED, reason="Not eligible")
    people = {
        "kanpur": kanpur,
        "geeta": geeta,
        "lucknow": lucknow,
        "k3": k3,
        "k4": k4,
        "l2": l2,
    }
    return World(personas, people, iitk, iiml, b1)
