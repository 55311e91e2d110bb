"""The links this app offers on lower apps' pages (`core/links.py`); imported by `apps.py`."""

from django.urls import reverse
from django.utils.translation import gettext

from sashakt.core.links import Link, link_register
from sashakt.core.roles import Role
from sashakt.programmes.models import BatchStatus


def batch_report(*, batch, user, **context) -> Link | None:
    """A batch's completion report, for the state cell and institutes, once nominations close."""
    if batch.status in (BatchStatus.PLANNED, BatchStatus.OPEN):
        return None
    if user.role not in (Role.STATE, Role.INSTITUTE):
        return None
    url = reverse("reports:batch_report", args=[batch.pk])
    return Link(gettext("Completion report (PDF)"), url, "completion-report")


link_register("batch page", batch_report, order=20)  # after attendance's
