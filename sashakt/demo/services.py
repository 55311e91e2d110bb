"""Demo data for `make run`: the two real partner institutes from the seeds with their MoUs,
programmes and batches (see pilot.py), an account for every role, and clearly fictional
people (marked as demo, mobiles 60000xxxxx) spread across real districts. Loading twice
changes nothing.
"""

from dataclasses import dataclass

from django.db import transaction

from sashakt.accounts.models import User
from sashakt.core.roles import Role
from sashakt.demo.attendance import attendance_demo_load
from sashakt.demo.followup import followup_demo_load
from sashakt.demo.gram_panchayat_people import gram_panchayat_people_load
from sashakt.demo.learning import learning_load
from sashakt.demo.money import money_demo_load
from sashakt.demo.outcomes import library_demo_load, pai_demo_load
from sashakt.demo.pilot import pilot_load
from sashakt.demo.rooms import rooms_demo_load
from sashakt.geography.models import Block, District
from sashakt.people.models import Designation, Gender, Person
from sashakt.programmes.models import Institute

DEMO_PASSWORD = "sashakt-demo-2025"

INSTITUTES = [
    {
        "short_name": "IIT Kanpur",
        "short_name_hi": "आईआईटी कानपुर",
        "name_en": "Indian Institute of Technology Kanpur",
        "name_hi": "भारतीय प्रौद्योगिकी संस्थान कानपुर",
        "city": "Kanpur",
        "district_lgd": 157,
        "website": "https://www.iitk.ac.in",
        "contact_name": "कार्यक्रम कार्यालय (डेमो)",
        "contact_phone": "6000000911",
    },
    {
        "short_name": "IIM Lucknow",
        "short_name_hi": "आईआईएम लखनऊ",
        "name_en": "Indian Institute of Management Lucknow",
        "name_hi": "भारतीय प्रबंध संस्थान लखनऊ",
        "city": "Lucknow",
        "district_lgd": 162,
        "website": "https://www.iiml.ac.in",
        "contact_name": "एमडीपी कार्यालय (डेमो)",
        "contact_phone": "6000000912",
    },
]

FIRST_NAMES = [
    ("राम कुमार", "Ram Kumar", Gender.MALE),
    ("सुनीता", "Sunita", Gender.FEMALE),
    ("अनिल", "Anil", Gender.MALE),
    ("गीता", "Geeta", Gender.FEMALE),
    ("राजेश", "Rajesh", Gender.MALE),
    ("पूनम", "Poonam", Gender.FEMALE),
    ("विनोद", "Vinod", Gender.MALE),
    ("ममता", "Mamta", Gender.FEMALE),
    ("संजय", "Sanjay", Gender.MALE),
    ("रेखा", "Rekha", Gender.FEMALE),
    ("अशोक", "Ashok", Gender.MALE),
    ("किरण", "Kiran", Gender.FEMALE),
    ("दिनेश", "Dinesh", Gender.MALE),
    ("सरिता", "Sarita", Gender.FEMALE),
]
SURNAMES = [
    ("यादव", "Yadav"),
    ("वर्मा", "Verma"),
    ("सिंह", "Singh"),
    ("गुप्ता", "Gupta"),
    ("पाल", "Pal"),
    ("मौर्य", "Maurya"),
    ("शुक्ला", "Shukla"),
    ("कुशवाहा", "Kushwaha"),
    ("अंसारी", "Ansari"),
    ("निषाद", "Nishad"),
    ("त्रिपाठी", "Tripathi"),
]
# Districts of the pilot's first batches, plus a spread across the state's regions.
DEMO_DISTRICTS = [157, 162, 156, 148, 187, 169, 130, 128, 120, 140, 171, 153]
PRAMUKHS_PER_DISTRICT = 3


@dataclass
class DemoAccount:
    username: str
    full_name: str
    role: str
    district_lgd: int | None = None
    institute: str | None = None
    mobile: str | None = None


# Staff names in Hindi, as the header shows them on Hindi pages (a name is not translated).
ACCOUNTS = [
    DemoAccount("state.cell", "राज्य कार्यक्रम प्रकोष्ठ (डेमो)", Role.STATE, mobile="6000000901"),
    DemoAccount(
        "iitk.coordinator",
        "आईआईटी कानपुर कार्यक्रम कार्यालय (डेमो)",
        Role.INSTITUTE,
        institute="IIT Kanpur",
    ),
    DemoAccount(
        "iiml.coordinator",
        "आईआईएम लखनऊ एमडीपी कार्यालय (डेमो)",
        Role.INSTITUTE,
        institute="IIM Lucknow",
    ),
    DemoAccount(
        "dpro.kanpurnagar",
        "डीपीआरओ कानपुर नगर (डेमो)",
        Role.DISTRICT,
        district_lgd=157,
        mobile="6000000902",
    ),
    DemoAccount("dpro.lucknow", "डीपीआरओ लखनऊ (डेमो)", Role.DISTRICT, district_lgd=162),
    DemoAccount("trainer.demo", "डॉ. संसाधन व्यक्ति (डेमो)", Role.TRAINER, institute="IIT Kanpur"),
    DemoAccount("finance.demo", "वित्त एवं लेखा अनुभाग (डेमो)", Role.FINANCE),
]
PARTICIPANT_USERNAME = "participant.demo"


@dataclass
class DemoLoadResult:
    institutes: int = 0
    people: int = 0
    accounts: int = 0
    nominations: int = 0


def _demo_people() -> list[dict]:
    """A deterministic, clearly fictional cast: Adhyakshs, Pramukhs and officers."""
    people = []
    serial = 0

    def add(designation, district, block=None):
        nonlocal serial
        first_hi, first_en, gender = FIRST_NAMES[serial % len(FIRST_NAMES)]
        last_hi, last_en = SURNAMES[(serial * 7 + 3) % len(SURNAMES)]
        serial += 1
        people.append(
            {
                "mobile": f"60000{serial:05d}",
                "name": f"{first_hi} {last_hi}",
                "name_alt": f"{first_en} {last_en}",
                "gender": gender,
                "designation": designation,
                "district": district,
                "block": block,
            }
        )

    for lgd in DEMO_DISTRICTS:
        district = District.objects.get(lgd_code=lgd)
        add(Designation.ZP_ADHYAKSH, district)
        add(Designation.AMA, district)
        blocks = list(Block.objects.filter(district=district).order_by("lgd_code"))
        for block in blocks[:PRAMUKHS_PER_DISTRICT]:
            add(Designation.KP_PRAMUKH, district, block)
        if blocks:
            add(Designation.BDO, district, blocks[0])
    return people


@transaction.atomic
def demo_load() -> DemoLoadResult:
    if not District.objects.exists():
        raise RuntimeError("Load the geography first: python manage.py load_geography")
    result = DemoLoadResult()
    institutes = {}
    for spec in INSTITUTES:
        values = {k: v for k, v in spec.items() if k not in {"short_name", "district_lgd"}}
        values["district"] = District.objects.get(lgd_code=spec["district_lgd"])
        institutes[spec["short_name"]], created = Institute.objects.update_or_create(
            short_name=spec["short_name"], defaults=values
        )
        result.institutes += created

    people = []
    for values in _demo_people():
        person, created = Person.objects.update_or_create(
            mobile=values.pop("mobile"), defaults={**values, "is_demo": True}
        )
        people.append(person)
        result.people += created
    result.people += gram_panchayat_people_load(DEMO_DISTRICTS)

    for account in ACCOUNTS:
        result.accounts += _account_upsert(
            account.username,
            {
                "full_name": account.full_name,
                "role": account.role,
                "mobile": account.mobile,
                "district": District.objects.get(lgd_code=account.district_lgd)
                if account.district_lgd
                else None,
                "institute": institutes.get(account.institute),
            },
        )
    # The demo participant is the first Pramukh of Kanpur Nagar (IIT Kanpur's home district).
    participant = next(p for p in people if p.designation == Designation.KP_PRAMUKH)
    result.accounts += _account_upsert(
        PARTICIPANT_USERNAME,
        {"full_name": participant.name, "role": Role.PARTICIPANT, "person": participant},
    )
    result.nominations = pilot_load(
        institutes, User.objects.get(username="state.cell"), participant
    )
    # Attendance first: it completes the past batches, whose tests and feedback come next.
    attendance_demo_load(User.objects.get(username="state.cell"))
    # Then the rooms: the past batches' arrivals are taken from their hall check-in.
    rooms_demo_load(User.objects.get(username="state.cell"))
    learning_load(
        state_user=User.objects.get(username="state.cell"),
        coordinator=User.objects.get(username="iitk.coordinator"),
        trainer=User.objects.get(username="trainer.demo"),
    )
    money_demo_load(
        state_user=User.objects.get(username="state.cell"),
        finance_user=User.objects.get(username="finance.demo"),
        coordinator=User.objects.get(username="iitk.coordinator"),
        district_officers={
            officer.district_id: officer
            for officer in User.objects.filter(role=Role.DISTRICT, username__startswith="dpro.")
        },
        participant=User.objects.get(username=PARTICIPANT_USERNAME),
    )
    # After the training: action plans and their check-ins for the completed batches.
    followup_demo_load(User.objects.get(username="state.cell"))
    # After the training: PAI rounds for the demo districts' GPs, the modules' materials.
    pai_demo_load(DEMO_DISTRICTS)
    library_demo_load(user=User.objects.get(username="state.cell"))
    return result


def _account_upsert(username: str, values: dict) -> bool:
    user, created = User.objects.update_or_create(username=username, defaults=values)
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    return created
