"""What an import reports: decisions on duplicates, problems, and the result."""

import json
from collections.abc import Callable
from dataclasses import asdict, dataclass, field

Progress = Callable[[int, int, str], None]


BATCH = 2000


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
]


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
class DuplicateRow:
    row: int
    kind: str  # file_mobile, file_name, registry_mobile, registry_name
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
    problems: list[Problem] = field(default_factory=list)
    duplicate_rows: list[DuplicateRow] = field(default_factory=list)
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
        return (
            f"{self.created} created, {self.updated} updated, {self.unchanged} unchanged, "
            f"{self.duplicates} duplicates, {self.invalid} invalid"
            + (" (dry run: nothing written)" if self.dry_run else "")
            + ("" if self.written or self.dry_run else " (nothing written)")
        )

    def counts(self) -> dict:
        return {
            name: getattr(self, name)
            for name in ["rows", "created", "updated", "unchanged", "duplicates", "invalid"]
        }

    def as_dict(self) -> dict:
        data = asdict(self)
        data["mapping"] = {str(k): v for k, v in self.mapping.items()}
        return json.loads(json.dumps(data, default=str))
