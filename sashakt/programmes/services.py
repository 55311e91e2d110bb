"""Batches and the annual training calendar."""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from sashakt.core.roles import Role
from sashakt.programmes.models import (
    BATCH_TRANSITIONS,
    Batch,
    BatchDateChange,
    BatchStatus,
    Programme,
    Venue,
)


class BatchError(Exception):
    """A rule refused the change; the message is for the user."""


def may_plan(user, programme: Programme) -> bool:
    """The state cell plans every batch; an institute coordinator their institute's."""
    if user.role == Role.STATE:
        return True
    return user.role == Role.INSTITUTE and user.institute_id == programme.mou.institute_id


def _check_dates(programme: Programme, start: datetime.date, end: datetime.date) -> None:
    if end < start:
        raise BatchError(_("The batch cannot end before it starts."))
    days = (end - start).days + 1
    if days != programme.days:
        raise BatchError(
            _("This programme runs %(days)s days; these dates cover %(covered)s.")
            % {"days": programme.days, "covered": days}
        )


def batch_create(
    *,
    user,
    programme: Programme,
    venue: Venue,
    start_date: datetime.date,
    capacity: int | None = None,
    number: int | None = None,
    status: str = BatchStatus.PLANNED,
) -> Batch:
    if not may_plan(user, programme):
        raise BatchError(_("You cannot plan batches of this programme."))
    if venue.institute_id != programme.mou.institute_id:
        raise BatchError(_("The venue belongs to another institute."))
    end_date = start_date + datetime.timedelta(days=programme.days - 1)
    _check_dates(programme, start_date, end_date)
    capacity = capacity or venue.room_capacity
    if capacity > venue.room_capacity:
        raise BatchError(
            _("The venue's room seats %(seats)s people.") % {"seats": venue.room_capacity}
        )
    with transaction.atomic():
        if number is None:
            last = programme.batches.order_by("-number").values_list("number", flat=True)
            number = (last.first() or 0) + 1
        return Batch.objects.create(
            programme=programme,
            venue=venue,
            number=number,
            start_date=start_date,
            end_date=end_date,
            capacity=capacity,
            status=status,
        )


def batch_set_status(*, user, batch: Batch, status: str) -> Batch:
    if not may_plan(user, batch.programme):
        raise BatchError(_("You cannot change this batch."))
    if status not in BATCH_TRANSITIONS[BatchStatus(batch.status)]:
        raise BatchError(
            _("A batch cannot go from “%(old)s” to “%(new)s”.")
            % {"old": batch.get_status_display(), "new": BatchStatus(status).label}
        )
    with transaction.atomic():
        batch.status = status
        batch.save(update_fields=["status", "updated_at"])
        if status == BatchStatus.COMPLETED:
            from sashakt.nominations.services import nominations_mark_attended

            nominations_mark_attended(batch)
    return batch


def batch_change_dates(*, user, batch: Batch, start_date: datetime.date, reason: str = "") -> Batch:
    """Move a batch; once it is in the published calendar only with a recorded reason."""
    if not may_plan(user, batch.programme):
        raise BatchError(_("You cannot change this batch."))
    reason = reason.strip()
    if batch.published and not reason:
        raise BatchError(_("This batch is in the published calendar: give the reason."))
    end_date = start_date + datetime.timedelta(days=batch.programme.days - 1)
    with transaction.atomic():
        if batch.published:
            BatchDateChange.objects.create(
                batch=batch,
                old_start=batch.start_date,
                old_end=batch.end_date,
                new_start=start_date,
                new_end=end_date,
                reason=reason,
                changed_by=user,
            )
        batch.start_date, batch.end_date = start_date, end_date
        batch.save(update_fields=["start_date", "end_date", "updated_at"])
    return batch


@dataclass(frozen=True)
class Clash:
    first: Batch
    second: Batch
    kind: str  # "venue": one venue booked twice

    @property
    def message(self) -> str:
        return _("%(first)s and %(second)s use %(venue)s on the same days.") % {
            "first": self.first,
            "second": self.second,
            "venue": self.first.venue.name,
        }


def calendar_clashes(batches) -> list[Clash]:
    """Pairs of batches that share a venue on overlapping dates."""
    by_venue: dict[int, list[Batch]] = {}
    for batch in sorted(batches, key=lambda b: (b.venue_id, b.start_date)):
        by_venue.setdefault(batch.venue_id, []).append(batch)
    clashes = []
    for same_venue in by_venue.values():
        for index, batch in enumerate(same_venue):
            for later in same_venue[index + 1 :]:
                if later.start_date > batch.end_date:
                    break
                clashes.append(Clash(batch, later, "venue"))
    return clashes


def calendar_publish(*, user, year: int) -> list[Batch]:
    """Publish every batch starting in `year`; refused while venues clash."""
    if user.role != Role.STATE:
        raise BatchError(_("Only the state programme cell publishes the calendar."))
    batches = list(
        Batch.objects.filter(start_date__year=year)
        .exclude(status=BatchStatus.CLOSED)
        .select_related("venue", "programme")
    )
    clashes = calendar_clashes(batches)
    if clashes:
        raise BatchError(" ".join(clash.message for clash in clashes[:5]))
    for batch in batches:  # one by one, so that the audit trail records each
        batch.published = True
        batch.save(update_fields=["published", "updated_at"])
    return batches
