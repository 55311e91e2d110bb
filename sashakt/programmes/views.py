"""Planning pages: creating and moving batches, quotas, timetables, the published calendar.
The pages that show nominations (the calendar's seats, a batch's people) are in
`nominations/views.py`; MoU progress is in `reports`."""

import hashlib

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sashakt.core.links import link_url
from sashakt.core.permissions import get_scoped_or_404, role_required
from sashakt.core.refusals import refused_message, refused_to_form
from sashakt.core.roles import Role
from sashakt.core.text import typed_number
from sashakt.programmes import rules, services
from sashakt.programmes.forms import BatchForm, MoveBatchForm, QuotaForm, SessionForm
from sashakt.programmes.ics import batches_ics, ics_response
from sashakt.programmes.models import BatchSession, BatchStatus
from sashakt.programmes.rules import CALENDAR_ROLES, PLANNING_ROLES
from sashakt.programmes.selectors import batches_for_user, programmes_for_planning


@role_required(*PLANNING_ROLES)
def batch_create(request):
    programmes = programmes_for_planning(request.user)
    form = BatchForm(request.POST if request.method == "POST" else None, programmes=programmes)
    warnings, fingerprint = [], ""
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        warnings = services.batch_date_warnings(
            programme=data["programme"], venue=data["venue"], start_date=data["start_date"]
        )
        fingerprint = _fingerprint(warnings)
        if warnings and data["warnings_seen"] != fingerprint:
            return render(
                request,
                "programmes/batch_form.html",
                {"form": form, "warnings": warnings, "fingerprint": fingerprint},
            )
        try:
            batch = services.batch_create(
                user=request.user,
                programme=data["programme"],
                venue=data["venue"],
                start_date=data["start_date"],
                capacity=data["capacity"],
                status=BatchStatus.OPEN if data["open_now"] else BatchStatus.PLANNED,
            )
        except services.BatchError as error:
            refused_to_form(form, error)
        else:
            messages.success(request, _("Batch created."))
            return redirect(batch)
    return render(
        request,
        "programmes/batch_form.html",
        {"form": form, "warnings": warnings, "fingerprint": fingerprint},
    )


def _fingerprint(warnings: list[str]) -> str:
    return hashlib.sha256("\n".join(warnings).encode()).hexdigest()[:16] if warnings else ""


@require_POST
@role_required(Role.STATE)
def calendar_publish(request):
    try:
        year = typed_number(request.POST.get("year"), minimum=2000, maximum=2100)
        if year is None:
            raise ValueError
        published = services.calendar_publish(user=request.user, year=year)
    except ValueError:
        messages.error(request, _("Choose a year."))
    except services.BatchError as error:
        refused_message(request, error)
    else:
        messages.success(request, _("%(count)s batches published.") % {"count": len(published)})
    return redirect(link_url("batch calendar"))


@role_required(*CALENDAR_ROLES)
def batch_ics(request, pk: int):
    batch = get_scoped_or_404(request.user, batches_for_user, pk)
    return ics_response(
        batches_ics([batch], name=str(batch), host=request.get_host()), f"batch-{pk}.ics"
    )


def _trainers():
    return get_user_model().objects.filter(role=Role.TRAINER, is_active=True).order_by("full_name")


@role_required(*CALENDAR_ROLES)
def batch_timetable(request, pk: int):
    batch = get_scoped_or_404(request.user, batches_for_user, pk)
    may_plan = rules.may_plan(request.user, batch.programme)
    if request.method == "POST":
        if not may_plan:
            raise PermissionDenied
        try:
            services.timetable_generate(user=request.user, batch=batch)
        except services.BatchError as error:
            refused_message(request, error)
        return redirect("programmes:batch_timetable", pk=batch.pk)
    sessions = batch.sessions.select_related("trainer", "module")
    days = {}
    for session in sessions:
        form = None
        if may_plan:
            form = SessionForm(
                initial={
                    "date": session.date,
                    "starts_at": session.starts_at,
                    "minutes": session.minutes,
                    "trainer": session.trainer_id,
                },
                trainers=_trainers(),
                prefix=f"s{session.pk}",
            )
        days.setdefault(session.date, []).append((session, form))
    return render(
        request,
        "programmes/batch_timetable.html",
        {"batch": batch, "days": days, "may_plan": may_plan},
    )


@require_POST
@role_required(*PLANNING_ROLES)
def session_edit(request, pk: int):
    session = get_object_or_404(BatchSession.objects.select_related("batch__programme__mou"), pk=pk)
    batch = get_scoped_or_404(request.user, batches_for_user, session.batch_id)
    form = SessionForm(request.POST, trainers=_trainers(), prefix=f"s{session.pk}")
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    else:
        try:
            services.session_update(user=request.user, session=session, **form.cleaned_data)
        except services.BatchError as error:
            refused_message(request, error)
        else:
            messages.success(request, _("Saved."))
    return redirect("programmes:batch_timetable", pk=batch.pk)


@require_POST
@role_required(Role.STATE)
def batch_quota(request, pk: int):
    batch = get_scoped_or_404(request.user, batches_for_user, pk)
    form = QuotaForm(request.POST)
    if form.is_valid():
        services.district_quota_set(user=request.user, batch=batch, **form.cleaned_data)
        messages.success(request, _("Saved."))
    else:
        messages.error(request, _("Choose a district and a number of seats."))
    return redirect(batch)


@require_POST
@role_required(*PLANNING_ROLES)
def batch_move(request, pk: int):
    batch = get_scoped_or_404(request.user, batches_for_user, pk)
    form = MoveBatchForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the new start date."))
        return redirect(batch)
    try:
        services.batch_change_dates(user=request.user, batch=batch, **form.cleaned_data)
    except services.BatchError as error:
        refused_message(request, error)
    else:
        messages.success(request, _("Saved."))
        for warning in services.batch_date_warnings(
            programme=batch.programme, venue=batch.venue, start_date=batch.start_date, exclude=batch
        ):
            messages.warning(request, warning)
    return redirect(batch)
