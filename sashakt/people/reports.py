"""The row-by-row report of an import, and the registry export."""

from django.utils.translation import gettext as _

from sashakt.core.spreadsheets import table_bytes
from sashakt.people.importing import ImportResult


def import_report_rows(result: ImportResult) -> tuple[list[str], list[list]]:
    headers = [_("Row"), _("Column"), _("Value"), _("Problem"), _("Suggestion")]
    rows = [
        [p.row, p.column, p.value, p.message, p.suggestion]
        for p in sorted(result.problems, key=lambda p: p.row)
    ]
    kinds = duplicate_kind_labels()
    for dup in result.duplicate_rows:
        other = dup.person_name or (_("row %(row)s") % {"row": dup.other_row})
        rows.append(
            [
                dup.row,
                _("Duplicate"),
                f"{dup.name} {dup.mobile}".strip(),
                f"{kinds[dup.kind]}: {other}",
                decision_labels()[dup.decision],
            ]
        )
    for note in result.notes:
        rows.append([note.row, note.column, note.value, note.message, ""])
    return headers, rows


def import_report_bytes(result: ImportResult, suffix: str) -> bytes:
    headers, rows = import_report_rows(result)
    return table_bytes(suffix, headers, rows, sheet_title=_("Import report"))


def duplicate_kind_labels() -> dict[str, str]:
    return {
        "file_mobile": _("same mobile as an earlier row"),
        "file_name": _("same name, place and designation as an earlier row"),
        "file_possible": _("possible duplicate: same name and district as an earlier row"),
        "registry_mobile": _("same mobile as a person in the registry"),
        "registry_name": _("same name, place and designation as a person in the registry"),
        "registry_possible": _(
            "possible duplicate: same name and district as a person in the registry"
        ),
    }


def note_kind_labels() -> dict[str, str]:
    """One line's label for each kind of note (see importing.results.Note) and duplicate."""
    labels = {
        "resolved": _("Read through another name, the sound or a close spelling: please check"),
        "place_review": _("Gram panchayat kept as typed: on the list to review"),
        "mobile_needed": _("No mobile number: imported, listed as “mobile needed”"),
        "designation": _("Another state's word for the designation, read as Gram Pradhan"),
        "gp_shared": _("Two Pradhans read as one gram panchayat: please check"),
    }
    labels.update({f"duplicate:{kind}": label for kind, label in duplicate_kind_labels().items()})
    return labels


def note_summary_lines(note_counts: dict[str, int]) -> list[tuple[str, int]]:
    """(label, count) for each kind noted, most first."""
    labels = note_kind_labels()
    return [(labels.get(kind, kind), count) for kind, count in note_counts.items()]


def decision_labels() -> dict[str, str]:
    return {"skip": _("skip"), "merge": _("merge"), "new": _("import as a new person")}


def people_export_rows(people) -> tuple[list[str], object]:
    headers = [
        _("Name"),
        _("Name in the other script"),
        _("Gender"),
        _("Mobile"),
        _("Designation"),
        _("District"),
        _("District LGD code"),
        _("Block"),
        _("Block LGD code"),
        _("Gram panchayat"),
        _("Category"),
        _("Date of election or joining"),
        _("E-mail"),
    ]

    def rows():
        for person in people.iterator(chunk_size=2000):
            yield [
                person.name,
                person.name_alt,
                person.get_gender_display(),
                person.mobile or "",
                person.get_designation_display(),
                person.district.name,
                person.district.lgd_code,
                person.block.name if person.block else "",
                person.block.lgd_code if person.block else "",
                person.gram_panchayat.name if person.gram_panchayat else person.gram_panchayat_name,
                person.social_category,
                person.term_start.strftime("%d/%m/%Y") if person.term_start else "",
                person.email,
            ]

    return headers, rows()
