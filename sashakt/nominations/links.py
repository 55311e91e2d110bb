"""The links this app offers on lower apps' pages (`core/links.py`); imported by `apps.py`."""

from django.urls import reverse
from django.utils.translation import gettext

from sashakt.core.links import Link, link_register


def batch_calendar(**context) -> Link:
    """The batch calendar: programmes' batch forms lead back to it."""
    return Link(gettext("Batches"), reverse("nominations:batch_list"))


def training_history(*, person, **context) -> Link:
    """A person's training history: their page in the registry (people) loads it."""
    url = reverse("nominations:person_history", args=[person.pk])
    return Link(gettext("Training history"), url)


link_register("batch calendar", batch_calendar, order=0)
link_register("training history", training_history, order=0)
