"""Demo Pradhans and ward members in real gram panchayats (LGD), for `make run`.

Pradhans are most of the people the programme trains; the demo shows them in the real
gram panchayats `load_geography` ships. Where no gram panchayat is loaded (a bare test
database), nothing is added. Fictional people, marked demo, mobiles 60000 5xxxx.
"""

from sashakt.geography.models import GramPanchayat
from sashakt.people.models import Designation, Gender, Person

# Same districts as the rest of the cast; a few gram panchayats in each.
PRADHANS_PER_DISTRICT = 4
WARD_MEMBERS_PER_GRAM_PANCHAYAT = 2
FIRST_MOBILE = 6000050000

NAMES = [
    ("कमला देवी", "Kamla Devi", Gender.FEMALE),
    ("रामस्वरूप", "Ramswaroop", Gender.MALE),
    ("शांति देवी", "Shanti Devi", Gender.FEMALE),
    ("महेश प्रसाद", "Mahesh Prasad", Gender.MALE),
    ("उर्मिला", "Urmila", Gender.FEMALE),
    ("बृजेश कुमार", "Brijesh Kumar", Gender.MALE),
    ("सावित्री", "Savitri", Gender.FEMALE),
    ("जगदीश", "Jagdish", Gender.MALE),
    ("मीना", "Meena", Gender.FEMALE),
]
SURNAMES = [
    ("यादव", "Yadav"),
    ("पाल", "Pal"),
    ("वर्मा", "Verma"),
    ("निषाद", "Nishad"),
    ("प्रजापति", "Prajapati"),
    ("सिंह", "Singh"),
    ("राजभर", "Rajbhar"),
]


def gram_panchayat_people_load(district_lgd_codes: list[int]) -> int:
    """Pradhans and ward members in the first gram panchayats (by LGD code) of each
    district's first blocks; returns how many people were created (0 on a rerun)."""
    created = 0
    serial = 0
    for lgd in district_lgd_codes:
        gram_panchayats = (
            GramPanchayat.objects.filter(district__lgd_code=lgd, block__isnull=False)
            .select_related("block", "district")
            .order_by("block__lgd_code", "lgd_code")
        )
        chosen, blocks_seen = [], set()
        for gp in gram_panchayats.iterator():
            if gp.block_id not in blocks_seen:  # one per block, for a spread
                blocks_seen.add(gp.block_id)
                chosen.append(gp)
            if len(chosen) == PRADHANS_PER_DISTRICT:
                break
        for gp in chosen:
            roles = [Designation.PRADHAN] + [Designation.WARD_MEMBER] * (
                WARD_MEMBERS_PER_GRAM_PANCHAYAT
            )
            for designation in roles:
                first_hi, first_en, gender = NAMES[serial % len(NAMES)]
                last_hi, last_en = SURNAMES[(serial * 5 + 2) % len(SURNAMES)]
                _, was_created = Person.objects.update_or_create(
                    mobile=str(FIRST_MOBILE + serial),
                    defaults={
                        "name": f"{first_hi} {last_hi}",
                        "name_alt": f"{first_en} {last_en}",
                        "gender": gender,
                        "designation": designation,
                        "district": gp.district,
                        "block": gp.block,
                        "gram_panchayat": gp,
                        "is_demo": True,
                    },
                )
                serial += 1
                created += was_created
    return created
