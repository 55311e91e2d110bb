"""The duplicate plan: which rows create people, which merge, which are skipped."""

import functools
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from sashakt.people.cleaning import FIELD_LABELS
from sashakt.people.importing.clashes import clashes_tell_state_cell
from sashakt.people.importing.results import (
    BATCH,
    EXISTING,
    Decision,
    DuplicateRow,
    ImportResult,
    Problem,
)
from sashakt.people.importing.rows import CleanRow
from sashakt.people.models import Person
from sashakt.people.rules import may_merge_across_districts
from sashakt.people.translit import other_script, phonetic_key


@dataclass
class Plan:
    create: list[dict] = field(default_factory=list)  # values of new people
    update: list[tuple[Person, dict, dict]] = field(default_factory=list)  # person, new, old


@functools.lru_cache(maxsize=200_000)
def _name_forms(name: str) -> tuple[str, str]:
    """The other-script rendering and the phonetic key of a name (names repeat a lot)."""
    return other_script(name)[:150], phonetic_key(name)[:150]


def _person_values(values: dict) -> dict:
    name = values["name"]
    name_alt, name_key = _name_forms(name)
    return {
        "name": name,
        "name_alt": values["name_alt"] or name_alt,
        "name_key": name_key,
        "gender": values["gender"],
        "mobile": values["mobile"],
        "designation": values["designation"],
        "district_id": values["district"].pk,
        "block_id": values["block"].pk if values["block"] else None,
        "gram_panchayat_id": values["gram_panchayat"].pk if values["gram_panchayat"] else None,
        "gram_panchayat_name": values["gram_panchayat_name"],
        "social_category": values["social_category"],
        "term_start": values["term_start"],
        "date_of_birth": values["date_of_birth"],
        "email": values["email"],
    }


def duplicates_plan(
    rows: list[CleanRow], result: ImportResult, *, user, duplicates: str, decisions: dict[int, str]
) -> Plan:
    plan = Plan()
    seen_mobiles: dict[str, int] = {}
    seen_names: dict[tuple[str, int], int] = {}
    candidates: list[tuple[int, dict]] = []
    for row in rows:
        values = _person_values(row.values)
        mobile, name_at = values["mobile"], (values["name_key"], values["district_id"])
        if mobile in seen_mobiles:
            result.duplicate_rows.append(
                DuplicateRow(
                    row.row,
                    "file_mobile",
                    values["name"],
                    mobile,
                    other_row=seen_mobiles[mobile],
                    decision=Decision.SKIP,
                )
            )
            result.duplicates += 1
            continue
        seen_mobiles[mobile] = row.row
        if name_at in seen_names:
            decision = decisions.get(
                row.row, Decision.SKIP if duplicates == Decision.SKIP else Decision.NEW
            )
            result.duplicate_rows.append(
                DuplicateRow(
                    row.row,
                    "file_name",
                    values["name"],
                    mobile,
                    other_row=seen_names[name_at],
                    decision=decision,
                )
            )
            if decision != Decision.NEW:
                result.duplicates += 1
                continue
        seen_names.setdefault(name_at, row.row)
        candidates.append((row.row, values))

    # Plain rows, not model instances: a re-import compares 100,000 people.
    existing_by_mobile: dict[str, tuple] = {}
    mobiles = [values["mobile"] for _r, values in candidates]
    for start in range(0, len(mobiles), BATCH):
        chunk = mobiles[start : start + BATCH]
        for person in Person.objects.filter(mobile__in=chunk).values_list(*EXISTING, named=True):
            existing_by_mobile[person.mobile] = person
    unmatched = [(r, v) for r, v in candidates if v["mobile"] not in existing_by_mobile]
    existing_by_name: dict[tuple[str, int], tuple] = {}
    keys = sorted({v["name_key"] for _r, v in unmatched if v["name_key"]})
    districts = {v["district_id"] for _r, v in unmatched}
    for start in range(0, len(keys), BATCH):
        for person in Person.objects.filter(
            name_key__in=keys[start : start + BATCH], district_id__in=districts
        ).values_list(*EXISTING, named=True):
            existing_by_name.setdefault((person.name_key, person.district_id), person)

    may_merge_elsewhere = may_merge_across_districts(user)
    clashes = []
    for row_number, values in candidates:
        person = existing_by_mobile.get(values["mobile"])
        kind = "registry_mobile"
        if person is None:
            person = existing_by_name.get((values["name_key"], values["district_id"]))
            kind = "registry_name"
        if person is None:
            plan.create.append(values)
            result.created += 1
            continue
        changes = {name: value for name, value in values.items() if getattr(person, name) != value}
        if not changes:
            result.unchanged += 1
            continue
        default = duplicates if duplicates in (Decision.SKIP, Decision.MERGE) else Decision.SKIP
        decision = decisions.get(row_number, default)
        if kind == "registry_name" and decision == Decision.NEW:
            plan.create.append(values)
            result.created += 1
            result.duplicate_rows.append(
                DuplicateRow(
                    row_number,
                    kind,
                    values["name"],
                    values["mobile"],
                    person_id=person.id,
                    person_name=person.name,
                    decision=decision,
                )
            )
            continue
        if person.district_id != values["district_id"] and not may_merge_elsewhere:
            result.problems.append(
                Problem(
                    row_number,
                    str(FIELD_LABELS["mobile"]),
                    values["mobile"],
                    # Whose mobile it is, and where, is another district's registry data.
                    _(
                        "This mobile number cannot be used. The state programme cell has been "
                        "told and will look into it."
                    ),
                )
            )
            clashes.append((row_number, values["mobile"], person.id, person.district_id))
            result.invalid += 1
            continue
        result.duplicate_rows.append(
            DuplicateRow(
                row_number,
                kind,
                values["name"],
                values["mobile"],
                person_id=person.id,
                person_name=person.name,
                decision=decision,
            )
        )
        if decision == Decision.MERGE:
            plan.update.append((person, changes, {n: getattr(person, n) for n in changes}))
            result.updated += 1
        else:
            result.duplicates += 1
    clashes_tell_state_cell(user=user, clashes=clashes)
    return plan
