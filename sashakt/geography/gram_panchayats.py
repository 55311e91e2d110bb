"""Gram panchayats from LGD's PRI local bodies: the shipped list and LGD's own export.

LGD keys the Panchayati Raj tiers by *local-body* codes: type 1 District Panchayat, type 2
Intermediate Panchayat (the Kshetra Panchayat), type 3 Village Panchayat (the gram
panchayat), each pointing at its parent. These codes are a series of their own — 238 of UP's
826 Intermediate Panchayat codes equal some unrelated block code — so they are kept in their
own fields and never compared with district or block codes. An Intermediate Panchayat is
linked to its development block through the reviewed file `intermediate_panchayat_blocks.csv`
(stored on `Block.intermediate_panchayat_code`); a District Panchayat to its district likewise.
"""

import csv
import hashlib
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils import translation

from sashakt.core.spreadsheets import SPREADSHEET_SUFFIXES, UnreadableFile, read_table
from sashakt.core.text import clean_text, contains_devanagari, display_case, match_key
from sashakt.geography.models import (
    Block,
    District,
    DistrictAlias,
    GeographyDataVersion,
    GramPanchayat,
)
from sashakt.geography.services import (
    BLOCK_NAMES_HI_FILE,
    DATA_DIR,
    IP_BLOCKS_FILE,
    GeographyLoadResult,
    LoadCounts,
    geography_load,
    upsert_rows,
)
from sashakt.geography.signals import gram_panchayats_loaded

GRAM_PANCHAYATS_FILE = "gram_panchayats.csv"
SHIPPED_FILES = (
    "districts.csv",
    "district_names.csv",
    "districts.geojson",
    "blocks.csv",
    IP_BLOCKS_FILE,
    BLOCK_NAMES_HI_FILE,
    GRAM_PANCHAYATS_FILE,
)
SHIPPED_VERSION_NAME = "up-geography"

DISTRICT_PANCHAYAT, INTERMEDIATE_PANCHAYAT, VILLAGE_PANCHAYAT = 1, 2, 3
# LGD's "PRI Local Body of a State" export, columns compared without case, spaces or
# punctuation ("Localbody Name (In English)" == "Local Body Name in English").
PRI_REQUIRED = {
    "type": "localbodytypecode",
    "code": "localbodycode",
    "name_en": "localbodynameinenglish",
    "parent": "parentlocalbodycode",
}
PRI_OPTIONAL = {"name_hi": "localbodynameinlocal"}
PRI_HEADER_TEXT = (
    "Localbody Type Code, Localbody Code, Localbody Name (In English), Parent Localbody Code "
    "(optional: S.No., Localbody Type Name, Localbody Version, Localbody Name (In Local))"
)
HEADER_SEARCH_ROWS = 15


@dataclass
class GramPanchayatLoadResult:
    counts: LoadCounts = field(default_factory=LoadCounts)
    skipped_other_rows: int = 0
    errors: list[str] = field(default_factory=list)
    header_problem: bool = False
    blocks_linked: int = 0
    written: bool = False


@dataclass
class UpGeographyLoadResult:
    sha256: str
    skipped: bool = False
    geography: GeographyLoadResult | None = None
    gram_panchayats: GramPanchayatLoadResult | None = None


def shipped_data_sha256(data_dir: Path = DATA_DIR) -> str:
    digest = hashlib.sha256()
    for name in SHIPPED_FILES:
        digest.update(name.encode())
        digest.update((data_dir / name).read_bytes())
    return digest.hexdigest()


def up_geography_load(data_dir: Path = DATA_DIR, *, force: bool = False) -> UpGeographyLoadResult:
    """Districts, blocks and the 57,695 shipped gram panchayats; skipped when unchanged.

    The shipped files' SHA-256 is stored after a load; a second `make run` with the same
    files reads them once, hashes them and stops.
    """
    sha256 = shipped_data_sha256(data_dir)
    stored = GeographyDataVersion.objects.filter(name=SHIPPED_VERSION_NAME).first()
    if (
        not force
        and stored is not None
        and stored.sha256 == sha256
        and GramPanchayat.objects.exists()
        and District.objects.exists()
    ):
        # Unchanged names, but the keys made of them may be missing (a new install of the
        # code, changed transliteration rules): the receivers make only what is missing.
        gram_panchayats_loaded.send(sender=GramPanchayat, changed=False)
        return UpGeographyLoadResult(sha256=sha256, skipped=True)
    with transaction.atomic():
        geography = geography_load(data_dir)
        gram_panchayats = shipped_gram_panchayats_load(data_dir / GRAM_PANCHAYATS_FILE)
        if gram_panchayats.errors:
            raise ValueError("; ".join(gram_panchayats.errors[:10]))
        GeographyDataVersion.objects.update_or_create(
            name=SHIPPED_VERSION_NAME, defaults={"sha256": sha256}
        )
    gram_panchayats_loaded.send(sender=GramPanchayat, changed=True)
    return UpGeographyLoadResult(
        sha256=sha256, geography=geography, gram_panchayats=gram_panchayats
    )


def shipped_gram_panchayats_load(path: Path) -> GramPanchayatLoadResult:
    """The shipped list (`gp_localbody_code, gp_name_en, ip_localbody_code, ip_name_en,
    dp_localbody_code, dp_name_en`), linked through the blocks' stored IP codes."""
    result = GramPanchayatLoadResult()
    block_of_ip = dict(
        Block.objects.filter(intermediate_panchayat_code__isnull=False).values_list(
            "intermediate_panchayat_code", "pk"
        )
    )
    district_of_block = dict(Block.objects.values_list("pk", "district_id"))
    rows = {}
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            ip_code = int(row["ip_localbody_code"])
            block_id = block_of_ip.get(ip_code)
            if block_id is None:
                result.errors.append(
                    f"line {line}: Intermediate Panchayat {ip_code} ({row['ip_name_en']}) is "
                    f"not in {IP_BLOCKS_FILE}"
                )
                continue
            name = clean_text(row["gp_name_en"])
            rows[int(row["gp_localbody_code"])] = {
                "lgd_name": name,
                "name_en": display_case(name),
                "district_id": district_of_block[block_id],
                "block_id": block_id,
                "intermediate_panchayat_code": ip_code,
                "district_panchayat_code": int(row["dp_localbody_code"]),
            }
    if not result.errors:
        result.counts = upsert_rows(GramPanchayat, rows)
        result.written = True
    return result


# --- LGD's own export ---------------------------------------------------------------------


def _column_key(header) -> str:
    return re.sub(r"[^a-z]", "", clean_text(header).lower())


def _cell(value) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return clean_text(value)


def _table_rows(path: Path) -> list[list[str]]:
    suffix = path.suffix.lower()
    if suffix in SPREADSHEET_SUFFIXES:
        # The same sealed reader as uploads: checked before parsing, read within the
        # limits, in a memory-limited child. A file from LGD's site is no more trusted
        # than an upload (a 1.6 KB workbook claiming a cell at XFD1048576 made calamine
        # allocate 549 GB and abort the whole command).
        return [[_cell(value) for value in row] for row in read_table(path).rows]
    raw = path.read_bytes()
    text = raw.decode("utf-8-sig") if _is_utf8(raw) else raw.decode("cp1252", errors="replace")
    return [[_cell(value) for value in row] for row in csv.reader(io.StringIO(text, newline=""))]


def _is_utf8(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _find_header(rows: list[list[str]]) -> tuple[int, dict[str, int]] | None:
    """The row holding LGD's column names (a title line may stand above it)."""
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        keys = {_column_key(value): position for position, value in enumerate(row) if value}
        if all(key in keys for key in PRI_REQUIRED.values()):
            wanted = {**PRI_REQUIRED, **PRI_OPTIONAL}
            return index, {name: keys[key] for name, key in wanted.items() if key in keys}
    return None


def _as_code(text: str) -> int | None:
    return int(text) if text.isdigit() else None


@dataclass
class _Places:
    """Districts and blocks as plain ids, with the local-body codes they carry."""

    district_of_dp: dict[int, int]
    district_by_key: dict[str, int]
    district_names: dict[int, str]
    block_of_ip: dict[int, int]
    district_of_block: dict[int, int]
    block_by_name: dict[tuple[int, str], int]

    @classmethod
    def load(cls) -> "_Places":
        blocks = list(Block.objects.values_list("pk", "district_id", "intermediate_panchayat_code"))
        by_name = {}
        for pk, district_id, *names in Block.objects.values_list(
            "pk", "district_id", "lgd_name", "name_en", "intermediate_panchayat_name"
        ):
            for name in filter(None, names):
                by_name[(district_id, match_key(name))] = pk
        return cls(
            district_of_dp=dict(
                District.objects.filter(district_panchayat_code__isnull=False).values_list(
                    "district_panchayat_code", "pk"
                )
            ),
            district_by_key=dict(DistrictAlias.objects.values_list("key", "district_id")),
            district_names=dict(District.objects.values_list("pk", "name_en")),
            block_of_ip={ip: pk for pk, _, ip in blocks if ip is not None},
            district_of_block={pk: district_id for pk, district_id, _ in blocks},
            block_by_name=by_name,
        )


def lgd_pri_export_load(path: Path, *, skip_invalid: bool = False) -> GramPanchayatLoadResult:
    """LGD's "PRI Local Body of a State" download (.csv, .xls or .xlsx) as it comes.

    District Panchayats are found by their stored local-body code, else by district name;
    Intermediate Panchayats by their stored code, else by block name within that district
    (a new link is stored on the block); village panchayats by their parent's code. All or
    nothing unless `skip_invalid`; an unchanged file writes nothing.
    """
    result = GramPanchayatLoadResult()
    path = Path(path)
    try:
        with translation.override("en"):  # this loader's messages are all in English
            table = _table_rows(path)
    except (UnreadableFile, csv.Error) as error:  # the sealed reader's message, or a bad CSV
        result.header_problem = True
        result.errors.append(f"The file cannot be read as .csv, .xls or .xlsx: {error}")
        return result
    found = _find_header(table)
    if found is None:
        result.header_problem = True
        first = next((row for row in table[:HEADER_SEARCH_ROWS] if any(row)), [])
        result.errors.append(
            f"This is not LGD's PRI local-body export: it needs the columns {PRI_HEADER_TEXT} "
            f"(found: {', '.join(value for value in first if value) or 'nothing'})."
        )
        return result
    header_index, columns = found
    places = _Places.load()

    def value(row: list[str], name: str) -> str:
        position = columns.get(name)
        return row[position] if position is not None and position < len(row) else ""

    records = []
    for line, row in enumerate(table[header_index + 1 :], start=header_index + 2):
        if not any(row):
            continue
        kind, code = _as_code(value(row, "type")), _as_code(value(row, "code"))
        if kind not in (DISTRICT_PANCHAYAT, INTERMEDIATE_PANCHAYAT, VILLAGE_PANCHAYAT):
            result.skipped_other_rows += 1
            continue
        if code is None or not value(row, "name_en"):
            result.errors.append(f"line {line}: no valid local-body code or English name")
            continue
        records.append((line, kind, code, row))

    district_of_dp = dict(places.district_of_dp)
    for line, _kind, code, row in (r for r in records if r[1] == DISTRICT_PANCHAYAT):
        district_id = district_of_dp.get(code) or places.district_by_key.get(
            match_key(value(row, "name_en"))
        )
        if district_id is None:
            result.errors.append(
                f"line {line}: District Panchayat {code} ({value(row, 'name_en')}) matches no "
                "UP district"
            )
            continue
        district_of_dp[code] = district_id

    block_of_ip, new_links = dict(places.block_of_ip), {}
    for line, _kind, code, row in (r for r in records if r[1] == INTERMEDIATE_PANCHAYAT):
        name, parent = value(row, "name_en"), _as_code(value(row, "parent"))
        district_id = district_of_dp.get(parent)
        block_id = block_of_ip.get(code)
        if block_id is None and district_id is not None:
            block_id = places.block_by_name.get((district_id, match_key(name)))
            if block_id is not None:
                new_links[block_id] = (code, name)
        if block_id is None:
            result.errors.append(
                f"line {line}: Intermediate Panchayat {code} ({name}) matches no development "
                f"block; add its block to {IP_BLOCKS_FILE}"
            )
            continue
        if district_id is not None and places.district_of_block[block_id] != district_id:
            result.errors.append(
                f"line {line}: Intermediate Panchayat {code} ({name}) is linked to a block of "
                f"{places.district_names[places.district_of_block[block_id]]}, but its "
                f"District Panchayat is {places.district_names[district_id]}"
            )
            continue
        block_of_ip[code] = block_id

    dp_of_district = {district_id: dp_code for dp_code, district_id in district_of_dp.items()}
    rows = {}
    for line, _kind, code, row in (r for r in records if r[1] == VILLAGE_PANCHAYAT):
        name, parent = value(row, "name_en"), _as_code(value(row, "parent"))
        block_id = block_of_ip.get(parent)
        if block_id is None:
            result.errors.append(
                f"line {line}: village panchayat {code} ({name}): its Intermediate Panchayat "
                f"{value(row, 'parent') or '(none)'} is not known"
            )
            continue
        district_id = places.district_of_block[block_id]
        local = value(row, "name_hi")
        rows[code] = {
            "lgd_name": name,
            "name_en": display_case(name),
            "name_hi": local if contains_devanagari(local) else "",
            "district_id": district_id,
            "block_id": block_id,
            "intermediate_panchayat_code": parent,
            "district_panchayat_code": dp_of_district.get(district_id),
        }
    if result.errors and not skip_invalid:
        return result
    with transaction.atomic():
        for block_id, (ip_code, ip_name) in new_links.items():
            Block.objects.filter(pk=block_id).update(
                intermediate_panchayat_code=ip_code, intermediate_panchayat_name=ip_name
            )
        result.blocks_linked = len(new_links)
        result.counts = upsert_rows(GramPanchayat, rows)
    result.written = True
    gram_panchayats_loaded.send(sender=GramPanchayat, changed=True)
    return result
