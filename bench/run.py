"""Run the benchmarks in this folder: `make bench` (all) or `make bench ONLY=<name>`.

Each benchmark is a module bench/bench_<name>.py with a `main()` that prints one JSON line
with at least: bench, seconds, baseline, baseline_seconds, ratio (baseline_seconds / seconds).
"""

import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sashakt.settings")


def main(argv: list[str]) -> int:
    only = argv[1] if len(argv) > 1 and argv[1] else None
    names = sorted(p.stem.removeprefix("bench_") for p in HERE.glob("bench_*.py"))
    if only:
        if only not in names:
            print(f"no benchmark {only!r}; there are: {', '.join(names) or 'none yet'}")
            return 2
        names = [only]
    if not names:
        print("no benchmarks yet")
        return 0
    failed = 0
    for name in names:
        # Each in its own process: a benchmark sets up Django on its own temporary database.
        failed |= subprocess.call([sys.executable, str(HERE / f"bench_{name}.py")]) != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
