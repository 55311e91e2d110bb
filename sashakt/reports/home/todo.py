"""What each role has to do next, for the home pages: items with a count and a link.

Every count is an aggregate in the database (grouped queries, annotations), never rows
loaded into Python to be counted; lists are capped to what a phone screen shows.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from sashakt.core.text import localized
from sashakt.core.users import AnyUser
from sashakt.followup.selectors import overdue_checkins_count
from sashakt.nominations.models import SEAT_HOLDING, NominationStatus
from sashakt.nominations.selectors import SEATS_SHOWN, nominations_for_user
from sashakt.nominations.services import district_quotas
from sashakt.notifications.selectors import failing_numbers
from sashakt.people.models import ORIENTATION_WITHIN, Person
from sashakt.people.selectors import people_for_user, people_needing_place_review
from sashakt.programmes.models import Batch, BatchSession, BatchStatus
from sashakt.programmes.selectors import batches_for_user, mous_for_user
from sashakt.programmes.services import calendar_clashes

Status = NominationStatus
COMING = (BatchStatus.PLANNED, BatchStatus.OPEN, BatchStatus.LOCKED)
SHOWN = 6  # items of one kind on a phone screen


@dataclass
class TodoItem:
    text: str
    count: int
    url: str
    note: str = ""
    testid: str = ""


def _batch_label(batch) -> str:
    return _("%(programme)s — batch %(number)s") % {
        "programme": localized(batch.programme.title_hi, batch.programme.title_en),
        "number": batch.number,
    }


def _coming_batches(user, today: datetime.date):
    return (
        batches_for_user(user)
        .filter(status__in=COMING, end_date__gte=today)
        .select_related("programme", "venue")
        .annotate(
            held=Count("nominations", filter=Q(nominations__status__in=SEATS_SHOWN), distinct=True),
            offered=Count(
                "nominations", filter=Q(nominations__status=Status.APPROVED), distinct=True
            ),
            declined=Count(
                "nominations", filter=Q(nominations__status=Status.DECLINED), distinct=True
            ),
            session_count=Count("sessions", distinct=True),
            untrained_sessions=Count(
                "sessions", filter=Q(sessions__trainer__isnull=True), distinct=True
            ),
        )
        .order_by("start_date", "pk")
    )


def _missing(batch, *, seats: bool = True) -> list[str]:
    """What a coming batch still lacks, in words."""
    missing = []
    if batch.session_count == 0:
        missing.append(_("no timetable"))
    elif batch.untrained_sessions:
        missing.append(
            ngettext(
                "%(count)s session without a trainer",
                "%(count)s sessions without a trainer",
                batch.untrained_sessions,
            )
            % {"count": batch.untrained_sessions}
        )
    free = batch.capacity - batch.held
    if seats and free > 0 and batch.status == BatchStatus.OPEN:
        missing.append(
            ngettext("%(count)s seat free", "%(count)s seats free", free) % {"count": free}
        )
    return missing


def state_todo(user, *, today: datetime.date | None = None) -> dict[str, list[TodoItem]]:
    today = today or timezone.localdate()
    nominations = nominations_for_user(user)
    waiting = list(
        nominations.filter(status=Status.NOMINATED, batch__isnull=False)
        .values("batch")
        .annotate(n=Count("pk"))
        .order_by("-n", "batch")[:SHOWN]
    )
    batches = Batch.objects.select_related("programme").in_bulk([row["batch"] for row in waiting])
    approvals = [
        TodoItem(
            _batch_label(batches[row["batch"]]),
            row["n"],
            batches[row["batch"]].get_absolute_url(),
            testid="todo-approvals",
        )
        for row in waiting
    ]
    allocation = []
    for row in (
        nominations.filter(status=Status.NOMINATED, batch__isnull=True)
        .values("programme", "programme__title_hi", "programme__title_en")
        .annotate(n=Count("pk"))
        .order_by("-n")[:SHOWN]
    ):
        allocation.append(
            TodoItem(
                localized(row["programme__title_hi"], row["programme__title_en"]),
                row["n"],
                reverse("nominations:allocation", args=[row["programme"]]),
                testid="todo-allocation",
            )
        )
    coming = list(_coming_batches(user, today)[:50])
    refill = [
        TodoItem(
            _batch_label(batch),
            batch.declined,
            batch.get_absolute_url(),
            note=ngettext(
                "%(count)s seat free", "%(count)s seats free", batch.capacity - batch.held
            )
            % {"count": batch.capacity - batch.held},
            testid="todo-refill",
        )
        for batch in coming
        if batch.declined and batch.capacity > batch.held
    ][:SHOWN]
    clashes = calendar_clashes(coming)
    unready = [
        TodoItem(
            _batch_label(batch),
            batch.untrained_sessions if batch.session_count else batch.programme.days,
            reverse("programmes:batch_timetable", args=[batch.pk]),
            note=", ".join(_missing(batch, seats=False))
            if batch.session_count
            else _("no timetable for its days yet"),
            testid="todo-unready",
        )
        for batch in coming
        if batch.session_count == 0 or batch.untrained_sessions
    ][:SHOWN]
    return {
        "approvals": approvals,
        "allocation": allocation,
        "refill": refill,
        "clashes": [
            TodoItem(
                _("%(first)s and %(second)s share a venue")
                % {"first": _batch_label(clash.first), "second": _batch_label(clash.second)},
                1,
                reverse("nominations:batch_list"),
                testid="todo-clash",
            )
            for clash in clashes[:SHOWN]
        ],
        "unready": unready,
        "mous_behind": mous_behind_target(user, today=today),
    }


def mous_behind_target(user, *, today: datetime.date) -> list[TodoItem]:
    """MoUs whose trained people lag the share of the target that the time elapsed asks for
    (a straight line from the start of the MoU to its end)."""
    items = []
    mous = mous_for_user(user).annotate(
        trained=Count(
            "programmes__nominations",
            filter=Q(programmes__nominations__status=Status.ATTENDED),
        )
    )
    for mou in mous.filter(valid_from__lte=today):
        span = (mou.valid_until - mou.valid_from).days or 1
        elapsed = min(1.0, (today - mou.valid_from).days / span)
        expected = round(mou.target_people * elapsed)
        if mou.trained < expected:
            items.append(
                TodoItem(
                    localized(mou.institute.short_name_hi, mou.institute.short_name),
                    expected - mou.trained,
                    mou.get_absolute_url(),
                    note=_("%(trained)s trained; %(expected)s expected by now of %(target)s")
                    % {"trained": mou.trained, "expected": expected, "target": mou.target_people},
                    testid="todo-mou",
                )
            )
    return items


def institute_todo(user, *, today: datetime.date | None = None) -> list[TodoItem]:
    """The coordinator's next batches, each with what is still missing."""
    today = today or timezone.localdate()
    items = []
    for batch in _coming_batches(user, today)[:SHOWN]:
        missing = _missing(batch)
        if batch.offered:
            missing.append(
                ngettext(
                    "%(count)s seat not yet confirmed",
                    "%(count)s seats not yet confirmed",
                    batch.offered,
                )
                % {"count": batch.offered}
            )
        items.append(
            TodoItem(
                _batch_label(batch),
                len(missing),
                batch.get_absolute_url(),
                note=" · ".join([batch.start_date.strftime("%d/%m/%Y"), *missing])
                if missing
                else " · ".join([batch.start_date.strftime("%d/%m/%Y"), _("ready")]),
                testid="todo-batch",
            )
        )
    return items


def district_todo(user, *, today: datetime.date | None = None) -> dict:
    today = today or timezone.localdate()
    nominations = nominations_for_user(user)
    rejected = nominations.filter(status=Status.REJECTED).order_by("-decided_at", "-pk")
    waiting_answer = nominations.filter(status=Status.APPROVED)
    people = people_for_user(user)
    overdue = (
        people.filter(term_start__lt=today - ORIENTATION_WITHIN)
        .exclude(nominations__status=Status.ATTENDED)
        .count()
    )
    quotas = []
    open_batches = list(
        batches_for_user(user)
        .filter(status=BatchStatus.OPEN, start_date__gte=today)
        .select_related("programme")
        .annotate(
            own_held=Count(
                "nominations",
                filter=Q(
                    nominations__status__in=SEAT_HOLDING,
                    nominations__district_id=user.district_id,
                ),
            )
        )
        .order_by("start_date")[:SHOWN]
    )
    seats = district_quotas(open_batches, user.district_id)
    for batch in open_batches:
        quota = seats[batch.pk]
        if quota is None:
            continue
        quotas.append(
            TodoItem(
                _batch_label(batch),
                max(0, quota - batch.own_held),
                batch.get_absolute_url(),
                note=_("%(held)s of %(quota)s seats used")
                % {"held": batch.own_held, "quota": quota},
                testid="todo-quota",
            )
        )
    return {
        "rejections": list(rejected.select_related("batch__programme")[:SHOWN]),
        "rejection_count": rejected.count(),
        "waiting_answer": list(
            waiting_answer.select_related("batch__programme").order_by("batch__start_date")[:SHOWN]
        ),
        "waiting_answer_count": waiting_answer.count(),
        "overdue": overdue,
        "quotas": quotas,
        "needs_place_review": people_needing_place_review(user).count(),
        "unreachable": unreachable_people(user),
        "followups_overdue": overdue_checkins_count(user),
    }


def unreachable_people(user: AnyUser) -> list[Person]:
    """The officer's people whose last SMS all failed ("SMS not reaching this number"): the
    number is wrong, switched off or refusing; the officer corrects it on the person's page."""
    people = people_for_user(user).exclude(mobile="")
    failing = failing_numbers(mobiles=people.values("mobile"))  # a subquery
    if not failing:
        return []
    return list(people.filter(mobile__in=failing).order_by("name", "pk"))


def trainer_sessions(user, *, today: datetime.date | None = None, weeks: int = 6):
    """The trainer's sessions in the coming weeks, with batch and venue."""
    today = today or timezone.localdate()
    return (
        BatchSession.objects.filter(
            trainer=user, date__gte=today, date__lt=today + datetime.timedelta(weeks=weeks)
        )
        .select_related("batch__programme", "batch__venue", "module")
        .order_by("date", "starts_at")
    )


def confirm_by(batch, *, offered_on: datetime.date | None = None) -> datetime.date:
    """The last day to confirm an offered seat: a week before the batch starts, so a declined
    seat can still go to the waitlist. A seat offered later than that (`offered_on`, else
    today) gets two days, but never past the day before the batch and never a day already
    gone: an offer made two days before the start says "by tomorrow", not a past date."""
    usual = batch.start_date - datetime.timedelta(days=7)
    offered_on = offered_on or timezone.localdate()
    if usual >= offered_on:
        return usual
    latest = batch.start_date - datetime.timedelta(days=1)
    return max(offered_on, min(offered_on + datetime.timedelta(days=2), latest))


def participant_seats(user):
    """The participant's nominations, newest first, with what the home page shows of them."""
    return (
        nominations_for_user(user)
        .select_related("batch__venue", "batch__programme__mou__institute")
        .annotate(start=F("batch__start_date"))
        .order_by("-created_at")
    )
