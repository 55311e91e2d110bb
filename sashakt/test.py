"""Test personas: one signed-in user per role, with the scope each role has.

    def test_something(personas, client):
        client.force_login(personas.dpro_kanpur)

Kanpur Nagar (LGD 157) and Lucknow (162) are the two districts every scope test uses:
each has one person, so "sees own, not the other's" can be checked for every role.
"""

import datetime
from dataclasses import dataclass

from sashakt.accounts.models import User
from sashakt.core.roles import Role
from sashakt.geography.models import Block, District
from sashakt.geography.services import geography_load
from sashakt.nominations.models import NominationStatus
from sashakt.people.models import Designation, Gender, Person
from sashakt.programmes.models import Batch, Institute, MoU, Programme, Venue

PASSWORD = "correct-horse-battery-staple-42"
KANPUR_NAGAR, LUCKNOW = 157, 162


def ensure_geography() -> None:
    if District.objects.count() < 75:
        geography_load()


def person_make(
    *,
    name="राम कुमार",
    name_alt="Ram Kumar",
    mobile="9839012345",
    district_lgd=KANPUR_NAGAR,
    designation=Designation.KP_PRAMUKH,
    gender=Gender.MALE,
    block=True,
) -> Person:
    district = District.objects.get(lgd_code=district_lgd)
    return Person.objects.create(
        name=name,
        name_alt=name_alt,
        mobile=mobile,
        district=district,
        block=Block.objects.filter(district=district).order_by("lgd_code").first()
        if block
        else None,
        designation=designation,
        gender=gender,
    )


def user_make(username: str, role: str, **fields) -> User:
    user = User.objects.create_user(username=username, password=PASSWORD, role=role, **fields)
    return user


@dataclass
class Personas:
    state: User
    iitk: User
    iiml: User
    dpro_kanpur: User
    dpro_lucknow: User
    trainer: User
    participant: User
    kanpur_person: Person
    lucknow_person: Person
    iitk_institute: Institute
    iiml_institute: Institute
    # The department's accounts section (TA/DA, bank details). Not in `all_users()`: the
    # pages' role tables there predate it; money tests and the scope matrix name it.
    finance: User

    def all_users(self) -> dict[str, User]:
        return {
            "state": self.state,
            "iitk": self.iitk,
            "iiml": self.iiml,
            "dpro_kanpur": self.dpro_kanpur,
            "dpro_lucknow": self.dpro_lucknow,
            "trainer": self.trainer,
            "participant": self.participant,
        }


def personas_make() -> Personas:
    ensure_geography()
    kanpur = District.objects.get(lgd_code=KANPUR_NAGAR)
    lucknow = District.objects.get(lgd_code=LUCKNOW)
    iitk = Institute.objects.create(
        short_name="IIT Kanpur",
        name_en="Indian Institute of Technology Kanpur",
        name_hi="भारतीय प्रौद्योगिकी संस्थान कानपुर",
        city="Kanpur",
        district=kanpur,
    )
    iiml = Institute.objects.create(
        short_name="IIM Lucknow",
        name_en="Indian Institute of Management Lucknow",
        name_hi="भारतीय प्रबंध संस्थान लखनऊ",
        city="Lucknow",
        district=lucknow,
    )
    kanpur_person = person_make()
    lucknow_person = person_make(
        name="सुनीता वर्मा",
        name_alt="Sunita Verma",
        mobile="9415000001",
        district_lgd=LUCKNOW,
        designation=Designation.ZP_ADHYAKSH,
        gender=Gender.FEMALE,
        block=False,
    )
    participant_person = person_make(
        name="गीता पाल",
        name_alt="Geeta Pal",
        mobile="9415000002",
        designation=Designation.PRADHAN,
        gender=Gender.FEMALE,
    )
    return Personas(
        state=user_make("state", Role.STATE, mobile="9000000001"),
        iitk=user_make("iitk", Role.INSTITUTE, institute=iitk),
        iiml=user_make("iiml", Role.INSTITUTE, institute=iiml),
        dpro_kanpur=user_make("dpro-kanpur", Role.DISTRICT, district=kanpur, mobile="9000000002"),
        dpro_lucknow=user_make("dpro-lucknow", Role.DISTRICT, district=lucknow),
        trainer=user_make("trainer", Role.TRAINER, institute=iitk),
        participant=user_make("participant", Role.PARTICIPANT, person=participant_person),
        kanpur_person=kanpur_person,
        lucknow_person=lucknow_person,
        iitk_institute=iitk,
        iiml_institute=iiml,
        finance=user_make("finance", Role.FINANCE, mobile="9000000003"),
    )


def programme_make(institute: Institute, *, days: int = 5, eligible=(), quota=None):
    """An MoU of `institute` with one programme and one venue (40 seats)."""
    mou = MoU.objects.create(
        institute=institute,
        title="Capacity building of Panchayat representatives",
        signed_on=datetime.date(2025, 7, 1),
        valid_from=datetime.date(2025, 7, 1),
        valid_until=datetime.date(2027, 6, 30),
        target_people=250,
    )
    programme = Programme.objects.create(
        mou=mou,
        title_hi="ज़िला एवं क्षेत्र पंचायत प्रतिनिधियों का नेतृत्व विकास",
        title_en="Leadership development of Zila and Kshetra Panchayat representatives",
        days=days,
        eligible_designations=list(eligible),
        default_district_quota=quota,
    )
    Venue.objects.create(
        institute=institute,
        name=f"{institute.short_name} campus",
        latitude=26.51,
        longitude=80.23,
        room_capacity=40,
        hostel_capacity=40,
    )
    return programme


def batch_make(programme, *, start=None, capacity=40, status="open", number=None):
    start = start or datetime.date(2025, 8, 26)
    return Batch.objects.create(
        programme=programme,
        venue=programme.mou.institute.venues.first(),
        number=number or programme.batches.count() + 1,
        start_date=start,
        end_date=start + datetime.timedelta(days=programme.days - 1),
        capacity=capacity,
        status=status,
    )


def batch_completed_make(batch) -> None:
    """A factory for tests below the attendance app: the batch ran and its confirmed people
    met the completion rule (the attendance app judges this from marks in real use)."""
    batch.status = "completed"
    batch.save(update_fields=["status"])
    batch.nominations.filter(status=NominationStatus.CONFIRMED).update(
        status=NominationStatus.ATTENDED, seat=None
    )
