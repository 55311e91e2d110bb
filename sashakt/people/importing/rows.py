"""Row cleaning: one spreadsheet row to the values of a person, or its problems."""

import dataclasses
import datetime
import functools
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from sashakt.core.text import clean_text
from sashakt.geography.models import District
from sashakt.geography.place_names import place_key
from sashakt.geography.selectors import PlaceRef
from sashakt.people import cleaning
from sashakt.people.cleaning import CellError
from sashakt.people.import_columns import FIELD_LABELS
from sashakt.people.importing.places import PlaceResolver, place_labeller
from sashakt.people.importing.reading import cell_text, is_blank
from sashakt.people.importing.results import Note, Problem
from sashakt.people.models import DESIGNATION_PLACE, ONE_PER_PLACE, PlaceLevel

# The posts one person holds in a gram panchayat (the Pradhan): two of them on one is a flag.
ONE_PER_GRAM_PANCHAYAT = frozenset(
    d for d in ONE_PER_PLACE if DESIGNATION_PLACE[d] == PlaceLevel.GRAM_PANCHAYAT
)


def _clean_name_alt(value) -> str:
    cleaning.refuse_malformed_legacy(value)
    return clean_text(value)[:150]


@dataclass
class CleanRow:
    row: int
    values: dict


class RowCleaner:
    """Cleans rows into registry values, each distinct cell value of a column only once
    (a district's file repeats its designations, blocks and dates thousands of times)."""

    def __init__(
        self,
        *,
        places: PlaceResolver,
        default_district: District | None,
        only_district: District | None,
        notes: list[Note],
        allow_missing_mobile: bool = False,
    ):
        self.places = places
        self.notes = notes
        self.allow_missing_mobile = allow_missing_mobile
        self.how_labels = {
            "alias": _("another name of the place"),
            "phonetic": _("matched by sound"),
            "suggestion": _("closest spelling"),
            "similar": _("the closest name in its block"),
        }
        # Translated once: a 100,000-row file may note every other row.
        self.read_as = _("Read as %(place)s (%(how)s); please check.")
        self.no_mobile = _("No mobile number: imported and listed as “mobile needed”.")
        self.default_district = default_district
        self.only_district = only_district
        self.labels = {name: str(label) for name, label in FIELD_LABELS.items()}
        self.place_label = place_labeller()
        today = timezone.localdate()
        self.cleaners = {
            "name": cleaning.clean_name,
            "mobile": cleaning.clean_mobile,
            "gender": cleaning.clean_gender,
            "designation": cleaning.clean_designation,
            "category": cleaning.clean_category,
            "email": cleaning.clean_email,
            "term_start": functools.partial(
                cleaning.clean_date,
                earliest=datetime.date(1990, 1, 1),
                field_label=self.labels["term_start"],
            ),
            "date_of_birth": functools.partial(
                cleaning.clean_date,
                earliest=today.replace(year=today.year - 110),
                field_label=self.labels["date_of_birth"],
            ),
            "district": places.district,
            "name_alt": _clean_name_alt,
        }
        self.caches: dict[str, dict] = {name: {} for name in self.cleaners}
        self.designation_notes: dict[object, str] = {}
        self.gp_claims: dict[tuple, tuple[int, str, str]] = {}
        self.claimed_twice = _(
            "Row %(other_row)s (“%(other)s”) was read as the same gram panchayat; one of the two "
            "is probably another gram panchayat: please check."
        )
        self.block_cache: dict[tuple[int, object], tuple[bool, object]] = {}
        self.gp_cache: dict[tuple, object] = {}
        self.place_cache: dict[tuple, tuple] = {}

    def _clean(self, field_name: str, raw, row: int, problems: list[Problem]):
        cache = self.caches[field_name]
        outcome = cache.get(raw)
        if outcome is None:
            try:
                outcome = (True, self.cleaners[field_name](raw))
            except CellError as error:
                outcome = (False, error)
            cache[raw] = outcome
        ok, result = outcome
        if ok:
            return result
        problems.append(
            Problem(row, self.labels[field_name], cell_text(raw), result.message, result.suggestion)
        )
        return None

    # The columns cleaned by their cleaner alone, in the order their problems are listed
    # (after the mobile): (column, key in the values, what an empty result becomes).
    SIMPLE_FIELDS = (
        ("name", "name", None),
        ("gender", "gender", None),
        ("designation", "designation", None),
        ("category", "social_category", ""),
        ("email", "email", ""),
        ("term_start", "term_start", None),
        ("date_of_birth", "date_of_birth", None),
        ("name_alt", "name_alt", ""),
    )

    def clean(self, cells: dict[str, object], problems: list[Problem], row: int) -> dict | None:
        errors_before = len(problems)
        get = cells.get
        mobile_typed = get("mobile")
        if self.allow_missing_mobile and is_blank(mobile_typed):
            mobile = None
        else:
            mobile = self._clean("mobile", mobile_typed, row, problems)
        values: dict = {"mobile": mobile, "needs_place_review": False}
        caches = self.caches
        # _clean inlined for the cached outcomes, which are nearly all: ten calls a row
        # for 100,000 rows cost more than the lookups.
        for field_name, key, empty in self.SIMPLE_FIELDS:
            raw = get(field_name)
            outcome = caches[field_name].get(raw)
            if outcome is not None and outcome[0]:
                value = outcome[1]
            else:
                value = self._clean(field_name, raw, row, problems)
            values[key] = value if empty is None else (value or empty)
        designation_typed = get("designation")
        read_as = self.designation_notes.get(designation_typed)
        if read_as is None:
            read_as = self.designation_notes[designation_typed] = (
                cleaning.designation_read_as(designation_typed) if designation_typed else ""
            )
        if read_as:
            self.notes.append(
                Note(
                    row,
                    self.labels["designation"],
                    cell_text(designation_typed),
                    read_as,
                    "designation",
                )
            )
        district_typed = get("district")
        if is_blank(district_typed) and self.default_district is not None:
            district = self.default_district
        else:
            resolved = self._clean("district", district_typed, row, problems)
            district = resolved.value if resolved else None
            if resolved and resolved.how:
                self._note_resolved(row, "district", district_typed, district.name, resolved.how)
        if district is not None and self.only_district and district != self.only_district:
            problems.append(
                Problem(
                    row,
                    self.labels["district"],
                    cell_text(district_typed),
                    _("You can import people of %(district)s only.")
                    % {"district": self.only_district.name},
                )
            )
            district = None
        values["district_id"] = district.id if district else None
        self._places_cached(cells, district, values, problems, row)
        if len(problems) > errors_before:
            return None
        if values["gram_panchayat_id"] and values["designation"] in ONE_PER_GRAM_PANCHAYAT:
            self._claim_gram_panchayat(row, values)
        if mobile is None:
            self.notes.append(
                Note(
                    row,
                    self.labels["mobile"],
                    "",
                    self.no_mobile,
                    "mobile_needed",
                )
            )
        return values

    def _claim_gram_panchayat(self, row: int, values: dict) -> None:
        """Two rows naming different gram panchayats that were both read as one (a Pradhan
        each): one of them is wrong, and the officer is told on both."""
        key = (values["gram_panchayat_id"], values["designation"])
        typed = place_key(values["gram_panchayat_name"])
        first = self.gp_claims.get(key)
        if first is None:
            self.gp_claims[key] = (row, typed, values["gram_panchayat_name"])
            return
        first_row, first_typed, first_text = first
        if first_typed == typed:
            return  # the same name twice: the duplicate plan decides about the person
        message = self.claimed_twice % {"other_row": first_row, "other": first_text}
        self.notes.append(
            Note(
                row,
                self.labels["gram_panchayat"],
                values["gram_panchayat_name"],
                message,
                "gp_shared",
            )
        )

    def _note_resolved(self, row: int, field_name: str, typed, read_as: str, how: str) -> None:
        self.notes.append(
            Note(
                row,
                self.labels[field_name],
                cell_text(typed),
                self.read_as % {"place": read_as, "how": self.how_labels[how]},
            )
        )

    def _block(self, district: District, typed):
        key = (district.id, typed)
        outcome = self.block_cache.get(key)
        if outcome is None:
            try:
                outcome = (True, self.places.block(district, typed))
            except CellError as error:
                outcome = (False, error)
            self.block_cache[key] = outcome
        ok, result = outcome
        if not ok:
            raise result
        return result

    def _gram_panchayat(self, district: District, block: PlaceRef | None, text: str):
        key = (district.id, block.pk if block else None, text)
        match = self.gp_cache.get(key)
        if match is None:
            match = self.gp_cache[key] = self.places.gram_panchayat(district, block, text)
        return match

    def _review(self, row: int, values: dict, gp_text: str, message: str) -> None:
        values["needs_place_review"] = True
        self.notes.append(
            Note(row, self.labels["gram_panchayat"], gp_text, message, "place_review")
        )

    def _places_cached(self, cells, district, values: dict, problems, row) -> None:
        """Places of a row, resolved once for each (district, level, block, GP) a file
        repeats: a district's sheet names each gram panchayat for every ward member."""
        if district is None:
            values["block_id"] = values["gram_panchayat_id"] = None
            values["gram_panchayat_name"] = ""
            return
        level = DESIGNATION_PLACE.get(values["designation"], PlaceLevel.DISTRICT)
        key = (district.id, level, cells.get("block"), cells.get("gram_panchayat"))
        cached = self.place_cache.get(key)
        if cached is None:
            found = {"designation": values["designation"], "needs_place_review": False}
            own_problems: list[Problem] = []
            own_notes: list[Note] = []
            notes, self.notes = self.notes, own_notes
            try:
                self._places(cells, district, found, own_problems, row)
            finally:
                self.notes = notes
            del found["designation"]
            self.place_cache[key] = (found, own_problems, own_notes)
            # Most keys come once: this row's problems and notes are the ones just made.
            values.update(found)
            problems.extend(own_problems)
            self.notes.extend(own_notes)
            return
        found, own_problems, own_notes = cached
        values.update(found)
        problems.extend(dataclasses.replace(problem, row=row) for problem in own_problems)
        self.notes.extend(dataclasses.replace(note, row=row) for note in own_notes)

    def _places(self, cells, district, values: dict, problems, row) -> None:
        values["block_id"] = values["gram_panchayat_id"] = None
        values["gram_panchayat_name"] = ""
        if district is None:
            return
        gp_raw = cells.get("gram_panchayat")
        try:
            cleaning.refuse_malformed_legacy(gp_raw)
        except CellError as error:
            problems.append(
                Problem(row, self.labels["gram_panchayat"], cell_text(gp_raw), error.message)
            )
            return
        gp_text = clean_text(gp_raw)
        level = DESIGNATION_PLACE.get(values["designation"], PlaceLevel.DISTRICT)
        block = None
        block_text = cells.get("block")
        if not is_blank(block_text):
            try:
                resolved = self._block(district, block_text)
            except CellError as error:
                if level < PlaceLevel.GRAM_PANCHAYAT or not gp_text:
                    problems.append(
                        Problem(
                            row,
                            self.labels["block"],
                            cell_text(block_text),
                            error.message,
                            error.suggestion,
                        )
                    )
                    return
                # A Pradhan is never held back by a block name: the gram panchayat decides.
            else:
                block = resolved.value
                if resolved.how:
                    self._note_resolved(
                        row, "block", block_text, self.place_label(block), resolved.how
                    )
        elif level >= PlaceLevel.BLOCK and not (level == PlaceLevel.GRAM_PANCHAYAT and gp_text):
            problems.append(
                Problem(row, self.labels["block"], "", _("This designation needs a block."))
            )
            return
        values["block_id"] = block.pk if block else None
        if level == PlaceLevel.GRAM_PANCHAYAT and not gp_text:
            problems.append(
                Problem(
                    row,
                    self.labels["gram_panchayat"],
                    "",
                    _("This designation needs a gram panchayat."),
                )
            )
            return
        values["gram_panchayat_name"] = gp_text[:150]
        if not gp_text or not self.places.has_gram_panchayats(district):
            return
        match = self._gram_panchayat(district, block, gp_text)
        if match.found:
            gram_panchayat = match.place
            values["gram_panchayat_id"] = gram_panchayat.pk
            values["block_id"] = values["block_id"] or gram_panchayat.block_id
            if match.how in ("phonetic", "similar"):
                self._note_resolved(
                    row, "gram_panchayat", gp_text, self.place_label(gram_panchayat), match.how
                )
            return
        if match.candidates:
            self._review(
                row,
                values,
                gp_text,
                _("Kept as typed for review; it could be: %(candidates)s.")
                % {"candidates": self._candidates_label(match)},
            )
        else:
            self._review(
                row,
                values,
                gp_text,
                _(
                    "No gram panchayat of this name in district %(district)s; "
                    "kept as typed for review."
                )
                % {"district": district.name},
            )

    def _candidates_label(self, match) -> str:
        # Scored within the row's block (the score says how close), then other blocks'.
        scored = [
            f"{self.place_label(ref)} ({score}%)"
            for ref, score in zip(match.candidates, match.scores, strict=False)
        ]
        others = [self._candidate_label(c) for c in match.candidates[len(match.scores) :]]
        return ", ".join(scored + others)

    def _candidate_label(self, ref: PlaceRef) -> str:
        block = self.places.block_name(ref.block_id) if ref.block_id else ""
        return f"{self.place_label(ref)} ({block})" if block else self.place_label(ref)
