"""What a certificate prints: the fixed texts, an institute's look (colours, logo, wording,
signatures) and one certificate's values, read from the database or made up for a preview.
Drawn on the page by `pdf.py`."""

import datetime
import hashlib
import string
from dataclasses import dataclass, field

from django.utils import formats, timezone, translation
from django.utils.translation import gettext, gettext_noop

from sashakt.certificates.numbers import number_display
from sashakt.core.site import public_url
from sashakt.people.models import Designation

DEPARTMENT = gettext_noop("Panchayati Raj Department, Government of Uttar Pradesh")
TITLE = gettext_noop("Certificate of completion")
CERTIFY = gettext_noop("This is to certify that")
DEFAULT_WORDING = gettext_noop(
    "has successfully completed the training programme “{programme}” conducted by "
    "{institute} from {start} to {end} ({hours} hours)."
)
NUMBER_LABEL = gettext_noop("Certificate number")
ISSUED_LABEL = gettext_noop("Date of issue")
VERIFY_LABEL = gettext_noop("Verify at")
SAMPLE = gettext_noop("Sample")
COORDINATOR = gettext_noop("Programme coordinator")
DIRECTOR = gettext_noop("Director, Panchayati Raj, Uttar Pradesh")
WORDING_PLACEHOLDERS = ("programme", "institute", "start", "end", "hours")


@dataclass
class Signature:
    name_hi: str
    name_en: str
    designation_hi: str
    designation_en: str
    image: bytes | None = None


@dataclass
class Look:
    """An institute's template, read once for any number of certificates."""

    primary: tuple[int, int, int] = (30, 76, 140)
    accent: tuple[int, int, int] = (200, 150, 45)
    logo: bytes | None = None
    wording_hi: str = ""
    wording_en: str = ""
    signatures: list[Signature] = field(default_factory=list)

    @property
    def key(self) -> str:
        """What the static layers depend on (images are drawn per page, not recorded)."""
        text = repr((self.primary, self.accent, self.wording_hi, self.wording_en,
                     [(s.name_hi, s.name_en, s.designation_hi, s.designation_en)
                      for s in self.signatures]))  # fmt: skip
        return hashlib.sha1(text.encode()).hexdigest()


@dataclass
class Printable:
    number: str
    verification_url: str
    name_hi: str
    name_en: str
    designation_hi: str
    designation_en: str
    place_hi: str
    place_en: str
    programme_hi: str
    programme_en: str
    institute_hi: str
    institute_en: str
    start: object
    end: object
    hours: int
    issued_on: object
    status_note: str = ""  # printed across a preview ("SAMPLE")


def rgb(colour: str) -> tuple[int, int, int]:
    colour = colour.lstrip("#")
    return tuple(int(colour[i : i + 2], 16) for i in (0, 2, 4))


def look_of(template) -> Look:
    """The Look of a CertificateTemplate (or the standard look for None)."""
    if template is None:
        return Look()
    logo = None
    if template.logo:
        with template.logo.open("rb") as handle:
            logo = handle.read()
    signatures = []
    for signatory in template.signatories.all():
        image = None
        if signatory.signature:
            with signatory.signature.open("rb") as handle:
                image = handle.read()
        signatures.append(
            Signature(
                signatory.name_hi,
                signatory.name_en,
                signatory.designation_hi,
                signatory.designation_en,
                image,
            )
        )
    return Look(
        primary=rgb(template.primary_colour),
        accent=rgb(template.accent_colour),
        logo=logo,
        wording_hi=template.wording_hi,
        wording_en=template.wording_en,
        signatures=signatures,
    )


def text_in(language: str, message: str) -> str:
    with translation.override(language):
        return gettext(message)


def text_both(message: str) -> str:
    return f"{text_in('hi', message)} / {text_in('en', message)}"


def date_in(language: str, value) -> str:
    with translation.override(language):
        return formats.date_format(value, "j F Y")


def wording(template_text: str, values: dict) -> str:
    """The wording with its {name}s filled in. Only plain names are filled: a format spec or
    conversion (`{programme:x>200000}`, refused when a template is saved) is ignored, so
    wording saved before that check cannot make a certificate slow or fail."""
    parts = []
    try:
        for literal, name, _spec, _conversion in string.Formatter().parse(template_text):
            parts.append(literal)
            if name is not None:
                parts.append(str(values.get(name, "")))
    except ValueError:  # unbalanced brackets: printed as written
        return template_text
    return "".join(parts)


def default_signatures(printable: Printable) -> list[Signature]:
    return [
        Signature(
            "",
            "",
            f"{text_in('hi', COORDINATOR)}, {printable.institute_hi}",
            f"{text_in('en', COORDINATOR)}, {printable.institute_en}",
        ),
        Signature("", "", text_in("hi", DIRECTOR), text_in("en", DIRECTOR)),
    ]


# --- From the database ----------------------------------------------------------------


def _label_in(language: str, choices_label) -> str:
    with translation.override(language):
        return str(choices_label)


def printable_of(certificate) -> Printable:
    batch, programme, institute = certificate.batch, certificate.programme, certificate.institute
    label = Designation(certificate.designation).label
    return Printable(
        number=certificate.display_number,
        verification_url=certificate.verification_url,
        name_hi=certificate.name_hi,
        name_en=certificate.name_en,
        designation_hi=_label_in("hi", label),
        designation_en=_label_in("en", label),
        place_hi=certificate.place_hi,
        place_en=certificate.place_en,
        programme_hi=programme.title_hi or programme.title_en,
        programme_en=programme.title_en,
        institute_hi=institute.name_hi or institute.name_en,
        institute_en=institute.name_en,
        start=batch.start_date,
        end=batch.end_date,
        hours=certificate.hours,
        issued_on=timezone.localtime(certificate.issued_at).date(),
    )


def demo_printable(institute) -> Printable:
    """Made-up data for a template preview, marked SAMPLE across the page."""
    return Printable(
        number=number_display("XXXXXXXXXX"),
        verification_url=f"{public_url()}/verify/",
        name_hi="श्रीमती क्षमा प्रजापति",
        name_en="Shrimati Kshama Prajapati",
        designation_hi=text_in("hi", "Gram Pradhan"),
        designation_en="Gram Pradhan",
        place_hi="बिल्हौर, कानपुर नगर",
        place_en="Bilhaur, Kanpur Nagar",
        programme_hi="पंचायत प्रतिनिधियों का नेतृत्व एवं क्षमता विकास",
        programme_en="Leadership and capacity development of Panchayat representatives",
        institute_hi=institute.name_hi or institute.name_en,
        institute_en=institute.name_en,
        start=datetime.date(2025, 8, 26),
        end=datetime.date(2025, 8, 30),
        hours=30,
        issued_on=datetime.date(2025, 9, 1),
        status_note=text_both(SAMPLE),
    )
