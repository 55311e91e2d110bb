"""Writing action plans, check-ins and good practices (issue 26). Every write is atomic and
audited (the models are registered with auditlog in `apps.py`); refusals are `FollowupError`.
"""

import datetime
import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models.fields.files import FieldFile
from django.utils import timezone
from django.utils.translation import gettext as _

from sashakt.core.refusals import Refused
from sashakt.core.roles import Role
from sashakt.core.users import User
from sashakt.followup.models import (
    ANSWERED_STATUSES,
    MAX_COMMITMENTS,
    ActionPlan,
    Channel,
    CheckIn,
    CheckInAnswer,
    Commitment,
    CommitmentStatus,
    Factor,
    Stage,
)
from sashakt.followup.schedule import checkin_due_on
from sashakt.followup.themes import LsdgTheme
from sashakt.followup.uploads import photo_check, voice_note_check
from sashakt.nominations.models import Nomination, NominationStatus
from sashakt.programmes.models import Batch, BatchStatus, Module

# A plan is written by the person from their seat, or for them after the batch's last day
# while the batch is not yet closed.
PLAN_NOMINATION_STATUSES = (NominationStatus.CONFIRMED, NominationStatus.ATTENDED)
PLAN_BATCH_STATUSES = (BatchStatus.RUNNING, BatchStatus.COMPLETED)
# Who may enter a plan for a participant (assisted mode).
ASSISTING_ROLES = (Role.TRAINER, Role.INSTITUTE, Role.STATE)


class FollowupError(Refused):
    pass


@dataclass
class CommitmentInput:
    theme: str
    by_when: datetime.date | None
    what: str = ""
    for_whom: str = ""
    module_id: int | None = None


@dataclass
class AnswerInput:
    commitment: Commitment
    status: str
    factor: str = ""
    comment: str = ""
    voice_note: UploadedFile | None = None
    photo: UploadedFile | None = None


def _store(file_field: FieldFile, upload: UploadedFile, suffix: str) -> None:
    """Save `upload` under a random name (never the sender's), without saving the row."""
    file_field.save(f"{uuid.uuid4().hex}{suffix}", upload, save=False)


def action_plan_open_check(nomination: Nomination, *, today: datetime.date | None = None) -> Batch:
    """Refuse when the nomination's plan cannot be written now; answer its batch."""
    today = today or timezone.localdate()
    batch = nomination.batch
    if nomination.status not in PLAN_NOMINATION_STATUSES or batch is None:
        raise FollowupError(_("Only a person who attended the batch writes an action plan."))
    if batch.status not in PLAN_BATCH_STATUSES or today < batch.end_date:
        raise FollowupError(
            _("The action plan is written on the batch's last day (%(day)s), until it closes.")
            % {"day": batch.end_date.strftime("%d/%m/%Y")}
        )
    return batch


@transaction.atomic
def action_plan_save(
    *,
    nomination: Nomination,
    commitments: Sequence[CommitmentInput],
    by: User,
    voice_note: UploadedFile | None = None,
    today: datetime.date | None = None,
) -> ActionPlan:
    """Write (or rewrite, until its first check-in) the nomination's action plan: 1 to 3
    commitments, each with a theme and a day; "what" may be left to a voice note. Written by
    anyone but the person themselves, it is marked as entered with help."""
    today = today or timezone.localdate()
    nomination = (
        Nomination.objects.select_for_update(of=("self",))
        .select_related("batch")
        .get(pk=nomination.pk)
    )
    batch = action_plan_open_check(nomination, today=today)
    is_self = getattr(by, "person_id", None) == nomination.person_id
    if not is_self and getattr(by, "role", None) not in ASSISTING_ROLES:
        raise FollowupError(_("Only the participant or their trainers enter this plan."))
    wanted = [c for c in commitments if c.theme or c.what or c.for_whom or c.by_when or c.module_id]
    if not 1 <= len(wanted) <= MAX_COMMITMENTS:
        raise FollowupError(_("Write one, two or three commitments."))
    plan = ActionPlan.objects.filter(nomination=nomination).first()
    if plan is not None and plan.checkins.exists():
        raise FollowupError(_("This plan has check-ins already and cannot be rewritten."))
    has_voice = voice_note is not None or bool(plan and plan.voice_note)
    programme_modules = set(
        Module.objects.filter(programme_id=nomination.programme_id).values_list("pk", flat=True)
    )
    days: list[datetime.date] = []
    for number, item in enumerate(wanted, start=1):
        if item.theme not in LsdgTheme.values:
            raise FollowupError(_("Commitment %(n)s: choose its theme.") % {"n": number})
        if item.by_when is None or item.by_when < batch.end_date:
            raise FollowupError(
                _("Commitment %(n)s: choose a day after the training.") % {"n": number}
            )
        if not item.what.strip() and not has_voice:
            raise FollowupError(
                _("Commitment %(n)s: write what you will do, or record a voice note.")
                % {"n": number}
            )
        if item.module_id is not None and item.module_id not in programme_modules:
            raise FollowupError(
                _("Commitment %(n)s: choose a module of this programme.") % {"n": number}
            )
        days.append(item.by_when)
    if plan is None:
        plan = ActionPlan(nomination=nomination)
    if voice_note is not None:
        _store(plan.voice_note, voice_note, voice_note_check(voice_note))
    plan.assisted = not is_self
    plan.entered_by = by
    plan.full_clean()
    plan.save()
    plan.commitments.all().delete()
    for number, (item, by_when) in enumerate(zip(wanted, days, strict=True), start=1):
        commitment = Commitment(
            plan=plan,
            order=number,
            what=item.what.strip(),
            for_whom=item.for_whom.strip(),
            by_when=by_when,
            theme=item.theme,
            module_id=item.module_id,
        )
        commitment.full_clean(exclude=["plan"])
        commitment.save()
    return plan


def checkin_open_check(plan: ActionPlan, stage: int, *, today: datetime.date | None = None) -> None:
    today = today or timezone.localdate()
    if stage not in Stage.values:
        raise FollowupError(_("There is no such check-in."))
    due = checkin_due_on(plan.batch_end, stage)
    if today < due:
        raise FollowupError(
            _("This check-in opens on %(day)s.") % {"day": due.strftime("%d/%m/%Y")}
        )
    if plan.checkins.filter(stage=stage).exists():
        raise FollowupError(_("This check-in is already answered."))


@transaction.atomic
def checkin_record(
    *,
    plan: ActionPlan,
    stage: int,
    answers: Sequence[AnswerInput],
    channel: str,
    by: User | None = None,
    today: datetime.date | None = None,
) -> CheckIn:
    """Record a check-in of `plan`: one answer for each of its commitments, at most once per
    stage (the database's unique key settles two answers at once). Each commitment keeps its
    latest status for the department's counts."""
    plan = (
        ActionPlan.objects.select_for_update(of=("self",))
        .select_related("nomination__batch")
        .get(pk=plan.pk)
    )
    checkin_open_check(plan, stage, today=today)
    commitments = {c.pk: c for c in plan.commitments.all()}
    given = {a.commitment.pk: a for a in answers}
    if set(given) != set(commitments):
        raise FollowupError(_("Answer for each commitment of the plan."))
    for answer in answers:
        if answer.status not in [s.value for s in ANSWERED_STATUSES]:
            raise FollowupError(
                _("Commitment %(n)s: say how it is going.") % {"n": answer.commitment.order}
            )
        if answer.factor and answer.factor not in Factor.values:
            raise FollowupError(_("Choose what helped or blocked from the list."))
    try:
        with transaction.atomic():
            checkin = CheckIn.objects.create(
                plan=plan, stage=stage, channel=channel, recorded_by=by
            )
    except IntegrityError:
        raise FollowupError(_("This check-in is already answered.")) from None
    for answer in sorted(answers, key=lambda a: a.commitment.order):
        row = CheckInAnswer(
            checkin=checkin,
            commitment=commitments[answer.commitment.pk],
            status=answer.status,
            factor=answer.factor,
            comment=answer.comment.strip(),
        )
        if answer.voice_note is not None:
            _store(row.voice_note, answer.voice_note, voice_note_check(answer.voice_note))
        if answer.photo is not None:
            _store(row.photo, answer.photo, photo_check(answer.photo))
        row.full_clean(exclude=["checkin", "commitment"])
        row.save()
        commitment = commitments[answer.commitment.pk]
        commitment.status = answer.status
        commitment.save(update_fields=["status"])
    return checkin


def checkin_by_phone(
    *,
    plan: ActionPlan,
    stage: int,
    statuses: dict[int, str],
    by: User,
    today: datetime.date | None = None,
) -> CheckIn:
    """The district officer's record of a check-in from a phone call: one status per
    commitment (its pk), nothing else to type."""
    if getattr(by, "role", None) != Role.DISTRICT or by.district_id != plan.nomination.district_id:
        raise FollowupError(_("Only the person's district officer records this call."))
    answers = [
        AnswerInput(commitment=c, status=statuses.get(c.pk, "")) for c in plan.commitments.all()
    ]
    return checkin_record(
        plan=plan, stage=stage, answers=answers, channel=Channel.PHONE, by=by, today=today
    )


@transaction.atomic
def good_practice_mark(*, commitment: Commitment, by: User, good: bool = True) -> Commitment:
    """The state cell marks an achieved commitment as a good practice (or takes it back)."""
    if getattr(by, "role", None) != Role.STATE:
        raise FollowupError(_("Only the state programme cell marks good practices."))
    commitment = Commitment.objects.select_for_update().get(pk=commitment.pk)
    if good and commitment.status != CommitmentStatus.DONE:
        raise FollowupError(_("Only a commitment that is done can be a good practice."))
    commitment.good_practice_at = timezone.now() if good else None
    commitment.good_practice_by = by if good else None
    commitment.save(update_fields=["good_practice_at", "good_practice_by"])
    return commitment


@transaction.atomic
def consent_record(*, commitment: Commitment, by: User, given: bool = True) -> Commitment:
    """Record that the person agreed (on the phone or in writing) that their story may be shown
    to later batches: when, and who recorded it. Withdrawn, the story leaves the case studies."""
    if getattr(by, "role", None) not in (Role.STATE, Role.DISTRICT):
        raise FollowupError(_("Only the state cell or the district officer records consent."))
    commitment = Commitment.objects.select_for_update().get(pk=commitment.pk)
    commitment.consent_at = timezone.now() if given else None
    commitment.consent_by = by if given else None
    commitment.save(update_fields=["consent_at", "consent_by"])
    return commitment
