"""The registry by hand: a district officer adds one person, corrects one, or marks one who
has left office.

One code path with the import: a person typed on a form is one row run through the import's
own cleaning (`RowCleaner`: names, mobiles, designations, places matched as in a sheet) and
its duplicate rules (`duplicates_plan`: same mobile is the same person; same name,
designation and place probably is). Every write is audited one by one, with the actor and,
for an edit or a departure, the reason the officer gave.
"""

import datetime
from dataclasses import dataclass, field

from auditlog.context import set_actor
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sashakt.core.text import clean_text
from sashakt.core.users import User
from sashakt.geography.models import District
from sashakt.people.importing.clashes import clashes_tell_state_cell
from sashakt.people.importing.places import PlaceResolver
from sashakt.people.importing.plan import duplicates_plan
from sashakt.people.importing.results import Decision, ImportResult
from sashakt.people.importing.rows import CleanRow, RowCleaner
from sashakt.people.models import LeftOffice, Person
from sashakt.people.rules import import_district, may_edit_person
from sashakt.people.signals import person_left_office

# What a hand edit may change (issue 22): the rest is the person's identity, corrected by
# the state cell or a re-import.
EDITABLE = ("mobile", "designation", "block", "gram_panchayat", "category")


@dataclass
class HandResult:
    person: Person
    notes: list[str] = field(default_factory=list)  # what the officer should check


def _refusal(result: ImportResult) -> ValidationError:
    return ValidationError(
        [
            _("%(field)s: %(message)s") % {"field": p.column, "message": p.message}
            + (" " + _("Did you mean %(value)s?") % {"value": p.suggestion} if p.suggestion else "")
            for p in result.problems
        ]
    )


def _district_of(user, district: District | None) -> District:
    own = import_district(user)  # a district officer adds to their own, whatever is sent
    if own is not None:
        return own
    if district is None:
        raise ValidationError(_("Choose the district."))
    return district


def _clean_one(*, cells: dict, district: District, result: ImportResult) -> dict | None:
    cleaner = RowCleaner(
        places=PlaceResolver(),
        default_district=district,
        only_district=district,
        notes=result.notes,
    )
    cells = {**cells, "district": None}  # the district is chosen, never typed
    return cleaner.clean(cells, result.problems, 1)


def _mobile_taken(*, user, mobile: str, person: Person | None) -> None:
    """The import's first rule: one mobile, one person. The officer is told whose it is only
    when that person is of their own district; otherwise the state cell is told."""
    other = Person.objects.filter(mobile=mobile).exclude(pk=getattr(person, "pk", None)).first()
    if other is None:
        return
    if may_edit_person(user, other):
        raise ValidationError(
            _(
                "Mobile %(mobile)s already belongs to %(name)s in the registry. One mobile "
                "number is one person: open their record instead."
            )
            % {"mobile": mobile, "name": other.name}
        )
    clashes_tell_state_cell(user=user, clashes=[(0, mobile, other.pk, other.district_id)])
    raise ValidationError(
        _(
            "This mobile number cannot be used. The state programme cell has been told and "
            "will look into it."
        )
    )


def person_add(*, user, cells: dict, district: District | None = None) -> HandResult:
    """Add one person typed on the form. `cells` are the form's values by import column
    (name, mobile, gender, designation, category, email, term_start, date_of_birth, block,
    gram_panchayat, name_alt). Refused (ValidationError, nothing written) on any problem
    the import would report, on a mobile already in the registry, and on someone the import
    would take for a person already registered (same name, designation and place)."""
    district = _district_of(user, district)
    result = ImportResult()
    values = _clean_one(cells=cells, district=district, result=result)
    if values is None:
        raise _refusal(result)
    if values["mobile"]:
        _mobile_taken(user=user, mobile=values["mobile"], person=None)
    plan = duplicates_plan(
        [CleanRow(1, values)], result, user=user, duplicates=Decision.SKIP, decisions={}
    )
    if result.problems:
        raise _refusal(result)
    if not plan.create:
        match = next((d for d in result.duplicate_rows if d.person_id), None)
        raise ValidationError(
            _(
                "%(name)s is already in the registry with this designation and place. Open "
                "their record to correct it instead."
            )
            % {"name": match.person_name if match else values["name"]}
        )
    row = plan.create[0]
    row.pop("source_row", None)
    person = Person(**row)
    person.full_clean(exclude=["mobile"] if person.mobile is None else None)
    try:
        with transaction.atomic(), set_actor(user):
            person.save()
    except IntegrityError as error:  # the same mobile saved a moment ago by someone else
        raise ValidationError(
            _("Mobile %(mobile)s already belongs to someone in the registry.")
            % {"mobile": person.mobile}
        ) from error
    notes = [note.message for note in result.notes]
    notes += [
        _("%(name)s of the same district has the same name: check it is not the same person.")
        % {"name": d.person_name}
        for d in result.duplicate_rows
        if d.kind == "registry_possible"
    ]
    return HandResult(person, notes)


def _current_cells(person: Person) -> dict:
    return {
        "name": person.name,
        "name_alt": person.name_alt,
        "mobile": person.mobile or "",
        "gender": person.gender,
        "designation": person.designation,
        "category": person.social_category,
        "email": person.email,
        "term_start": person.term_start,
        "date_of_birth": person.date_of_birth,
        "block": person.block.name_en if person.block else "",
        "gram_panchayat": person.gram_panchayat.name_en
        if person.gram_panchayat
        else person.gram_panchayat_name,
    }


def person_correct(*, user, person: Person, changes: dict, reason: str) -> HandResult:
    """Correct a person's mobile, designation, block, gram panchayat or category (`changes`
    by import column), with the reason kept in their history. The whole record is cleaned
    again as an import row would be, so a new designation needs its place."""
    if not may_edit_person(user, person):
        raise PermissionDenied
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Write why the record is being corrected."))
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise ValueError(f"not editable by hand: {sorted(unknown)}")
    cells = {**_current_cells(person), **changes}
    if "gram_panchayat" in changes and "block" not in changes and person.gram_panchayat_id:
        cells["block"] = ""  # a new gram panchayat brings its own block
    result = ImportResult()
    values = _clean_one(cells=cells, district=person.district, result=result)
    if values is None:
        raise _refusal(result)
    if "mobile" in changes and not values["mobile"]:
        raise ValidationError(_("Enter the mobile number."))
    if values["mobile"]:
        _mobile_taken(user=user, mobile=values["mobile"], person=person)
    fields = {
        "mobile": values["mobile"],
        "designation": values["designation"],
        "block_id": values["block_id"],
        "gram_panchayat_id": values["gram_panchayat_id"],
        "gram_panchayat_name": values["gram_panchayat_name"],
        "needs_place_review": values["needs_place_review"],
        "social_category": values["social_category"],
    }
    with transaction.atomic():
        locked = Person.objects.select_for_update().get(pk=person.pk)
        changed = [name for name, value in fields.items() if getattr(locked, name) != value]
        if not changed:
            raise ValidationError(_("Nothing was changed."))
        for name in changed:
            setattr(locked, name, fields[name])
        locked.full_clean(exclude=["mobile"] if locked.mobile is None else None)
        locked.audit_reason = reason[:500]
        try:
            with transaction.atomic(), set_actor(user):
                locked.save()
        except IntegrityError as error:
            raise ValidationError(
                _("Mobile %(mobile)s already belongs to someone in the registry.")
                % {"mobile": locked.mobile}
            ) from error
    return HandResult(locked, [note.message for note in result.notes])


def person_leave_office(
    *, user, person: Person, why: str, on: datetime.date, reason: str = ""
) -> Person:
    """Mark `person` as having left office (term ended, resigned, died) on `on`: they stay
    in the registry with their training history, but are no longer nominated nor counted in
    the RGSA lists. Audited with why (and any words the officer added).

    The `person_left_office` signal is sent in the same transaction: nominations withdraws
    their nominations that have not yet taken place (all of it, or nothing). The person
    returned carries `places_released`, the number of nominations the receivers withdrew."""
    if not may_edit_person(user, person):
        raise PermissionDenied
    if why not in LeftOffice.values:
        raise ValidationError(_("Choose why they left office."))
    if on is None or on > timezone.localdate():
        raise ValidationError(_("The date they left office cannot be in the future."))
    with transaction.atomic():
        locked = Person.objects.select_for_update().get(pk=person.pk)
        if locked.left_office_on is not None:
            raise ValidationError(_("%(name)s has already left office.") % {"name": locked.name})
        locked.left_office_on = on
        locked.left_office_why = why
        locked.audit_reason = (reason or "").strip()[:500] or str(LeftOffice(why).label)
        with set_actor(user):
            locked.save()
        answers = person_left_office.send(sender=Person, person=locked, user=user)
    locked.places_released = sum(answer or 0 for _receiver, answer in answers)
    return locked


def person_name_correct(*, user: User, person: Person, name: str, reason: str) -> Person:
    """Correct a person's name as written (a correction the person asked for and their
    district officer accepted, see privacy), audited with the reason. The name in the other
    script is derived again from the new one."""
    if not may_edit_person(user, person):
        raise PermissionDenied
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Write why the record is being corrected."))
    name = clean_text(name)[:150]
    if not name:
        raise ValidationError(_("Enter the name."))
    with transaction.atomic():
        locked = Person.objects.select_for_update().get(pk=person.pk)
        if locked.name == name:
            raise ValidationError(_("Nothing was changed."))
        locked.name = name
        locked.name_alt = ""  # derived again from the new name (Person.save)
        locked.audit_reason = reason[:500]  # type: ignore[attr-defined]  # read by auditlog
        with set_actor(user):
            locked.save()  # type: ignore[no-untyped-call]
    return locked
