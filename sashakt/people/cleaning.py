"""What district offices really type, turned into clean registry values.

Every cleaner takes a raw cell value and returns either a clean value or raises
`CellError` with a translated message and, where one exists, a suggestion. The columns an
import understands are in `import_columns.py`, the words accepted for gender, category and
designation in `value_synonyms.py`, Kruti Dev/DevLys detection and decoding in `legacy_text.py`.
"""

import datetime
import difflib
import re

from django.utils import timezone
from django.utils.translation import gettext as _

from sashakt.core.text import clean_text, match_key, normalise_mobile, words_key
from sashakt.core.text.legacy_text import MalformedLegacyText
from sashakt.people.models import Designation, Gender, SocialCategory
from sashakt.people.value_synonyms import (
    CATEGORIES,
    DESIGNATIONS,
    DESIGNATIONS_BY_WORDS,
    DESIGNATIONS_NOTED,
    GENDERS,
)


class CellError(Exception):
    def __init__(self, message: str, suggestion: str = ""):
        super().__init__(message)
        self.message = message
        self.suggestion = suggestion


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


def _choice(
    value,
    table: dict[str, str],
    empty: str,
    unknown: str,
    labels: dict,
    by_words: dict[str, str] | None = None,
) -> str:
    refuse_malformed_legacy(value)
    key = match_key(value)
    if not key:
        raise CellError(empty)
    if key in table:
        return table[key]
    # "पु०", "म0": a zero is how Hindi typists mark an abbreviation.
    if key[-1] in "0०" and key[:-1] in table:
        return table[key[:-1]]
    if by_words:  # the same words in another order ("प्रमुख, क्षेत्र पंचायत")
        words = words_key(value)
        if words in by_words:
            return by_words[words]
        guess = _closest(words, by_words)
        if guess:
            raise CellError(unknown, str(labels[guess]))
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
        DESIGNATIONS_BY_WORDS,
    )


def designation_read_as(value) -> str:
    """The note for a designation read through another state's word (सरपंच, मुखिया), or ""."""
    if match_key(value) in DESIGNATIONS_NOTED:
        return _("“%(word)s” is not a designation in Uttar Pradesh; read as %(designation)s.") % {
            "word": clean_text(value),
            "designation": Designation(DESIGNATIONS_NOTED[match_key(value)]).label,
        }
    return ""


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


def refuse_malformed_legacy(value) -> None:
    if isinstance(value, MalformedLegacyText):
        raise CellError(
            _("This Kruti Dev text does not convert to correct Hindi; type it again in Unicode.")
        )
