"""Batches and the annual training calendar."""

import datetime
from dataclasses import dataclass

from auditlog.context import set_actor
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from sashakt.core.refusals import Refused
from sashakt.core.roles import Role
from sashakt.core.users import User
from sashakt.programmes.models import (
    BATCH_TRANSITIONS,
    CANCELLABLE,
    Batch,
    BatchDateChange,
    BatchSession,
    BatchStatus,
    DistrictQuota,
    Holiday,
    Programme,
    TemplateSession,
    Venue,
)
from sashakt.programmes.rules import may_plan, may_publish_calendar, may_set_quotas
from sashakt.programmes.signals import batch_moved, batch_venue_changed
from sashakt.programmes.timing import batch_ends_at, batch_has_begun


class BatchError(Refused):
    """Refused by the programme and batch rules (dates, status, timetable)."""


def _check_dates(programme: Programme, start: datetime.date, end: datetime.date) -> None:
    if end < start:
        raise BatchError(_("The batch cannot end before it starts."))
    days = (end - start).days + 1
    if days != programme.days:
        raise BatchError(
            _("This programme runs %(days)s days; these dates cover %(covered)s.")
            % {"days": programme.days, "covered": days}
        )


def _check_calendar(programme: Programme, start: datetime.date, end: datetime.date) -> None:
    """Refusals of the batch form: a start in the past, or days outside the MoU."""
    if start < timezone.localdate():
        raise BatchError(
            _("A batch cannot start before today (%(today)s).")
            % {"today": formats.date_format(timezone.localdate(), "SHORT_DATE_FORMAT")}
        )
    mou = programme.mou
    if start < mou.valid_from:
        raise BatchError(
            _("The MoU starts on %(date)s: a batch cannot start before it.")
            % {"date": formats.date_format(mou.valid_from, "SHORT_DATE_FORMAT")}
        )
    if end > mou.valid_until:
        raise BatchError(
            _("The MoU ends on %(date)s: this batch would run until %(end)s.")
            % {
                "date": formats.date_format(mou.valid_until, "SHORT_DATE_FORMAT"),
                "end": formats.date_format(end, "SHORT_DATE_FORMAT"),
            }
        )


def batch_date_warnings(
    *,
    programme: Programme,
    venue: Venue,
    start_date: datetime.date,
    exclude: Batch | None = None,
) -> list[str]:
    """What the batch form flags without refusing: Sundays, gazetted holidays, and other
    batches at the same venue on the same days."""
    end_date = start_date + datetime.timedelta(days=programme.days - 1)
    days = [
        start_date + datetime.timedelta(days=n) for n in range((end_date - start_date).days + 1)
    ]
    warnings = [
        _("%(date)s is a Sunday.") % {"date": formats.date_format(day, "SHORT_DATE_FORMAT")}
        for day in days
        if day.weekday() == 6
    ]
    warnings += [
        _("%(date)s is a gazetted holiday: %(name)s.")
        % {"date": formats.date_format(holiday.date, "SHORT_DATE_FORMAT"), "name": holiday.name}
        for holiday in Holiday.objects.filter(date__range=(start_date, end_date))
    ]
    others = (
        Batch.objects.filter(venue=venue, start_date__lte=end_date, end_date__gte=start_date)
        .exclude(status=BatchStatus.CANCELLED)
        .exclude(pk=getattr(exclude, "pk", None))
        .select_related("programme")
    )
    warnings += [
        _("%(venue)s is already booked for %(batch)s (%(start)s – %(end)s).")
        % {
            "venue": venue.name,
            "batch": other,
            "start": formats.date_format(other.start_date, "SHORT_DATE_FORMAT"),
            "end": formats.date_format(other.end_date, "SHORT_DATE_FORMAT"),
        }
        for other in others
    ]
    return warnings


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
    _check_calendar(programme, start_date, end_date)
    capacity = capacity or venue.room_capacity
    if capacity > venue.room_capacity:
        raise BatchError(
            _("The venue's room seats %(seats)s people.") % {"seats": venue.room_capacity}
        )
    with transaction.atomic():
        if number is None:
            last = programme.batches.order_by("-number").values_list("number", flat=True)
            number = (last.first() or 0) + 1
        batch = Batch(
            programme=programme,
            venue=venue,
            number=number,
            start_date=start_date,
            end_date=end_date,
            capacity=capacity,
            status=status,
        )
        batch.full_clean()
        batch.save()
        return batch


def batch_set_status(*, user, batch: Batch, status: str) -> Batch:
    """Move a batch along its statuses. Completing one also marks who attended, which
    belongs to the attendance app (`attendance.services.batch_complete`), which judges each
    person's completion from the marks."""
    if not may_plan(user, batch.programme):
        raise BatchError(_("You cannot change this batch."))
    if status == BatchStatus.CANCELLED:
        raise BatchError(_("A batch is cancelled with a reason, from its cancel form."))
    if status not in BATCH_TRANSITIONS[BatchStatus(batch.status)]:
        raise BatchError(
            _("A batch cannot go from “%(old)s” to “%(new)s”.")
            % {"old": batch.get_status_display(), "new": BatchStatus(status).label}
        )
    batch_check_time(batch, status)
    fields = ["status", "updated_at"]
    if status == BatchStatus.RUNNING:
        batch.started_on = timezone.localdate()
        fields.append("started_on")
    elif status == BatchStatus.COMPLETED:
        batch.completed_on = timezone.localdate()
        fields.append("completed_on")
    elif status in (BatchStatus.LOCKED, BatchStatus.OPEN, BatchStatus.PLANNED):
        batch.started_on = None
        fields.append("started_on")
    with transaction.atomic():
        batch.status = status
        batch.save(update_fields=fields)
    return batch


def batch_check_time(batch: Batch, status: str) -> None:
    """A batch runs from its first day, and is completed once its last session has ended."""
    if status == BatchStatus.RUNNING and not batch_has_begun(batch):
        raise BatchError(
            _("This batch begins on %(date)s; it cannot be running before its first day.")
            % {"date": formats.date_format(batch.start_date, "SHORT_DATE_FORMAT")}
        )
    if status == BatchStatus.COMPLETED:
        ends = batch_ends_at(batch)
        if timezone.now() < ends:
            raise BatchError(
                _("This batch's last session ends at %(when)s; it cannot be completed before.")
                % {"when": formats.date_format(timezone.localtime(ends), "SHORT_DATETIME_FORMAT")}
            )


def batch_change_dates(*, user, batch: Batch, start_date: datetime.date, reason: str = "") -> Batch:
    """Move a batch; once it is in the published calendar only with a recorded reason."""
    if not may_plan(user, batch.programme):
        raise BatchError(_("You cannot change this batch."))
    reason = reason.strip()
    if batch.published and not reason:
        raise BatchError(_("This batch is in the published calendar: give the reason."))
    end_date = start_date + datetime.timedelta(days=batch.programme.days - 1)
    if batch.status not in (BatchStatus.PLANNED, BatchStatus.OPEN, BatchStatus.LOCKED):
        raise BatchError(_("Only a batch that has not begun can be moved."))
    _check_calendar(batch.programme, start_date, end_date)
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
        batch.full_clean()
        batch.save(update_fields=["start_date", "end_date", "updated_at"])
        batch_moved.send(sender=Batch, batch=batch, user=user)
    return batch


def batch_change_venue(*, user, batch: Batch, venue: Venue) -> Batch:
    """Hold a batch that has not begun at another venue of its institute (whose room seats
    the batch); the people seated in it are told (see `signals.batch_venue_changed`)."""
    if not may_plan(user, batch.programme):
        raise BatchError(_("You cannot change this batch."))
    if batch.status not in (BatchStatus.PLANNED, BatchStatus.OPEN, BatchStatus.LOCKED):
        raise BatchError(_("Only a batch that has not begun can be moved."))
    if venue.institute_id != batch.programme.mou.institute_id:
        raise BatchError(_("The venue belongs to another institute."))
    if batch.capacity > venue.room_capacity:
        raise BatchError(
            _("The venue's room seats %(seats)s people.") % {"seats": venue.room_capacity}
        )
    if venue.pk == batch.venue_id:
        return batch
    with transaction.atomic():
        old_venue_id = batch.venue_id
        batch.venue = venue
        with set_actor(user):
            batch.save(update_fields=["venue", "updated_at"])
        batch_venue_changed.send(sender=Batch, batch=batch, old_venue_id=old_venue_id, user=user)
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
    """Pairs of batches that share a venue on overlapping dates (a cancelled batch books
    nothing)."""
    by_venue: dict[int, list[Batch]] = {}
    booked = [b for b in batches if b.status != BatchStatus.CANCELLED]
    for batch in sorted(booked, key=lambda b: (b.venue_id, b.start_date)):
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
    if not may_publish_calendar(user):
        raise BatchError(_("Only the state programme cell publishes the calendar."))
    batches = list(
        Batch.objects.filter(start_date__year=year)
        .exclude(status__in=(BatchStatus.CLOSED, BatchStatus.CANCELLED))
        .select_related("venue", "programme")
    )
    clashes = calendar_clashes(batches)
    if clashes:
        raise BatchError(" ".join(clash.message for clash in clashes[:5]))
    for batch in batches:  # one by one, so that the audit trail records each
        batch.published = True
        batch.save(update_fields=["published", "updated_at"])
    return batches


# --- Timetables ------------------------------------------------------------------------------


def timetable_generate(*, user, batch: Batch) -> list[BatchSession]:
    """The batch's timetable from its programme's day-by-day template (day 1 is the start
    date). Refused once a timetable exists, so adjustments are never overwritten."""
    if not may_plan(user, batch.programme):
        raise BatchError(_("You cannot change this batch."))
    if batch.sessions.exists():
        raise BatchError(_("This batch already has a timetable."))
    templates = TemplateSession.objects.filter(module__programme=batch.programme).select_related(
        "module"
    )
    sessions = [
        BatchSession(
            batch=batch,
            template=template,
            module=template.module,
            date=batch.start_date + datetime.timedelta(days=template.day - 1),
            starts_at=template.starts_at,
            minutes=template.minutes,
            title_en=template.title_en,
            title_hi=template.title_hi,
            method=template.method,
            resource_person=template.resource_person,
        )
        for template in templates
        if template.day <= batch.programme.days
    ]
    return BatchSession.objects.bulk_create(sessions)


def _overlaps(first_start, first_end, second_start, second_end) -> bool:
    return first_start < second_end and second_start < first_end


def trainer_clash(session: BatchSession) -> BatchSession | None:
    """Another session the same trainer gives at an overlapping time, in any batch."""
    if session.trainer_id is None:
        return None
    same_day = BatchSession.objects.filter(trainer_id=session.trainer_id, date=session.date)
    for other in same_day.exclude(pk=session.pk).select_related("batch__programme"):
        if _overlaps(session.starts_at, session.ends_at, other.starts_at, other.ends_at):
            return other
    return None


def session_update(
    *,
    user,
    session: BatchSession,
    date: datetime.date,
    starts_at: datetime.time,
    minutes: int,
    trainer=None,
) -> BatchSession:
    """Move or reassign a session; refused if it leaves the batch's dates or books a trainer
    twice."""
    batch = session.batch
    if not may_plan(user, batch.programme):
        raise BatchError(_("You cannot change this batch."))
    if not batch.start_date <= date <= batch.end_date:
        raise BatchError(_("The session must fall within the batch's dates."))
    if trainer is not None and trainer.role != Role.TRAINER:
        raise BatchError(_("Choose a trainer account."))
    session.date, session.starts_at, session.minutes, session.trainer = (
        date,
        starts_at,
        minutes,
        trainer,
    )
    if session.ends_at <= starts_at:
        raise BatchError(_("A session cannot run past midnight."))
    with transaction.atomic():
        clash = trainer_clash(session)
        if clash is not None:
            raise BatchError(
                _("%(trainer)s already teaches “%(title)s” (%(batch)s) at that time.")
                % {"trainer": trainer.display_name, "title": clash.title, "batch": clash.batch}
            )
        session.save()
    return session


def district_quota_set(*, user, batch: Batch, district, seats: int | None) -> None:
    """The seats `district` may fill in `batch` (None removes the batch's own quota)."""
    if not may_set_quotas(user):
        raise BatchError(_("Only the state programme cell sets district quotas."))

    if seats is None:
        DistrictQuota.objects.filter(batch=batch, district=district).delete()
        return
    DistrictQuota.objects.update_or_create(
        batch=batch, district=district, defaults={"seats": seats}
    )


def batch_mark_cancelled(*, user: User, batch: Batch, reason: str) -> Batch:
    """The batch's own part of a cancellation (its seats and people are nominations',
    see `nominations.services.batch_cancel`, the one caller). Audited as a change of the
    batch with the reason."""
    if not may_plan(user, batch.programme):
        raise BatchError(_("You cannot change this batch."))
    reason = (reason or "").strip()
    if not reason:
        raise BatchError(_("Write why the batch is cancelled."))
    if batch.status not in CANCELLABLE:
        raise BatchError(
            _("A batch that is “%(status)s” cannot be cancelled.")
            % {"status": batch.get_status_display()}
        )
    batch.status, batch.cancel_reason = BatchStatus.CANCELLED, reason[:1000]
    batch.full_clean()
    with set_actor(user):
        batch.save(update_fields=["status", "cancel_reason", "updated_at"])
    return batch
