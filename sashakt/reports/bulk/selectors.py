"""Reads of the bulk page: whom a bulk message may go to, how many of them can be told, and
what one of them would read.

The audiences are a batch's seated people, a programme's seated people, or the registry
filtered by district, designation and RGSA orientation overdue. They live in `reports`, the
one app that sees all three (the overdue list is the RGSA dashboard's selector). Every
audience starts from the acting user's registry (`people_for_user`), so a district officer's
message never reaches another district's people, whatever batch or programme is named.
"""

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, OuterRef, QuerySet
from django.utils import translation

from sashakt.core.roles import Role
from sashakt.core.text import name_in_script
from sashakt.geography.models import District
from sashakt.nominations.models import Nomination
from sashakt.nominations.selectors import SEATS_SHOWN, district_officer_phone
from sashakt.nominations.telling import person_language
from sashakt.notifications.models import OptOut
from sashakt.notifications.templating import text_fill
from sashakt.people.models import Person
from sashakt.people.selectors import people_for_user
from sashakt.programmes.models import Batch, Programme
from sashakt.programmes.selectors import batches_for_user, programmes_for_user
from sashakt.reports.dashboards.rgsa import orientation_overdue
from sashakt.reports.models import BulkAudience

BULK_EVENT = "bulk-message"


@dataclass(frozen=True)
class Audience:
    """What the writer chose (already checked against their scope by the form or service)."""

    kind: str
    batch: Batch | None = None
    programme: Programme | None = None
    district: District | None = None
    designation: str = ""
    overdue_only: bool = False


def _seated_of(**nomination_filter: object) -> Exists:
    return Exists(
        Nomination.objects.filter(person=OuterRef("pk"), status__in=SEATS_SHOWN).filter(
            **nomination_filter
        )
    )


def bulk_batches_for_user(user: Any) -> QuerySet[Batch]:
    """Batches a user may write to: for a district officer only those where people of their
    district hold (or held) a seat; every batch for the state cell."""
    batches = batches_for_user(user).order_by("-start_date", "pk")
    if user.role == Role.DISTRICT:
        seated_here = Nomination.objects.filter(
            batch=OuterRef("pk"), status__in=SEATS_SHOWN, district_id=user.district_id
        )
        batches = batches.filter(Exists(seated_here))
    return batches


def bulk_programmes_for_user(user: Any) -> QuerySet[Programme]:
    """Programmes a user may write to, by the same rule as `bulk_batches_for_user`."""
    programmes = programmes_for_user(user).order_by("title_en", "pk")
    if user.role == Role.DISTRICT:
        seated_here = Nomination.objects.filter(
            programme=OuterRef("pk"), status__in=SEATS_SHOWN, district_id=user.district_id
        )
        programmes = programmes.filter(Exists(seated_here))
    return programmes


def bulk_districts_for_user(user: Any) -> QuerySet[District]:
    """The state cell: any district; a district officer: their own."""
    districts = District.objects.order_by("name_en")
    if user.role == Role.DISTRICT:
        return districts.filter(pk=user.district_id)
    return districts


def audience_people(
    user: Any, audience: Audience, *, today: datetime.date | None = None
) -> QuerySet[Person]:
    """The people `audience` names, among those `user` may see, each once (by pk)."""
    if audience.kind == BulkAudience.REGISTRY:
        people = (
            orientation_overdue(user, today=today)
            if audience.overdue_only
            else people_for_user(user).filter(left_office_on=None)
        )
        if audience.designation:
            people = people.filter(designation=audience.designation)
    elif audience.kind == BulkAudience.BATCH and audience.batch is not None:
        people = people_for_user(user).filter(_seated_of(batch=audience.batch))
    elif audience.kind == BulkAudience.PROGRAMME and audience.programme is not None:
        people = people_for_user(user).filter(_seated_of(programme=audience.programme))
    else:
        return Person.objects.none()
    if audience.district is not None:
        people = people.filter(district=audience.district)
    return people.order_by("pk")


@dataclass(frozen=True)
class AudienceCounts:
    people: int
    no_mobile: int
    opted_out: int

    @property
    def reachable(self) -> int:
        """Those who will be told: a mobile, and not opted out (a bulk message is not
        essential)."""
        return self.people - self.no_mobile - self.opted_out


def _opted_out() -> Exists:
    return Exists(OptOut.objects.filter(mobile=OuterRef("mobile")))


def audience_counts(people: QuerySet[Person]) -> AudienceCounts:
    people = people.order_by()
    return AudienceCounts(
        people=people.count(),
        no_mobile=people.filter(mobile=None).count(),
        opted_out=people.exclude(mobile=None).filter(_opted_out()).count(),
    )


def reachable_people(people: QuerySet[Person]) -> QuerySet[Person]:
    return people.exclude(mobile=None).exclude(_opted_out())


class PhoneBook:
    """Whom a person phones about a bulk message: their district officer (read once per
    district)."""

    def __init__(self) -> None:
        self._phones: dict[int | None, str] = {}

    def phone(self, district_id: int | None) -> str:
        if district_id not in self._phones:
            self._phones[district_id] = district_officer_phone(district_id)
        return self._phones[district_id]


def bulk_values(person: Person, language: str, phones: PhoneBook) -> dict[str, str]:
    """The bulk message's placeholders for `person`, in `language`."""
    with translation.override(language):
        return {
            "name": name_in_script(person.name, person.name_alt)[0],
            "district": person.district.name if person.district_id else "",
            "phone": phones.phone(person.district_id),
        }


@dataclass(frozen=True)
class Preview:
    person: Person
    language: str
    text: str


def bulk_preview(people: QuerySet[Person], texts: dict[str, str]) -> Preview | None:
    """The message as the first person who will be told reads it (their language, their
    values); None when nobody will be told."""
    person = reachable_people(people).select_related("user", "district").first()
    if person is None:
        return None
    language = person_language(person)
    language = "en" if language == "en" else "hi"
    values = bulk_values(person, language, PhoneBook())
    return Preview(person=person, language=language, text=text_fill(texts[language], values))
