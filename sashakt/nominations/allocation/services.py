"""Automatic allocation, from the database to the solver and back.

The state cell asks for a proposal: every nominee of a programme still waiting for a batch
is offered to the programme's open batches (their free seats), the optimiser in
solver (`allocation.solver`) places them, and first-come-first-served is run on the same data for
comparison. The proposal is stored; the state cell may move people or leave them out, then
apply it, which puts each person in their batch and offers the seat (or the waitlist, if the
batch filled up meanwhile) through the same services as a hand approval.
"""

import datetime

from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from sashakt.core.refusals import Refused
from sashakt.core.text import localized, name_in_script
from sashakt.geography.models import District
from sashakt.nominations import allocation, services
from sashakt.nominations.models import ACTIVE, AllocationProposal, Nomination
from sashakt.nominations.models import NominationStatus as Status
from sashakt.nominations.rules import may_allocate
from sashakt.nominations.selectors import free_seats
from sashakt.people.models import ELECTED, Designation
from sashakt.programmes.models import Batch, BatchStatus, Programme


class AllocationError(Refused):
    """Refused by the allocation rules (who allocates, proposals)."""


def _require_state(user) -> None:
    if not may_allocate(user):
        raise AllocationError(_("Only the state programme cell allocates seats."))


def waiting_nominations(programme: Programme):
    return Nomination.objects.filter(
        programme=programme, batch__isnull=True, status=Status.NOMINATED
    ).select_related("person", "district")


def open_batches(programme: Programme):
    return programme.batches.filter(status=BatchStatus.OPEN).select_related("venue")


def allocation_problem(programme: Programme, *, today: datetime.date | None = None):
    """The solver's view of a programme: its waiting nominees and its open batches' free
    seats. Returns the problem and the nominations by candidate id."""
    today = today or timezone.localdate()
    nominations = list(waiting_nominations(programme).order_by("created_at", "pk"))
    candidates = []
    for order, nomination in enumerate(nominations):
        person = nomination.person
        years = 0.0
        if person.term_start and nomination.designation in ELECTED:
            years = (today - person.term_start).days / 365.25
        candidates.append(
            allocation.Candidate(
                id=nomination.pk,
                district_id=nomination.district_id,
                designation=nomination.designation,
                priority=allocation.candidate_priority(not nomination.previously_trained, years),
                unavailable_weeks=frozenset(
                    datetime.date.fromisoformat(week) for week in nomination.unavailable_weeks
                ),
                order=order,
            )
        )
    eligible = frozenset(programme.eligible_designations or Designation.values)
    slots = []
    for batch in open_batches(programme):
        free = free_seats(batch)
        venue = batch.venue
        if free <= 0 or venue.latitude is None or venue.longitude is None:
            continue
        slots.append(
            allocation.BatchSlot(
                id=batch.pk,
                start=batch.start_date,
                end=batch.end_date,
                capacity=free,
                lat=venue.latitude,
                lon=venue.longitude,
                eligible_designations=eligible,
            )
        )
    centroids = {
        district_id: (lat, lon)
        for district_id, lat, lon in District.objects.filter(
            pk__in={c.district_id for c in candidates}
        ).values_list("pk", "centroid_lat", "centroid_lon")
        if lat is not None and lon is not None
    }
    problem = allocation.AllocationProblem(
        candidates=candidates,
        batches=slots,
        district_centroids=centroids,
        district_quota_per_batch=programme.default_district_quota,
    )
    return problem, {n.pk: n for n in nominations}


def _figures(problem, optimised, first_come) -> dict:
    return {
        "candidates": len(problem.candidates),
        "batches": len(problem.batches),
        "seats": sum(slot.capacity for slot in problem.batches),
        "objective": optimised.objective,
        "bound": optimised.bound,
        "gap": optimised.gap,
        "seconds": round(optimised.seconds, 3),
        "assigned": optimised.assigned,
        "priority_assigned": optimised.priority_assigned,
        "first_come_objective": first_come.objective,
        "first_come_assigned": first_come.assigned,
        "first_come_priority_assigned": first_come.priority_assigned,
        "priority_gain": optimised.priority_assigned - first_come.priority_assigned,
    }


def allocation_propose(*, user, programme: Programme) -> AllocationProposal:
    """Run the optimiser (and first come, for comparison) and store the proposal."""
    _require_state(user)
    problem, _nominations = allocation_problem(programme)
    if not problem.candidates:
        raise AllocationError(_("Nobody is waiting for a batch of this programme."))
    if not problem.batches:
        raise AllocationError(_("No open batch of this programme has a free seat."))
    try:
        optimised = allocation.allocate(problem)
    except ValueError as error:  # a district without a centroid: the geography is incomplete
        raise AllocationError(
            _("The allocation cannot run: %(problem)s") % {"problem": error}
        ) from error
    first_come = allocation.allocate_first_come(problem)
    with transaction.atomic():
        programme.allocation_proposals.filter(status=AllocationProposal.Status.DRAFT).update(
            status=AllocationProposal.Status.DISCARDED
        )
        return AllocationProposal.objects.create(
            programme=programme,
            created_by=user,
            assignments={str(k): v for k, v in optimised.assignments.items()},
            first_come={str(k): v for k, v in first_come.assignments.items()},
            figures=_figures(problem, optimised, first_come),
        )


def allocation_adjust(
    *, user, proposal: AllocationProposal, nomination_id: int, batch_id: int | None
) -> AllocationProposal:
    """Move one person to another batch of the proposal, or leave them out; refused if the
    result breaks a rule (capacity, eligibility, the weeks they cannot come, quota)."""
    _require_state(user)
    if proposal.status != AllocationProposal.Status.DRAFT:
        raise AllocationError(_("This proposal can no longer be changed."))
    problem, nominations = allocation_problem(proposal.programme)
    if nomination_id not in nominations:
        raise AllocationError(_("This person is no longer waiting for a batch."))
    assignments = {int(k): v for k, v in proposal.assignments.items() if int(k) in nominations}
    if batch_id is None:
        assignments.pop(nomination_id, None)
    else:
        assignments[nomination_id] = batch_id
    problems = allocation.rule_violations(problem, assignments)
    if problems:
        raise AllocationError(
            _rule_message(problem, assignments, nominations[nomination_id], batch_id)
        )
    proposal.assignments = {str(k): v for k, v in assignments.items()}
    proposal.figures = {
        **proposal.figures,
        "objective": allocation.objective_of(problem, assignments),
        "assigned": len(assignments),
        "adjusted": True,
    }
    proposal.save(update_fields=["assignments", "figures", "updated_at"])
    return proposal


def _rule_message(problem, assignments, nomination: Nomination, batch_id: int | None) -> str:
    """Why moving `nomination` to `batch_id` is refused, in the user's language, with names
    (the solver's own words name internal ids)."""
    person = nomination.person
    name = name_in_script(person.name, person.name_alt)[0]
    slot = next((b for b in problem.batches if b.id == batch_id), None)
    batch = Batch.objects.filter(pk=batch_id).first()
    candidate = next(c for c in problem.candidates if c.id == nomination.pk)
    if slot is None or batch is None:
        return _("Batch %(batch)s is not open for this allocation.") % {"batch": batch_id}
    values = {"name": name, "number": batch.number}
    if candidate.designation not in slot.eligible_designations:
        return _("%(name)s is not eligible for batch %(number)s.") % values
    if not allocation.is_available(candidate, slot):
        return _("%(name)s cannot come in the weeks of batch %(number)s (%(dates)s).") % {
            **values,
            "dates": "{} – {}".format(
                formats.date_format(batch.start_date, "j F"),
                formats.date_format(batch.end_date, "j F Y"),
            ),
        }
    taken = sum(1 for b in assignments.values() if b == batch_id)
    if taken > slot.capacity:
        return _("Batch %(number)s has no free seat left for %(name)s.") % values
    district = District.objects.get(pk=nomination.district_id)
    return _("Batch %(number)s already has its quota of people from %(district)s.") % {
        **values,
        "district": localized(district.name_hi, district.name_en),
    }


def allocation_apply(*, user, proposal: AllocationProposal) -> dict[str, int]:
    """Put every person of the proposal in their batch and offer the seat."""
    _require_state(user)
    counts = {"seated": 0, "waitlisted": 0, "skipped": 0, "clashes": 0, "over_quota": 0}
    with transaction.atomic():
        proposal = AllocationProposal.objects.select_for_update().get(pk=proposal.pk)
        if proposal.status != AllocationProposal.Status.DRAFT:
            raise AllocationError(_("This proposal can no longer be changed."))
        batches = {b.pk: b for b in Batch.objects.filter(pk__in=set(proposal.assignments.values()))}
        for nomination_id, batch_id in sorted(
            proposal.assignments.items(), key=lambda i: int(i[0])
        ):
            nomination = (
                Nomination.objects.select_for_update()
                .filter(pk=int(nomination_id), batch__isnull=True, status=Status.NOMINATED)
                .first()
            )
            batch = batches.get(batch_id)
            if nomination is None or batch is None or batch.status != BatchStatus.OPEN:
                counts["skipped"] += 1  # changed since the proposal was made
                continue
            if services.overlapping_nomination(nomination.person, batch) is not None:
                counts["clashes"] += 1  # in another programme's batch on those dates
                continue
            # The solver's quota counts only the people it places; people already in the
            # batch from the same district count too.
            quota = services.district_quota(batch, nomination.district_id)
            if (
                quota is not None
                and batch.nominations.filter(
                    district_id=nomination.district_id, status__in=ACTIVE
                ).count()
                >= quota
            ):
                counts["over_quota"] += 1
                continue
            nomination.batch = batch
            nomination.save(update_fields=["batch", "updated_at"])
            decided = services.nomination_approve(user=user, nomination=nomination)
            counts["seated" if decided.status == Status.APPROVED else "waitlisted"] += 1
        proposal.status = AllocationProposal.Status.APPLIED
        proposal.applied_at = timezone.now()
        proposal.figures = {**proposal.figures, "applied": counts}
        proposal.save(update_fields=["status", "applied_at", "figures", "updated_at"])
    return counts
