"""The words district offices type for gender, social category and designation, each mapped
to its registry value (keys are `match_key` forms; designations also by `words_key`, so the
SEC's "प्रमुख, क्षेत्र पंचायत" is the district office's "क्षेत्र पंचायत प्रमुख")."""

from sashakt.core.text import match_key, words_key
from sashakt.people.models import Designation, Gender, SocialCategory


def _synonyms(table: dict[str, list[str]]) -> dict[str, str]:
    return {match_key(word): value for value, words in table.items() for word in words}


GENDERS = _synonyms(
    {
        Gender.MALE: ["m", "male", "पुरुष", "पु", "पु0", "पुरूष", "man", "purush", "mr"],
        Gender.FEMALE: ["f", "female", "महिला", "म", "स्त्री", "woman", "mahila", "w", "mrs", "ms"],
        Gender.OTHER: ["o", "other", "अन्य", "transgender", "ट्रांसजेंडर", "तृतीय लिंग", "tg"],
    }
)
CATEGORIES = _synonyms(
    {
        SocialCategory.SC: ["sc", "अनुसूचित जाति", "अ.जा.", "अजा", "scheduled caste", "s.c."],
        SocialCategory.ST: ["st", "अनुसूचित जनजाति", "अ.ज.जा.", "scheduled tribe", "s.t."],
        SocialCategory.OBC: [
            "obc",
            "पिछड़ा वर्ग",
            "अन्य पिछड़ा वर्ग",
            "पिछड़ी जाति",
            "ओबीसी",
            "other backward class",
            "o.b.c.",
            "bc",
        ],
        SocialCategory.GENERAL: [
            "general",
            "gen",
            "सामान्य",
            "ur",
            "unreserved",
            "अनारक्षित",
            "सामान्य वर्ग",
            "gn",
        ],
    }
)
_DESIGNATION_WORDS = {
    Designation.ZP_ADHYAKSH: [
        "जिला पंचायत अध्यक्ष",
        "अध्यक्ष जिला पंचायत",
        "अध्यक्ष",
        "zila panchayat adhyaksh",
        "zp adhyaksh",
        "zp chairman",
        "zila panchayat chairperson",
        "adhyaksh",
        "zp chairperson",
    ],
    Designation.ZP_MEMBER: [
        "जिला पंचायत सदस्य",
        "सदस्य जिला पंचायत",
        "zp member",
        "zila panchayat member",
        "zila panchayat sadasya",
    ],
    Designation.KP_PRAMUKH: [
        "प्रमुख",
        "क्षेत्र पंचायत प्रमुख",
        "ब्लॉक प्रमुख",
        "ब्लाक प्रमुख",
        "block pramukh",
        "kshetra panchayat pramukh",
        "pramukh",
        "kp pramukh",
    ],
    Designation.BDC_MEMBER: [
        "बीडीसी",
        "बीडीसी सदस्य",
        "क्षेत्र पंचायत सदस्य",
        "bdc",
        "bdc member",
        "kshetra panchayat member",
    ],
    Designation.PRADHAN: ["प्रधान", "ग्राम प्रधान", "ग्राम पंचायत प्रधान", "gram pradhan", "pradhan"],
    Designation.WARD_MEMBER: [
        "वार्ड सदस्य",
        "ग्राम पंचायत सदस्य",
        "ward member",
        "panch",
        "पंच",
        "gram panchayat member",
    ],
    Designation.AMA: [
        "अपर मुख्य अधिकारी",
        "ama",
        "apar mukhya adhikari",
        "अपर मुख्य अधिकारी जिला पंचायत",
    ],
    Designation.DPRO: [
        "जिला पंचायत राज अधिकारी",
        "dpro",
        "डीपीआरओ",
        "district panchayat raj officer",
    ],
    Designation.BDO: [
        "खंड विकास अधिकारी",
        "खण्ड विकास अधिकारी",
        "bdo",
        "बीडीओ",
        "block development officer",
    ],
    Designation.ADO_PANCHAYAT: [
        "सहायक विकास अधिकारी पंचायत",
        "सहायक विकास अधिकारी (पंचायत)",
        "एडीओ पंचायत",
        "ado panchayat",
        "ado (p)",
        "adop",
    ],
    Designation.SACHIV: [
        "पंचायत सचिव",
        "ग्राम पंचायत सचिव",
        "सचिव ग्राम पंचायत",
        "gram panchayat secretary",
        "gram panchayat sachiv",
        "vpo",
        "सचिव",
        "panchayat secretary",
        "sachiv",
        "ग्राम पंचायत अधिकारी",
        "ग्राम विकास अधिकारी",
        "vdo",
        "secretary",
    ],
    Designation.OTHER: ["अन्य", "other", "अन्य अधिकारी", "other official"],
}
DESIGNATIONS = _synonyms(_DESIGNATION_WORDS)
for _value, _label in Designation.choices:  # our own labels and codes are understood too
    DESIGNATIONS.setdefault(match_key(_value), _value)
    DESIGNATIONS.setdefault(match_key(str(_label)), _value)

# Other states' words for the head of a gram panchayat: read as Pradhan, with a note on the
# row (the officer should know the sheet was not written in UP's own words).
PRADHAN_ELSEWHERE = ["सरपंच", "ग्राम सरपंच", "sarpanch", "मुखिया", "ग्राम मुखिया", "mukhiya"]
DESIGNATIONS_NOTED = {match_key(word): Designation.PRADHAN for word in PRADHAN_ELSEWHERE}
DESIGNATIONS.update(DESIGNATIONS_NOTED)


def by_words(table: dict[str, str], words: list[str]) -> dict[str, str]:
    """`words_key` -> value for the synonyms `words` (their `match_key` forms looked up in
    `table`); a words key that two values share is left out (it would mean either)."""
    found: dict[str, set[str]] = {}
    for word in words:
        found.setdefault(words_key(word), set()).add(table[match_key(word)])
    return {key: values.pop() for key, values in found.items() if key and len(values) == 1}


DESIGNATION_WORDS = [
    *(word for words in _DESIGNATION_WORDS.values() for word in words),
    *PRADHAN_ELSEWHERE,
    *(str(label) for _value, label in Designation.choices),
]
DESIGNATIONS_BY_WORDS = by_words(DESIGNATIONS, DESIGNATION_WORDS)
