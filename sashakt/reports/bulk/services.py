"""Writes of the bulk page: record a bulk message at its confirmation and start ONE job
that queues it for everyone through the outbox's bulk function.

    bulk_message_send(user=officer, token=uuid, audience=Audience(...), text_hi=..., text_en=...)

The confirmation's token is unique, so a second click (or a resent form) answers the first
message and starts nothing new. The job's rows are keyed "bulk-message:<id>:<person id>", so
running it again (a retried or recovered job) queues nothing twice.
"""

import dataclasses
import uuid
from collections.abc import Callable, Iterator
from typing import Any

from auditlog.context import set_actor
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from sashakt.core.jobs import job_enqueue
from sashakt.core.refusals import Refused
from sashakt.core.roles import Role
from sashakt.nominations.telling import person_language
from sashakt.notifications.events import EVENTS
from sashakt.notifications.services import BulkRecipient, BulkSummary, event_messages_send_bulk
from sashakt.notifications.templating import text_check
from sashakt.reports.bulk.selectors import (
    BULK_EVENT,
    Audience,
    PhoneBook,
    audience_counts,
    audience_people,
    bulk_batches_for_user,
    bulk_districts_for_user,
    bulk_programmes_for_user,
    bulk_values,
)
from sashakt.reports.models import BulkAudience, BulkMessage

BULK_JOB_KIND = "reports.bulk-message"


class BulkMessageRefused(Refused):
    """A bulk message the rules refuse (nobody to tell, out of scope, a bad text)."""


def audience_check(user: Any, audience: Audience) -> None:
    """Refuse an audience outside `user`'s scope: a district officer writes only to their
    own district's people, in batches and programmes where they hold seats."""
    if user.role not in (Role.STATE, Role.DISTRICT):
        raise BulkMessageRefused(_("You may not send bulk messages."))
    if audience.kind not in BulkAudience.values:
        raise BulkMessageRefused(_("Choose whom to write to."))
    if audience.kind == BulkAudience.BATCH and (
        audience.batch is None
        or not bulk_batches_for_user(user).filter(pk=audience.batch.pk).exists()
    ):
        raise BulkMessageRefused(_("Choose a batch where people of your district hold seats."))
    if audience.kind == BulkAudience.PROGRAMME and (
        audience.programme is None
        or not bulk_programmes_for_user(user).filter(pk=audience.programme.pk).exists()
    ):
        raise BulkMessageRefused(_("Choose a programme where people of your district hold seats."))
    if (
        audience.district is not None
        and not bulk_districts_for_user(user).filter(pk=audience.district.pk).exists()
    ):
        raise BulkMessageRefused(_("You may write only to the people of your own district."))


def texts_check(text_hi: str, text_en: str) -> dict[str, list[str]]:
    """What is wrong with the two texts, by field (the templates' own checks)."""
    event = EVENTS[BULK_EVENT]
    problems = {"text_hi": text_check(event, text_hi), "text_en": text_check(event, text_en)}
    return {field: found for field, found in problems.items() if found}


NOBODY = gettext_lazy(
    "Nobody in this audience can be told: everyone lacks a mobile number or asked for no "
    "messages. Choose other people."
)


def bulk_message_send(
    *, user: Any, token: uuid.UUID, audience: Audience, text_hi: str, text_en: str
) -> BulkMessage:
    """Record the bulk message confirmed with `token` and start the one job that queues it.
    The same token again answers the message recorded the first time (nothing new).
    Refused: an audience out of scope, a text the templates' checks refuse, nobody to tell."""
    existing = BulkMessage.objects.filter(token=token).first()
    if existing is not None:
        return existing
    audience_check(user, audience)
    if texts_check(text_hi, text_en):
        raise BulkMessageRefused(_("The text has mistakes: correct them before sending."))
    if user.role == Role.DISTRICT:
        audience = dataclasses.replace(audience, district=user.district)
    counts = audience_counts(audience_people(user, audience))
    if counts.reachable <= 0:
        raise BulkMessageRefused(str(NOBODY))
    message = BulkMessage(
        token=token,
        created_by=user,
        audience=audience.kind,
        batch=audience.batch,
        programme=audience.programme,
        district=audience.district,
        designation=audience.designation,
        overdue_only=audience.overdue_only,
        text_hi=text_hi.strip(),
        text_en=text_en.strip(),
        people=counts.people,
        no_mobile=counts.no_mobile,
        opted_out=counts.opted_out,
    )
    message.full_clean(validate_unique=False)
    with transaction.atomic(), set_actor(user):
        try:
            with transaction.atomic():
                message.save()
        except IntegrityError:  # the same confirmation, sent twice at once
            return BulkMessage.objects.get(token=token)
        message.job = job_enqueue(
            kind=BULK_JOB_KIND,
            title=ngettext(
                "Bulk message to %(count)s person",
                "Bulk message to %(count)s people",
                counts.reachable,
            )
            % {"count": counts.reachable},
            user=user,
            params={"bulk_message_id": message.pk},
        )
        message.save(update_fields=["job"])
    return message


def audience_of(message: BulkMessage) -> Audience:
    return Audience(
        kind=message.audience,
        batch=message.batch,
        programme=message.programme,
        district=message.district,
        designation=message.designation,
        overdue_only=message.overdue_only,
    )


def _recipients(message: BulkMessage) -> Iterator[BulkRecipient]:
    people = (
        audience_people(message.created_by, audience_of(message))
        .exclude(mobile=None)
        .select_related("user", "district")
    )
    phones = PhoneBook()
    for person in people.iterator(chunk_size=1000):
        language = "en" if person_language(person) == "en" else "hi"
        values = bulk_values(person, language, phones)
        yield f"{message.pk}:{person.pk}", language, values, person.mobile


def bulk_message_queue(
    message: BulkMessage, *, progress: Callable[[BulkSummary], Any] | None = None
) -> BulkSummary:
    """Queue the message for everyone of its audience who has a mobile, through the
    outbox's bulk function (one sending job); an opted-out number gets an 'opted out' row
    and no SMS. Run again, it queues nothing twice (each person's purpose key)."""
    summary = event_messages_send_bulk(
        event=BULK_EVENT,
        recipients=_recipients(message),
        texts={"hi": message.text_hi, "en": message.text_en},
        user=message.created_by,
        on_chunk=progress,
    )
    message.queued = message.queued + summary.queued
    message.already = summary.already
    with set_actor(message.created_by):
        message.save(update_fields=["queued", "already"])
    return summary
