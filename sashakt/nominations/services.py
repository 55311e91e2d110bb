"""Nominations and seats: every rule lives here, and the database backs the ones it can.

- A batch never holds more people than it has seats, even when two approvals race: an
  approval locks the batch row (PostgreSQL `SELECT ... FOR UPDATE`; SQLite takes its write
  lock when the transaction begins), and seat numbers are unique per batch in the database.
- A person has at most one nomination in play per programme (a partial unique index) and is
  never in two batches whose dates overlap.
- Eligibility by designation, the district officer's own district, and the district quota are
  checked when nominating; a person who already completed the programme is flagged.
- A seat that frees up (decline, rejection, withdrawal) goes to the first person on the
  batch's waitlist.
"""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from auditlog.context import set_actor
from django.db import transaction
from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from sashakt.core.refusals import Refused
from sashakt.core.text import normalise_mobile
from sashakt.core.users import User
from sashakt.nominations import telling
from sashakt.nominations.answer_links import AnswerCheck, answer_token_check
from sashakt.nominations.models import ACTIVE, SEAT_HOLDING, Nomination, NominationStatus
from sashakt.nominations.rules import (
    may_act_at_the_door,
    may_answer_for,
    may_decide,
    may_nominate,
)
from sashakt.nominations.selectors import held_seats
from sashakt.people.models import Person
from sashakt.programmes.models import Batch, BatchStatus, DistrictQuota, Programme

Status = NominationStatus


class NominationError(Refused):
    """Refused by the nomination rules (quotas, seats, answers, substitution)."""


# --- Reading the rules ----------------------------------------------------------------------


def district_quota(batch: Batch, district_id: int) -> int | None:
    """Seats `district_id` may fill in `batch`: the batch's own quota, else the programme's,
    else the programme's default; None for no limit."""
    quotas = DistrictQuota.objects.filter(district_id=district_id)
    own = quotas.filter(batch=batch).values_list("seats", flat=True).first()
    if own is not None:
        return own
    programme_wide = quotas.filter(programme_id=batch.programme_id).values_list("seats", flat=True)
    return (
        programme_wide.first()
        if programme_wide.exists()
        else (batch.programme.default_district_quota)
    )


def district_quotas(batches: Sequence[Batch], district_id: int) -> dict[int, int | None]:
    """`district_quota` of each of `batches` (by pk), read in one query: the district
    officer's home lists the open batches with the seats left to fill."""
    rows = DistrictQuota.objects.filter(district_id=district_id).filter(
        Q(batch__in=[b.pk for b in batches]) | Q(programme__in={b.programme_id for b in batches})
    )
    per_batch, per_programme = {}, {}
    for quota in rows:
        if quota.batch_id is not None:
            per_batch[quota.batch_id] = quota.seats
        else:
            per_programme[quota.programme_id] = quota.seats
    return {
        b.pk: per_batch.get(
            b.pk, per_programme.get(b.programme_id, b.programme.default_district_quota)
        )
        for b in batches
    }


def overlapping_nomination(person: Person, batch: Batch, *, exclude: int | None = None):
    """The person's nomination in play for another batch whose dates meet `batch`'s."""
    clashes = Nomination.objects.filter(
        person=person,
        status__in=ACTIVE,
        batch__start_date__lte=batch.end_date,
        batch__end_date__gte=batch.start_date,
    ).exclude(batch=batch)
    if exclude:
        clashes = clashes.exclude(pk=exclude)
    return clashes.select_related("batch__programme").first()


def completed_programme(person: Person, programme: Programme) -> bool:
    return Nomination.objects.filter(
        person=person,
        programme=programme,
        status=Status.ATTENDED,
    ).exists()


# --- Nominating -----------------------------------------------------------------------------


def nomination_create(
    *,
    user,
    person: Person,
    programme: Programme | None = None,
    batch: Batch | None = None,
    unavailable_weeks: list[datetime.date] | None = None,
    substitute_for: Nomination | None = None,
    at_the_door: bool = False,
) -> Nomination:
    """Nominate `person` for `batch` (or for the programme, to be allocated later).
    `at_the_door`: a substitute seated in the hall (the caller checked the coordinator)."""
    programme = batch.programme if batch is not None else programme
    if programme is None:
        raise ValueError("a batch or a programme is needed")
    if not at_the_door and not may_nominate(user, person):
        raise NominationError(_("You can nominate people of your own district only."))
    with transaction.atomic():
        # One nomination at a time per person: the overlap and uniqueness checks below
        # then see every nomination that could clash.
        person = Person.objects.select_for_update().get(pk=person.pk)
        if batch is not None:
            batch = Batch.objects.select_for_update().get(pk=batch.pk)
            if batch.status != BatchStatus.OPEN and substitute_for is None:
                raise NominationError(_("This batch is not open for nominations."))
        if person.left_office_on is not None:
            raise NominationError(
                _("%(name)s has left office and can no longer be nominated.")
                % {"name": person.name}
            )
        if not programme.is_eligible(person.designation):
            raise NominationError(
                _("%(designation)s is not eligible for this programme.")
                % {"designation": person.get_designation_display()}
            )
        if (
            Nomination.objects.filter(programme=programme, person=person, status__in=ACTIVE)
            .exclude(pk=getattr(substitute_for, "pk", None))
            .exists()
        ):
            raise NominationError(
                _("%(name)s is already nominated for this programme.") % {"name": person.name}
            )
        if batch is not None:
            clash = overlapping_nomination(person, batch)
            if clash is not None:
                raise NominationError(
                    _("%(name)s is already in %(batch)s on these dates.")
                    % {"name": person.name, "batch": clash.batch}
                )
            quota = district_quota(batch, person.district_id)
            if quota is not None and substitute_for is None:
                used = batch.nominations.filter(
                    district_id=person.district_id, status__in=ACTIVE
                ).count()
                if used >= quota:
                    raise NominationError(
                        _("Your district's quota for this batch (%(quota)s) is full.")
                        % {"quota": quota}
                    )
        nomination = Nomination(
            programme=programme,
            batch=batch,
            person=person,
            district_id=person.district_id,
            designation=person.designation,
            nominated_by=user,
            previously_trained=completed_programme(person, programme),
            unavailable_weeks=sorted(str(week) for week in (unavailable_weeks or [])),
            substitute_for=substitute_for,
        )
        # The database backs these rules too; full_clean() names a breach before it writes.
        nomination.full_clean()
        nomination.save()
        if substitute_for is None and not at_the_door:
            telling.tell_nominated(nomination)
        return nomination


@dataclass
class PastedNominations:
    created: list[Nomination]
    problems: list[tuple[str, str]]  # (what was typed, why it was not nominated)


def nominations_create_from_mobiles(
    *,
    user,
    text: str,
    people: QuerySet[Person],
    batch: Batch | None = None,
    programme: Programme | None = None,
    unavailable_weeks: list[datetime.date] | None = None,
) -> PastedNominations:
    """Nominate everyone whose mobile is in `text` (one per line, or separated by commas),
    among `people` (the registry the user may see), for `batch` or for any batch of
    `programme` (then `unavailable_weeks` guide the allocation). Each line succeeds or
    fails alone."""
    result = PastedNominations([], [])
    for typed in [part.strip() for part in text.replace(",", "\n").splitlines()]:
        if not typed:
            continue
        mobile = normalise_mobile(typed)
        if mobile is None:
            result.problems.append((typed, _("Not a 10-digit mobile number.")))
            continue
        person = people.filter(mobile=mobile).first()
        if person is None:
            result.problems.append((typed, _("No one in your registry has this mobile.")))
            continue
        try:
            result.created.append(
                nomination_create(
                    user=user,
                    person=person,
                    batch=batch,
                    programme=programme,
                    unavailable_weeks=unavailable_weeks,
                )
            )
        except NominationError as error:
            result.problems.append((typed, str(error)))
    return result


# --- Deciding -------------------------------------------------------------------------------


def _locked(nomination: Nomination) -> tuple[Nomination, Batch | None]:
    """Lock the batch first (every seat change goes through it), then re-read the nomination."""
    batch = None
    if nomination.batch_id:
        batch = Batch.objects.select_for_update().get(pk=nomination.batch_id)
    return Nomination.objects.select_for_update().get(pk=nomination.pk), batch


def _free_seat(batch: Batch) -> int | None:
    taken = held_seats(batch)
    for seat in range(1, batch.capacity + 1):
        if seat not in taken:
            return seat
    return None


def nomination_approve(*, user, nomination: Nomination) -> Nomination:
    """Offer a seat, or a place on the waitlist when the batch is full."""
    if not may_decide(user, nomination.programme):
        raise NominationError(_("You cannot approve nominations for this programme."))
    with transaction.atomic():
        nomination, batch = _locked(nomination)
        if nomination.status != Status.NOMINATED:
            raise NominationError(_("Only a nomination awaiting approval can be approved."))
        if batch is None:
            raise NominationError(_("Allocate a batch to this nomination first."))
        seat = _free_seat(batch)
        now = timezone.now()
        if seat is None:
            nomination.status, nomination.waitlisted_at = Status.WAITLISTED, now
        else:
            nomination.status, nomination.seat = Status.APPROVED, seat
        nomination.decided_by, nomination.decided_at = user, now
        nomination.save()
        telling.tell_after_decision(nomination)
    return nomination


def nomination_reject(*, user, nomination: Nomination, reason: str) -> Nomination:
    """Refuse a nomination; the reason is shown to the district officer."""
    reason = (reason or "").strip()
    if not reason:
        raise NominationError(_("Give the reason for the rejection."))
    if not may_decide(user, nomination.programme):
        raise NominationError(_("You cannot reject nominations for this programme."))
    with transaction.atomic():
        nomination, batch = _locked(nomination)
        if nomination.status not in (Status.NOMINATED, Status.WAITLISTED, *SEAT_HOLDING):
            raise NominationError(_("This nomination is no longer in play."))
        freed = nomination.status in SEAT_HOLDING
        nomination.status, nomination.seat, nomination.reason = Status.REJECTED, None, reason
        nomination.decided_by, nomination.decided_at = user, timezone.now()
        nomination.save()
        telling.tell_rejected(nomination)
        if freed:
            waitlist_promote(user=user, batch=batch)
    return nomination


def nomination_confirm(*, user, nomination: Nomination) -> Nomination:
    if not may_answer_for(user, nomination):
        raise NominationError(_("You cannot answer for this person."))
    with transaction.atomic():
        nomination, _batch = _locked(nomination)
        _confirm_locked(nomination)
    return nomination


def _confirm_locked(nomination: Nomination) -> None:
    if nomination.status != Status.APPROVED:
        raise NominationError(_("Only an offered seat can be confirmed."))
    nomination.status = Status.CONFIRMED
    nomination.save()


def nomination_decline(*, user, nomination: Nomination, reason: str = "") -> Nomination:
    """The person cannot come: their seat, if any, goes to the waitlist."""
    if not may_answer_for(user, nomination):
        raise NominationError(_("You cannot answer for this person."))
    with transaction.atomic():
        nomination, batch = _locked(nomination)
        _decline_locked(user=user, nomination=nomination, batch=batch, reason=reason)
    return nomination


def _decline_locked(*, user, nomination: Nomination, batch: Batch | None, reason: str) -> None:
    if nomination.status not in ACTIVE:
        raise NominationError(_("This nomination is no longer in play."))
    freed = nomination.status in SEAT_HOLDING
    nomination.status, nomination.seat = Status.DECLINED, None
    nomination.reason = (reason or "").strip()
    nomination.save()
    if freed:
        waitlist_promote(user=user, batch=batch)


class AnswerLinkRefused(NominationError):
    """The answer link does not let its holder answer (see `answer_links.AnswerRefusal`)."""

    def __init__(self, check: AnswerCheck):
        super().__init__(check.message)
        self.check = check


def _answer_by_link(*, token: str, user, answer) -> Nomination:
    """Check the link, lock the nomination, check again under the lock, then `answer`."""
    check = answer_token_check(token, user=user)
    if not check.ok or check.nomination is None:  # one that lets one answer names it
        raise AnswerLinkRefused(check)
    with transaction.atomic():
        nomination, batch = _locked(check.nomination)
        check = answer_token_check(token, user=user)  # as it stands under the lock
        if not check.ok:
            raise AnswerLinkRefused(check)
        answer(nomination, batch)
    return nomination


def nomination_confirm_by_link(*, token: str, user=None) -> Nomination:
    """The person confirms their offered seat from the SMS link (no password: the signed
    token names the nomination, its offer and the last day to answer). The same step as
    `nomination_confirm`; the district officer sees it at once (it is the same status)."""
    return _answer_by_link(
        token=token, user=user, answer=lambda nomination, _batch: _confirm_locked(nomination)
    )


def nomination_decline_by_link(*, token: str, reason: str, user=None) -> Nomination:
    """The person says from the SMS link why they cannot come: the same step as
    `nomination_decline` (the seat goes to the waitlist, the reason is kept)."""
    return _answer_by_link(
        token=token,
        user=user,
        answer=lambda nomination, batch: _decline_locked(
            user=None, nomination=nomination, batch=batch, reason=reason
        ),
    )


def nomination_substitute(*, user, nomination: Nomination, person: Person) -> Nomination:
    """Replace a nominee by another person of the same district and designation; the
    substitute takes over the place (and seat) and the history keeps both."""
    if not may_nominate(user, nomination.person):
        raise NominationError(_("You can nominate people of your own district only."))
    if person.district_id != nomination.district_id or person.designation != (
        nomination.designation
    ):
        raise NominationError(
            _("A substitute must be from the same district and hold the same designation.")
        )
    with transaction.atomic():
        old, batch = _locked(nomination)
        if old.status not in ACTIVE:
            raise NominationError(_("This nomination is no longer in play."))
        status, seat, waitlisted_at = old.status, old.seat, old.waitlisted_at
        new = _substitute_nominated(user=user, old=old, batch=batch, person=person)
        # The substitute steps into the same place; a seat must still be confirmed by them.
        new.status = Status.APPROVED if status in SEAT_HOLDING else status
        new.seat, new.waitlisted_at = seat, waitlisted_at
        new.decided_by, new.decided_at = old.decided_by, old.decided_at
        new.save()
        telling.tell_after_decision(new)
    return new


def _substitute_nominated(*, user, old, batch, person, at_the_door: bool = False) -> Nomination:
    """Inside a locked batch: `old` gives up its seat and `person` is nominated in its place
    (the caller gives the newcomer the place's status and seat)."""
    old.status, old.seat = Status.SUBSTITUTED, None
    old.save()
    return nomination_create(
        user=user,
        person=person,
        programme=old.programme,
        batch=batch,
        unavailable_weeks=[],
        substitute_for=old,
        at_the_door=at_the_door,
    )


def waitlist_promote(*, user, batch: Batch) -> list[Nomination]:
    """Give free seats to the waitlist, first come first served, on behalf of `user` (whose
    action freed the seats). Call inside the transaction that holds the batch's lock."""
    promoted = []
    waiting = batch.nominations.filter(status=Status.WAITLISTED).order_by("waitlisted_at", "pk")
    with set_actor(user):
        for nomination in waiting:
            seat = _free_seat(batch)
            if seat is None:
                break
            nomination.status, nomination.seat = Status.APPROVED, seat
            nomination.save()
            telling.tell_seat_offered(nomination, promoted=True)
            promoted.append(nomination)
    return promoted


# --- Copies of the person's fields ----------------------------------------------------------

# A person's fields a nomination keeps a copy of (see `Nomination.gender`).
PERSON_COPIES = ("gender", "social_category")


def nominations_follow_person(*, person: Person) -> int:
    """Bring a person's nominations in step with their gender and social category; one
    UPDATE that changes nothing when they already are. Returns the nominations changed."""
    values = {name: getattr(person, name) for name in PERSON_COPIES}
    return Nomination.objects.filter(person_id=person.pk).exclude(**values).update(**values)


def nominations_follow_people(*, person_ids=None, chunk: int = 5000) -> int:
    """The same for many people at once (everyone when `person_ids` is None): one UPDATE
    per chunk of people, each value read from the person by a subquery."""
    person = Person.objects.filter(pk=OuterRef("person_id"))
    copies = {name: Subquery(person.values(name)[:1]) for name in PERSON_COPIES}
    stale = Q()
    for name, value in copies.items():
        stale |= ~Q(**{name: value})
    if person_ids is None:
        return Nomination.objects.filter(stale).update(**copies)
    person_ids = list(person_ids)
    changed = 0
    for start in range(0, len(person_ids), chunk):
        nominations = Nomination.objects.filter(person_id__in=person_ids[start : start + chunk])
        changed += nominations.filter(stale).update(**copies)
    return changed


# --- At the door ----------------------------------------------------------------------------


def _check_door(user: User, batch: Batch) -> None:
    if not may_act_at_the_door(user, batch):
        raise NominationError(
            _("Only the batch's coordinator, while the batch is locked or running, can do this.")
        )


def nomination_confirm_in_hall(*, user: User, nomination: Nomination) -> Nomination:
    """A person whose seat was offered but never confirmed has come: the coordinator confirms
    them on the spot (recorded as confirmed in the hall, by whom), so they are on the roll
    call, the QR check-in and the register."""
    with transaction.atomic():
        nomination, batch = _locked(nomination)
        if batch is None:
            raise NominationError(_("This nomination has no batch."))
        _check_door(user, batch)
        if nomination.status != Status.APPROVED:
            raise NominationError(_("Only an offered seat can be confirmed."))
        nomination.status = Status.CONFIRMED
        nomination.confirmed_in_hall_by, nomination.confirmed_in_hall_at = user, timezone.now()
        nomination.save()
    return nomination


def nomination_substitute_in_hall(
    *, user: User, nomination: Nomination, person: Person
) -> Nomination:
    """Someone else came in a seat holder's place: a person of the same district and
    designation is seated at the door, confirmed in the hall by the coordinator; the seat
    holder is recorded as replaced by them."""
    if person.district_id != nomination.district_id or person.designation != (
        nomination.designation
    ):
        raise NominationError(
            _("A substitute must be from the same district and hold the same designation.")
        )
    with transaction.atomic():
        old, batch = _locked(nomination)
        if batch is None:
            raise NominationError(_("This nomination has no batch."))
        _check_door(user, batch)
        if old.status not in SEAT_HOLDING:
            raise NominationError(_("Only a person holding a seat can be replaced at the door."))
        if old.attended_a_session:
            raise NominationError(
                _("%(name)s has attendance in this batch and cannot be replaced.")
                % {"name": old.person.name}
            )
        seat = old.seat
        new = _substitute_nominated(
            user=user, old=old, batch=batch, person=person, at_the_door=True
        )
        new.status, new.seat = Status.CONFIRMED, seat
        new.decided_by, new.decided_at = old.decided_by, old.decided_at
        new.confirmed_in_hall_by, new.confirmed_in_hall_at = user, timezone.now()
        new.save()
    return new


def offered_seats_lapse(*, user: User, batch: Batch) -> int:
    """When a batch is completed nobody is left "seat offered": an offer never confirmed
    lapses as "did not complete the batch", with the reason kept."""
    lapsed = 0
    for nomination in Nomination.objects.select_for_update().filter(
        batch=batch, status=Status.APPROVED
    ):
        nomination.status, nomination.seat = Status.NOT_COMPLETED, None
        nomination.reason = _(
            "The seat was offered but never confirmed; it lapsed when the batch was completed."
        )
        nomination.decided_by, nomination.decided_at = user, timezone.now()
        nomination.save()
        lapsed += 1
    return lapsed
