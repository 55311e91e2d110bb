"""Bulk import of the participant registry from district spreadsheets, in rooms:
`reading` (header row, column mapping), `places` (district / block / gram panchayat from what
offices type), `rows` (cleaning one row), `plan` (duplicates within the file and against the
registry), `writing` (bulk writes with audit entries), `results` (what the import reports) and
`entry` (`participants_import`, the entry point)."""

from sashakt.people.importing.entry import participants_import
from sashakt.people.importing.reading import detect_mapping, find_header_row
from sashakt.people.importing.results import Decision, ImportResult

__all__ = ["Decision", "ImportResult", "detect_mapping", "find_header_row", "participants_import"]
