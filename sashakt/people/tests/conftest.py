import csv
import io

import pytest
from openpyxl import Workbook


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
