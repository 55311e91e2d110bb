"""Reads for feedback. Summaries carry figures and comments only, never authors, and show no
breakdown below MINIMUM_FOR_BREAKDOWN answers; comments are sorted by their text so that
their order gives nothing away either."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Avg, Count, QuerySet
from django.utils import timezone

from sashakt.core.permissions import scope_queryset
from sashakt.feedback import rules
from sashakt.feedback.models import (
    MINIMUM_FOR_BREAKDOWN,
    Applies,
    FeedbackItem,
    FeedbackResponse,
    Rating,
)
from sashakt.nominations.models import Nomination
from sashakt.programmes.models import Batch, BatchSession, Module, Programme


@dataclass
class ItemSummary:
    item: FeedbackItem
    mean: float
    counts: list[int]  # answers per face, 1 to 5


@dataclass
class Summary:
    n: int
    items: list[ItemSummary] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)
    shown_from: datetime.date | None = None  # a trainer's summary not to be shown yet

    @property
    def enough(self) -> bool:
        return self.n >= MINIMUM_FOR_BREAKDOWN


def summarise(responses: QuerySet) -> Summary:
    summary = Summary(n=responses.count())
    if not summary.enough:
        return summary
    counts = defaultdict(lambda: [0] * 5)
    for item_id, value, number in (
        Rating.objects.filter(response__in=responses)
        .values_list("item_id", "value")
        .annotate(number=Count("pk"))
    ):
        counts[item_id][value - 1] = number
    for item in FeedbackItem.objects.filter(pk__in=counts.keys()):
        row = counts[item.pk]
        total = sum(row)
        mean = sum((face + 1) * n for face, n in enumerate(row)) / total
        summary.items.append(ItemSummary(item=item, mean=mean, counts=row))
    summary.items.sort(key=lambda s: s.item.order)
    summary.comments = sorted(
        c for c in responses.exclude(comment="").values_list("comment", flat=True)
    )
    return summary


def to_give(user, *, today=None) -> list[dict]:
    """A participant's sessions that have taken place (and the batch, from its last day),
    with whether feedback was already given."""
    today = today or timezone.localdate()
    nominations = Nomination.objects.filter(
        person_id=user.person_id, status__in=rules.GIVING_STATUSES, batch__isnull=False
    ).select_related("batch__programme")
    given = set(
        FeedbackResponse.objects.filter(nomination__in=nominations).values_list(
            "nomination_id", "session_id"
        )
    )
    rows = []
    for nomination in nominations:
        batch = nomination.batch
        for session in batch.sessions.filter(date__lte=today).order_by("date", "starts_at"):
            rows.append(
                {
                    "nomination": nomination,
                    "session": session,
                    "given": (nomination.pk, session.pk) in given,
                }
            )
        if batch.end_date <= today:
            rows.append(
                {"nomination": nomination, "session": None, "given": (nomination.pk, None) in given}
            )
    return rows


def trainer_feedback_closes(batch: Batch) -> datetime.datetime:
    """When a batch's feedback closes for its trainers: the end of the day
    FEEDBACK_TRAINER_DELAY_DAYS after its last day."""
    day = batch.end_date + datetime.timedelta(days=settings.FEEDBACK_TRAINER_DELAY_DAYS + 1)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))


def trainer_sessions(user, *, now=None) -> list[tuple[BatchSession, Summary]]:
    """A trainer's sessions with their feedback, once the batch's feedback has closed, and
    only the answers that came in by then: a trainer who compared the page before and after
    a participant answered could otherwise tell that person's ratings and comment (issue 23).
    """
    now = now or timezone.now()
    sessions = (
        BatchSession.objects.filter(trainer=user)
        .select_related("batch__programme")
        .order_by("-date", "-starts_at")
    )
    rows = []
    for session in sessions[:100]:
        closes = trainer_feedback_closes(session.batch)
        if now < closes:
            shown_from = timezone.localdate(closes)
            rows.append((session, Summary(n=0, shown_from=shown_from)))
        else:
            rows.append((session, summarise(session.feedback.filter(created_at__lt=closes))))
    return rows


def batches_for_user(user) -> QuerySet:
    """Batches whose feedback the institute (its own) or the state cell (all) may read."""
    return scope_queryset(
        user,
        Batch.objects.select_related("programme__mou__institute"),
        institute="programme__mou__institute",
    )


def batch_summary(batch: Batch) -> tuple[Summary, list[tuple[BatchSession, Summary]]]:
    whole = summarise(FeedbackResponse.objects.filter(batch=batch, session__isnull=True))
    sessions = [
        (session, summarise(session.feedback.all()))
        for session in batch.sessions.select_related("trainer").order_by("date", "starts_at")
    ]
    return whole, sessions


def programme_trends(programme: Programme) -> tuple[list[FeedbackItem], list[dict]]:
    """Per batch of the programme: answers and the mean of each whole-batch item."""
    items = list(FeedbackItem.objects.filter(applies_to=Applies.BATCH, active=True))
    rows = []
    for batch in programme.batches.order_by("start_date"):
        responses = FeedbackResponse.objects.filter(batch=batch, session__isnull=True)
        n = responses.count()
        means = dict(
            Rating.objects.filter(response__in=responses)
            .values_list("item_id")
            .annotate(mean=Avg("value"))
        )
        shown = n >= MINIMUM_FOR_BREAKDOWN
        rows.append(
            {
                "batch": batch,
                "n": n,
                "cells": [(item, means.get(item.pk) if shown else None) for item in items],
            }
        )
    return items, rows


# --- Ratings for the learning dashboard ----------------------------------------------------

RATING_DIMENSIONS = {"trainer": "session__trainer", "module": "session__module"}


@dataclass
class RatingMeans:
    """Session feedback of one trainer or module: answers, the mean of every rating, and the
    mean of each statement; no mean at all below MINIMUM_FOR_BREAKDOWN answers."""

    key: int
    thing: object  # the trainer (a user) or the Module
    responses: int
    mean: float | None
    item_means: dict[int, float] = field(default_factory=dict)

    @property
    def enough(self) -> bool:
        return self.responses >= MINIMUM_FOR_BREAKDOWN


def session_responses_for_user(user) -> QuerySet:
    """Session feedback `user` may count (never read one by one): the state cell all, an
    institute its own batches', a district officer their district's people's, a trainer
    their own sessions'; participants none."""
    return scope_queryset(
        user,
        FeedbackResponse.objects.filter(session__isnull=False),
        institute="batch__programme__mou__institute",
        district="nomination__district",
        trainer="session__trainer",
    )


def ratings_by(
    user, dimension: str, *, programme: int | None = None
) -> tuple[list[FeedbackItem], list[RatingMeans]]:
    """Session ratings by trainer or by module (of one programme's batches if given), counted
    by the database over the answers `user` may count: the statements asked, and one row per
    trainer or module."""
    path = RATING_DIMENSIONS[dimension]
    responses = session_responses_for_user(user).filter(**{f"{path}__isnull": False})
    if programme is not None:
        responses = responses.filter(batch__programme_id=programme)
    answered = dict(responses.values_list(path).annotate(n=Count("pk")).order_by())
    ratings = Rating.objects.filter(response__in=responses)
    overall = dict(ratings.values_list(f"response__{path}").annotate(mean=Avg("value")).order_by())
    by_item = defaultdict(dict)
    for key, item_id, mean in (
        ratings.values_list(f"response__{path}", "item").annotate(mean=Avg("value")).order_by()
    ):
        by_item[key][item_id] = mean
    if dimension == "trainer":
        things = get_user_model().objects.in_bulk(answered.keys())
    else:
        things = Module.objects.select_related("programme__mou__institute").in_bulk(answered.keys())
    rows = []
    for key, n in answered.items():
        shown = n >= MINIMUM_FOR_BREAKDOWN
        rows.append(
            RatingMeans(
                key=key,
                thing=things[key],
                responses=n,
                mean=overall.get(key) if shown else None,
                item_means=by_item[key] if shown else {},
            )
        )
    rows.sort(key=lambda r: (str(r.thing), r.key))
    item_ids = {item_id for row in rows for item_id in row.item_means}
    items = list(FeedbackItem.objects.filter(pk__in=item_ids).order_by("order", "pk"))
    return items, rows
