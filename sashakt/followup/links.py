"""The links this app offers on lower apps' pages (`core/links.py`); imported by `apps.py`."""

from django.urls import reverse
from django.utils.translation import gettext

from sashakt.core.links import Link, link_register
from sashakt.core.roles import Role
from sashakt.core.users import AnyUser
from sashakt.programmes.models import Batch, BatchStatus


def batch_action_plans(*, batch: Batch, user: AnyUser, **context: object) -> Link | None:
    """Who in the batch has written an action plan: from the batch's last days on."""
    if batch.status not in (BatchStatus.RUNNING, BatchStatus.COMPLETED, BatchStatus.CLOSED):
        return None
    if getattr(user, "role", None) not in (Role.STATE, Role.INSTITUTE, Role.TRAINER):
        return None
    url = reverse("followup:batch_plans", args=[batch.pk])
    return Link(gettext("Action plans"), url, "action-plans")


link_register("batch page", batch_action_plans, order=30)
