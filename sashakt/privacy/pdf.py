"""A person's own data as a readable bilingual PDF, written from the same dictionary as the
.json download (selectors.own_data), so the two never say different things."""

from typing import Any

from django.utils.translation import gettext_noop

from sashakt.core.pdf.bilingual import both
from sashakt.core.pdf.document import BilingualDocument
from sashakt.core.pdf.fonts import FONT

TITLE = gettext_noop("My data held by Sashakt")


def _section(pdf: BilingualDocument, title: str, lines: list[str]) -> None:
    pdf.ln(2)
    pdf.set_font(FONT, "B", 13)
    pdf.set_text_color(30, 76, 140)
    pdf.cell(0, 8, both(title), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "", 11)
    pdf.set_text_color(20, 20, 20)
    if not lines:
        pdf.multi_cell(0, 6, both(gettext_noop("Nothing held.")), new_x="LMARGIN", new_y="NEXT")
    for line in lines:
        pdf.multi_cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")


def _place(place: dict[str, Any] | None) -> str:
    if not place:
        return "—"
    return " / ".join(dict.fromkeys(n for n in (place["name_hi"], place["name_en"]) if n))


def own_data_pdf(data: dict[str, Any]) -> bytes:
    person = data["person"]
    pdf = BilingualDocument()
    pdf.set_title(both(TITLE))
    pdf.add_page()
    pdf.header_band(both(TITLE))
    facts = [
        (
            gettext_noop("Name"),
            " / ".join(n for n in (person["name"], person["name_other_script"]) if n),
        ),
        (gettext_noop("Mobile"), person["mobile"] or "—"),
        (gettext_noop("Designation"), person["designation"]),
        (gettext_noop("District"), _place(person["district"])),
        (gettext_noop("Block"), _place(person["block"])),
        (
            gettext_noop("Gram panchayat"),
            _place(person["gram_panchayat"])
            if person["gram_panchayat"]
            else person["gram_panchayat_as_typed"] or "—",
        ),
        (gettext_noop("Date of birth"), person["date_of_birth"] or "—"),
        (gettext_noop("Social category"), person["social_category"] or "—"),
        (gettext_noop("E-mail"), person["email"] or "—"),
        (gettext_noop("Prepared on"), data["generated_at"][:16].replace("T", " ")),
    ]
    for label, value in facts:
        pdf.fact(both(label), value)
    _section(
        pdf,
        gettext_noop("Nominations"),
        [
            f"{n['programme_hi']} / {n['programme_en']} · "
            + (f"{both(gettext_noop('Batch'))} {n['batch']} · " if n["batch"] else "")
            + n["status"]
            for n in data["nominations"]
        ],
    )
    _section(
        pdf,
        gettext_noop("Attendance"),
        [
            f"{mark['date']} {mark['starts_at']} · {mark['session_hi'] or mark['session_en']} · "
            f"{mark['status']}"
            for mark in data["attendance"]
        ],
    )
    _section(
        pdf,
        gettext_noop("Test scores"),
        [
            f"{both(gettext_noop('Batch'))} {attempt['batch']} · {attempt['kind']} · "
            f"{attempt['score'] if attempt['score'] is not None else '—'} / {attempt['max_score']}"
            for attempt in data["tests"]
        ],
    )
    _section(
        pdf,
        gettext_noop("Certificates"),
        [
            f"{c['number']} · {c['programme_hi']} / {c['programme_en']} · {c['status']} · "
            f"{c['issued_at'][:10]}"
            for c in data["certificates"]
        ],
    )
    _section(
        pdf,
        gettext_noop("Messages sent to you"),
        [f"{m['created_at'][:16].replace('T', ' ')} · {m['text']}" for m in data["messages"]],
    )
    _section(
        pdf,
        gettext_noop("Corrections you asked for"),
        [
            f"{c['field']}: {c['as_held']} → {c['asked_for']} · {c['status']}"
            for c in data["corrections"]
        ],
    )
    _section(
        pdf,
        gettext_noop("Changes to your records"),
        [
            f"{entry['at'][:16].replace('T', ' ')} · {entry['record']} · {entry['action']}"
            + (f" · {entry['by']}" if entry["by"] else "")
            for entry in data["audit"]
        ],
    )
    return bytes(pdf.output())
