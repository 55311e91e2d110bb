"""Writes: recording marks (idempotent, last writer wins), check-in, completing a batch,
keeping the signed register's scan."""

import datetime
from contextlib import nullcontext
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from sashakt.attendance import rules
from sashakt.attendance.models import (
    ATTENDED_STATUSES,
    Completion,
    DayEvidence,
    Mark,
    MarkChange,
    MarkMethod,
    MarkStatus,
)
from sashakt.attendance.seats import nomination_for_code, seat_verify
from sashakt.attendance.selectors import (
    ROSTER_STATUSES,
    batch_completion,
    checkin_person,
    roster,
)
from sashakt.core.prepared import pipelined
from sashakt.core.refusals import Refused
from sashakt.core.scans import ScanRejected, scan_image_clean
from sashakt.nominations.models import Nomination, NominationStatus
from sashakt.nominations.services import offered_seats_lapse
from sashakt.programmes.models import Batch, BatchSession, BatchStatus
from sashakt.programmes.services import BatchError, batch_check_time, batch_set_status
from sashakt.programmes.timing import (
    late_entry_days,
    session_begun,
    session_entry_is_backdated,
    session_opens_at,
)

# A phone's clock may run a little fast; a tap "from the future" beyond this is taken as now.
CLOCK_SLACK = datetime.timedelta(minutes=5)
EVIDENCE_TYPES = {b"%PDF": ".pdf", b"\x89PNG": ".png", b"\xff\xd8\xff": ".jpg"}
EVIDENCE_MAX_BYTES = 15 * 1024 * 1024


class AttendanceError(Refused):
    """Refused by the attendance rules (marking, check-in, evidence, completion)."""


@dataclass
class MarkResult:
    mark: Mark | None
    change: MarkChange | None
    duplicate: bool = False  # this submission (client id) had already been recorded
    applied: bool = False  # it is what the mark now says


def check_may_mark(user, batch: Batch) -> None:
    if not rules.may_mark(user, batch):
        raise AttendanceError(_("You cannot record attendance for this batch."))


def check_marking(user, batch: Batch) -> None:
    check_may_mark(user, batch)
    if not rules.marking_open(batch):
        if batch.status == BatchStatus.CLOSED:
            raise AttendanceError(_("This batch is closed; its attendance can no longer change."))
        raise AttendanceError(_("Attendance is recorded once the batch's seats are locked."))


def _when(marked_at: datetime.datetime | None) -> datetime.datetime:
    now = timezone.now()
    if marked_at is None or marked_at > now + CLOCK_SLACK:
        return now
    return marked_at


def mark_record(
    *,
    user,
    session: BatchSession,
    nomination: Nomination,
    status: str,
    method: str,
    client_id: str | None = None,
    marked_at: datetime.datetime | None = None,
    arrived_at: datetime.time | None = None,
    left_at: datetime.time | None = None,
    reason: str = "",
    keep_attended: bool = False,
) -> MarkResult:
    """Record one submission for a person in a session.

    Idempotent on `client_id`: the database refuses a second history row with the same id, so
    a replayed or doubled submission (even at the same instant on another web process) is
    recognised and changes nothing. Two submissions for the same person and session merge by
    the time they were tapped: the later one wins, both stay in the history.
    `keep_attended` (a QR scan): a person already marked as attending is left as marked.
    """
    batch = session.batch
    # Fresh: the batch may have been completed or closed since the session was read.
    batch.status = Batch.objects.values_list("status", flat=True).get(pk=batch.pk)
    return _mark_record_fresh(
        user=user,
        session=session,
        nomination=nomination,
        status=status,
        method=method,
        client_id=client_id,
        marked_at=marked_at,
        arrived_at=arrived_at,
        left_at=left_at,
        reason=reason,
        keep_attended=keep_attended,
    )


def _session_times(session: BatchSession, moment: datetime.time) -> dict[str, str]:
    return {
        "time": f"{moment:%H:%M}",
        "start": f"{session.starts_at:%H:%M}",
        "end": f"{session.ends_at:%H:%M}",
    }


def _mark_record_fresh(
    *,
    user,
    session: BatchSession,
    nomination: Nomination,
    status: str,
    method: str,
    client_id: str | None = None,
    marked_at: datetime.datetime | None = None,
    arrived_at: datetime.time | None = None,
    left_at: datetime.time | None = None,
    reason: str = "",
    keep_attended: bool = False,
    unmarked: bool = False,
) -> MarkResult:
    """`mark_record` once `session.batch.status` has just been read from the database.
    `unmarked`: the caller has just read that the person has no mark in this session."""
    batch = session.batch
    check_marking(user, batch)
    if status not in MarkStatus.values or method not in MarkMethod.values:
        raise AttendanceError(_("Unknown attendance status."))
    if nomination.batch_id != batch.pk or nomination.status not in ROSTER_STATUSES:
        raise AttendanceError(_("This person is not a confirmed participant of this batch."))
    if status == MarkStatus.LATE and arrived_at is None:
        raise AttendanceError(_("Give the time the person arrived."))
    if status == MarkStatus.LEFT_EARLY and left_at is None:
        raise AttendanceError(_("Give the time the person left."))
    backdated = check_session_time(session, reason, at_the_door=method == MarkMethod.QR)
    if status == MarkStatus.LATE and not rules.within_session(session, arrived_at):
        raise AttendanceError(
            _("The arrival time %(time)s is outside the session (%(start)s–%(end)s).")
            % _session_times(session, arrived_at)
        )
    if status == MarkStatus.LEFT_EARLY and not rules.within_session(session, left_at):
        raise AttendanceError(
            _("The time of leaving %(time)s is outside the session (%(start)s–%(end)s).")
            % _session_times(session, left_at)
        )
    if rules.correction_needs_reason(batch) and not reason.strip():
        raise AttendanceError(_("The batch is completed: say why this mark is corrected."))
    client_id = (client_id or "").strip()[:64] or None
    when = _when(marked_at)
    new = {
        "status": status,
        "arrived_at": arrived_at if status == MarkStatus.LATE else None,
        "left_at": left_at if status == MarkStatus.LEFT_EARLY else None,
    }
    write = (user, session, nomination, new, method, client_id, when, reason, keep_attended, batch)
    try:
        return _mark_write(*write, unmarked=unmarked, backdated=backdated)
    except IntegrityError:
        # The database refused a second history row with this client id (a replay, perhaps
        # at the same instant on another web process), or another phone created this
        # person's mark a moment ago: the whole attempt was rolled back. A replay is answered
        # as the first submission was; otherwise try once more against the mark now there.
        if client_id and (replayed := _replayed(user, session, client_id)):
            return replayed
        return _mark_write(*write, backdated=backdated)


def check_session_time(session: BatchSession, reason: str, *, at_the_door: bool = False) -> bool:
    """Refuse a mark for a session that has not begun (allowing for a fast clock); a mark
    entered days after its session is a backdated entry and needs a reason. Returns whether
    the entry is backdated."""
    if not session_begun(session, at_the_door=at_the_door):
        raise AttendanceError(
            _("“%(session)s” has not begun yet: attendance is recorded from %(time)s.")
            % {
                "session": session.title,
                "time": formats.date_format(
                    timezone.localtime(session_opens_at(session, at_the_door=at_the_door)),
                    "SHORT_DATETIME_FORMAT",
                ),
            }
        )
    backdated = session_entry_is_backdated(session)
    if backdated and not reason.strip():
        raise AttendanceError(
            _(
                "This session was more than %(days)s days ago: say why its attendance is "
                "entered now (for example, typed in from the paper register)."
            )
            % {"days": late_entry_days()}
        )
    return backdated


def _mark_write(
    user,
    session,
    nomination,
    new,
    method,
    client_id,
    when,
    reason,
    keep,
    batch,
    unmarked=False,
    backdated=False,
):
    # No savepoints: on PostgreSQL each is a round trip, and a hall sends 250 of these at once.
    # A first mark in an open batch only inserts (and updates a flag no one reads back), so
    # its statements can be pipelined on PostgreSQL (the flag's UPDATE travels with the audit
    # entry's INSERT); saving an existing row (a mark, or a completion and its nomination) is
    # Django's UPDATE-then-INSERT, which must read the row count at once.
    pipeline = unmarked and batch.status != BatchStatus.COMPLETED
    with transaction.atomic(), pipelined() if pipeline else nullcontext():
        # A person read as unmarked a moment ago is inserted without reading their mark
        # again: if another phone marked them since, the mark's unique constraint refuses
        # the insert, everything here is rolled back and the caller tries the locked way.
        mark = (
            None
            if unmarked
            else Mark.objects.select_for_update()
            .filter(nomination=nomination, session=session)
            .first()
        )
        if keep and mark is not None and mark.attended:
            return MarkResult(mark=mark, change=None, duplicate=True, applied=False)
        change = MarkChange.objects.create(
            nomination=nomination,
            session=session,
            client_id=client_id,
            old_status=mark.status if mark else "",
            new_status=new["status"],
            arrived_at=new["arrived_at"],
            left_at=new["left_at"],
            method=method,
            reason=reason.strip(),
            changed_by=user,
            marked_at=when,
            applied=mark is None or when >= mark.marked_at,
            backdated=backdated,
        )
        if mark is None:
            mark = Mark.objects.create(
                nomination=nomination,
                session=session,
                method=method,
                marked_by=user,
                marked_at=when,
                client_id=client_id or "",
                **new,
            )
        elif change.applied:
            for name, value in new.items():
                setattr(mark, name, value)
            mark.method, mark.marked_by, mark.marked_at = method, user, when
            mark.client_id = client_id or ""
            mark.save()
        if change.applied and batch.status == BatchStatus.COMPLETED:
            _completions_record(user=user, batch=batch, nominations=[nomination])
    return MarkResult(mark=mark, change=change, applied=change.applied)


def _replayed(user, session, client_id: str) -> MarkResult | None:
    """The first submission of this phone user's id in this session, if there was one: a
    client id is only the phone's own, so the same id from another user is not a replay."""
    change = MarkChange.objects.filter(
        changed_by=user, session=session, client_id=client_id
    ).first()
    if change is None:
        return None
    mark = Mark.objects.filter(nomination_id=change.nomination_id, session_id=change.session_id)
    return MarkResult(mark=mark.first(), change=change, duplicate=True, applied=change.applied)


def mark_all_present(
    *, user, session: BatchSession, method: str = MarkMethod.GRID, reason: str = ""
) -> int:
    """Mark everyone not yet marked as present; exceptions are then tapped one by one.
    `reason`: why, when the entry is backdated (a paper register typed in later)."""
    check_marking(user, session.batch)
    check_session_time(session, reason)
    marked = set(Mark.objects.filter(session=session).values_list("nomination_id", flat=True))
    count = 0
    with transaction.atomic():
        for nomination in roster(session.batch):
            if nomination.pk in marked:
                continue
            mark_record(
                user=user,
                session=session,
                nomination=nomination,
                status=MarkStatus.PRESENT,
                method=method,
                reason=reason.strip()
                or (_("Marked all present") if session.batch.status == "completed" else ""),
            )
            count += 1
    return count


@dataclass
class CheckIn:
    nomination: Nomination
    result: MarkResult
    already: bool  # was already marked present: a second scan changes nothing


def checkin(
    *,
    user,
    session: BatchSession,
    code: str = "",
    token: str = "",
    client_id: str | None = None,
    marked_at: datetime.datetime | None = None,
) -> CheckIn:
    """Mark the person whose QR was scanned (`token`) or whose short code was typed present.

    The hot path of a hall (250 phones at once): one query reads the person, what the
    response shows of them, their mark in this session and the batch's status as it is now;
    a second scan then writes nothing, and a first one writes the history row, the mark and
    its audit entry in one transaction without reading the mark again.
    """
    batch = session.batch
    check_may_mark(user, batch)  # whether the batch is open is judged on its status read below
    if token:
        check = seat_verify(token, batch=batch)
        if not check.ok:
            raise AttendanceError(check.reason)
        nomination = checkin_person(session, check.nomination_id)
        if nomination is None:
            raise AttendanceError(
                _("This seat is not in this batch, or the seat is not confirmed.")
            )
    else:
        nomination = None
        for fresh in (False, True):
            nomination_id = nomination_for_code(
                code, batch.pk, partial(_roster_ids, batch), fresh=fresh
            )
            if nomination_id is None:
                break
            nomination = checkin_person(session, nomination_id)
            if nomination is not None:
                break
        if nomination is None:
            raise AttendanceError(_("No confirmed participant of this batch has this code."))
    if (nomination.batch_id, nomination.institute_id) != (
        batch.pk,
        batch.programme.mou.institute_id,
    ):
        # The session's owners were read earlier (by the API, once per web process); the
        # person's read is the authority, and a disagreement marks no one.
        raise AttendanceError(_("This person is not a confirmed participant of this batch."))
    batch.status = nomination.batch_status  # read with the person: as it is now
    check_marking(user, batch)
    if nomination.mark_status in ATTENDED_STATUSES:
        # Already marked as attending (a second scan, or this scan replayed): left as marked.
        result = MarkResult(mark=None, change=None, duplicate=True, applied=False)
        return CheckIn(nomination, result, already=True)
    result = _mark_record_fresh(
        user=user,
        session=session,
        nomination=nomination,
        status=MarkStatus.PRESENT,
        method=MarkMethod.QR,
        client_id=client_id,
        marked_at=marked_at,
        reason=_("Checked in by QR") if rules.correction_needs_reason(batch) else "",
        keep_attended=True,
        unmarked=nomination.mark_status is None,
    )
    return CheckIn(nomination, result, already=result.duplicate)


def _roster_ids(batch: Batch):
    # Read only when this process has not indexed the batch's codes yet.
    return roster(batch).order_by().values_list("pk", flat=True)


# --- Completion ---------------------------------------------------------------------------


def _completions_record(*, user, batch: Batch, nominations) -> list[Completion]:
    """Store each person's completion and set the nomination's status to match: "completed
    the batch" only for those who met the rule."""
    saved = []
    for row in batch_completion(batch=batch, nominations=nominations):
        nomination = Nomination.objects.select_for_update().get(pk=row.nomination.pk)
        existing = Completion.objects.filter(nomination=nomination).first()
        seat = nomination.seat or row.nomination.seat or (existing.seat if existing else None)
        completion, _created = Completion.objects.update_or_create(
            nomination=nomination,
            defaults={
                "batch": batch,
                "sessions_total": row.sessions_total,
                "sessions_attended": row.sessions_attended,
                "min_percent": row.min_percent,
                "completed": row.completed,
                "seat": seat,
                "decided_by": user,
            },
        )
        if row.completed and nomination.status != NominationStatus.ATTENDED:
            nomination.status, nomination.seat = NominationStatus.ATTENDED, None
            nomination.save()
        elif not row.completed and nomination.status != NominationStatus.NOT_COMPLETED:
            # Not in play any more: the district may nominate them again for a later batch.
            nomination.status, nomination.seat = NominationStatus.NOT_COMPLETED, None
            nomination.save()
        saved.append(completion)
    return saved


def sessions_without_marks(batch: Batch) -> list[BatchSession]:
    return list(batch.sessions.filter(marks__isnull=True))


def batch_complete(*, user, batch: Batch) -> list[Completion]:
    """Close the five days: every session must have its attendance; each confirmed person
    is then found to have completed the batch or not, by the programme's rule."""
    if not rules.may_complete(user, batch):
        raise AttendanceError(_("You cannot complete this batch."))
    if batch.status != BatchStatus.RUNNING:
        raise AttendanceError(_("Only a running batch can be completed."))
    if not batch.sessions.exists():
        raise AttendanceError(_("The batch has no timetable: there is no attendance to judge."))
    try:
        batch_check_time(batch, BatchStatus.COMPLETED)
    except BatchError as error:
        raise AttendanceError(str(error)) from error
    missing = sessions_without_marks(batch)
    if missing:
        raise AttendanceError(
            _("No attendance is recorded yet for %(count)s sessions, the first: %(session)s.")
            % {"count": len(missing), "session": missing[0]}
        )
    with transaction.atomic():
        batch = Batch.objects.select_for_update().get(pk=batch.pk)
        people = list(roster(batch))
        seats = {n.pk: n.seat for n in people}
        try:
            batch_set_status(user=user, batch=batch, status=BatchStatus.COMPLETED)
        except BatchError as error:
            raise AttendanceError(str(error)) from error
        # Nobody is left "seat offered" on a completed batch.
        offered_seats_lapse(user=user, batch=batch)
        # The seats held until now are kept on each person's completion record.
        return _completions_record(
            user=user, batch=batch, nominations=[_with_seat(n, seats) for n in people]
        )


def _with_seat(nomination: Nomination, seats: dict[int, int | None]) -> Nomination:
    nomination.seat = seats[nomination.pk]
    return nomination


# --- Evidence -----------------------------------------------------------------------------


def evidence_upload(*, user, batch: Batch, date: datetime.date, uploaded_file) -> DayEvidence:
    """Keep the scan of a day's signed register (PDF, JPEG or PNG) as evidence."""
    check_marking(user, batch)
    if not batch.start_date <= date <= batch.end_date:
        raise AttendanceError(_("This day is not one of the batch's days."))
    if uploaded_file.size > EVIDENCE_MAX_BYTES:
        raise AttendanceError(_("The scan is larger than 15 MB; scan at a lower resolution."))
    head = uploaded_file.read(8)
    uploaded_file.seek(0)
    kind = next((kind for magic, kind in EVIDENCE_TYPES.items() if head.startswith(magic)), None)
    if kind is None:
        raise AttendanceError(_("Upload the scan as a PDF, JPEG or PNG file."))
    evidence = DayEvidence(
        batch=batch, date=date, original_name=uploaded_file.name[:200], uploaded_by=user
    )
    if kind == ".pdf":  # kept as it is: never decoded here, offered for download only
        evidence.file = uploaded_file
    else:  # a photo or scan: checked (size, pixels) and re-encoded, see core/scans.py
        try:
            picture = scan_image_clean(uploaded_file.read())
        except ScanRejected as error:
            raise AttendanceError(str(error)) from error
        stem = Path(uploaded_file.name).stem[:100] or "register"
        evidence.file = ContentFile(picture, name=f"{stem}.jpg")
    try:
        evidence.full_clean()
    except ValidationError as error:
        raise AttendanceError(" ".join(error.messages)) from error
    evidence.save()
    return evidence
