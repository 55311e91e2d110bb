"""Bulk import of the participant registry from district spreadsheets.

    result = participants_import(path, user=officer)

Reads the first sheet, maps columns (Hindi or English headers, or a mapping the user chose),
converts Kruti Dev/DevLys columns, cleans and validates every row, finds duplicates within
the file and against the registry, and writes in one transaction — all or nothing, unless
`skip_invalid`. Every created or merged person gets an audit entry.
"""

import datetime
import difflib
import functools
import json
import uuid
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sashakt.core.bulk import rows_insert
from sashakt.core.roles import Role
from sashakt.core.spreadsheets import UnreadableFile, read_table
from sashakt.core.text import clean_text, contains_devanagari, match_key
from sashakt.geography.models import Block, District, DistrictAlias, GramPanchayat
from sashakt.people import cleaning
from sashakt.people.cleaning import FIELD_LABELS, IGNORE, CellError
from sashakt.people.models import DESIGNATION_PLACE, Person, PlaceLevel
from sashakt.people.translit import other_script, phonetic_key

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


# --- Columns ---------------------------------------------------------------------------


def find_header_row(rows: list[list]) -> int:
    """Index of the header row: the first of the top ten rows naming the most fields
    (district offices often put a title line above the table)."""
    best, best_score = 0, 0
    for index, row in enumerate(rows[:10]):
        score = sum(1 for cell in row if cleaning.header_field(cell))
        if score > best_score:
            best, best_score = index, score
    return best


def detect_mapping(headers: list) -> tuple[dict[int, str], list[str], list[str]]:
    """column index -> field; plus ignored (known extra) and unknown header names."""
    mapping, ignored, unknown, taken = {}, [], [], set()
    for index, header in enumerate(headers):
        text = clean_text(header)
        if not text:
            continue
        field_name = cleaning.header_field(text)
        if field_name == "name" and "name" in taken:
            field_name = "name_alt"  # a second name column: the other script
        if field_name and field_name not in taken:
            mapping[index] = field_name
            taken.add(field_name)
        elif match_key(text) in cleaning.KNOWN_EXTRA_HEADERS:
            mapping[index] = IGNORE
            ignored.append(text)
        else:
            unknown.append(text)
    return mapping, ignored, unknown


# --- Places ----------------------------------------------------------------------------


class PlaceResolver:
    """Districts, blocks and gram panchayats from what people type, in either script."""

    def __init__(self):
        self.districts = {d.pk: d for d in District.objects.all()}
        self.district_keys = {a.key: a.district_id for a in DistrictAlias.objects.all()}
        for district in self.districts.values():
            self.district_keys.setdefault(str(district.lgd_code), district.pk)
            self.district_keys.setdefault(phonetic_key(district.name_en), district.pk)
        self.block_keys: dict[tuple[int, str], Block] = {}
        self.block_anywhere: dict[str, Block] = {}
        ambiguous = set()
        for block in Block.objects.all():
            for key in self._block_keys(block):
                known = self.block_keys.setdefault((block.district_id, key), block)
                if known.pk != block.pk:
                    ambiguous.add((block.district_id, key))
                self.block_anywhere.setdefault(key, block)
        # Two blocks of one district that sound alike must be told apart by name or code,
        # never guessed.
        for key in ambiguous:
            del self.block_keys[key]
        self.gp_districts = set(
            GramPanchayat.objects.values_list("district_id", flat=True).distinct()
        )
        self._gp_cache: dict[int, dict[str, GramPanchayat]] = {}

    @staticmethod
    def _block_keys(block: Block) -> list[str]:
        keys = [str(block.lgd_code), match_key(block.lgd_name), phonetic_key(block.name_en)]
        if block.name_hi:
            keys += [match_key(block.name_hi), phonetic_key(block.name_hi)]
        return keys

    def district(self, value) -> District:
        text = clean_text(value)
        if not text:
            raise CellError(_("The district is empty."))
        if isinstance(value, float) and value.is_integer():
            text = str(int(value))
        pk = self.district_keys.get(match_key(text)) or self.district_keys.get(
            text if text.isdigit() else phonetic_key(text)
        )
        if pk:
            return self.districts[pk]
        raise CellError(_("This is not a district of Uttar Pradesh."), self._suggest_district(text))

    def _suggest_district(self, text: str) -> str:
        names = {d.name_en: d for d in self.districts.values()}
        names.update({d.name_hi: d for d in self.districts.values() if d.name_hi})
        match = difflib.get_close_matches(text.title(), list(names), n=1, cutoff=0.6)
        if not match:
            key = phonetic_key(text)
            by_key = {phonetic_key(d.name_en): d for d in self.districts.values()}
            match_keys = difflib.get_close_matches(key, list(by_key), n=1, cutoff=0.7)
            return by_key[match_keys[0]].name if match_keys else ""
        return names[match[0]].name

    def block(self, district: District, value) -> Block:
        text = clean_text(value)
        if isinstance(value, float) and value.is_integer():
            text = str(int(value))
        for key in (text if text.isdigit() else None, match_key(text), phonetic_key(text)):
            if key and (district.pk, key) in self.block_keys:
                return self.block_keys[(district.pk, key)]
        elsewhere = self.block_anywhere.get(match_key(text)) or self.block_anywhere.get(
            phonetic_key(text)
        )
        if elsewhere is not None and elsewhere.district_id != district.pk:
            raise CellError(
                _("Block %(block)s is in district %(other)s, not in %(district)s.")
                % {
                    "block": elsewhere.name,
                    "other": self.districts[elsewhere.district_id].name,
                    "district": district.name,
                },
            )
        names = {b.name: b for (d, _k), b in self.block_keys.items() if d == district.pk}
        match = difflib.get_close_matches(text.title(), list(names), n=1, cutoff=0.6)
        raise CellError(
            _("No block of this name in district %(district)s.") % {"district": district.name},
            match[0] if match else "",
        )

    def has_gram_panchayats(self, district: District) -> bool:
        return district.pk in self.gp_districts

    def gram_panchayat(self, district: District, block: Block | None, value) -> GramPanchayat:
        if district.pk not in self._gp_cache:
            table = {}
            for gp in GramPanchayat.objects.filter(district=district):
                for key in (
                    str(gp.lgd_code),
                    match_key(gp.lgd_name),
                    phonetic_key(gp.name_en),
                    match_key(gp.name_hi) if gp.name_hi else "",
                ):
                    if key:
                        table.setdefault(key, gp)
            self._gp_cache[district.pk] = table
        table = self._gp_cache[district.pk]
        text = clean_text(value)
        gp = table.get(match_key(text)) or table.get(phonetic_key(text))
        if gp is None:
            raise CellError(
                _("No gram panchayat of this name in district %(district)s.")
                % {"district": district.name}
            )
        if block is not None and gp.block_id and gp.block_id != block.pk:
            raise CellError(
                _("This gram panchayat is not in block %(block)s.") % {"block": block.name}
            )
        return gp


# --- Rows ------------------------------------------------------------------------------


@dataclass
class CleanRow:
    row: int
    values: dict


class RowCleaner:
    """Cleans rows into registry values, each distinct cell value of a column only once
    (a district's file repeats its designations, blocks and dates thousands of times)."""

    def __init__(
        self,
        *,
        places: PlaceResolver,
        default_district: District | None,
        only_district: District | None,
    ):
        self.places = places
        self.default_district = default_district
        self.only_district = only_district
        self.labels = {name: str(label) for name, label in FIELD_LABELS.items()}
        today = timezone.localdate()
        self.cleaners = {
            "name": cleaning.clean_name,
            "mobile": cleaning.clean_mobile,
            "gender": cleaning.clean_gender,
            "designation": cleaning.clean_designation,
            "category": cleaning.clean_category,
            "email": cleaning.clean_email,
            "term_start": functools.partial(
                cleaning.clean_date,
                earliest=datetime.date(1990, 1, 1),
                field_label=self.labels["term_start"],
            ),
            "date_of_birth": functools.partial(
                cleaning.clean_date,
                earliest=today.replace(year=today.year - 110),
                field_label=self.labels["date_of_birth"],
            ),
            "district": places.district,
        }
        self.caches: dict[str, dict] = {name: {} for name in self.cleaners}
        self.block_cache: dict[tuple[int, object], tuple[bool, object]] = {}

    def _clean(self, field_name: str, raw, row: int, problems: list[Problem]):
        cache = self.caches[field_name]
        outcome = cache.get(raw)
        if outcome is None:
            try:
                outcome = (True, self.cleaners[field_name](raw))
            except CellError as error:
                outcome = (False, error)
            cache[raw] = outcome
        ok, result = outcome
        if ok:
            return result
        problems.append(
            Problem(
                row, self.labels[field_name], _cell_text(raw), result.message, result.suggestion
            )
        )
        return None

    def clean(self, cells: dict[str, object], problems: list[Problem], row: int) -> dict | None:
        errors_before = len(problems)
        get = cells.get
        values: dict = {
            "name": self._clean("name", get("name"), row, problems),
            "mobile": self._clean("mobile", get("mobile"), row, problems),
            "gender": self._clean("gender", get("gender"), row, problems),
            "designation": self._clean("designation", get("designation"), row, problems),
            "social_category": self._clean("category", get("category"), row, problems) or "",
            "email": self._clean("email", get("email"), row, problems) or "",
            "term_start": self._clean("term_start", get("term_start"), row, problems),
            "date_of_birth": self._clean("date_of_birth", get("date_of_birth"), row, problems),
            "name_alt": clean_text(get("name_alt"))[:150],
        }
        district_typed = get("district")
        if _is_blank(district_typed) and self.default_district is not None:
            district = self.default_district
        else:
            district = self._clean("district", district_typed, row, problems)
        if district is not None and self.only_district and district != self.only_district:
            problems.append(
                Problem(
                    row,
                    self.labels["district"],
                    _cell_text(district_typed),
                    _("You can import people of %(district)s only.")
                    % {"district": self.only_district.name},
                )
            )
            district = None
        values["district"] = district
        values["block"], values["gram_panchayat"], values["gram_panchayat_name"] = self._places(
            cells, district, values["designation"], problems, row
        )
        if len(problems) > errors_before:
            return None
        return values

    def _block(self, district: District, typed):
        key = (district.pk, typed)
        outcome = self.block_cache.get(key)
        if outcome is None:
            try:
                outcome = (True, self.places.block(district, typed))
            except CellError as error:
                outcome = (False, error)
            self.block_cache[key] = outcome
        ok, result = outcome
        if not ok:
            raise result
        return result

    def _places(self, cells, district, designation, problems, row):
        block = gram_panchayat = None
        gp_text = clean_text(cells.get("gram_panchayat"))
        if district is None:
            return None, None, ""
        level = DESIGNATION_PLACE.get(designation, PlaceLevel.DISTRICT)
        block_text = cells.get("block")
        if not _is_blank(block_text):
            try:
                block = self._block(district, block_text)
            except CellError as error:
                problems.append(
                    Problem(
                        row,
                        str(FIELD_LABELS["block"]),
                        _cell_text(block_text),
                        error.message,
                        error.suggestion,
                    )
                )
                return None, None, ""
        elif level >= PlaceLevel.BLOCK:
            problems.append(
                Problem(row, str(FIELD_LABELS["block"]), "", _("This designation needs a block."))
            )
            return None, None, ""
        if level == PlaceLevel.GRAM_PANCHAYAT and not gp_text:
            problems.append(
                Problem(
                    row,
                    str(FIELD_LABELS["gram_panchayat"]),
                    "",
                    _("This designation needs a gram panchayat."),
                )
            )
            return block, None, ""
        if gp_text and self.places.has_gram_panchayats(district):
            try:
                gram_panchayat = self.places.gram_panchayat(district, block, gp_text)
            except CellError as error:
                problems.append(
                    Problem(
                        row,
                        str(FIELD_LABELS["gram_panchayat"]),
                        gp_text,
                        error.message,
                        error.suggestion,
                    )
                )
        return block, gram_panchayat, gp_text[:150]


def _is_blank(value) -> bool:
    return value is None or (isinstance(value, str) and not clean_text(value))


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return clean_text(value)[:200]


# --- The import ------------------------------------------------------------------------


def participants_import(
    path: Path | str,
    *,
    user=None,
    mapping: dict[int, str] | None = None,
    skip_invalid: bool = False,
    dry_run: bool = False,
    duplicates: str = Decision.SKIP,
    decisions: dict[int, str] | None = None,
    progress: Progress | None = None,
) -> ImportResult:
    """Import people from a spreadsheet. See the module docstring."""
    result = ImportResult(dry_run=dry_run)
    report = progress or (lambda done, total, message: None)
    try:
        table = read_table(path)
    except UnreadableFile as error:
        result.file_error = str(error)
        return result

    header_index = find_header_row(table.rows)
    result.header_row = header_index + 1
    headers = [_cell_text(h) for h in (table.rows[header_index] if table.rows else [])]
    result.headers = headers
    detected, result.ignored_columns, result.unknown_columns = detect_mapping(headers)
    if mapping is not None:
        detected = {int(k): v for k, v in mapping.items() if v}
        result.unknown_columns = [h for i, h in enumerate(headers) if h and i not in detected]
        result.ignored_columns = [h for i, h in enumerate(headers) if detected.get(i) == IGNORE]
    result.mapping = detected
    columns = {field_name: index for index, field_name in detected.items() if field_name != IGNORE}

    officer_district = user.district if user is not None and user.role == Role.DISTRICT else None
    missing = [
        f.name
        for f in cleaning.FIELDS
        if f.required and f.name not in columns and not (f.name == "district" and officer_district)
    ]
    if missing:
        result.file_error = _("The file has no column for: %(fields)s.") % {
            "fields": ", ".join(str(FIELD_LABELS[name]) for name in missing)
        }
        return result

    body = [
        (header_index + 2 + offset, row)
        for offset, row in enumerate(table.rows[header_index + 1 :])
    ]
    body = [(number, row) for number, row in body if not all(_is_blank(c) for c in row)]
    result.rows = len(body)
    total = len(body)
    report(0, total, _("Checking rows"))

    legacy = {}
    for field_name in (
        "name",
        "name_alt",
        "district",
        "block",
        "gram_panchayat",
        "designation",
        "gender",
        "category",
    ):
        index = columns.get(field_name)
        if index is None:
            continue
        values = [row[index] if index < len(row) else None for _n, row in body]
        if cleaning.column_is_legacy(values):
            legacy[field_name] = {}
            result.legacy_columns.append(headers[index])

    places = PlaceResolver()
    cleaner = RowCleaner(
        places=places, default_district=officer_district, only_district=officer_district
    )
    clean_rows: list[CleanRow] = []
    for done, (number, row) in enumerate(body, start=1):
        cells = {}
        for field_name, index in columns.items():
            value = row[index] if index < len(row) else None
            if field_name in legacy and isinstance(value, str):
                cache = legacy[field_name]
                if value not in cache:
                    cache[value] = (
                        cleaning.legacy_decode(value) if not contains_devanagari(value) else value
                    )
                value = cache[value]
            cells[field_name] = value
        values = cleaner.clean(cells, result.problems, number)
        if values is not None:
            clean_rows.append(CleanRow(number, values))
        if done % BATCH == 0:
            report(done, total, _("Checking rows"))
    result.invalid = len({p.row for p in result.problems})

    plan = _plan(clean_rows, result, user=user, duplicates=duplicates, decisions=decisions or {})
    if dry_run or (result.invalid and not skip_invalid):
        return result
    report(total, total, _("Saving"))
    _write(plan, user=user)
    result.written = True
    return result


@dataclass
class _Plan:
    create: list[dict] = field(default_factory=list)  # values of new people
    update: list[tuple[Person, dict, dict]] = field(default_factory=list)  # person, new, old


@functools.lru_cache(maxsize=200_000)
def _name_forms(name: str) -> tuple[str, str]:
    """The other-script rendering and the phonetic key of a name (names repeat a lot)."""
    return other_script(name)[:150], phonetic_key(name)[:150]


def _person_values(values: dict) -> dict:
    name = values["name"]
    name_alt, name_key = _name_forms(name)
    return {
        "name": name,
        "name_alt": values["name_alt"] or name_alt,
        "name_key": name_key,
        "gender": values["gender"],
        "mobile": values["mobile"],
        "designation": values["designation"],
        "district_id": values["district"].pk,
        "block_id": values["block"].pk if values["block"] else None,
        "gram_panchayat_id": values["gram_panchayat"].pk if values["gram_panchayat"] else None,
        "gram_panchayat_name": values["gram_panchayat_name"],
        "social_category": values["social_category"],
        "term_start": values["term_start"],
        "date_of_birth": values["date_of_birth"],
        "email": values["email"],
    }


def _plan(
    rows: list[CleanRow], result: ImportResult, *, user, duplicates: str, decisions: dict[int, str]
) -> _Plan:
    plan = _Plan()
    seen_mobiles: dict[str, int] = {}
    seen_names: dict[tuple[str, int], int] = {}
    candidates: list[tuple[int, dict]] = []
    for row in rows:
        values = _person_values(row.values)
        mobile, name_at = values["mobile"], (values["name_key"], values["district_id"])
        if mobile in seen_mobiles:
            result.duplicate_rows.append(
                DuplicateRow(
                    row.row,
                    "file_mobile",
                    values["name"],
                    mobile,
                    other_row=seen_mobiles[mobile],
                    decision=Decision.SKIP,
                )
            )
            result.duplicates += 1
            continue
        seen_mobiles[mobile] = row.row
        if name_at in seen_names:
            decision = decisions.get(
                row.row, Decision.SKIP if duplicates == Decision.SKIP else Decision.NEW
            )
            result.duplicate_rows.append(
                DuplicateRow(
                    row.row,
                    "file_name",
                    values["name"],
                    mobile,
                    other_row=seen_names[name_at],
                    decision=decision,
                )
            )
            if decision != Decision.NEW:
                result.duplicates += 1
                continue
        seen_names.setdefault(name_at, row.row)
        candidates.append((row.row, values))

    # Plain rows, not model instances: a re-import compares 100,000 people.
    existing_by_mobile: dict[str, tuple] = {}
    mobiles = [values["mobile"] for _r, values in candidates]
    for start in range(0, len(mobiles), BATCH):
        chunk = mobiles[start : start + BATCH]
        for person in Person.objects.filter(mobile__in=chunk).values_list(*EXISTING, named=True):
            existing_by_mobile[person.mobile] = person
    unmatched = [(r, v) for r, v in candidates if v["mobile"] not in existing_by_mobile]
    existing_by_name: dict[tuple[str, int], tuple] = {}
    keys = sorted({v["name_key"] for _r, v in unmatched if v["name_key"]})
    districts = {v["district_id"] for _r, v in unmatched}
    for start in range(0, len(keys), BATCH):
        for person in Person.objects.filter(
            name_key__in=keys[start : start + BATCH], district_id__in=districts
        ).values_list(*EXISTING, named=True):
            existing_by_name.setdefault((person.name_key, person.district_id), person)

    may_merge_elsewhere = user is None or user.role == Role.STATE
    for row_number, values in candidates:
        person = existing_by_mobile.get(values["mobile"])
        kind = "registry_mobile"
        if person is None:
            person = existing_by_name.get((values["name_key"], values["district_id"]))
            kind = "registry_name"
        if person is None:
            plan.create.append(values)
            result.created += 1
            continue
        changes = {name: value for name, value in values.items() if getattr(person, name) != value}
        if not changes:
            result.unchanged += 1
            continue
        default = duplicates if duplicates in (Decision.SKIP, Decision.MERGE) else Decision.SKIP
        decision = decisions.get(row_number, default)
        if kind == "registry_name" and decision == Decision.NEW:
            plan.create.append(values)
            result.created += 1
            result.duplicate_rows.append(
                DuplicateRow(
                    row_number,
                    kind,
                    values["name"],
                    values["mobile"],
                    person_id=person.id,
                    person_name=person.name,
                    decision=decision,
                )
            )
            continue
        if person.district_id != values["district_id"] and not may_merge_elsewhere:
            result.problems.append(
                Problem(
                    row_number,
                    str(FIELD_LABELS["mobile"]),
                    values["mobile"],
                    _("This mobile number belongs to a person registered in another district."),
                )
            )
            result.invalid += 1
            continue
        result.duplicate_rows.append(
            DuplicateRow(
                row_number,
                kind,
                values["name"],
                values["mobile"],
                person_id=person.id,
                person_name=person.name,
                decision=decision,
            )
        )
        if decision == Decision.MERGE:
            plan.update.append((person, changes, {n: getattr(person, n) for n in changes}))
            result.updated += 1
        else:
            result.duplicates += 1
    return plan


def _write(plan: _Plan, *, user) -> None:
    """Write the plan in one transaction, with an audit entry for every person touched."""
    content_type_id = ContentType.objects.get_for_model(Person).pk
    audit = {  # the same for every entry of this import
        "content_type_id": content_type_id,
        "actor_id": user.pk if user is not None else None,
        "cid": str(uuid.uuid4()),
        "timestamp": timezone.now(),
        "additional_data": {"source": "import"},
    }
    with transaction.atomic():
        rows_insert(Person, plan.create, common={"is_demo": False}, batch_size=BATCH)
        pks = _pks_by_mobile([values["mobile"] for values in plan.create])
        updated = []
        changed_fields: set[str] = set()
        for person, changes, _old in plan.update:
            changed_fields.update(changes)
            updated.append(Person(id=person.id, **changes))
        if updated:
            Person.objects.bulk_update(updated, sorted(changed_fields), batch_size=BATCH)
        entries = (
            {
                "object_pk": str(pks[values["mobile"]]),
                "object_id": pks[values["mobile"]],
                "object_repr": values["name"][:200],
                "action": LogEntry.Action.CREATE,
                "changes": _audit_changes({n: values[n] for n in PERSON_FIELDS}, {}),
            }
            for values in plan.create
        )
        rows_insert(LogEntry, entries, common=audit, batch_size=BATCH)
        rows_insert(
            LogEntry,
            (
                {
                    "object_pk": str(person.id),
                    "object_id": person.id,
                    "object_repr": person.name[:200],
                    "action": LogEntry.Action.UPDATE,
                    "changes": _audit_changes(changes, old),
                }
                for person, changes, old in plan.update
            ),
            common=audit,
            batch_size=BATCH,
        )


def _pks_by_mobile(mobiles: list[str]) -> dict[str, int]:
    """Ids of the people just inserted (executemany returns none), by their unique mobile."""
    table = connection.ops.quote_name(Person._meta.db_table)
    pks = {}
    with connection.cursor() as cursor:
        for start in range(0, len(mobiles), BATCH):
            chunk = mobiles[start : start + BATCH]
            placeholders = ", ".join(["%s"] * len(chunk))
            cursor.execute(
                f"SELECT mobile, id FROM {table} WHERE mobile IN ({placeholders})", chunk
            )
            pks.update(cursor.fetchall())
    return pks


def _audit_changes(new: dict, old: dict) -> dict:
    """auditlog's format: field -> [old, new] as text; foreign keys under their field name.
    Fields empty before and after are left out."""
    changes = {}
    for name, value in new.items():
        before = old.get(name)
        if (value is None or value == "") and (before is None or before == ""):
            continue
        changes[AUDIT_NAMES[name]] = [
            "None" if before is None else str(before),
            "None" if value is None else str(value),
        ]
    return changes
