"""Writes for feedback: one response per person per session (and per batch). Not audited on
purpose: an audit row names its actor, and feedback must stay anonymous."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sashakt.core.refusals import Refused
from sashakt.feedback import rules
from sashakt.feedback.models import Applies, FeedbackItem, FeedbackResponse, Rating
from sashakt.nominations.models import Nomination
from sashakt.programmes.models import BatchSession


class FeedbackError(Refused):
    """Refused by the feedback rules."""


def items_for(session: BatchSession | None):
    applies = Applies.SESSION if session else Applies.BATCH
    return FeedbackItem.objects.filter(applies_to=applies, active=True)


def feedback_submit(
    *,
    user,
    nomination: Nomination,
    session: BatchSession | None,
    ratings: dict[str, int],
    comment: str = "",
    assisted: bool = False,
    today=None,
) -> FeedbackResponse:
    """Record a participant's ratings (item code -> 1..5) and comment for a session, or for
    the whole batch when `session` is None."""
    today = today or timezone.localdate()
    batch = nomination.batch
    allowed = (
        rules.may_record_for(user, batch) and nomination.status in rules.GIVING_STATUSES
        if assisted
        else rules.may_give(user, nomination)
    )
    if batch is None or not allowed:
        raise FeedbackError(_("You cannot give feedback here."))
    if session is not None:
        if session.batch_id != batch.pk:
            raise FeedbackError(_("This session is not part of your batch."))
        if session.date > today:
            raise FeedbackError(_("Feedback opens when the session has taken place."))
    elif batch.end_date > today:
        raise FeedbackError(_("Feedback on the whole batch opens on its last day."))
    items = list(items_for(session))
    missing = [item for item in items if ratings.get(item.code) not in (1, 2, 3, 4, 5)]
    if missing:
        raise FeedbackError(_("Choose a face for every question."))
    try:
        with transaction.atomic():
            response = FeedbackResponse.objects.create(
                batch=batch,
                session=session,
                nomination=nomination,
                comment=(comment or "").strip()[:2000],
                assisted=assisted,
            )
            Rating.objects.bulk_create(
                Rating(response=response, item=item, value=ratings[item.code]) for item in items
            )
    except IntegrityError:
        raise FeedbackError(_("You have already given this feedback. Thank you.")) from None
    return response


def item_recording_set(*, user, item: FeedbackItem, audio) -> FeedbackItem:
    if not rules.may_record_items(user):
        raise FeedbackError(_("You cannot change the feedback questions."))
    item.audio = audio
    item.save(update_fields=["audio"])
    return item
