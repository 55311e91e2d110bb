"""Gram panchayats: the shipped LGD list, the reviewed links, and LGD's own export."""

import csv
import re
from collections import Counter

import openpyxl
import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sashakt.core.text import contains_devanagari, match_key
from sashakt.geography.gram_panchayats import (
    GRAM_PANCHAYATS_FILE,
    lgd_pri_export_load,
    up_geography_load,
)
from sashakt.geography.models import Block, District, GeographyDataVersion, GramPanchayat
from sashakt.geography.services import BLOCK_NAMES_HI_FILE, DATA_DIR, IP_BLOCKS_FILE

pytestmark = pytest.mark.django_db


def _read(name):
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_the_shipped_list_loads_every_gram_panchayat_into_a_block_of_its_district(capsys):
    # The only test that loads all 57,695 rows; the others use slices.
    call_command("load_geography")
    assert "gram panchayats: 57695 created" in capsys.readouterr().out
    assert GramPanchayat.objects.count() == 57695
    assert not GramPanchayat.objects.filter(block__isnull=True).exists()

    block_district = dict(Block.objects.values_list("pk", "district_id"))
    block_ip = dict(Block.objects.values_list("pk", "intermediate_panchayat_code"))
    district_dp = dict(District.objects.values_list("pk", "district_panchayat_code"))
    for district_id, block_id, ip_code, dp_code in GramPanchayat.objects.values_list(
        "district_id", "block_id", "intermediate_panchayat_code", "district_panchayat_code"
    ):
        assert block_district[block_id] == district_id
        assert block_ip[block_id] == ip_code
        assert district_dp[district_id] == dp_code

    # IP 1386 is Achhnera (Agra); block 1386 is in Mau. Codes are never mixed up.
    abhaudopura = GramPanchayat.objects.select_related("block", "district").get(lgd_code=42727)
    assert (abhaudopura.block.lgd_name, abhaudopura.district.lgd_code) == ("ACHHNERA", 118)
    assert Block.objects.get(lgd_code=1386).district.lgd_name == "MAU"

    # A second `make run` with the same files skips the load; --force finds nothing to change.
    call_command("load_geography")
    assert "unchanged" in capsys.readouterr().out
    with CaptureQueriesContext(connection) as queries:
        result = up_geography_load(force=True)
    assert str(result.gram_panchayats.counts) == "0 created, 0 updated, 57695 unchanged"
    writes = [q["sql"] for q in queries if q["sql"].startswith(("INSERT", "UPDATE", "DELETE"))]
    assert writes == [
        q for q in writes if "geography_geographydataversion" in q
    ]  # only the stored hash


def test_a_changed_shipped_file_is_loaded_again(tmp_path, settings):
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    for source in DATA_DIR.iterdir():
        if source.suffix in {".csv", ".geojson"}:
            (data_dir / source.name).write_bytes(source.read_bytes())
    rows = (DATA_DIR / GRAM_PANCHAYATS_FILE).read_text(encoding="utf-8").splitlines()
    (data_dir / GRAM_PANCHAYATS_FILE).write_text("\n".join(rows[:101]) + "\n", encoding="utf-8")
    first = up_geography_load(data_dir)
    assert first.gram_panchayats.counts.created == 100
    assert up_geography_load(data_dir).skipped
    renamed = rows[1].replace("Abhaudopura", "Abhaudopura Khas")
    (data_dir / GRAM_PANCHAYATS_FILE).write_text(
        "\n".join([rows[0], renamed, *rows[2:101]]) + "\n", encoding="utf-8"
    )
    again = up_geography_load(data_dir)
    assert not again.skipped and again.gram_panchayats.counts.updated == 1
    assert GramPanchayat.objects.get(lgd_code=42727).name_en == "Abhaudopura Khas"
    assert GeographyDataVersion.objects.get().sha256 == again.sha256


def test_every_intermediate_panchayat_is_linked_to_one_block_by_a_reviewed_row():
    links = _read(IP_BLOCKS_FILE)
    blocks = {int(row["lgd_code"]): row for row in _read("blocks.csv")}
    assert len(links) == 828 and {int(row["block_lgd_code"]) for row in links} == set(blocks)
    ips = [row for row in links if row["ip_localbody_code"]]
    assert len({row["ip_localbody_code"] for row in ips}) == 826
    assert Counter(row["source"] for row in links) == {"name": 821, "hand": 5, "no_ip": 2}
    for row in links:
        block = blocks[int(row["block_lgd_code"])]
        assert block["district_lgd_code"] == row["district_lgd_code"]
        if row["source"] == "name":
            assert match_key(row["ip_name_en"]) == match_key(block["name_en"])
        else:
            assert row["note"], row  # every exception says why
    hand = {row["ip_name_en"]: row["block_name_en"] for row in links if row["source"] == "hand"}
    assert hand["Prayagpur"] == "PAYAGPUR" and hand["Tajwapur"] == "TEJWAPUR"
    assert hand["Jawan"] == "JAWAN SIKANDERPUR" and hand["Kon"] == "KONE"
    assert {row["block_name_en"] for row in links if row["source"] == "no_ip"} == {
        "DANKAUR",
        "KUBERNATH",
    }


def test_every_block_has_a_reviewed_hindi_name():
    rows = _read(BLOCK_NAMES_HI_FILE)
    assert len(rows) == 828 == len({row["block_lgd_code"] for row in rows})
    assert all(contains_devanagari(row["name_hi"]) for row in rows)
    # Shown on Hindi pages: no Latin letter (the SEC's print of Badokhar Khurd has an "æ").
    assert not [
        row["name_hi"] for row in rows if re.search(r"[A-Za-z\u00c0-\u024f]", row["name_hi"])
    ]
    assert Counter(row["source"] for row in rows) == {"matched": 622, "reviewed": 182, "hand": 24}
    assert sum(1 for row in rows if row["sec2015_name_hi"]) == 816
    assert all(row["note"] for row in rows if row["source"] == "hand")


PRI_HEADER = [
    "S.No.",
    "Localbody Type Code",
    "Localbody Type Name",
    "Localbody Code",
    "Localbody Version",
    "Localbody Name (In English)",
    "Localbody Name (In Local)",
    "Parent Localbody Code",
]
# Real LGD rows: Agra's District Panchayat, the Achhnera and Bah Intermediate Panchayats and
# some of their village panchayats (two named Mai, one in each block).
PRI_ROWS = [
    [1, 1, "District Panchayat", 109, 1, "Agra", "आगरा", ""],
    [2, 2, "Intermediate Panchayat", 1386, 1, "Achhnera", "अछनेरा", 109],
    [3, 2, "Intermediate Panchayat", 1388, 1, "Bah", "बाह", 109],
    [4, 3, "Village Panchayat", 42727, 1, "Abhaudopura", "", 1386],
    [5, 3, "Village Panchayat", 42728, 1, "Akabara", "", 1386],
    [6, 3, "Village Panchayat", 42758, 1, "Mai", "", 1386],
    [7, 3, "Village Panchayat", 42833, 1, "Mai", "", 1388],
]


def _write_pri_csv(path, rows, header=PRI_HEADER):
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def test_lgd_pri_export_loads_as_downloaded(geography, tmp_path, capsys):
    path = _write_pri_csv(tmp_path / "pri.csv", PRI_ROWS)
    call_command("load_geography", gram_panchayats=path)
    assert "gram panchayats: 4 created" in capsys.readouterr().out
    mai = {gp.block.lgd_name for gp in GramPanchayat.objects.filter(name_en="Mai")}
    assert mai == {"ACHHNERA", "BAH"}
    akabara = GramPanchayat.objects.get(lgd_code=42728)
    assert (akabara.district.lgd_code, akabara.intermediate_panchayat_code) == (118, 1386)
    assert akabara.district_panchayat_code == 109

    with CaptureQueriesContext(connection) as queries:
        again = lgd_pri_export_load(path)
    assert str(again.counts) == "0 created, 0 updated, 4 unchanged"
    assert not [q for q in queries if q["sql"].startswith(("INSERT", "UPDATE", "DELETE"))]


def test_lgd_pri_export_as_xlsx_with_a_title_line(geography, tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["PRI Local Body of a State : UTTAR PRADESH"])
    sheet.append(PRI_HEADER)
    for row in PRI_ROWS:
        sheet.append(row)
    path = tmp_path / "pri.xlsx"
    workbook.save(path)
    result = lgd_pri_export_load(path)
    assert result.written and result.counts.created == 4, result.errors


def test_an_intermediate_panchayat_not_yet_linked_is_linked_by_name_in_its_district(
    geography, tmp_path
):
    Block.objects.filter(lgd_name="ACHHNERA").update(intermediate_panchayat_code=None)
    result = lgd_pri_export_load(_write_pri_csv(tmp_path / "pri.csv", PRI_ROWS))
    assert result.written and result.blocks_linked == 1
    assert Block.objects.get(lgd_name="ACHHNERA").intermediate_panchayat_code == 1386


def test_an_unknown_intermediate_panchayat_loads_nothing(geography, tmp_path):
    rows = [
        *PRI_ROWS,
        [8, 2, "Intermediate Panchayat", 999999, 1, "Nowhere Khas", "", 109],
        [9, 3, "Village Panchayat", 999998, 1, "Lost", "", 999999],
    ]
    path = _write_pri_csv(tmp_path / "pri.csv", rows)
    with pytest.raises(CommandError, match="2 problem"):
        call_command("load_geography", gram_panchayats=path)
    assert not GramPanchayat.objects.exists()
    result = lgd_pri_export_load(path, skip_invalid=True)
    assert result.written and result.counts.created == 4
    assert any("line 9" in error and IP_BLOCKS_FILE in error for error in result.errors)


def test_another_layout_is_refused_naming_the_columns_it_needs(geography, tmp_path, capsys):
    path = _write_pri_csv(
        tmp_path / "gp.csv",
        [["9", "157", "803", "100001", "ARAUL"]],
        header=["State Code", "District Code", "Block Code", "GP Code", "GP Name"],
    )
    with pytest.raises(CommandError) as refused:
        call_command("load_geography", gram_panchayats=path)
    message = capsys.readouterr().err
    assert "Localbody Type Code" in message and "Parent Localbody Code" in message
    assert "skip-invalid" not in message + str(refused.value)
    assert not GramPanchayat.objects.exists()


def test_a_damaged_workbook_is_refused_with_a_message(geography, tmp_path):
    path = tmp_path / "pri.xlsx"
    path.write_bytes(b"this is not a workbook")
    result = lgd_pri_export_load(path)
    assert not result.written and result.header_problem
    assert "cannot be read" in result.errors[0]


def test_the_far_corner_workbook_is_refused_by_the_sealed_reader_not_allocated(
    geography, tmp_path, capsys
):
    # Issue 23, item 19: a 1.6 KB .xlsx claiming a cell at XFD1048576 made the command's own
    # calamine call allocate 549 GB and abort (exit 134). It goes through the same checks and
    # memory-limited child as uploads, and the command ends with the reader's message.
    from sashakt.core.tests import hostile_files

    path = hostile_files.far_corner_xlsx(tmp_path / "pri.xlsx")
    assert path.stat().st_size < 5000
    with pytest.raises(CommandError, match="too large"):
        call_command("load_geography", gram_panchayats=path)
    assert "too large to read" in capsys.readouterr().err
    assert not GramPanchayat.objects.exists()
