"""Reading the sheet: the header row, the columns it maps, cell text."""

from sashakt.core.text import clean_text, match_key
from sashakt.people import import_columns
from sashakt.people.import_columns import IGNORE


def find_header_row(rows: list[list]) -> int:
    """Index of the header row: the first of the top ten rows naming the most fields
    (district offices often put a title line above the table)."""
    best, best_score = 0, 0
    for index, row in enumerate(rows[:10]):
        score = sum(1 for cell in row if import_columns.header_field(cell))
        if score > best_score:
            best, best_score = index, score
    return best


def detect_mapping(headers: list) -> tuple[dict[int, str], list[str], list[str]]:
    """column index -> field; plus ignored (known extra) and unknown header names."""
    mapping, ignored, unknown, taken = {}, [], [], set()
    for index, header in enumerate(headers):
        text = clean_text(header)
        if not text:
            continue
        field_name = import_columns.header_field(text)
        if field_name == "name" and "name" in taken:
            field_name = "name_alt"  # a second name column: the other script
        if field_name and field_name not in taken:
            mapping[index] = field_name
            taken.add(field_name)
        elif match_key(text) in import_columns.KNOWN_EXTRA_HEADERS:
            mapping[index] = IGNORE
            ignored.append(text)
        else:
            unknown.append(text)
    return mapping, ignored, unknown


def is_blank(value) -> bool:
    return value is None or (isinstance(value, str) and not clean_text(value))


def cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return clean_text(value)[:200]
