"""What an import reports: decisions on duplicates, problems, and the result."""

import json
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass, field

from django.utils.translation import gettext as _

Progress = Callable[[int, int, str], None]


BATCH = 2000
NOTES_KEPT = 1000  # notes kept with an import's summary for its page


# Fields compared to decide "unchanged" and written on merge.
PERSON_FIELDS = [
    "name",
    "name_alt",
    "name_key",
    "gender",
    "mobile",
    "designation",
    "district_id",
    "block_id",
    "gram_panchayat_id",
    "gram_panchayat_name",
    "social_category",
    "term_start",
    "date_of_birth",
    "email",
    "needs_place_review",
]
COMPARED = frozenset(PERSON_FIELDS)


AUDIT_NAMES = {name: name.removesuffix("_id") for name in PERSON_FIELDS}


EXISTING = ["id", *PERSON_FIELDS]  # what a registry match is compared on


class Decision:
    SKIP = "skip"
    MERGE = "merge"
    NEW = "new"  # only for a name match: a different person who shares the name


@dataclass
class Problem:
    row: int
    column: str
    value: str
    message: str
    suggestion: str = ""


@dataclass
class Note:
    """Not a problem: something the officer should check on a row that is imported.

    kind: "resolved" (a value read through an alias, the phonetic key or a close spelling),
    "place_review" (a gram panchayat kept as typed; the person goes onto the review list),
    "mobile_needed" (no mobile: imported, listed as needing one), "designation" (another
    state's word read as Pradhan), "gp_shared" (two Pradhans read as one gram panchayat)."""

    row: int
    column: str
    value: str
    message: str
    kind: str = "resolved"


@dataclass
class DuplicateRow:
    row: int
    # file_mobile, file_name, file_possible, registry_mobile, registry_name, registry_possible:
    # same mobile / same name + place + designation / same name in the district only.
    kind: str
    name: str
    mobile: str
    other_row: int | None = None
    person_id: int | None = None
    person_name: str = ""
    decision: str = Decision.SKIP


@dataclass
class ImportResult:
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    duplicates: int = 0
    invalid: int = 0
    place_review: int = 0  # people imported with a gram panchayat to review
    mobile_needed: int = 0  # people imported without a mobile
    import_id: int | None = None
    problems: list[Problem] = field(default_factory=list)
    duplicate_rows: list[DuplicateRow] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    mapping: dict[int, str] = field(default_factory=dict)
    headers: list[str] = field(default_factory=list)
    header_row: int = 1
    legacy_columns: list[str] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    unknown_columns: list[str] = field(default_factory=list)
    written: bool = False
    dry_run: bool = False
    file_error: str = ""

    @property
    def ok(self) -> bool:
        return not self.file_error and (self.invalid == 0 or self.written)

    def summary_line(self) -> str:
        """One line in the active language."""
        line = _(
            "%(created)s created, %(updated)s updated, %(unchanged)s unchanged, "
            "%(duplicates)s duplicates, %(invalid)s invalid"
        ) % {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "duplicates": self.duplicates,
            "invalid": self.invalid,
        }
        if self.dry_run:
            return line + " " + _("(dry run: nothing written)")
        return line if self.written else line + " " + _("(nothing written)")

    def note_counts(self) -> dict[str, int]:
        """How many notes of each kind, and of each kind of duplicate ("duplicate:<kind>"),
        most first: what the officer reads instead of thousands of lines."""
        counts = Counter(note.kind for note in self.notes)
        counts.update(f"duplicate:{dup.kind}" for dup in self.duplicate_rows)
        return dict(counts.most_common())

    def counts(self) -> dict:
        return {
            name: getattr(self, name)
            for name in [
                "rows",
                "created",
                "updated",
                "unchanged",
                "duplicates",
                "invalid",
                "place_review",
                "mobile_needed",
            ]
        }

    def as_dict(self) -> dict:
        """What the import page keeps (the row-by-row report has every note)."""
        notes, self.notes = self.notes, self.notes[:NOTES_KEPT]
        try:
            data = asdict(self)
        finally:
            self.notes = notes
        data["notes_total"] = len(notes)
        data["note_counts"] = self.note_counts()
        data["mapping"] = {str(k): v for k, v in self.mapping.items()}
        return json.loads(json.dumps(data, default=str))
