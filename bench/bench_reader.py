"""Reading an untrusted spreadsheet safely: what the checks and the child process cost.

Writes the import benchmark's 100,000-row district-style .xlsx (`BENCH_ROWS` to change),
then reads it with `read_table()` (content sniffing, zip and worksheet pre-checks, row
limits, and the read in a memory-limited fork-server child) against the baseline of the
previous reader: calamine straight in this process with no check at all.
"""

import json
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
ROWS = int(os.environ.get("BENCH_ROWS", "100000"))


def main() -> None:
    from bench_import import _setup_database, _write_file

    with tempfile.TemporaryDirectory(prefix="sashakt-bench-") as folder:
        folder = Path(folder)
        _setup_database(folder)
        from python_calamine import CalamineWorkbook

        from sashakt.core.spreadsheets import ReaderLimits, inspect_file, read_table

        path = folder / "district-lists.xlsx"
        _write_file(path, ROWS, folder / "tidy.csv")

        started = time.perf_counter()
        rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
        baseline_seconds = time.perf_counter() - started

        read_table(path)  # the fork server starts once per process; not what a read costs
        started = time.perf_counter()
        table = read_table(path)
        seconds = time.perf_counter() - started

        started = time.perf_counter()
        inspect_file(path, ReaderLimits.from_settings())
        checks_seconds = time.perf_counter() - started
        size = path.stat().st_size
    assert len(table.rows) == len(rows)
    print(
        json.dumps(
            {
                "bench": "reader",
                "seconds": round(seconds, 3),
                "baseline": "python-calamine to_python() in-process, no checks",
                "baseline_seconds": round(baseline_seconds, 3),
                "ratio": round(baseline_seconds / seconds, 2),
                "rows": len(table.rows),
                "bytes": size,
                "checks_seconds": round(checks_seconds, 3),
            }
        )
    )


if __name__ == "__main__":
    main()
