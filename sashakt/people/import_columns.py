"""The columns of a registry import: the fields, their labels, the header words that name
them (Hindi, English and the template's own bilingual headers) and the columns ignored."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy

from sashakt.core.text import match_key, words_key


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
        # An Adhyaksh's or a ZP member's sheet names the district by its zila panchayat
        "जिला पंचायत",
        "ज़िला पंचायत",
        "zila panchayat",
        "zilla panchayat",
        "jila panchayat",
        "district panchayat",
        "जिला पंचायत का नाम",
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
# The same words in any order, with any punctuation between them ("नाम, उम्मीदवार",
# "Name of Candidate" is not this: "of" is a word): a words key two fields share is left out.
_HEADER_BY_WORDS: dict[str, set[str]] = {}
for _field, _names in _HEADER_SYNONYMS.items():
    for _name in _names:
        _HEADER_BY_WORDS.setdefault(words_key(_name), set()).add(_field)
HEADER_FIELDS_BY_WORDS = {
    key: fields.pop() for key, fields in _HEADER_BY_WORDS.items() if key and len(fields) == 1
}


def header_field(header) -> str | None:
    """The registry field a column header means, or None if unknown."""
    found = HEADER_FIELDS.get(match_key(header))
    if found is None and header:
        found = HEADER_FIELDS_BY_WORDS.get(words_key(header))
    return found


def template_headers() -> list[str]:
    return [f"{f.label_hi} / {f.label_en}" for f in FIELDS]
