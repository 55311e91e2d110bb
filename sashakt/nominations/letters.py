"""Joining letters and nominal rolls as PDF, in Hindi and English side by side.

Every label is a gettext message rendered twice, once per language, so the letter is
bilingual without a second set of strings. Written with the PDF kit (`sashakt.core.pdf`):
Devanagari is shaped by HarfBuzz with the Noto Sans Devanagari font shipped with the code.
"""

import functools
import hashlib
import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.utils import formats, timezone
from django.utils.translation import gettext_noop

from sashakt.core.pdf import document as document_module
from sashakt.core.pdf.bilingual import both, in_both
from sashakt.core.pdf.document import BilingualDocument
from sashakt.core.pdf.fonts import FONT
from sashakt.core.pdf.qr import qr_png
from sashakt.nominations.models import SEAT_HOLDING, Nomination
from sashakt.nominations.seat_codes import seat_code
from sashakt.nominations.seat_tokens import seat_from_token, seat_token
from sashakt.nominations.selectors import district_officer_phone
from sashakt.programmes.models import Batch

DEFAULT_WHAT_TO_BRING = gettext_noop(
    "Photo identity card (Aadhaar or voter ID), this letter, a notebook and pen, clothes and "
    "daily needs for five days."
)


SIGNATORY = gettext_noop("Director, Panchayati Raj, Uttar Pradesh, Lucknow")


def letter_number(nomination: Nomination) -> str:
    """The letter's reference: programme, batch and seat, then the nomination for uniqueness
    (a reissued letter for the same seat keeps its number)."""
    batch = nomination.batch
    return f"PR-UP/{batch.programme_id}/{batch.number}/{nomination.seat:03d}/{nomination.pk}"


def letter_issue_date(nomination: Nomination):
    """The day the seat was offered (the letter's date does not change when it is reprinted)."""
    return (
        timezone.localdate(nomination.decided_at)
        if nomination.decided_at
        else (timezone.localdate())
    )


def _place(person) -> str:
    """ "भीतरगांव, कानपुर नगर / Bhitargaon, Kanpur Nagar": each language with its own names."""
    district, block = person.district, person.block
    hindi = ", ".join(
        part
        for part in ((block.name_hi or block.name_en) if block else "", district.name_hi)
        if part
    )
    english = ", ".join(part for part in (block.name_en if block else "", district.name_en) if part)
    return english if not district.name_hi or hindi == english else f"{hindi} / {english}"


def _dates(batch: Batch) -> str:
    def span():
        return "{} – {}".format(
            formats.date_format(batch.start_date, "j F Y"),
            formats.date_format(batch.end_date, "j F Y"),
        )

    return in_both(span)


@dataclass(frozen=True)
class LetterFacts:
    """Everything a joining letter prints about its person, seat and batch, already in both
    languages: the page is drawn from these alone, so the same facts make the same PDF (the
    letter cache's key)."""

    number: str
    issued: str
    seat: int | None
    seat_token: str
    seat_code: str
    name: str
    designation: str
    place: str
    programme: str
    batch: str
    dates: str
    venue: str
    reporting_time: str
    what_to_bring: str
    contacts: str


def letter_facts(nomination: Nomination) -> LetterFacts:
    batch, person = nomination.batch, nomination.person
    programme, institute, venue = batch.programme, batch.programme.mou.institute, batch.venue
    contacts = []
    if institute.contact_phone:
        contacts.append(f"{institute.display_short_name}: {institute.contact_phone}")
    if phone := district_officer_phone(nomination.district_id):
        contacts.append(f"{both(gettext_noop('District Panchayat Raj Officer'))}: {phone}")
    return LetterFacts(
        number=letter_number(nomination),
        issued=formats.date_format(letter_issue_date(nomination), "d/m/Y"),
        seat=nomination.seat,
        seat_token=seat_token(nomination),
        seat_code=seat_code(nomination.pk),
        name=person.name if not person.name_alt else f"{person.name} ({person.name_alt})",
        designation=in_both(person.get_designation_display),
        place=_place(person),
        programme="\n".join(
            dict.fromkeys(t for t in (programme.title_hi, programme.title_en) if t)
        ),
        batch=str(batch.number),
        dates=_dates(batch),
        venue="\n".join(
            part
            for part in (
                f"{institute.name_hi} / {institute.name_en}",
                " / ".join(dict.fromkeys(n for n in (venue.name_hi, venue.name_en) if n)),
                " / ".join(dict.fromkeys(a for a in (venue.address_hi, venue.address_en) if a)),
            )
            if part
        ),
        reporting_time=batch.reporting_time.strftime("%H:%M"),
        what_to_bring=batch.what_to_bring or both(DEFAULT_WHAT_TO_BRING).replace(" / ", "\n"),
        contacts="\n".join(contacts),
    )


def _joining_page(pdf: BilingualDocument, facts: LetterFacts) -> None:
    pdf.add_page()
    pdf.header_band(both(gettext_noop("Joining letter")))
    pdf.set_font(FONT, "", 9)
    pdf.set_text_color(60, 60, 60)
    pdf.cell(
        0,
        5,
        "{}: {}    {}: {}".format(
            both(gettext_noop("Letter no.")),
            facts.number,
            both(gettext_noop("Date")),
            facts.issued,
        ),
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.ln(1)
    top = pdf.get_y()
    pdf.image(qr_png(facts.seat_token), x=pdf.w - pdf.r_margin - 40, y=top, w=40, h=40)
    pdf.set_font(FONT, "", 8)
    pdf.set_xy(pdf.w - pdf.r_margin - 40, top + 40)
    pdf.cell(40, 4, both(gettext_noop("Seat %(seat)s")) % {"seat": facts.seat}, align="C")
    pdf.set_xy(pdf.w - pdf.r_margin - 40, top + 44)  # the code to type if the QR will not scan
    pdf.cell(40, 4, facts.seat_code, align="C")
    pdf.set_xy(pdf.l_margin, top)
    pdf.set_right_margin(pdf.r_margin + 45)
    pdf.fact(both(gettext_noop("Name")), facts.name)
    pdf.fact(both(gettext_noop("Designation")), facts.designation)
    pdf.fact(both(gettext_noop("District")), facts.place)
    pdf.set_right_margin(15)
    pdf.set_y(max(pdf.get_y(), top + 48))
    pdf.fact(both(gettext_noop("Programme")), facts.programme)
    pdf.fact(both(gettext_noop("Batch")), facts.batch)
    pdf.fact(both(gettext_noop("Dates")), facts.dates)
    pdf.fact(both(gettext_noop("Venue")), facts.venue)
    pdf.fact(both(gettext_noop("Reporting time")), facts.reporting_time)
    pdf.fact(both(gettext_noop("What to bring")), facts.what_to_bring)
    if facts.contacts:
        pdf.fact(both(gettext_noop("Contact phone")), facts.contacts)
    pdf.ln(2)
    pdf.set_font(FONT, "", 9)
    pdf.set_text_color(90, 90, 90)
    pdf.multi_cell(
        0,
        5,
        both(
            gettext_noop(
                "Show this letter and its QR code at the registration desk. If you cannot come, "
                "tell your District Panchayat Raj Officer at once so that the seat goes to "
                "someone on the waitlist."
            )
        ),
        align="L",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.ln(8)
    pdf.set_font(FONT, "", 11)
    pdf.set_text_color(20, 20, 20)
    pdf.cell(0, 6, both(gettext_noop("Issued by")), new_x="LMARGIN", new_y="NEXT")
    pdf.multi_cell(0, 6, both(SIGNATORY).replace(" / ", "\n"), new_x="LMARGIN", new_y="NEXT")


def joining_letter_pdf(nominations: list[Nomination]) -> bytes:
    """One page per person holding a seat (a single letter, or a whole batch's)."""
    pdf = BilingualDocument()
    pdf.set_title(both(gettext_noop("Joining letter")))
    for nomination in nominations:
        if nomination.status in SEAT_HOLDING:
            _joining_page(pdf, letter_facts(nomination))
    if pdf.page == 0:
        raise ValueError("no seat-holding nomination to write a letter for")
    return bytes(pdf.output())


# Where letters are kept once drawn: one entry per nomination, holding the facts' fingerprint
# beside the PDF, so a changed name, batch or venue draws it again and an erased person's
# letter can be dropped by the nomination alone (`joining_letter_forget`).
LETTER_CACHE = "documents"


def _letter_key(nomination_pk: int) -> str:
    return f"joining-letter:{nomination_pk}"


@functools.cache
def _layout_stamp() -> str:
    """What else a letter's pixels depend on: this drawing code, the PDF kit and the
    catalogues its labels come from. A deploy that changes any of them draws letters anew."""
    digest = hashlib.sha256()
    sources = [Path(__file__), *sorted(Path(document_module.__file__).parent.glob("*.py"))]
    sources += sorted(Path(settings.BASE_DIR, "locale").glob("*/LC_MESSAGES/django.mo"))
    for path in sources:
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _fingerprint(facts: LetterFacts) -> str:
    said = asdict(facts)
    # A token signed a second later differs only in its timestamp, which nobody checks (the
    # payload carries its own expiry): the letter is the same while what it signs is.
    said["seat_token"] = seat_from_token(facts.seat_token)
    text = json.dumps([_layout_stamp(), said], ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()


def joining_letter_for(nomination: Nomination) -> bytes:
    """One person's joining letter, drawn once and kept until what it says changes.

    A letter takes a third of a second of CPU (HarfBuzz shaping, the QR code); coordinators
    and district officers open and reprint the same letters all week, so the capacity bench
    found it the slowest page of a training day."""
    facts = letter_facts(nomination)
    fingerprint = _fingerprint(facts)
    store = caches[LETTER_CACHE]
    kept: tuple[str, bytes] | None = store.get(_letter_key(nomination.pk))
    if kept is not None and kept[0] == fingerprint:
        return kept[1]
    pdf = BilingualDocument()
    pdf.set_title(both(gettext_noop("Joining letter")))
    _joining_page(pdf, facts)
    data = bytes(pdf.output())
    store.set(_letter_key(nomination.pk), (fingerprint, data))
    return data


def joining_letter_forget(nomination_pks: Iterable[int]) -> None:
    """Drop kept letters (a person's data erased: no copy of their name stays on disk)."""
    caches[LETTER_CACHE].delete_many([_letter_key(pk) for pk in nomination_pks])


def nominal_roll_pdf(batch: Batch, nominations: list[Nomination]) -> bytes:
    """The batch's list of seated people, with columns to sign on each day."""
    pdf = BilingualDocument()
    pdf.set_title(both(gettext_noop("Nominal roll")))
    pdf.add_page(orientation="L")
    pdf.header_band(both(gettext_noop("Nominal roll")))
    pdf.set_font(FONT, "", 11)
    pdf.multi_cell(
        0,
        6,
        f"{batch.programme.title_hi} — {batch.programme.title_en}\n"
        f"{both(gettext_noop('Batch'))} {batch.number} · {_dates(batch)} · "
        f"{' / '.join(dict.fromkeys(n for n in (batch.venue.name_hi, batch.venue.name_en) if n))}",
    )
    pdf.ln(2)
    days = (batch.end_date - batch.start_date).days + 1
    widths = [14, 70, 50, 50] + [(pdf.w - pdf.l_margin - pdf.r_margin - 184) / days] * days
    headings = [
        both(gettext_noop("Seat")),
        both(gettext_noop("Name")),
        both(gettext_noop("Designation")),
        both(gettext_noop("District")),
    ] + [str(day) for day in range(1, days + 1)]
    pdf.set_font(FONT, "B", 8)
    with pdf.table(col_widths=widths, text_align="LEFT", line_height=6) as table:
        table.row(headings)
        pdf.set_font(FONT, "", 9)
        seated = sorted((n for n in nominations if n.status in SEAT_HOLDING), key=lambda n: n.seat)
        for nomination in seated:
            person = nomination.person
            table.row(
                [
                    str(nomination.seat),
                    f"{person.name}\n{person.name_alt}" if person.name_alt else person.name,
                    in_both(nomination.get_designation_display),
                    " / ".join(
                        dict.fromkeys(
                            n for n in (person.district.name_hi, person.district.name_en) if n
                        )
                    ),
                ]
                + [""] * days
            )
    return bytes(pdf.output())
