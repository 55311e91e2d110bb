"""The links this app offers on lower apps' pages (`core/links.py`); imported by `apps.py`."""

from django.urls import reverse
from django.utils.translation import gettext

from sashakt.core.links import Link, link_register
from sashakt.core.roles import Role
from sashakt.core.users import User
from sashakt.privacy.selectors import corrections_waiting, notice_acknowledged


def notice_due(*, user: User, **context: object) -> Link | None:
    """At a participant's first sign-in (and after the notice changes): read it first."""
    if user.role != Role.PARTICIPANT or notice_acknowledged(user):
        return None
    return Link(
        gettext("Before you go on: read how your data is used"),
        reverse("privacy:notice"),
        "privacy-notice-due",
    )


def my_data(*, user: User, **context: object) -> Link | None:
    if user.role != Role.PARTICIPANT:
        return None
    return Link(
        gettext("My data: download, or ask for a correction"), reverse("privacy:mine"), "my-data"
    )


def corrections_to_decide(*, user: User, **context: object) -> Link | None:
    if user.role not in (Role.DISTRICT, Role.STATE):
        return None
    waiting = corrections_waiting(user).count()
    if not waiting:
        return None
    label = gettext("Correction requests from people (%(count)s)") % {"count": waiting}
    return Link(label, reverse("privacy:corrections"), "todo-corrections")


link_register("participant home notice", notice_due, order=0)
link_register("participant home", my_data, order=0)
link_register("district to-do", corrections_to_decide, order=0)
