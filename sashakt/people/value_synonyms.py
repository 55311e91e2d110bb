"""The words district offices type for gender, social category and designation, each mapped
to its registry value (keys are `match_key` forms)."""

from sashakt.core.text import match_key
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
DESIGNATIONS = _synonyms(
    {
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
        Designation.PRADHAN: ["प्रधान", "ग्राम प्रधान", "gram pradhan", "pradhan", "sarpanch"],
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
)
for _value, _label in Designation.choices:  # our own labels and codes are understood too
    DESIGNATIONS.setdefault(match_key(_value), _value)
    DESIGNATIONS.setdefault(match_key(str(_label)), _value)
