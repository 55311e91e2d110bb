"""Registry import: a 100,000-row district-style .xlsx through the full validate/dedupe/commit
path, against django-import-export's default import path on the same file.

    make bench ONLY=import
    BENCH_ROWS=20000 BENCH_BASELINE_ROWS=100000 make bench ONLY=import

Both run on a fresh SQLite database in a temporary folder. The baseline reads the office's
file in full (timed), then imports a tidy copy of the same people (codes for places, gender and
designation; ten-digit mobiles), since its default path fails nearly every row of the office's
own file; it imports the first BENCH_BASELINE_ROWS rows (default 5,000; at ~200 rows/s the whole
file would take minutes) and the per-row import time is extrapolated linearly to the whole file
(its cost per row does not fall as the table grows).

CPU figures (cpu_seconds, rows_per_cpu_s, cpu_ratio) count this process only; the import
reads the file in a child process, so read_cpu_seconds times the same reading here and the
*_with_read figures add it.

The floor (floor_seconds, floor_rows_per_s) is what no import on this machine can beat:
reading the file with its safety checks, plus SQLite writing the same people with one plain
executemany (write_floor_seconds) — no cleaning, matching or duplicate finding at all.
"""

import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROWS = int(os.environ.get("BENCH_ROWS", "100000"))
BASELINE_ROWS = int(os.environ.get("BENCH_BASELINE_ROWS", "5000"))
SEED = 20250826

FIRST_HI = [
    "राम",
    "श्याम",
    "सुनीता",
    "गीता",
    "अनिल",
    "सुरेश",
    "कमला",
    "सावित्री",
    "रमेश",
    "विनोद",
    "पूजा",
    "मनोज",
    "संजय",
    "रेखा",
    "अशोक",
    "उषा",
    "दिनेश",
    "सीमा",
    "राजेश",
    "मीना",
    "प्रकाश",
    "आशा",
    "महेश",
    "नीलम",
    "विजय",
    "राधा",
    "संतोष",
    "किरण",
    "अर्जुन",
    "बबलू",
    "गुड्डी",
    "रामवती",
    "शिवकुमार",
    "हरिओम",
    "जगदीश",
    "ओमप्रकाश",
    "प्रेमलता",
    "सरोज",
    "कुसुम",
    "बृजेश",
    "धर्मेंद्र",
    "सुषमा",
    "रविंद्र",
    "ममता",
    "नरेंद्र",
    "कैलाश",
    "पुष्पा",
    "लक्ष्मी",
]
LAST_HI = [
    "कुमार",
    "वर्मा",
    "यादव",
    "सिंह",
    "देवी",
    "शर्मा",
    "मिश्रा",
    "गुप्ता",
    "पाल",
    "मौर्य",
    "प्रजापति",
    "निषाद",
    "तिवारी",
    "शुक्ला",
    "पटेल",
    "चौहान",
    "रावत",
]
FIRST_EN = [
    "Ram",
    "Shyam",
    "Sunita",
    "Geeta",
    "Anil",
    "Suresh",
    "Kamla",
    "Savitri",
    "Ramesh",
    "Vinod",
    "Pooja",
    "Manoj",
    "Sanjay",
    "Rekha",
    "Ashok",
    "Usha",
    "Dinesh",
    "Seema",
    "Rajesh",
    "Meena",
    "Prakash",
    "Asha",
    "Mahesh",
    "Neelam",
    "Vijay",
    "Radha",
    "Arjun",
    "Bablu",
    "Guddi",
    "Ramwati",
    "Shivkumar",
    "Hariom",
    "Jagdish",
    "Omprakash",
    "Premlata",
    "Saroj",
    "Kusum",
    "Brijesh",
    "Dharmendra",
    "Sushma",
    "Ravindra",
    "Mamta",
    "Narendra",
    "Kailash",
    "Pushpa",
    "Laxmi",
]
LAST_EN = [
    "Kumar",
    "Verma",
    "Yadav",
    "Singh",
    "Devi",
    "Sharma",
    "Mishra",
    "Gupta",
    "Pal",
    "Maurya",
    "Prajapati",
    "Nishad",
    "Tiwari",
    "Shukla",
    "Patel",
    "Chauhan",
    "Rawat",
]
MIDDLE_HI = [
    "",
    "",
    "प्रसाद",
    "नाथ",
    "चंद्र",
    "देव",
    "लाल",
    "शंकर",
    "प्रकाश",
    "किशोर",
    "नारायण",
    "बहादुर",
    "कांत",
    "दत्त",
    "मोहन",
    "पाल",
    "शरण",
    "राज",
    "कुमारी",
    "रानी",
]
MIDDLE_EN = [
    "",
    "",
    "Prasad",
    "Nath",
    "Chandra",
    "Dev",
    "Lal",
    "Shankar",
    "Prakash",
    "Kishore",
    "Narayan",
    "Bahadur",
    "Kant",
    "Dutt",
    "Mohan",
    "Pal",
    "Sharan",
    "Raj",
    "Kumari",
]
# The designation each typed form stands for, for the baseline's tidy copy of the file.
DESIGNATION_CODES = {
    "प्रधान": "pradhan",
    "ग्राम प्रधान": "pradhan",
    "Gram Pradhan": "pradhan",
    "प्रमुख": "kp_pramukh",
    "Block Pramukh": "kp_pramukh",
    "क्षेत्र पंचायत सदस्य": "bdc_member",
    "BDC Member": "bdc_member",
    "जिला पंचायत सदस्य": "zp_member",
    "ग्राम पंचायत सचिव": "sachiv",
    "ADO Panchayat": "ado_panchayat",
}
DESIGNATIONS = [
    ("प्रधान", "M"),
    ("ग्राम प्रधान", "F"),
    ("Gram Pradhan", "M"),
    ("प्रमुख", "F"),
    ("Block Pramukh", "M"),
    ("क्षेत्र पंचायत सदस्य", "M"),
    ("BDC Member", "F"),
    ("जिला पंचायत सदस्य", "M"),
    ("ग्राम पंचायत सचिव", "M"),
    ("ADO Panchayat", "M"),
]
GENDERS = {"M": ["पुरुष", "M", "Male", "पु०"], "F": ["महिला", "F", "Female", "म०"]}
CATEGORIES = ["SC", "OBC", "सामान्य", "General", "अनुसूचित जाति", "पिछड़ा वर्ग", ""]
HEADERS = [
    "क्र.सं.",
    "नाम",
    "लिंग",
    "मोबाइल नंबर",
    "पद",
    "जनपद",
    "विकास खंड",
    "ग्राम पंचायत",
    "वर्ग",
    "निर्वाचन तिथि",
    "अभ्युक्ति",
]


def _setup_database(folder: Path) -> dict:
    os.environ["SASHAKT_VAR_DIR"] = str(folder)
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sashakt.settings")
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    # What `make run` does on a fresh database: districts, blocks and the shipped GPs.
    from sashakt.geography.gram_panchayats import up_geography_load

    started = time.perf_counter()
    loaded = up_geography_load()
    seconds = time.perf_counter() - started
    gp_rows = loaded.gram_panchayats.counts.created
    return {
        "gp_rows": gp_rows,
        "gp_load_seconds": round(seconds, 3),
        "gp_rows_per_s": round(gp_rows / seconds),
    }


def _mobile(number: int, rng: random.Random):
    text = str(number)
    return rng.choice(
        [text, f"+91 {text[:5]} {text[5:]}", f"0{text}", float(number), f"+91-{text}", text]
    )


def _gram_panchayat_typed(name: str, rng: random.Random) -> str:
    """A real GP name as offices write it: LGD's English, upper case, with the SEC's serial
    prefix, or in Devanagari (matched back through the phonetic key)."""
    from sashakt.core.text.translit import latin_to_devanagari

    choice = rng.random()
    if choice < 0.4:
        return name
    if choice < 0.6:
        return name.upper()
    if choice < 0.75:
        return f"{rng.randint(1, 120)} - {name}"
    return latin_to_devanagari(name) or name


TIDY_HEADERS = ["name", "gender", "mobile", "designation", "district", "block", "gram_panchayat"]


def _write_file(path: Path, rows: int, tidy_path: Path) -> dict:
    """A district-office file: both scripts, every typing habit, ~1% bad rows, ~1% repeats.
    The same people go to `tidy_path` as a developer would prepare them for a generic import
    (codes for places, gender and designation; ten-digit mobiles): the baseline reads that, as
    its default path cannot read the office's file (it fails nearly every row)."""
    from openpyxl import Workbook

    from sashakt.core.text.translit import latin_to_devanagari
    from sashakt.geography.models import Block, GramPanchayat

    rng = random.Random(SEED)
    # Real gram panchayats from the shipped LGD list, by block.
    gram_panchayats: dict[int, list[tuple[int, str]]] = {}
    for block_id, code, name in GramPanchayat.objects.values_list(
        "block_id", "lgd_code", "name_en"
    ):
        gram_panchayats.setdefault(block_id, []).append((code, name))
    blocks = [b for b in Block.objects.select_related("district") if b.pk in gram_panchayats]
    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(HEADERS)
    tidy_book = Workbook(write_only=True)
    tidy_sheet = tidy_book.create_sheet()
    tidy_sheet.append(TIDY_HEADERS)
    mobiles = rng.sample(range(6_000_000_000, 9_999_999_999), rows)
    bad = repeated = 0
    for index in range(rows):
        block = rng.choice(blocks)
        district = block.district
        hindi = rng.random() < 0.6
        if hindi:
            parts = [rng.choice(FIRST_HI), rng.choice(MIDDLE_HI), rng.choice(LAST_HI)]
        else:
            parts = [rng.choice(FIRST_EN), rng.choice(MIDDLE_EN), rng.choice(LAST_EN)]
        name = " ".join(part for part in parts if part)
        if not hindi:
            name = rng.choice([name, name.upper(), f" {name}  "])
        district_typed = rng.choice(
            [
                district.name_hi or district.name_en,
                district.name_en,
                district.lgd_name,
                str(district.lgd_code),
            ]
        )
        block_typed = rng.choice(
            [
                block.name_en,
                block.lgd_name,
                block.name_en.lower(),
                latin_to_devanagari(block.name_en) or block.name_en,
            ]
        )
        designation, gender = rng.choice(DESIGNATIONS)
        mobile = _mobile(mobiles[index], rng)
        tidy_mobile = str(mobiles[index])
        if rng.random() < 0.01:
            mobile, bad = str(mobiles[index])[:7], bad + 1
            tidy_mobile = mobile
        elif index and rng.random() < 0.01:
            mobile, repeated = mobiles[index - 1], repeated + 1
            tidy_mobile = str(mobile)
        term = f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{rng.choice([2021, 2022])}"
        # Drawn in the order the file has always been drawn in, so runs stay comparable.
        gender_typed = rng.choice(GENDERS[gender])
        gp_code, gp_name = rng.choice(gram_panchayats[block.pk])
        tidy_sheet.append(
            [
                " ".join(name.split()),
                gender,
                tidy_mobile,
                DESIGNATION_CODES[designation],
                district.lgd_code,
                block.lgd_code,
                gp_code,
            ]
        )
        sheet.append(
            [
                index + 1,
                name,
                gender_typed,
                mobile,
                designation,
                district_typed,
                block_typed,
                _gram_panchayat_typed(gp_name, rng),
                rng.choice(CATEGORIES),
                term,
                rng.choice(["", "", "उपस्थित"]),
            ]
        )
    book.save(path)
    tidy_book.save(tidy_path)
    return {"bad_rows_written": bad, "repeated_mobiles_written": repeated}


def _baseline_resource():
    from import_export import fields, resources, widgets

    from sashakt.geography.models import Block, District, GramPanchayat
    from sashakt.people.models import Person

    class PersonResource(resources.ModelResource):
        """django-import-export's default path: a ModelResource over the tidy file's columns,
        places by LGD code, rows matched on mobile."""

        district = fields.Field(
            attribute="district",
            column_name="district",
            widget=widgets.ForeignKeyWidget(District, field="lgd_code"),
        )
        block = fields.Field(
            attribute="block",
            column_name="block",
            widget=widgets.ForeignKeyWidget(Block, field="lgd_code"),
        )
        gram_panchayat = fields.Field(
            attribute="gram_panchayat",
            column_name="gram_panchayat",
            widget=widgets.ForeignKeyWidget(GramPanchayat, field="lgd_code"),
        )

        class Meta:
            model = Person
            fields = TIDY_HEADERS
            import_id_fields = ("mobile",)
            # A bad mobile is then a row's validation error, as in ours, not a database error
            # that rolls the whole import back.
            clean_model_instances = True

    return PersonResource()


def _run_baseline(path: Path, tidy_path: Path) -> dict:
    """The office's file is read in full (what a generic import has to open), then the tidy copy
    of its first BASELINE_ROWS rows is imported and the time per row scaled to the whole file."""
    import tablib

    from sashakt.people.models import Person

    started, cpu_started = time.perf_counter(), time.process_time()
    with open(path, "rb") as handle:
        dataset = tablib.Dataset().load(handle.read(), format="xlsx")
    read_seconds = time.perf_counter() - started
    read_cpu = time.process_time() - cpu_started
    with open(tidy_path, "rb") as handle:
        tidy = tablib.Dataset().load(handle.read(), format="xlsx")
    subset = tablib.Dataset(*tidy[:BASELINE_ROWS], headers=tidy.headers)
    started, cpu_started = time.perf_counter(), time.process_time()
    result = _baseline_resource().import_data(subset, dry_run=False, raise_errors=False)
    import_seconds = time.perf_counter() - started
    import_cpu = time.process_time() - cpu_started
    rows_done = min(BASELINE_ROWS, len(dataset))
    return {
        "baseline_seconds": read_seconds + import_seconds * len(dataset) / rows_done,
        "baseline_cpu_seconds": round(read_cpu + import_cpu * len(dataset) / rows_done, 3),
        "baseline_rows_imported": rows_done,
        "baseline_read_seconds": round(read_seconds, 2),
        "baseline_import_seconds_measured": round(import_seconds, 2),
        "baseline_created": Person.objects.count(),
        "baseline_row_errors": len(result.invalid_rows) + len(result.row_errors()),
    }


def _write_floor_seconds() -> float:
    """The people the import created, written again into the same (emptied) table with one
    plain executemany in one transaction: what SQLite alone takes for them, with the table's
    indexes and trigger, and no Python between the file and the database."""
    from django.db import connection, transaction

    from sashakt.people.models import Person
    from sashakt.reports.models import TallyPending

    table = connection.ops.quote_name(Person._meta.db_table)
    columns = [f.column for f in Person._meta.concrete_fields if not f.primary_key]
    listed = ", ".join(connection.ops.quote_name(c) for c in columns)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {listed} FROM {table} ORDER BY id")
        rows = cursor.fetchall()
        cursor.execute(f"DELETE FROM {table}")
        TallyPending.objects.all().delete()
    connection.close()  # a fresh connection, as the import had (its page cache cold)
    insert = f"INSERT INTO {table} ({listed}) VALUES ({', '.join(['%s'] * len(columns))})"
    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        for start in range(0, len(rows), 5000):
            cursor.executemany(insert, rows[start : start + 5000])
    return time.perf_counter() - started


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="sashakt-bench-") as folder:
        folder = Path(folder)
        geography = _setup_database(folder)
        from auditlog.models import LogEntry

        from sashakt.people.importing import participants_import
        from sashakt.people.models import Person

        path = folder / "district-lists.xlsx"
        tidy_path = folder / "district-lists-tidy.xlsx"
        written = _write_file(path, ROWS, tidy_path)

        profiler = None
        if os.environ.get("BENCH_PROFILE"):  # where the time goes, to stderr
            import cProfile

            profiler = cProfile.Profile()
            profiler.enable()
        load_before = os.getloadavg()[0]
        started, cpu_started = time.perf_counter(), time.process_time()
        result = participants_import(path, skip_invalid=True)
        seconds = time.perf_counter() - started
        # SQLite runs in this process, so CPU time is the import's whole cost; on a loaded
        # machine it says more than the wall clock.
        cpu_seconds = time.process_time() - cpu_started
        if profiler is not None:
            import pstats

            profiler.disable()
            pstats.Stats(profiler, stream=sys.stderr).sort_stats("cumulative").print_stats(45)
        from sashakt.people.models import Person as People

        ours = {
            "created": result.created,
            "invalid": result.invalid,
            "duplicates": result.duplicates,
            "place_review": result.place_review,
            "linked_to_gram_panchayat": People.objects.exclude(gram_panchayat=None).count(),
            "notes": len(result.notes),
            "audit_entries": LogEntry.objects.count(),
        }
        started = time.perf_counter()
        again = participants_import(path, skip_invalid=True)
        reimport_seconds = time.perf_counter() - started

        # The import reads the file in a child process, whose CPU time process_time() does
        # not see: the same reading, done here, says what it costs.
        from dataclasses import asdict

        from sashakt.core.spreadsheets import ReaderLimits, read_table_here

        cpu_started = time.process_time()
        read_table_here(path, asdict(ReaderLimits.from_settings()))
        read_cpu_seconds = time.process_time() - cpu_started

        write_floor_seconds = _write_floor_seconds()

        Person.objects.all().delete()
        LogEntry.objects.all().delete()
        baseline = _run_baseline(path, tidy_path)

    baseline_seconds = baseline.pop("baseline_seconds")
    print(
        json.dumps(
            {
                "bench": "import",
                "seconds": round(seconds, 3),
                "baseline": "django-import-export ModelResource.import_data (default path)",
                "baseline_seconds": round(baseline_seconds, 3),
                "ratio": round(baseline_seconds / seconds, 1),
                "rows": result.rows,
                "rows_per_s": round(result.rows / seconds),
                **ours,
                "cpu_seconds": round(cpu_seconds, 3),
                "rows_per_cpu_s": round(result.rows / cpu_seconds),
                "cpu_ratio": round(baseline["baseline_cpu_seconds"] / cpu_seconds, 1),
                "read_cpu_seconds": round(read_cpu_seconds, 3),
                "rows_per_cpu_s_with_read": round(result.rows / (cpu_seconds + read_cpu_seconds)),
                "cpu_ratio_with_read": round(
                    baseline["baseline_cpu_seconds"] / (cpu_seconds + read_cpu_seconds), 1
                ),
                # The floor on this machine: reading the file (checked, as the import must)
                # plus writing the same people with one executemany and nothing else.
                "write_floor_seconds": round(write_floor_seconds, 3),
                "floor_seconds": round(read_cpu_seconds + write_floor_seconds, 3),
                "floor_rows_per_s": round(result.rows / (read_cpu_seconds + write_floor_seconds)),
                "load_average_1min": round(load_before, 2),
                "reimport_seconds": round(reimport_seconds, 3),
                "reimport_created": again.created,
                "reimport_unchanged": again.unchanged,
                **written,
                **baseline,
                **geography,
            },
            ensure_ascii=False,
        )
    )


if __name__ == "__main__":
    main()
