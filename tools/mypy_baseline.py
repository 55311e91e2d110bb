"""mypy against a baseline that may only shrink (`make typecheck`, part of `make test`).

mypy runs strict on the whole of `sashakt/` (pyproject.toml). The errors the code already had
are listed in mypy-baseline.txt, one line per error: `path: [code] message`, without line
numbers, so editing a file elsewhere does not disturb its entries. The check fails on any error
that is not listed (new code is held to strict), and says how many listed errors are gone.

An error is matched first against its own file's entries (same code and message, counted), then
against the entries of files that no longer exist, so a module moved or split keeps its
entries until the baseline is written again.

    python tools/mypy_baseline.py                  # the check
    python tools/mypy_baseline.py --update         # write the baseline from today's errors
    python tools/mypy_baseline.py --update --allow-growth

`--update` refuses to write when some (code, message) has more errors than the baseline lists
for it across all files (moving code between files is fine; a new kind of error, or more of
one, is not), unless `--allow-growth`.
"""

import argparse
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASELINE = ROOT / "mypy-baseline.txt"
HEADER = (
    "# mypy errors the code had before it was typed; may only shrink.\n"
    "# Written by `make typecheck-baseline` (tools/mypy_baseline.py); do not edit by hand.\n"
)
ERROR = re.compile(
    r"^(?P<path>[^:\n]+\.pyi?):\d+: error: (?P<message>.*?)(?:  \[(?P<code>[a-z0-9-]+)\])?$"
)
ENTRY = re.compile(r"^(?P<path>[^:\n]+): \[(?P<code>[a-z0-9-]*)\] (?P<message>.*)$")
LINE_NUMBER = re.compile(r"\bline \d+\b")

Key = tuple[str, str, str]  # path, code, message


def run_mypy() -> tuple[list[Key], list[str]]:
    """Each error as (path, code, message), and mypy's own line for it."""
    command = [
        sys.executable,
        "-m",
        "mypy",
        "--no-error-summary",
        "--hide-error-context",
        "--no-pretty",
        "--no-color-output",
        "--show-error-codes",
    ]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    errors, lines = [], []
    for line in done.stdout.splitlines():
        match = ERROR.match(line)
        if match:
            message = LINE_NUMBER.sub("line N", match["message"])
            errors.append((match["path"], match["code"] or "", message))
            lines.append(line)
    if done.returncode not in (0, 1) or (done.returncode == 1 and not errors):
        sys.stdout.write(done.stdout)
        sys.stderr.write(done.stderr)
        sys.exit(f"mypy failed (exit {done.returncode})")
    return errors, lines


def read_baseline() -> list[Key]:
    if not BASELINE.exists():
        return []
    entries = []
    for line in BASELINE.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        match = ENTRY.match(line)
        if not match:
            sys.exit(f"{BASELINE.name}: cannot read {line!r}")
        entries.append((match["path"], match["code"], match["message"]))
    return entries


def write_baseline(errors: list[Key]) -> None:
    lines = sorted(f"{path}: [{code}] {message}" for path, code, message in errors)
    BASELINE.write_text(HEADER + "".join(f"{line}\n" for line in lines), encoding="utf-8")


def unlisted(errors: list[Key], baseline: list[Key]) -> tuple[list[int], int]:
    """The indexes of the errors the baseline does not excuse, and how many entries are fixed."""
    left = Counter(baseline)
    unmatched = []
    for index, error in enumerate(errors):
        if left[error]:
            left[error] -= 1
        else:
            unmatched.append(index)
    # The entries of files that are gone (moved, split, removed) excuse the same error anywhere.
    gone: Counter[tuple[str, str]] = Counter()
    for (path, code, message), n in left.items():
        if n and not (ROOT / path).exists():
            gone[(code, message)] += n
            left[(path, code, message)] = 0
    new = []
    for index in unmatched:
        _, code, message = errors[index]
        if gone[(code, message)]:
            gone[(code, message)] -= 1
        else:
            new.append(index)
    return new, left.total() + gone.total()


def growth(errors: list[Key], baseline: list[Key]) -> dict[tuple[str, str], tuple[int, int]]:
    """Each (code, message) with more errors now than the baseline lists, across all files."""
    now = Counter((code, message) for _, code, message in errors)
    before = Counter((code, message) for _, code, message in baseline)
    return {key: (before[key], n) for key, n in now.items() if n > before[key]}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--update", action="store_true", help="write the baseline")
    parser.add_argument(
        "--allow-growth", action="store_true", help="with --update: write even if it grows"
    )
    args = parser.parse_args()

    errors, lines = run_mypy()
    baseline = read_baseline()

    if args.update:
        grown = growth(errors, baseline)
        if grown and not args.allow_growth:
            for (code, message), (before, now) in sorted(grown.items()):
                print(f"{before} -> {now}: [{code}] {message}")
            print(
                f"Not written: {len(grown)} kinds of error grew (listed above). Fix them, or, "
                "if they are moved code whose message changed, use --allow-growth."
            )
            return 1
        write_baseline(errors)
        files = len({path for path, _, _ in errors})
        print(f"{BASELINE.name}: {len(errors)} errors in {files} files (was {len(baseline)}).")
        return 0

    new, fixed = unlisted(errors, baseline)
    for index in new:
        print(lines[index])
    if fixed:
        print(
            f"{fixed} of {len(baseline)} baseline errors are fixed: "
            "`make typecheck-baseline` shrinks the baseline."
        )
    if new:
        print(
            f"mypy: {len(new)} errors not in {BASELINE.name} (above): new code is held to "
            "strict. Code moved from another file: `make typecheck-baseline`."
        )
        return 1
    print(f"mypy: no new errors ({len(errors)} in the baseline remain).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
