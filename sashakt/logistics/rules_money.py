"""Who may do what with money, and the small pure rules (distance, rupees, masks)."""

import math
import re
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.utils.translation import gettext as _

from sashakt.core.permissions import has_role
from sashakt.core.roles import Role
from sashakt.core.users import User
from sashakt.nominations.models import Nomination
from sashakt.people.models import Designation, Person
from sashakt.programmes.models import Batch, MoU

PAISA = Decimal("0.01")
TENTH = Decimal("0.1")
EARTH_RADIUS_KM = 6371.0088

# Officials draw the officials' daily allowance; everyone else is an elected representative.
OFFICIAL_DESIGNATIONS = frozenset(
    {
        Designation.AMA,
        Designation.DPRO,
        Designation.BDO,
        Designation.ADO_PANCHAYAT,
        Designation.SACHIV,
        Designation.OTHER,
    }
)
# The Government of India's city classes (7th CPC) for the places the venues stand in; any
# other place is class Z.
CITY_CLASSES = {
    "lucknow": "Y",
    "kanpur": "Y",
    "agra": "Y",
    "prayagraj": "Y",
    "allahabad": "Y",
    "varanasi": "Y",
    "meerut": "Y",
    "ghaziabad": "Y",
    "gorakhpur": "Y",
    "bareilly": "Y",
    "aligarh": "Y",
    "moradabad": "Y",
    "jhansi": "Y",
    "noida": "Y",
    "new delhi": "X",
    "delhi": "X",
}

IFSC_PATTERN = re.compile(r"^[A-Z]{4}0[A-Z0-9]{6}$")
ACCOUNT_PATTERN = re.compile(r"^[0-9]{9,18}$")


def rupees(value: Decimal) -> str:
    """₹1,560.00 (Indian grouping is for people; the sheets keep plain numbers)."""
    value = value.quantize(PAISA, ROUND_HALF_UP)
    whole, paise = f"{value:.2f}".split(".")
    sign = "-" if whole.startswith("-") else ""
    whole = whole.lstrip("-")
    if len(whole) > 3:
        head, tail = whole[:-3], whole[-3:]
        groups: list[str] = []
        while len(head) > 2:
            groups.insert(0, head[-2:])
            head = head[:-2]
        if head:
            groups.insert(0, head)
        whole = ",".join(groups) + "," + tail
    return f"{sign}₹{whole}.{paise}"


def road_factor() -> Decimal:
    return Decimal(str(settings.TRAVEL_ROAD_FACTOR))


def great_circle_km(lat1: float, lon1: float, lat2: float, lon2: float) -> Decimal:
    """The haversine distance in km, to a tenth (a distance, not money: floats are fine
    for the trigonometry; the result becomes a Decimal)."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlam = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlam / 2) ** 2
    km = 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))
    return Decimal(str(round(km, 1))).quantize(TENTH)


def road_km(straight_km: Decimal) -> Decimal:
    return (straight_km * road_factor()).quantize(TENTH, ROUND_HALF_UP)


def city_class_of(city: str) -> str:
    return CITY_CLASSES.get((city or "").strip().lower(), "Z")


def category_of(designation: str) -> str:
    return "official" if designation in OFFICIAL_DESIGNATIONS else "elected"


def mask_account(number: str) -> str:
    """Only the last four digits: enough to recognise an account, not to use it."""
    if not number:
        return ""
    return "X" * max(len(number) - 4, 0) + number[-4:]


def sees_bank_details(user: User) -> bool:
    return bool(has_role(user, Role.FINANCE))


def sees_all_money(user: User) -> bool:
    return bool(has_role(user, Role.STATE, Role.FINANCE))


def may_keep_costs(user: User, batch: Batch) -> bool:
    if has_role(user, Role.STATE):
        return True
    return bool(
        has_role(user, Role.INSTITUTE) and batch.programme.mou.institute_id == user.institute_id
    )


def may_invoice(user: User, mou: MoU) -> bool:
    if has_role(user, Role.STATE):
        return True
    return bool(has_role(user, Role.INSTITUTE) and mou.institute_id == user.institute_id)


def may_release(user: User) -> bool:
    return bool(has_role(user, Role.STATE, Role.FINANCE))


def may_enter_claim(user: User, nomination: Nomination) -> bool:
    if has_role(user, Role.STATE):
        return True
    if has_role(user, Role.DISTRICT):
        return bool(nomination.district_id == user.district_id)
    if has_role(user, Role.PARTICIPANT):
        return bool(nomination.person_id == user.person_id)
    return False


def may_keep_bank_account(user: User, person: Person) -> bool:
    if has_role(user, Role.STATE, Role.FINANCE):
        return True
    if has_role(user, Role.DISTRICT):
        return bool(person.district_id == user.district_id)
    if has_role(user, Role.PARTICIPANT):
        return bool(person.pk == user.person_id)
    return False


def may_set_travel(user: User, nomination: Nomination) -> bool:
    if has_role(user, Role.STATE):
        return True
    if has_role(user, Role.DISTRICT):
        return bool(nomination.district_id == user.district_id)
    if has_role(user, Role.INSTITUTE):
        return bool(nomination.programme.mou.institute_id == user.institute_id)
    return False


def claim_stage_message() -> str:
    return _("This claim was already decided; the page now shows where it stands.")
