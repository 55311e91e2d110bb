"""Loading the reference geography of Uttar Pradesh (LGD codes) into the database.

Every load compares with what is stored and writes only the difference, so running it
again is harmless and says "unchanged".
"""

import csv
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from sashakt.core.text import clean_text, display_case, match_key
from sashakt.geography.models import Block, District, DistrictAlias, GramPanchayat

DATA_DIR = Path(__file__).parent / "data"
UP_STATE_CODE = 9


@dataclass
class LoadCounts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def __str__(self) -> str:
        return f"{self.created} created, {self.updated} updated, {self.unchanged} unchanged"


@dataclass
class GeographyLoadResult:
    districts: LoadCounts = field(default_factory=LoadCounts)
    blocks: LoadCounts = field(default_factory=LoadCounts)
    aliases: LoadCounts = field(default_factory=LoadCounts)


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def _upsert(model, rows: dict[int, dict], *, key: str = "lgd_code") -> LoadCounts:
    counts = LoadCounts()
    existing = {getattr(obj, key): obj for obj in model.objects.all()}
    to_create, to_update, changed_fields = [], [], set()
    for code, values in rows.items():
        obj = existing.get(code)
        if obj is None:
            to_create.append(model(**{key: code}, **values))
            continue
        diff = {name: value for name, value in values.items() if getattr(obj, name) != value}
        if diff:
            for name, value in diff.items():
                setattr(obj, name, value)
            to_update.append(obj)
            changed_fields.update(diff)
        else:
            counts.unchanged += 1
    model.objects.bulk_create(to_create, batch_size=2000)
    if to_update:
        model.objects.bulk_update(to_update, sorted(changed_fields), batch_size=2000)
    counts.created, counts.updated = len(to_create), len(to_update)
    return counts


def polygon_centroid(ring: list[list[float]]) -> tuple[float, float]:
    """Area-weighted centroid (lat, lon) of a closed lon/lat ring (shoelace formula)."""
    area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:], strict=False):
        cross = x0 * y1 - x1 * y0
        area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    area /= 2
    return cy / (6 * area), cx / (6 * area)


def _district_centroids(geojson_path: Path) -> dict[int, tuple[float, float]]:
    data = json.loads(geojson_path.read_text(encoding="utf-8"))
    centroids = {}
    for feature in data["features"]:
        geometry = feature["geometry"]
        rings = (
            [geometry["coordinates"][0]]
            if geometry["type"] == "Polygon"
            else [polygon[0] for polygon in geometry["coordinates"]]
        )
        largest = max(rings, key=len)
        lat, lon = polygon_centroid(largest)
        centroids[int(feature["properties"]["lgd_code"])] = (round(lat, 5), round(lon, 5))
    return centroids


@transaction.atomic
def geography_load(data_dir: Path = DATA_DIR) -> GeographyLoadResult:
    result = GeographyLoadResult()
    reviewed = {int(row["lgd_code"]): row for row in _read_csv(data_dir / "district_names.csv")}
    centroids = _district_centroids(data_dir / "districts.geojson")

    district_rows = {}
    for row in _read_csv(data_dir / "districts.csv"):
        code = int(row["lgd_code"])
        names = reviewed.get(code, {})
        lat, lon = centroids.get(code, (None, None))
        district_rows[code] = {
            "lgd_name": clean_text(row["name_en"]),
            "name_en": clean_text(names.get("name_en")) or display_case(row["name_en"]),
            "name_hi": clean_text(names.get("name_hi")) or clean_text(row.get("name_hi")),
            "centroid_lat": lat,
            "centroid_lon": lon,
        }
    result.districts = _upsert(District, district_rows)

    districts = {d.lgd_code: d for d in District.objects.all()}
    block_rows = {}
    for row in _read_csv(data_dir / "blocks.csv"):
        block_rows[int(row["lgd_code"])] = {
            "lgd_name": clean_text(row["name_en"]),
            "name_en": display_case(row["name_en"]),
            "name_hi": clean_text(row.get("name_hi")),
            "district": districts[int(row["district_lgd_code"])],
        }
    result.blocks = _upsert(Block, block_rows)

    result.aliases = _aliases_load(districts.values(), reviewed)
    return result


def _aliases_load(districts: Iterable[District], reviewed: dict[int, dict]) -> LoadCounts:
    """Every name of a district (LGD, English, Hindi, old and common) under its match key."""
    wanted: dict[str, tuple[District, str]] = {}
    ambiguous: set[str] = set()
    for district in districts:
        extra = (reviewed.get(district.lgd_code, {}).get("aliases") or "").split("|")
        for alias in [district.lgd_name, district.name_en, district.name_hi, *extra]:
            alias = clean_text(alias)
            key = match_key(alias)
            if not key:
                continue
            if key in wanted and wanted[key][0].pk != district.pk:
                ambiguous.add(key)  # e.g. a town that heads two districts: never guess
            wanted.setdefault(key, (district, alias))
    for key in ambiguous:
        wanted.pop(key, None)

    counts = LoadCounts()
    existing = {alias.key: alias for alias in DistrictAlias.objects.all()}
    stale = [alias.pk for key, alias in existing.items() if key not in wanted]
    DistrictAlias.objects.filter(pk__in=stale).delete()
    to_create = []
    for key, (district, alias) in wanted.items():
        current = existing.get(key)
        if current is None:
            to_create.append(DistrictAlias(key=key, alias=alias, district=district))
        elif current.district_id != district.pk or current.alias != alias:
            current.district, current.alias = district, alias
            current.save(update_fields=["district", "alias"])
            counts.updated += 1
        else:
            counts.unchanged += 1
    DistrictAlias.objects.bulk_create(to_create)
    counts.created = len(to_create)
    return counts


# --- Gram panchayats from LGD's export -----------------------------------------------------

# LGD has published the same list under several header spellings over the years.
GP_COLUMNS = {
    "code": [
        "local body code",
        "gram panchayat code",
        "gp code",
        "village panchayat code",
        "lgd_code",
        "localbodycode",
    ],
    "name_en": [
        "local body name (in english)",
        "local body name",
        "gram panchayat name",
        "gp name",
        "name_en",
        "localbodynameenglish",
    ],
    "name_hi": [
        "local body name (in local)",
        "local body name (in local language)",
        "local body name in local language",
        "name_hi",
        "localbodynamelocal",
    ],
    "state": ["state code", "state_code", "statecode"],
    "district": ["district code", "district_lgd_code", "district_code", "districtcode"],
    "district_name": ["district name", "district name (in english)", "district"],
    "block": ["block code", "block_lgd_code", "block_code", "blockcode"],
    "block_name": ["block name", "block name (in english)", "block"],
    "intermediate": [
        "parent local body code",
        "intermediate panchayat code",
        "intermediate_panchayat_code",
        "parentlocalbodycode",
    ],
    "type": [
        "local body type code",
        "localbodytypecode",
        "local body type name",
        "local body type",
    ],
}
VILLAGE_PANCHAYAT_TYPES = {"3", "village panchayat", "gram panchayat"}


@dataclass
class GramPanchayatLoadResult:
    counts: LoadCounts = field(default_factory=LoadCounts)
    skipped_other_rows: int = 0
    errors: list[str] = field(default_factory=list)
    written: bool = False


def _header_map(headers: list[str]) -> dict[str, str]:
    normalised = {clean_text(h).lower(): h for h in headers if h}
    found = {}
    for field_name, synonyms in GP_COLUMNS.items():
        for synonym in synonyms:
            if synonym in normalised:
                found[field_name] = normalised[synonym]
                break
    return found


def gram_panchayats_load(path: Path, *, skip_invalid: bool = False) -> GramPanchayatLoadResult:
    """Load LGD's gram panchayat list (CSV), all or nothing unless `skip_invalid`.

    Rows of other states and other local-body types are passed over. Each GP needs a
    district (by LGD code or name); the block is linked when the file gives one.
    """
    result = GramPanchayatLoadResult()
    with Path(path).open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        columns = _header_map(reader.fieldnames or [])
        missing = [name for name in ("code", "name_en") if name not in columns]
        if missing or not ({"district", "district_name", "block"} & columns.keys()):
            result.errors.append(
                "the file needs columns for the GP code, its English name and its district "
                f"(found: {', '.join(reader.fieldnames or [])})"
            )
            return result
        districts_by_code = {d.lgd_code: d for d in District.objects.all()}
        blocks_by_code = {b.lgd_code: b for b in Block.objects.select_related("district")}
        district_by_key = {
            a.key: a.district for a in DistrictAlias.objects.select_related("district")
        }
        blocks_by_name = {
            (b.district_id, match_key(b.lgd_name)): b for b in blocks_by_code.values()
        }

        rows: dict[int, dict] = {}
        for line_number, row in enumerate(reader, start=2):

            def value(name, row=row):
                return clean_text(row.get(columns[name], "")) if name in columns else ""

            if value("state") and value("state") != str(UP_STATE_CODE):
                result.skipped_other_rows += 1
                continue
            if value("type") and value("type").lower() not in VILLAGE_PANCHAYAT_TYPES:
                result.skipped_other_rows += 1
                continue
            code, name_en = value("code"), value("name_en")
            if not code.isdigit() or not name_en:
                result.errors.append(f"line {line_number}: no valid GP code or name")
                continue
            block = blocks_by_code.get(int(value("block"))) if value("block").isdigit() else None
            district = None
            if value("district").isdigit():
                district = districts_by_code.get(int(value("district")))
            elif value("district_name"):
                district = district_by_key.get(match_key(value("district_name")))
            district = district or (block.district if block else None)
            if district is None:
                result.errors.append(f"line {line_number}: GP {code} has no known UP district")
                continue
            if block is None and value("block_name"):
                block = blocks_by_name.get((district.pk, match_key(value("block_name"))))
            if block is not None and block.district_id != district.pk:
                result.errors.append(
                    f"line {line_number}: block {block.lgd_code} is not in district "
                    f"{district.lgd_code}"
                )
                continue
            intermediate = value("intermediate")
            rows[int(code)] = {
                "lgd_name": name_en,
                "name_en": display_case(name_en),
                "name_hi": value("name_hi"),
                "district": district,
                "block": block,
                "intermediate_panchayat_code": int(intermediate)
                if intermediate.isdigit()
                else None,
            }
    if result.errors and not skip_invalid:
        return result
    with transaction.atomic():
        result.counts = _upsert(GramPanchayat, rows)
    result.written = True
    return result
