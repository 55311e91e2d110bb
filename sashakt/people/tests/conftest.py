import csv
import io

import pytest
from openpyxl import Workbook

from sashakt.geography.gram_panchayats import GRAM_PANCHAYATS_FILE, shipped_gram_panchayats_load
from sashakt.geography.models import District
from sashakt.geography.services import DATA_DIR


@pytest.fixture
def xlsx(tmp_path):
    """Write rows to a real .xlsx file and return its path."""

    def write(rows, name="list.xlsx"):
        book = Workbook()
        sheet = book.active
        for row in rows:
            sheet.append(row)
        path = tmp_path / name
        book.save(path)
        return path

    return write


@pytest.fixture
def csv_file(tmp_path):
    def write(rows, name="list.csv", bom=True, encoding="utf-8"):
        buffer = io.StringIO()
        csv.writer(buffer).writerows(rows)
        path = tmp_path / name
        path.write_bytes(
            ("\ufeff" if bom else "").encode(encoding) + buffer.getvalue().encode(encoding)
        )
        return path

    return write


@pytest.fixture
def immediate_jobs(settings):
    """Run background jobs synchronously, inside the test's transaction."""
    settings.JOBS_BACKEND = "immediate"


@pytest.fixture
def kanpur_gram_panchayats(geography, tmp_path):
    """Kanpur Nagar's real gram panchayats only (a slice of the shipped list)."""
    lines = (DATA_DIR / GRAM_PANCHAYATS_FILE).read_text(encoding="utf-8").splitlines()
    rows = [lines[0], *(line for line in lines[1:] if line.endswith(",Kanpur Nagar"))]
    path = tmp_path / GRAM_PANCHAYATS_FILE
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = shipped_gram_panchayats_load(path)
    assert result.written and result.counts.created == len(rows) - 1 > 500
    return District.objects.get(lgd_code=157)
