"""Row cleaning: one spreadsheet row to the values of a person, or its problems."""

import datetime
import functools
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from sashakt.core.text import clean_text
from sashakt.geography.models import District
from sashakt.people import cleaning
from sashakt.people.cleaning import FIELD_LABELS, CellError
from sashakt.people.importing.places import PlaceResolver
from sashakt.people.importing.reading import cell_text, is_blank
from sashakt.people.importing.results import Problem
from sashakt.people.models import DESIGNATION_PLACE, PlaceLevel


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
    ):
        self.places = places
        self.default_district = default_district
        self.only_district = only_district
        self.labels = {name: str(label) for name, label in FIELD_LABELS.items()}
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
        }
        self.caches: dict[str, dict] = {name: {} for name in self.cleaners}
        self.block_cache: dict[tuple[int, object], tuple[bool, object]] = {}

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

    def clean(self, cells: dict[str, object], problems: list[Problem], row: int) -> dict | None:
        errors_before = len(problems)
        get = cells.get
        values: dict = {
            "name": self._clean("name", get("name"), row, problems),
            "mobile": self._clean("mobile", get("mobile"), row, problems),
            "gender": self._clean("gender", get("gender"), row, problems),
            "designation": self._clean("designation", get("designation"), row, problems),
            "social_category": self._clean("category", get("category"), row, problems) or "",
            "email": self._clean("email", get("email"), row, problems) or "",
            "term_start": self._clean("term_start", get("term_start"), row, problems),
            "date_of_birth": self._clean("date_of_birth", get("date_of_birth"), row, problems),
            "name_alt": clean_text(get("name_alt"))[:150],
        }
        district_typed = get("district")
        if is_blank(district_typed) and self.default_district is not None:
            district = self.default_district
        else:
            district = self._clean("district", district_typed, row, problems)
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
        values["district"] = district
        values["block"], values["gram_panchayat"], values["gram_panchayat_name"] = self._places(
            cells, district, values["designation"], problems, row
        )
        if len(problems) > errors_before:
            return None
        return values

    def _block(self, district: District, typed):
        key = (district.pk, typed)
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

    def _places(self, cells, district, designation, problems, row):
        block = gram_panchayat = None
        gp_text = clean_text(cells.get("gram_panchayat"))
        if district is None:
            return None, None, ""
        level = DESIGNATION_PLACE.get(designation, PlaceLevel.DISTRICT)
        block_text = cells.get("block")
        if not is_blank(block_text):
            try:
                block = self._block(district, block_text)
            except CellError as error:
                problems.append(
                    Problem(
                        row,
                        str(FIELD_LABELS["block"]),
                        cell_text(block_text),
                        error.message,
                        error.suggestion,
                    )
                )
                return None, None, ""
        elif level >= PlaceLevel.BLOCK:
            problems.append(
                Problem(row, str(FIELD_LABELS["block"]), "", _("This designation needs a block."))
            )
            return None, None, ""
        if level == PlaceLevel.GRAM_PANCHAYAT and not gp_text:
            problems.append(
                Problem(
                    row,
                    str(FIELD_LABELS["gram_panchayat"]),
                    "",
                    _("This designation needs a gram panchayat."),
                )
            )
            return block, None, ""
        if gp_text and self.places.has_gram_panchayats(district):
            try:
                gram_panchayat = self.places.gram_panchayat(district, block, gp_text)
            except CellError as error:
                problems.append(
                    Problem(
                        row,
                        str(FIELD_LABELS["gram_panchayat"]),
                        gp_text,
                        error.message,
                        error.suggestion,
                    )
                )
        return block, gram_panchayat, gp_text[:150]
