"""Telling people about each step of their training (issue 25): the catalogue's events
(`notifications.events`) filled for a nomination and queued through the outbox once the
step's transaction has committed.

Each message goes to one person in their language (their account's preference; Hindi when
they have none) and only to a mobile: a person without one is not told, and nothing fails.
The purpose key is "<event>:<key>" with a key that names the step (the nomination, its batch,
a batch's new dates), so a step done twice, or a retried job, sends nothing twice while a
second, different step (a second move of the batch) tells again.

Everything is read again when the transaction has committed (the nomination, its person,
batch and officers), so a message says what was saved, and the caller's objects are left as
they were. Assessments (above nominations) use `tell_nomination` too.
"""

import datetime
from collections.abc import Callable, Iterable
from functools import partial

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Max, Min, QuerySet
from django.urls import reverse
from django.utils import translation

from sashakt.core.roles import Role
from sashakt.core.site import public_url
from sashakt.core.text import name_in_script
from sashakt.core.users import User
from sashakt.nominations.answer_links import answer_by, answer_token
from sashakt.nominations.models import SEAT_HOLDING, Nomination, NominationStatus
from sashakt.notifications.services import event_message_send
from sashakt.people.models import Person
from sashakt.programmes.models import Batch, BatchStatus

DEFAULT_LANGUAGE = "hi"

# The placeholders of a message, and what fills them in a language.
Values = dict[str, str]
ValuesFor = Callable[[str], Values]


def _date(day: datetime.date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


def person_language(person: Person) -> str:
    """The language a person reads their messages in: their account's choice, else Hindi.
    (A person without an account: the reverse one-to-one raises an AttributeError, which
    getattr answers with None.)"""
    user = getattr(person, "user", None)
    return getattr(user, "language", "") or DEFAULT_LANGUAGE


def batch_values(batch: Batch, language: str) -> Values:
    """The catalogue's placeholders a batch fills, in `language`."""
    with translation.override(language):
        return {
            "programme": batch.programme.title,
            "batch": str(batch.number),
            "start": _date(batch.start_date),
            "end": _date(batch.end_date),
            "time": batch.reporting_time.strftime("%H:%M") if batch.reporting_time else "",
            "venue": batch.venue.name,
            "map_link": batch.venue.map_url,
            "phone": batch.programme.institute.contact_phone,
        }


def event_values(nomination: Nomination, language: str) -> Values:
    """The placeholders a nomination fills, in `language`: the person's name in the
    language's script, the programme, the batch (when it has one) and whom to phone."""
    person = nomination.person
    with translation.override(language):
        values = {
            "name": name_in_script(person.name, person.name_alt)[0],
            "programme": nomination.programme.title,
            "batch": "",
            "start": "",
            "end": "",
            "time": "",
            "venue": "",
            "map_link": "",
            "answer_by": "",
            "link": "",
            "reason": nomination.reason,
            "phone": nomination.programme.institute.contact_phone,
        }
    if nomination.batch is not None:
        values.update(batch_values(nomination.batch, language))
    else:
        # Nominated for "any batch": the programme's own span (first batch's start to last
        # batch's end), so that "({start} से)" never reaches a phone as "( से)".
        values.update(_programme_span(nomination.programme_id))
    # Whom to phone about one's own nomination: the district officer who made it.
    values["phone"] = getattr(nomination.nominated_by, "mobile", "") or values["phone"]
    return values


def _programme_span(programme_id: int) -> Values:
    span = (
        Batch.objects.filter(programme_id=programme_id)
        .exclude(status=BatchStatus.CANCELLED)
        .aggregate(start=Min("start_date"), end=Max("end_date"))
    )
    return {"start": _date(span["start"]), "end": _date(span["end"])}


def _send_to_person(*, event: str, key: str, person: Person, values_for: ValuesFor) -> None:
    if not getattr(person, "mobile", ""):
        return
    language = person_language(person)
    event_message_send(
        event=event,
        key=key,
        language=language,
        values=values_for(language),
        to_mobile=person.mobile,
    )


def _fresh(nomination_pk: int) -> Nomination | None:
    return (
        Nomination.objects.select_related(
            "person__user", "programme__mou__institute", "batch__venue", "nominated_by"
        )
        .filter(pk=nomination_pk)
        .first()
    )


def tell_nomination(
    *,
    event: str,
    key: str,
    nomination: Nomination,
    extra: Callable[[Nomination, str], Values] | None = None,
) -> None:
    """Queue `event` for the nomination's person (in their language) once, after the current
    transaction commits; `extra(nomination, language)` adds or overrides placeholders. No
    mobile, nothing sent."""
    pk = nomination.pk

    def send() -> None:
        fresh = _fresh(pk)
        if fresh is None:
            return

        def values_for(language: str) -> Values:
            values = event_values(fresh, language)
            values.update(extra(fresh, language) if extra else {})
            return values

        _send_to_person(event=event, key=key, person=fresh.person, values_for=values_for)

    transaction.on_commit(send)


def district_officers(district_ids: Iterable[int]) -> QuerySet[User]:
    """The active district officers of these districts who have a mobile."""
    return (
        get_user_model()
        .objects.filter(role=Role.DISTRICT, is_active=True, district_id__in=list(district_ids))
        .exclude(mobile__isnull=True)
        .exclude(mobile="")
        .order_by("pk")
    )


def _send_to_officer(*, event: str, key: str, officer: User, values_for: ValuesFor) -> None:
    language = officer.language or DEFAULT_LANGUAGE
    event_message_send(
        event=event,
        key=key,
        language=language,
        values=values_for(language),
        to_mobile=officer.mobile,
    )


# --- The steps of a nomination -------------------------------------------------------------


def answer_link(nomination: Nomination) -> str:
    """The absolute, signed link of the page where the person answers their seat offer, in
    its short form (/a/<token>, which redirects to /nominations/answer/<token>/)."""
    return public_url() + reverse("answer_short", args=[answer_token(nomination)])


def tell_nominated(nomination: Nomination) -> None:
    tell_nomination(event="nominated", key=str(nomination.pk), nomination=nomination)


def tell_waitlisted(nomination: Nomination) -> None:
    tell_nomination(
        event="waitlisted", key=f"{nomination.pk}:{nomination.batch_id}", nomination=nomination
    )


def _offer_values(nomination: Nomination, _language: str) -> Values:
    return {"answer_by": _date(answer_by(nomination)), "link": answer_link(nomination)}


def tell_seat_offered(nomination: Nomination, *, promoted: bool = False) -> None:
    """The seat offer (or the seat freed from the waitlist) with the answer-by date and the
    signed link to answer it; keyed by the nomination and its batch."""
    tell_nomination(
        event="promoted" if promoted else "seat-offered",
        key=f"{nomination.pk}:{nomination.batch_id}",
        nomination=nomination,
        extra=_offer_values,
    )


def tell_after_decision(nomination: Nomination) -> None:
    """After a nomination was created, approved or substituted: tell the person where it
    stands (nominated, waitlisted or offered a seat)."""
    status = nomination.status
    if status == NominationStatus.NOMINATED:
        tell_nominated(nomination)
    elif status == NominationStatus.WAITLISTED:
        tell_waitlisted(nomination)
    elif status == NominationStatus.APPROVED:
        tell_seat_offered(nomination)


def tell_rejected(nomination: Nomination) -> None:
    """The district officers of the person's district, with the reason."""
    pk, district_id = nomination.pk, nomination.district_id

    def send() -> None:
        fresh = _fresh(pk)
        if fresh is None:
            return
        for officer in district_officers([district_id]):
            _send_to_officer(
                event="nomination-rejected",
                key=f"{pk}:officer:{officer.pk}",
                officer=officer,
                values_for=lambda language: event_values(fresh, language),
            )

    transaction.on_commit(send)


# --- Changes to a batch ---------------------------------------------------------------------


def tell_batch_moved(batch: Batch) -> None:
    """A batch's dates changed: everyone seated in it and the district officers of their
    districts, keyed by the new dates (a second move tells again)."""
    dates = f"{batch.start_date:%Y%m%d}-{batch.end_date:%Y%m%d}"
    _tell_batch_change(batch, event="batch-moved", change=dates)


def tell_venue_changed(batch: Batch) -> None:
    """A batch is held at another venue: the same people, keyed by the new venue."""
    _tell_batch_change(batch, event="venue-changed", change=f"venue{batch.venue_id}")


def _tell_batch_change(batch: Batch, *, event: str, change: str) -> None:
    batch_pk = batch.pk

    def send() -> None:
        seated = [
            fresh
            for pk in Nomination.objects.filter(batch_id=batch_pk, status__in=SEAT_HOLDING)
            .order_by("pk")
            .values_list("pk", flat=True)
            if (fresh := _fresh(pk)) is not None  # not deleted meanwhile
        ]
        for nomination in seated:
            _send_to_person(
                event=event,
                key=f"{batch_pk}:{change}:nomination:{nomination.pk}",
                person=nomination.person,
                values_for=partial(event_values, nomination),
            )
        fresh_batch = seated[0].batch if seated else None
        if fresh_batch is None:
            return
        for officer in district_officers({n.district_id for n in seated}):
            _send_to_officer(
                event=event,
                key=f"{batch_pk}:{change}:officer:{officer.pk}",
                officer=officer,
                values_for=lambda language: batch_values(fresh_batch, language),
            )

    transaction.on_commit(send)
