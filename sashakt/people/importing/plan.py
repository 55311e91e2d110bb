"""The duplicate plan: which rows create people, which merge, which are skipped."""

import functools
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from sashakt.core.text.translit import other_script, phonetic_key
from sashakt.geography.place_names import place_key
from sashakt.people.import_columns import FIELD_LABELS
from sashakt.people.importing.clashes import clashes_tell_state_cell
from sashakt.people.importing.results import (
    BATCH,
    COMPARED,
    EXISTING,
    Decision,
    DuplicateRow,
    ImportResult,
    Problem,
)
from sashakt.people.importing.rows import CleanRow
from sashakt.people.models import DESIGNATION_PLACE, ONE_PER_PLACE, Person, PlaceLevel
from sashakt.people.rules import may_merge_across_districts

# Fields a matched person gets from the file when theirs is empty, without asking.
FILLABLE = frozenset(
    ["mobile", "name_alt", "social_category", "term_start", "date_of_birth", "email"]
)
EMPTY = (None, "")


@dataclass
class Plan:
    create: list[dict] = field(default_factory=list)  # values of new people
    # person, new values, old values, row
    update: list[tuple[object, dict, dict, int]] = field(default_factory=list)


@functools.lru_cache(maxsize=200_000)
def _name_forms(name: str) -> tuple[str, str]:
    """The other-script rendering and the phonetic key of a name (names repeat a lot)."""
    return other_script(name)[:150], phonetic_key(name)[:150]


def _person_values(values: dict, row: int) -> dict:
    name = values["name"]
    name_alt, name_key = _name_forms(name)
    return {
        "name": name,
        "name_alt": values["name_alt"] or name_alt,
        "name_key": name_key,
        "gender": values["gender"],
        "mobile": values["mobile"],
        "designation": values["designation"],
        "district_id": values["district_id"],
        "block_id": values["block_id"],
        "gram_panchayat_id": values["gram_panchayat_id"],
        "gram_panchayat_name": values["gram_panchayat_name"],
        "social_category": values["social_category"],
        "term_start": values["term_start"],
        "date_of_birth": values["date_of_birth"],
        "email": values["email"],
        "needs_place_review": values["needs_place_review"],
        "source_row": row,
    }


def _place_of(values) -> tuple:
    """Where a person serves, at the level of their designation: the gram panchayat (linked,
    or as typed) for a Pradhan, the block for a Pramukh, the district for a ZP member."""
    get = values.get if values.__class__ is dict else values._asdict().get
    level = DESIGNATION_PLACE.get(get("designation"), PlaceLevel.DISTRICT)
    if level == PlaceLevel.GRAM_PANCHAYAT:
        if get("gram_panchayat_id"):
            return ("gp", get("gram_panchayat_id"))
        return ("gp_typed", place_key(get("gram_panchayat_name") or ""))
    if level == PlaceLevel.BLOCK:
        return ("block", get("block_id"))
    return ("district", get("district_id"))


def _same_person(values) -> tuple:
    """Same name, same place, same designation: probably the same person."""
    return (values["name_key"], values["district_id"], values["designation"], _place_of(values))


def _told_apart_by_mobile(designation: str, mobile, other_mobile) -> bool:
    """Two rows of one name, place and designation are two people when the post is one many
    hold there (ward or ZP members, "other") and both give a mobile, different ones."""
    return (
        designation not in ONE_PER_PLACE
        and mobile is not None
        and other_mobile is not None
        and mobile != other_mobile
    )


def duplicates_plan(
    rows: list[CleanRow], result: ImportResult, *, user, duplicates: str, decisions: dict[int, str]
) -> Plan:
    """Which rows create people, merge or are skipped, by how people tell duplicates:

    - same mobile: the same person (a repeat in the file is skipped; a registry person is
      merged or skipped as the officer decides);
    - same name, designation and place (gram panchayat, or block for block-level roles):
      probably the same person, offered to merge (skipped unless the officer says otherwise)
      — where one person holds that post there (ONE_PER_PLACE); for posts many hold in one
      place, two different mobiles are two people (a possible duplicate at most);
    - same name in the same district only: a possible duplicate listed for review, imported
      as a new person unless the officer says otherwise.
    """
    plan = Plan()
    seen_mobiles: dict[str, int] = {}
    seen_people: dict[tuple, int] = {}
    seen_people_mobiles: dict[tuple, str | None] = {}
    seen_names: dict[tuple[str, int], int] = {}
    candidates: list[tuple[int, dict, tuple]] = []  # row, values, _same_person(values)
    same_default = Decision.SKIP if duplicates == Decision.SKIP else Decision.NEW
    for row in rows:
        values = _person_values(row.values, row.row)
        mobile, name_at = values["mobile"], (values["name_key"], values["district_id"])
        if mobile is not None and mobile in seen_mobiles:
            result.duplicate_rows.append(
                DuplicateRow(
                    row.row,
                    "file_mobile",
                    values["name"],
                    mobile or "",
                    other_row=seen_mobiles[mobile],
                    decision=Decision.SKIP,
                )
            )
            result.duplicates += 1
            continue
        if mobile is not None:
            seen_mobiles[mobile] = row.row
        person_key = _same_person(values)
        if person_key in seen_people or name_at in seen_names:
            strong = person_key in seen_people and not _told_apart_by_mobile(
                values["designation"], mobile, seen_people_mobiles[person_key]
            )
            decision = decisions.get(row.row, same_default if strong else Decision.NEW)
            result.duplicate_rows.append(
                DuplicateRow(
                    row.row,
                    "file_name" if strong else "file_possible",
                    values["name"],
                    mobile or "",
                    other_row=seen_people[person_key] if strong else seen_names[name_at],
                    decision=decision,
                )
            )
            if decision != Decision.NEW:
                result.duplicates += 1
                continue
        if person_key not in seen_people:
            seen_people[person_key] = row.row
            seen_people_mobiles[person_key] = mobile
        seen_names.setdefault(name_at, row.row)
        candidates.append((row.row, values, person_key))

    # Plain rows, not model instances: a re-import compares 100,000 people.
    existing_by_mobile: dict[str, tuple] = {}
    mobiles = [values["mobile"] for _r, values, _k in candidates if values["mobile"]]
    for start in range(0, len(mobiles), BATCH):
        chunk = mobiles[start : start + BATCH]
        for person in Person.objects.filter(mobile__in=chunk).values_list(*EXISTING, named=True):
            existing_by_mobile[person.mobile] = person
    unmatched = [v for _r, v, _k in candidates if v["mobile"] not in existing_by_mobile]
    existing_by_name: dict[tuple[str, int], list[tuple]] = {}
    keys = sorted({v["name_key"] for v in unmatched if v["name_key"]})
    districts = {v["district_id"] for v in unmatched}
    for start in range(0, len(keys), BATCH):
        for person in Person.objects.filter(
            name_key__in=keys[start : start + BATCH], district_id__in=districts
        ).values_list(*EXISTING, named=True):
            existing_by_name.setdefault((person.name_key, person.district_id), []).append(person)

    may_merge_elsewhere = may_merge_across_districts(user)
    clashes = []
    for row_number, values, wanted in candidates:
        person = existing_by_mobile.get(values["mobile"]) if values["mobile"] else None
        kind = "registry_mobile"
        if person is None:
            namesakes = existing_by_name.get((values["name_key"], values["district_id"]), [])
            person = next(
                (
                    p
                    for p in namesakes
                    if _same_person(p._asdict()) == wanted
                    and not _told_apart_by_mobile(p.designation, values["mobile"], p.mobile)
                ),
                None,
            )
            kind = "registry_name"
            if person is None and namesakes:
                person, kind = namesakes[0], "registry_possible"
        if person is None:
            plan.create.append(values)
            result.created += 1
            continue
        changes = {
            name: value
            for name, value in values.items()
            if name in COMPARED and getattr(person, name) != value
        }
        if values["mobile"] is None:
            changes.pop("mobile", None)  # a sheet without mobiles never erases one
        # An empty field given now (mobiles added to a registry imported without them) is
        # not a conflict: it is filled, audited with the import; changed values stay a
        # decision.
        fills = (
            {
                name: value
                for name, value in changes.items()
                if name in FILLABLE and value not in EMPTY and getattr(person, name) in EMPTY
            }
            if kind != "registry_possible"
            else {}
        )
        if fills and len(fills) == len(changes):
            plan.update.append((person, fills, {n: getattr(person, n) for n in fills}, row_number))
            result.updated += 1
            continue
        if not changes and kind != "registry_possible":
            result.unchanged += 1
            continue
        if kind == "registry_possible":
            default = Decision.NEW
        else:
            default = duplicates if duplicates in (Decision.SKIP, Decision.MERGE) else Decision.SKIP
        decision = decisions.get(row_number, default)
        duplicate = DuplicateRow(
            row_number,
            kind,
            values["name"],
            values["mobile"] or "",
            person_id=person.id,
            person_name=person.name,
            decision=decision,
        )
        if kind != "registry_mobile" and decision == Decision.NEW:
            plan.create.append(values)
            result.created += 1
            result.duplicate_rows.append(duplicate)
            continue
        if person.district_id != values["district_id"] and not may_merge_elsewhere:
            result.problems.append(
                Problem(
                    row_number,
                    str(FIELD_LABELS["mobile"]),
                    values["mobile"] or "",
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
        result.duplicate_rows.append(duplicate)
        if decision == Decision.MERGE and changes:
            plan.update.append(
                (person, changes, {n: getattr(person, n) for n in changes}, row_number)
            )
            result.updated += 1
        elif decision == Decision.MERGE:
            result.unchanged += 1
        elif fills:  # the changed values skipped, the empty fields filled all the same
            plan.update.append((person, fills, {n: getattr(person, n) for n in fills}, row_number))
            result.updated += 1
        else:
            result.duplicates += 1
    clashes_tell_state_cell(user=user, clashes=clashes)
    return plan
