"""A nomination's copy of the person's gender and social category follows the person
(see `Nomination.gender`); a person who left office gives up their places; a batch moved or
held at another venue tells the people seated in it. Connected in `NominationsConfig.ready`:
nominations sits above people and programmes in the house, so it listens to them rather
than them calling it."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from sashakt.core.users import User
from sashakt.nominations.leaving import nominations_withdraw_for_left_office
from sashakt.nominations.services import (
    PERSON_COPIES,
    nominations_follow_people,
    nominations_follow_person,
)
from sashakt.nominations.telling import tell_batch_moved, tell_venue_changed
from sashakt.people.models import Person
from sashakt.people.signals import people_updated, person_left_office
from sashakt.programmes.models import Batch
from sashakt.programmes.signals import batch_moved, batch_venue_changed


@receiver(post_save, sender=Person, dispatch_uid="sashakt.nominations.follow_person")
def person_saved(sender, instance: Person, created: bool, raw: bool = False, **kwargs):
    if created or raw:  # a new person has no nominations; fixtures load as they are
        return
    update_fields = kwargs.get("update_fields")
    if update_fields is not None and not set(update_fields) & set(PERSON_COPIES):
        return
    nominations_follow_person(person=instance)


@receiver(people_updated, sender=Person, dispatch_uid="sashakt.nominations.follow_people")
def people_updated_in_bulk(sender, person_ids, fields, **kwargs):
    if set(fields) & set(PERSON_COPIES):
        nominations_follow_people(person_ids=person_ids)


@receiver(person_left_office, sender=Person, dispatch_uid="sashakt.nominations.left_office")
def person_left_office_withdraw(sender, person: Person, user, **kwargs) -> int:
    return len(nominations_withdraw_for_left_office(user=user, person=person))


@receiver(batch_moved, sender=Batch, dispatch_uid="sashakt.nominations.batch_moved")
def batch_moved_tell(sender: type[Batch], batch: Batch, user: User, **kwargs: object) -> None:
    tell_batch_moved(batch)


@receiver(batch_venue_changed, sender=Batch, dispatch_uid="sashakt.nominations.venue_changed")
def batch_venue_changed_tell(
    sender: type[Batch], batch: Batch, user: User, **kwargs: object
) -> None:
    tell_venue_changed(batch)
