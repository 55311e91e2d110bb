"""The messages a nomination's calendar makes due (issue 25), computed by a periodic job
(`reports.messages_due`, on Celery beat or `manage.py send_messages`):

- reminder-3-days and reminder-1-day to every person whose seat is confirmed, before their
  batch begins: reporting time, venue, map link, what to bring, whom to phone;
- seat-unanswered to the district officers of a person who has not answered a seat offer
  two days before its answer-by date.

Each message's key names the nomination, its batch and the batch's first day, so a job run
twice (or by two workers at once: the outbox's unique purpose key decides) sends nothing
twice, while a batch moved to other dates reminds again. Only batches starting in the next
few days are read (by start date), and their nominations by the (batch, status) index.
A day the job did not run is caught up the next day: the 3-day reminder goes while the batch
is 2 or 3 days away, the 1-day one the day before.
"""

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.db.models import F, Min, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from sashakt.core.site import public_url
from sashakt.nominations.models import Nomination, NominationStatus
from sashakt.nominations.telling import (
    DEFAULT_LANGUAGE,
    _date,
    district_officers,
    event_values,
    person_language,
)
from sashakt.notifications.models import Message
from sashakt.notifications.services import BulkRecipient, event_messages_send_bulk
from sashakt.programmes.models import Batch, BatchStatus

# The 3-day reminder goes while the batch is this many days away (a missed day is caught up).
THREE_DAYS = (2, 3)
ONE_DAY = (1, 1)
# The district officer hears of an unanswered seat this many days before its answer-by date.
UNANSWERED_DAYS_BEFORE = 2


def _local_today(now: datetime.datetime) -> datetime.date:
    return timezone.localdate(now)


def _batches_starting(today: datetime.date, first: int, last: int) -> QuerySet[Batch]:
    """Batches that begin between `first` and `last` days after `today`, not cancelled."""
    return (
        Batch.objects.filter(
            start_date__gte=today + datetime.timedelta(days=first),
            start_date__lte=today + datetime.timedelta(days=last),
        )
        .exclude(status=BatchStatus.CANCELLED)
        .select_related("programme__mou__institute", "venue")
        # The first session of the batch's first day.
        .annotate(
            first_session=Min("sessions__starts_at", filter=Q(sessions__date=F("start_date")))
        )
        .order_by("start_date", "pk")
    )


def reporting_time(batch: Batch) -> str:
    """When to be there: the batch's reporting time, or its first session's start when
    the timetable begins earlier (a person told 09:00 for a 08:30 session comes late)."""
    first = getattr(batch, "first_session", None)
    time = batch.reporting_time
    if first is not None and (time is None or first < time):
        time = first
    return time.strftime("%H:%M") if time else ""


def details_link() -> str:
    """Where a seated person sees what to bring (their home page, after a sign-in code)."""
    return public_url() + reverse(settings.LOGIN_REDIRECT_URL)


def _seated(batch: Batch, statuses: Iterable[str]) -> QuerySet[Nomination]:
    return (
        Nomination.objects.filter(batch=batch, status__in=list(statuses))
        .select_related("person__user", "programme__mou__institute", "nominated_by")
        .order_by("pk")
    )


def _queued(event: str, keys: list[str]) -> set[str]:
    """Which of these keys the outbox already holds for `event`: one query by the unique
    purpose key, so a tick that finds everyone told reads no templates and writes nothing.
    (`event_message_send` checks again, and the unique key decides a race.)"""
    purpose_keys = [f"{event}:{key}" for key in keys]
    found = Message.objects.filter(purpose_key__in=purpose_keys).values_list(
        "purpose_key", flat=True
    )
    return {purpose_key.split(":", 1)[1] for purpose_key in found}


def reminders_due(now: datetime.datetime | None = None) -> int:
    """Queue the 3-day and 1-day reminders due at `now`; answer how many were looked at
    (a person told before counts, and gets nothing new).

    Each event's reminders go to the outbox's bulk queueing at once (rows written a
    thousand at a time, one sending job), not one call per person: 3,000 people took 29 s
    one by one and take about 1 s so."""
    now = now or timezone.now()
    today = _local_today(now)
    link = details_link()
    looked = 0
    for event, (first, last) in (("reminder-3-days", THREE_DAYS), ("reminder-1-day", ONE_DAY)):
        recipients: list[BulkRecipient] = []
        for batch in _batches_starting(today, first, last):
            key_tail = f"{batch.pk}:{batch.start_date:%Y%m%d}"
            seated = list(_seated(batch, [NominationStatus.CONFIRMED]))
            looked += len(seated)
            told = _queued(event, [f"{n.pk}:{key_tail}" for n in seated])
            time = reporting_time(batch)
            for nomination in seated:
                key = f"{nomination.pk}:{key_tail}"
                if key in told or not nomination.person.mobile:
                    continue
                nomination.batch = batch
                language = person_language(nomination.person)
                values = event_values(nomination, language)
                values.update(time=time, link=link)
                recipients.append((key, language, values, nomination.person.mobile))
        if recipients:
            event_messages_send_bulk(event=event, recipients=recipients)
    return looked


def offer_answer_by(
    nomination: Nomination, *, start: datetime.date, offered_on: datetime.date
) -> datetime.date:
    """The answer-by date the seat-offered SMS gave for a batch beginning on `start`
    (`answer_links.answer_by` on the day of the offer: the nomination's decision day, else
    `offered_on`)."""
    if nomination.decided_at is not None:
        offered_on = timezone.localdate(nomination.decided_at)
    wanted = start - datetime.timedelta(days=settings.SEAT_ANSWER_DAYS_BEFORE_BATCH)
    return max(wanted, min(offered_on + datetime.timedelta(days=2), start))


def seats_unanswered_due(now: datetime.datetime | None = None) -> int:
    """Tell the district officers of each seat offer still unanswered two days (or fewer)
    before its answer-by date; answer how many offers were looked at.

    The answer-by date of an offer made in time is SEAT_ANSWER_DAYS_BEFORE_BATCH days before
    the batch (`answer_links.answer_by`), so these are the offers in batches starting
    within that many days plus two. An offer made today (a late one, whose answer-by date is
    already near) is left for tomorrow: the officer made or saw it today."""
    now = now or timezone.now()
    today = _local_today(now)
    days = settings.SEAT_ANSWER_DAYS_BEFORE_BATCH
    start_of_today = datetime.datetime.combine(
        today, datetime.time.min, tzinfo=timezone.get_current_timezone()
    )
    looked = 0
    recipients: list[BulkRecipient] = []
    for batch in _batches_starting(today, days, days + UNANSWERED_DAYS_BEFORE):
        offers = list(
            _seated(batch, [NominationStatus.APPROVED]).exclude(decided_at__gte=start_of_today)
        )
        if not offers:
            continue
        officers = list(district_officers({n.district_id for n in offers}))
        for nomination in offers:
            nomination.batch = batch
            answer_by = _date(offer_answer_by(nomination, start=batch.start_date, offered_on=today))
            for officer in officers:
                if officer.district_id != nomination.district_id:
                    continue
                language = officer.language or DEFAULT_LANGUAGE
                values = event_values(nomination, language)
                values.update(answer_by=answer_by, phone=nomination.person.mobile or "")
                key = f"{nomination.pk}:{batch.pk}:{batch.start_date:%Y%m%d}:officer:{officer.pk}"
                recipients.append((key, language, values, officer.mobile))
            looked += 1
    if recipients:
        # Through the bulk queueing too: keys already in the outbox are left as they are.
        event_messages_send_bulk(event="seat-unanswered", recipients=recipients)
    return looked
