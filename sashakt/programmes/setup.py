"""Programme set-up without Django admin (issue 22): who may be nominated (designations
ticked from the list, never typed), and the day-by-day session template batches are
timetabled from. Every change is one audited save by the acting user; the programme page
shows the history. The completion rule belongs to attendance (`attendance.setup`)."""

import datetime

from auditlog.context import set_actor
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sashakt.people.models import Designation
from sashakt.programmes.models import Module, Programme, TemplateSession
from sashakt.programmes.rules import may_plan
from sashakt.programmes.services import BatchError


def _allowed(user, programme: Programme) -> None:
    if not may_plan(user, programme):
        raise BatchError(_("You cannot set up this programme."))


def programme_eligibility_set(*, user, programme: Programme, designations: list[str]) -> Programme:
    """Set who may be nominated: designations from the list only (none ticked: everyone).
    Nominations already made stay; new ones follow the new list."""
    _allowed(user, programme)
    if set(designations) - set(Designation.values):
        raise ValidationError(_("Choose designations from the list."))
    chosen = [value for value in Designation.values if value in set(designations)]
    with transaction.atomic(), set_actor(user):
        programme.eligible_designations = chosen
        programme.full_clean()
        programme.save(update_fields=["eligible_designations", "updated_at"])
    return programme


def module_add(*, user, programme: Programme, title_hi: str, title_en: str) -> Module:
    _allowed(user, programme)
    last = programme.modules.order_by("-order").values_list("order", flat=True).first() or 0
    module = Module(programme=programme, order=last + 1, title_hi=title_hi, title_en=title_en)
    module.full_clean()
    with set_actor(user):
        module.save()
    return module


def template_session_save(
    *,
    user,
    programme: Programme,
    session: TemplateSession | None = None,
    module: Module,
    day: int,
    starts_at: datetime.time,
    minutes: int,
    title_en: str,
    title_hi: str = "",
    method: str,
    resource_person: str = "",
) -> TemplateSession:
    """Add (`session` None) or change a session of the template. Refused: a day outside the
    programme's days, a module of another programme, a session past midnight or overlapping
    another on the same day."""
    _allowed(user, programme)
    if module.programme_id != programme.pk:
        raise ValidationError(_("Choose a module of this programme."))
    if not 1 <= day <= programme.days:
        raise ValidationError(
            _("The programme runs %(days)s days: choose a day from 1 to %(days)s.")
            % {"days": programme.days}
        )
    start = datetime.datetime.combine(datetime.date.min, starts_at)
    end = start + datetime.timedelta(minutes=minutes)
    if end.date() != start.date():
        raise ValidationError(_("A session cannot run past midnight."))
    same_day = TemplateSession.objects.filter(module__programme=programme, day=day).exclude(
        pk=getattr(session, "pk", None)
    )
    for other in same_day:
        other_start = datetime.datetime.combine(datetime.date.min, other.starts_at)
        other_end = other_start + datetime.timedelta(minutes=other.minutes)
        if start < other_end and other_start < end:
            raise ValidationError(
                _("It overlaps “%(title)s” (%(time)s) on day %(day)s.")
                % {"title": other.title, "time": other.starts_at.strftime("%H:%M"), "day": day}
            )
    session = session or TemplateSession()
    session.module = module
    session.day, session.starts_at, session.minutes = day, starts_at, minutes
    session.title_en, session.title_hi, session.method = title_en, title_hi, method
    session.resource_person = resource_person
    session.full_clean()
    with set_actor(user):
        session.save()
    return session


def template_session_delete(*, user, programme: Programme, session: TemplateSession) -> None:
    """Remove a session from the template (timetables already made keep their copy)."""
    _allowed(user, programme)
    if session.module.programme_id != programme.pk:
        raise ValidationError(_("Choose a session of this programme."))
    with set_actor(user):
        session.delete()
