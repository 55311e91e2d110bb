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
from sashakt.geography.models import Block, District, DistrictAlias

DATA_DIR = Path(__file__).parent / "data"
UP_STATE_CODE = 9
# Reviewed link of each Intermediate Panchayat (LGD local body) to its development block.
IP_BLOCKS_FILE = "intermediate_panchayat_blocks.csv"
# Hindi block names: the State Election Commission's spellings, linked and reviewed.
BLOCK_NAMES_HI_FILE = "block_names_hi.csv"


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


def upsert_rows(model, rows: dict[int, dict], *, key: str = "lgd_code") -> LoadCounts:
    """Create the new rows and update the changed ones; compare on plain values.

    Rows name foreign keys by `<field>_id`, so comparing never loads a related object: an
    unchanged file costs one SELECT and no writes.
    """
    counts = LoadCounts()
    if not rows:
        return counts
    fields = sorted(next(iter(rows.values())))
    existing = {row[0]: row for row in model.objects.values_list(key, "pk", *fields)}
    to_create, to_update, changed_fields = [], [], set()
    for code, values in rows.items():
        current = existing.get(code)
        if current is None:
            to_create.append(model(**{key: code}, **values))
            continue
        diff = [name for name, old in zip(fields, current[2:], strict=True) if old != values[name]]
        if diff:
            to_update.append(model(pk=current[1], **{key: code}, **values))
            changed_fields.update(diff)
        else:
            counts.unchanged += 1
    model.objects.bulk_create(to_create, batch_size=2000)
    if to_update:
        model.objects.bulk_update(to_update, sorted(changed_fields), batch_size=1000)
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
    links = _read_csv(data_dir / IP_BLOCKS_FILE)
    panchayat_of_district = {
        int(row["district_lgd_code"]): int(row["dp_localbody_code"])
        for row in links
        if row["dp_localbody_code"]
    }
    for values in district_rows.values():
        values["district_panchayat_code"] = None
    for code, dp_code in panchayat_of_district.items():
        district_rows[code]["district_panchayat_code"] = dp_code
    result.districts = upsert_rows(District, district_rows)

    districts = {d.lgd_code: d.pk for d in District.objects.all()}
    hindi = {int(row["block_lgd_code"]): row for row in _read_csv(data_dir / BLOCK_NAMES_HI_FILE)}
    ip_of_block = {
        int(row["block_lgd_code"]): (int(row["ip_localbody_code"]), clean_text(row["ip_name_en"]))
        for row in links
        if row["ip_localbody_code"]
    }
    block_rows = {}
    for row in _read_csv(data_dir / "blocks.csv"):
        code = int(row["lgd_code"])
        names = hindi.get(code, {})
        block_rows[code] = {
            "lgd_name": clean_text(row["name_en"]),
            "name_en": display_case(row["name_en"]),
            "name_hi": clean_text(names.get("name_hi")) or clean_text(row.get("name_hi")),
            "sec_name_hi": clean_text(names.get("sec2015_name_hi")),
            "district_id": districts[int(row["district_lgd_code"])],
            "intermediate_panchayat_code": ip_of_block.get(code, (None, ""))[0],
            "intermediate_panchayat_name": ip_of_block.get(code, (None, ""))[1],
        }
    result.blocks = upsert_rows(Block, block_rows)

    result.aliases = _aliases_load(District.objects.all(), reviewed)
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
