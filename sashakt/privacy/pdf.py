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


def _file(listed: dict[str, Any] | None) -> str:
    if not listed:
        return ""
    size = f" ({listed['bytes']:,} B)" if listed["bytes"] is not None else ""
    return f"{listed['name']}{size}"


def _plan_lines(plan: dict[str, Any]) -> list[str]:
    batch = f"{both(gettext_noop('Batch'))} {plan['batch']}"
    lines = [f"{batch} · {plan['written_on'][:10]}"]
    if plan["voice_note"]:
        lines.append(f"  {both(gettext_noop('Voice note'))}: {_file(plan['voice_note'])}")
    for c in plan["commitments"]:
        lines.append(
            f"  {c['number']}. {c['what'] or '—'} · {c['theme']} · {c['by_when']} · {c['status']}"
        )
    for checkin in plan["checkins"]:
        lines.append(
            f"  {both(gettext_noop('check-in'))} {checkin['days_after_batch']} · "
            f"{checkin['on'][:10]}"
        )
        for a in checkin["answers"]:
            parts = [f"    {a['commitment']}. {a['status']}"]
            if a["comment"]:
                parts.append(a["comment"])
            for label, listed in (
                (gettext_noop("Voice note"), a["voice_note"]),
                (gettext_noop("photo"), a["photo"]),
            ):
                if listed:
                    parts.append(f"{both(label)}: {_file(listed)}")
            lines.append(" · ".join(parts))
    return lines


def _claim_lines(claim: dict[str, Any]) -> list[str]:
    head = (
        f"{both(gettext_noop('Batch'))} {claim['batch']} · {claim['outward_on']} – "
        f"{claim['return_on']} · {claim['status']} · ₹{claim['total']}"
    )
    lines = [head] + [f"  {rule}" for rule in claim["rules"]]
    if claim["ticket_photo"]:
        lines.append(f"  {both(gettext_noop('ticket photo'))}: {_file(claim['ticket_photo'])}")
    return lines


def _after_training(pdf: BilingualDocument, data: dict[str, Any]) -> None:
    """The follow-up's and logistics' sections (the .json's keys of the same names)."""
    _section(
        pdf,
        gettext_noop("Action plans and check-ins"),
        [line for plan in data["action_plans"] for line in _plan_lines(plan)],
    )
    _section(
        pdf,
        gettext_noop("Consent to share your good practice"),
        [
            f"{both(gettext_noop('Batch'))} {c['batch']} · {c['commitment']} · {c['theme']} · "
            f"{c['recorded_on'][:10]}"
            for c in data["consents"]
        ],
    )
    need = data["room_need"]
    _section(
        pdf,
        gettext_noop("Rooms"),
        [
            f"{both(gettext_noop('Batch'))} {s['batch']} · "
            + (
                f"{s['hostel_block_hi']} / {s['hostel_block_en']} {s['room']}/{s['bed']}"
                if s["room"]
                else "—"
            )
            for s in data["stays"]
        ]
        + (
            [
                f"{both(gettext_noop('needs an accessible room'))}: "
                + both(gettext_noop("yes") if need["accessible_room"] else gettext_noop("no"))
                + (f" · {need['note']}" if need["note"] else "")
            ]
            if need
            else []
        ),
    )
    _section(
        pdf,
        gettext_noop("Travel and TA/DA claims"),
        [
            f"{both(gettext_noop('Batch'))} {t['batch']} · {t['mode']} · {t['distance_km']} km"
            for t in data["travel"]
        ]
        + [line for claim in data["claims"] for line in _claim_lines(claim)],
    )
    account = data["bank_account"]
    _section(
        pdf,
        gettext_noop("Bank account"),
        [
            f"{account['holder_name']} · {account['account_number_last_digits']} · "
            f"{account['ifsc']} · {account['bank']}"
        ]
        if account
        else [],
    )


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
    _after_training(pdf, data)
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
