"""What district offices really type, turned into clean registry values.

Every cleaner takes a raw cell value and returns either a clean value or raises
`CellError` with a translated message and, where one exists, a suggestion.
"""

import datetime
import difflib
import re
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sashakt.core.text import clean_text, contains_devanagari, match_key, normalise_mobile
from sashakt.people import krutidev
from sashakt.people.models import Designation, Gender, SocialCategory


class CellError(Exception):
    def __init__(self, message: str, suggestion: str = ""):
        super().__init__(message)
        self.message = message
        self.suggestion = suggestion


# --- Columns ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportField:
    name: str
    label_hi: str
    label_en: str
    required: bool = False


FIELDS = [
    ImportField("name", "नाम", "Name", required=True),
    ImportField("name_alt", "नाम (दूसरी लिपि में)", "Name (other script)"),
    ImportField("gender", "लिंग", "Gender", required=True),
    ImportField("mobile", "मोबाइल", "Mobile", required=True),
    ImportField("designation", "पद", "Designation", required=True),
    ImportField("district", "जनपद", "District", required=True),
    ImportField("block", "विकास खंड", "Block"),
    ImportField("gram_panchayat", "ग्राम पंचायत", "Gram panchayat"),
    ImportField("category", "वर्ग", "Category"),
    ImportField("term_start", "निर्वाचन / पद ग्रहण तिथि", "Date of election or joining"),
    ImportField("date_of_birth", "जन्म तिथि", "Date of birth"),
    ImportField("email", "ई-मेल", "E-mail"),
]
FIELD_NAMES = [f.name for f in FIELDS]
FIELD_LABELS = {
    "name": gettext_lazy("Name"),
    "name_alt": gettext_lazy("Name (other script)"),
    "gender": gettext_lazy("Gender"),
    "mobile": gettext_lazy("Mobile"),
    "designation": gettext_lazy("Designation"),
    "district": gettext_lazy("District"),
    "block": gettext_lazy("Block"),
    "gram_panchayat": gettext_lazy("Gram panchayat"),
    "category": gettext_lazy("Category"),
    "term_start": gettext_lazy("Date of election or joining"),
    "date_of_birth": gettext_lazy("Date of birth"),
    "email": gettext_lazy("E-mail"),
}
IGNORE = "ignore"
# Required columns a file may lack when the import page gives one value for every row.
DEFAULTABLE = ("designation", "gender")


def missing_required(
    given: set[str], *, district_known: bool = False, mobile_optional: bool = False
) -> list[str]:
    """The required fields neither a column nor a default gives."""
    return [
        f.name
        for f in FIELDS
        if f.required
        and f.name not in given
        and not (f.name == "district" and district_known)
        and not (f.name == "mobile" and mobile_optional)
    ]


_HEADER_SYNONYMS = {
    "name": [
        "नाम",
        "name",
        "full name",
        "naam",
        "प्रतिभागी का नाम",
        "नाम प्रतिभागी",
        "जनप्रतिनिधि का नाम",
        "participant name",
        "representative name",
        "नाम हिन्दी",
        "name hindi",
        "नाम (हिन्दी)",
        # The State Election Commission's result sheets
        "उम्मीदवार",
        "उम्मीदवार का नाम",
        "विजयी उम्मीदवार",
        "विजयी उम्मीदवार का नाम",
        "प्रत्याशी",
        "प्रत्याशी का नाम",
        "निर्वाचित प्रत्याशी",
        "candidate",
        "candidate name",
    ],
    "name_alt": [
        "name (english)",
        "name in english",
        "english name",
        "अंग्रेज़ी में नाम",
        "नाम अंग्रेजी में",
        "नाम (अंग्रेजी)",
        "name (other script)",
        "नाम (दूसरी लिपि में)",
    ],
    "gender": ["लिंग", "gender", "sex", "स्त्री/पुरुष", "महिला/पुरुष"],
    "mobile": [
        "मोबाइल",
        "mobile",
        "mobile no",
        "mobile no.",
        "mobile number",
        "मोबाइल नंबर",
        "मोबाइल नं",
        "मोबाइल नं.",
        "मो0",
        "मो. नं.",
        "मोबाइल न0",
        "phone",
        "फोन",
        "फ़ोन नंबर",
        "contact",
        "contact no",
        "संपर्क सूत्र",
        "whatsapp",
    ],
    "designation": ["पद", "designation", "post", "role", "पदनाम", "पद नाम"],
    "district": [
        "जनपद",
        "जिला",
        "ज़िला",
        "district",
        "district name",
        "जनपद का नाम",
        "जिले का नाम",
        "zila",
        "janpad",
        "district lgd code",
    ],
    "block": [
        "विकास खंड",
        "विकासखंड",
        "विकास खण्ड",
        "विकासखण्ड",
        "ब्लॉक",
        "ब्लाक",
        "block",
        "block name",
        "क्षेत्र पंचायत",
        "kshetra panchayat",
        "development block",
    ],
    "gram_panchayat": [
        "ग्राम पंचायत",
        "gram panchayat",
        "gp",
        "ग्राम पंचायत का नाम",
        "gram panchayat name",
        "panchayat",
        "गांव",
        "ग्राम",
    ],
    "category": [
        "वर्ग",
        "category",
        "social category",
        "जाति वर्ग",
        "श्रेणी",
        "caste category",
        "आरक्षण श्रेणी",
    ],
    "term_start": [
        "निर्वाचन तिथि",
        "date of election",
        "election date",
        "पद ग्रहण तिथि",
        "date of joining",
        "joining date",
        "कार्यभार ग्रहण तिथि",
        "निर्वाचन / पद ग्रहण तिथि",
        "date of election or joining",
    ],
    "date_of_birth": ["जन्म तिथि", "जन्मतिथि", "dob", "date of birth", "birth date"],
    "email": ["ईमेल", "ई-मेल", "email", "e-mail", "email id", "ई मेल"],
}
# Columns that carry nothing for the registry; ignored with a note, never an error.
_KNOWN_EXTRA = [
    "क्रमांक",
    "क्र.सं.",
    "क्र0सं0",
    "क्रम संख्या",
    "s.no",
    "s no",
    "sr no",
    "sl no",
    "serial",
    "serial no",
    "remarks",
    "remark",
    "टिप्पणी",
    "अभ्युक्ति",
    "विवरण",
    # SEC result sheets: about the candidate or the count, not the registry
    "पिता/पति",
    "पिता/पति का नाम",
    "पिता / पति का नाम",
    "पिता का नाम",
    "पति का नाम",
    "father/husband",
    "father/husband name",
    "आयु",
    "उम्र",
    "age",
    "दल",
    "पार्टी",
    "प्राप्त मत",
    "प्राप्त मत संख्या",
    "मत",
    "votes",
    "votes polled",
    "पता",
    "address",
    "शैक्षिक योग्यता",
    "शिक्षा",
]
HEADER_FIELDS: dict[str, str] = {}
for _field, _names in _HEADER_SYNONYMS.items():
    for _name in _names:
        HEADER_FIELDS[match_key(_name)] = _field
for _f in FIELDS:  # the template's own bilingual headers, e.g. "नाम / Name"
    HEADER_FIELDS[match_key(f"{_f.label_hi} / {_f.label_en}")] = _f.name
    HEADER_FIELDS[match_key(_f.label_hi)] = _f.name
    HEADER_FIELDS[match_key(_f.label_en)] = _f.name
KNOWN_EXTRA_HEADERS = {match_key(h) for h in _KNOWN_EXTRA}


def header_field(header) -> str | None:
    """The registry field a column header means, or None if unknown."""
    return HEADER_FIELDS.get(match_key(header))


def template_headers() -> list[str]:
    return [f"{f.label_hi} / {f.label_en}" for f in FIELDS]


# --- Values ----------------------------------------------------------------------------


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


def _closest(key: str, table: dict[str, str]) -> str | None:
    match = difflib.get_close_matches(key, list(table), n=1, cutoff=0.75)
    return table[match[0]] if match else None


def clean_name(value) -> str:
    refuse_malformed_legacy(value)
    name = clean_text(value)
    if not name:
        raise CellError(_("The name is empty."))
    if len(name) > 150:
        raise CellError(_("The name is longer than 150 characters."))
    if not any(ch.isalpha() for ch in name):
        raise CellError(_("This does not look like a name."))
    return name


def clean_mobile(value) -> str:
    mobile = normalise_mobile(value)
    if mobile is None:
        raise CellError(
            _("Not a 10-digit mobile number starting with 6, 7, 8 or 9.")
            if clean_text(value)
            else _("The mobile number is empty.")
        )
    return mobile


def _choice(value, table: dict[str, str], empty: str, unknown: str, labels: dict) -> str:
    refuse_malformed_legacy(value)
    key = match_key(value)
    if not key:
        raise CellError(empty)
    if key in table:
        return table[key]
    # "पु०", "म0": a zero is how Hindi typists mark an abbreviation.
    if key[-1] in "0०" and key[:-1] in table:
        return table[key[:-1]]
    guess = _closest(key, table)
    raise CellError(unknown, str(labels[guess]) if guess else "")


def clean_gender(value) -> str:
    return _choice(
        value,
        GENDERS,
        _("The gender is empty."),
        _("Gender must be M/F (पुरुष/महिला) or Other."),
        dict(Gender.choices),
    )


def clean_designation(value) -> str:
    return _choice(
        value,
        DESIGNATIONS,
        _("The designation is empty."),
        _("This designation is not known."),
        dict(Designation.choices),
    )


def clean_category(value) -> str:
    if not match_key(value):
        return ""
    return _choice(
        value,
        CATEGORIES,
        "",
        _("Category must be SC, ST, OBC or General."),
        dict(SocialCategory.choices),
    )


_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", re.IGNORECASE)


def clean_email(value) -> str:
    email = clean_text(value).lower()
    if email and not _EMAIL.match(email):
        raise CellError(_("This is not an e-mail address."))
    return email


_DATE_FORMATS = ["%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d", "%d/%m/%y", "%d-%m-%y"]
_EXCEL_EPOCH = datetime.date(1899, 12, 30)


def clean_date(value, *, earliest: datetime.date, field_label: str) -> datetime.date | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime.datetime):
        date = value.date()
    elif isinstance(value, datetime.date):
        date = value
    elif isinstance(value, int | float) and 1 < value < 100000:  # an Excel serial day
        date = _EXCEL_EPOCH + datetime.timedelta(days=int(value))
    else:
        text = clean_text(value).split(" ")[0]
        for fmt in _DATE_FORMATS:
            try:
                date = datetime.datetime.strptime(text, fmt).date()
                break
            except ValueError:
                continue
        else:
            raise CellError(_("Write the date as day/month/year, e.g. 26/08/2025."))
    if date > timezone.localdate():
        raise CellError(_("%(field)s cannot be in the future.") % {"field": field_label})
    if date < earliest:
        raise CellError(_("%(field)s is too far in the past.") % {"field": field_label})
    return date


# --- Legacy Kruti Dev / DevLys text ---------------------------------------------------

_WORD_SPLIT = re.compile(r"\s+")
_LATIN_NAME = re.compile(r"^[A-Za-z][A-Za-z .'\-]*$")
_VOWELS = set("aeiouAEIOU")
# In Kruti Dev "q" is the u-sign and "x" is ग: "dkuiqj" (कानपुर), "uxj" (नगर). Romanised
# Hindi almost never writes q without u or x before a consonant.
_KRUTI_PAIRS = re.compile(r"q(?!u)|x(?![aeiou])")


def _plausible_latin(value: str) -> bool:
    """Does this read like a name in Latin script ("Ram Kumar", "KANPUR NAGAR", "ram")?"""
    if not _LATIN_NAME.match(value):
        return False
    for word in _WORD_SPLIT.split(value.replace(".", " ").strip()):
        if not word:
            continue
        letters = [ch for ch in word if ch.isalpha()]
        if word.isupper() or (word[0].isupper() and word[1:].islower()) or len(letters) <= 2:
            continue
        vowels = sum(ch in _VOWELS for ch in letters)
        if not word.islower() or vowels / len(letters) < 0.3 or _KRUTI_PAIRS.search(word):
            return False
    return True


class MalformedLegacyText(str):
    """A Kruti Dev cell whose Unicode still reads wrong: the cleaners refuse it, so the
    row is reported instead of garbled text being saved."""

    problems: list[str] = []


def legacy_decode(value: str) -> str:
    """One cell of a Kruti Dev/DevLys column. Codes, numbers and Latin names typed into
    the column ("BS30", "12", "Ram Kumar") stay as they are."""
    if contains_devanagari(value) or krutidev.is_code_or_number(value):
        return value
    text = krutidev.krutidev_to_unicode(value)
    problems = krutidev.malformed_devanagari(text)
    if not problems:
        return text
    if _plausible_latin(clean_text(value)):
        return value
    text = MalformedLegacyText(text)
    text.problems = problems
    return text


def refuse_malformed_legacy(value) -> None:
    if isinstance(value, MalformedLegacyText):
        raise CellError(
            _("This Kruti Dev text does not convert to correct Hindi; type it again in Unicode.")
        )


def looks_like_legacy(value: str) -> bool:
    """Kruti Dev/DevLys typing: Latin bytes that decode to well-formed Devanagari and do
    not read as a Latin-script name."""
    value = clean_text(value)
    return not _plausible_latin(value) and krutidev.looks_like_krutidev(value)


def column_is_legacy(values: list) -> bool:
    """Decide for a whole column, so that one odd value never flips a Latin column."""
    texts = []
    for value in values:  # a sample of 200 decides; a 100,000-row column is not read whole
        text = clean_text(value) if isinstance(value, str) else ""
        if text and not krutidev.is_code_or_number(text):
            texts.append(text)
            if len(texts) == 200:
                break
    if not texts or any(contains_devanagari(t) for t in texts):
        return False
    legacy = sum(looks_like_legacy(t) for t in texts)
    return legacy / len(texts) >= 0.6
