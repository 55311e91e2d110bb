from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sashakt.core.jobs import job_enqueue
from sashakt.core.permissions import role_required
from sashakt.core.roles import Role
from sashakt.core.text import normalise_mobile
from sashakt.nominations import services as nominations
from sashakt.nominations.letters import joining_letter_pdf, nominal_roll_pdf
from sashakt.nominations.models import ACTIVE, SEAT_HOLDING, NominationStatus
from sashakt.people.selectors import people_for_user, people_search
from sashakt.programmes import services
from sashakt.programmes.forms import (
    BatchForm,
    MoveBatchForm,
    PasteMobilesForm,
    ProgrammeNominationForm,
    QuotaForm,
    RejectForm,
    SessionForm,
    SubstituteForm,
)
from sashakt.programmes.ics import batches_ics
from sashakt.programmes.models import BATCH_TRANSITIONS, BatchStatus
from sashakt.programmes.selectors import (
    batches_for_user,
    mou_progress,
    mous_for_user,
    nominations_for_user,
    programmes_for_planning,
    programmes_for_user,
    upcoming_weeks,
)

CALENDAR_ROLES = (Role.STATE, Role.INSTITUTE, Role.DISTRICT)


@role_required(*CALENDAR_ROLES)
def batch_list(request):
    batches = batches_for_user(request.user).order_by("start_date", "pk")
    status = request.GET.get("status", "")
    if status in BatchStatus.values:
        batches = batches.filter(status=status)
    batches = list(batches)
    clashes = services.calendar_clashes(batches) if request.user.role == Role.STATE else []
    return render(
        request,
        "programmes/batch_list.html",
        {
            "batches": batches,
            "statuses": BatchStatus.choices,
            "status": status,
            "clashes": clashes,
            "years": sorted({b.start_date.year for b in batches}),
            "may_create": programmes_for_planning(request.user).exists()
            and request.user.role in (Role.STATE, Role.INSTITUTE),
        },
    )


@role_required(Role.STATE, Role.INSTITUTE)
def batch_create(request):
    programmes = programmes_for_planning(request.user)
    form = BatchForm(request.POST or None, programmes=programmes)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
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
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Batch created."))
            return redirect(batch)
    return render(request, "programmes/batch_form.html", {"form": form})


def _batch_or_404(user, pk: int):
    batch = batches_for_user(user).filter(pk=pk).first()
    if batch is None:
        raise Http404
    return batch


@role_required(*CALENDAR_ROLES)
def batch_detail(request, pk: int):
    batch = _batch_or_404(request.user, pk)
    user = request.user
    visible = nominations_for_user(user).filter(batch=batch).order_by("status", "seat", "pk")
    may_decide = nominations.may_decide(user, batch.programme)
    may_plan = services.may_plan(user, batch.programme)
    context = {
        "batch": batch,
        "counts": nominations.batch_seat_counts(batch),
        "nominations": visible,
        "may_decide": may_decide,
        "may_plan": may_plan,
        "may_nominate": user.role == Role.DISTRICT and batch.status == BatchStatus.OPEN,
        "next_statuses": [
            (value, BatchStatus(value).label)
            for value in sorted(BATCH_TRANSITIONS[BatchStatus(batch.status)])
        ]
        if may_plan
        else [],
        "reject_form": RejectForm(),
        "quota_form": QuotaForm() if user.role == Role.STATE else None,
        "quotas": batch.quotas.select_related("district"),
        "move_form": MoveBatchForm(initial={"start_date": batch.start_date}) if may_plan else None,
        "date_changes": batch.date_changes.all(),
        "may_substitute": user.role in (Role.STATE, Role.DISTRICT),
        "paste_form": PasteMobilesForm(),
        "Status": NominationStatus,
        "show_mobile": user.role in (Role.STATE, Role.DISTRICT),
    }
    return render(request, "programmes/batch_detail.html", context)


@require_POST
@role_required(Role.STATE, Role.INSTITUTE)
def batch_status(request, pk: int):
    batch = _batch_or_404(request.user, pk)
    try:
        services.batch_set_status(user=request.user, batch=batch, status=request.POST["status"])
    except (services.BatchError, KeyError, ValueError) as error:
        messages.error(
            request, str(error) if isinstance(error, services.BatchError) else _("Choose a status.")
        )
    return redirect(batch)


@require_POST
@role_required(Role.DISTRICT, Role.STATE)
def batch_nominate(request, pk: int):
    batch = _batch_or_404(request.user, pk)
    form = PasteMobilesForm(request.POST)
    if form.is_valid():
        result = nominations.nominations_create_from_mobiles(
            user=request.user,
            batch=batch,
            text=form.cleaned_data["mobiles"],
            people=people_for_user(request.user),
        )
        _report_pasted(request, result)
    else:
        messages.error(request, _("Paste at least one mobile number."))
    return redirect(batch)


def _report_pasted(request, result) -> None:
    """Tell the officer how many were nominated and why each other line was not."""
    if result.created:
        messages.success(request, _("%(count)s nominated.") % {"count": len(result.created)})
    for typed, problem in result.problems:
        messages.error(request, f"{typed}: {problem}")


NOMINATION_ACTIONS = {"approve", "reject", "confirm", "decline"}


@require_POST
@role_required(Role.STATE, Role.INSTITUTE, Role.DISTRICT, Role.PARTICIPANT)
def nomination_action(request, pk: int, action: str):
    if action not in NOMINATION_ACTIONS:
        raise Http404
    nomination = get_object_or_404(nominations_for_user(request.user), pk=pk)
    user = request.user
    try:
        if action == "approve":
            nominations.nomination_approve(user=user, nomination=nomination)
        elif action == "reject":
            form = RejectForm(request.POST)
            reason = form.data.get("reason", "")
            nominations.nomination_reject(user=user, nomination=nomination, reason=reason)
        elif action == "confirm":
            nominations.nomination_confirm(user=user, nomination=nomination)
        else:
            nominations.nomination_decline(
                user=user, nomination=nomination, reason=request.POST.get("reason", "")
            )
    except nominations.NominationError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Saved."))
    if user.role == Role.PARTICIPANT:
        return redirect("core:home")
    # An "any batch" nomination has no batch page: back to its programme (a 403 here came
    # after the answer had been saved).
    return redirect(nomination.batch or nomination.programme)


@require_POST
@role_required(Role.STATE)
def calendar_publish(request):
    try:
        year = int(request.POST.get("year", ""))
        published = services.calendar_publish(user=request.user, year=year)
    except ValueError:
        messages.error(request, _("Choose a year."))
    except services.BatchError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("%(count)s batches published.") % {"count": len(published)})
    return redirect("programmes:batch_list")


def _pdf_response(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@role_required(Role.STATE, Role.INSTITUTE, Role.DISTRICT, Role.PARTICIPANT)
def joining_letter(request, pk: int):
    nomination = get_object_or_404(
        nominations_for_user(request.user).select_related(
            "batch__venue",
            "batch__programme__mou__institute",
            "person__block",
            "person__district",
        ),
        pk=pk,
    )
    if nomination.status not in SEAT_HOLDING:
        raise Http404
    return _pdf_response(joining_letter_pdf([nomination]), f"joining-letter-{pk}.pdf")


@role_required(*CALENDAR_ROLES)
def nominal_roll(request, pk: int):
    batch = _batch_or_404(request.user, pk)
    # A district officer's roll holds their own district's people only.
    seated = (
        nominations_for_user(request.user)
        .filter(batch=batch, status__in=SEAT_HOLDING)
        .select_related("person__district")
    )
    return _pdf_response(nominal_roll_pdf(batch, list(seated)), f"nominal-roll-{pk}.pdf")


@role_required(Role.STATE, Role.INSTITUTE)
def mou_list(request):
    mous = [(mou, mou_progress(mou)) for mou in mous_for_user(request.user)]
    return render(request, "programmes/mou_list.html", {"mous": mous})


@role_required(Role.STATE, Role.INSTITUTE)
def mou_detail(request, pk: int):
    mou = get_object_or_404(mous_for_user(request.user), pk=pk)
    programmes = mou.programmes.prefetch_related("modules__sessions", "batches")
    return render(
        request,
        "programmes/mou_detail.html",
        {"mou": mou, "progress": mou_progress(mou), "programmes": programmes},
    )


def _ics_response(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@role_required(*CALENDAR_ROLES)
def batch_ics(request, pk: int):
    batch = _batch_or_404(request.user, pk)
    return _ics_response(
        batches_ics([batch], name=str(batch), host=request.get_host()), f"batch-{pk}.ics"
    )


@role_required(Role.PARTICIPANT)
def my_calendar_ics(request):
    seats = nominations_for_user(request.user).filter(status__in=SEAT_HOLDING)
    batches = [n.batch for n in seats.select_related("batch__venue", "batch__programme")]
    return _ics_response(
        batches_ics(batches, name=_("My training"), host=request.get_host()), "my-training.ics"
    )


def _trainers(batch):
    from sashakt.accounts.models import User

    return User.objects.filter(role=Role.TRAINER, is_active=True).order_by("full_name")


@role_required(*CALENDAR_ROLES)
def batch_timetable(request, pk: int):
    batch = _batch_or_404(request.user, pk)
    may_plan = services.may_plan(request.user, batch.programme)
    if request.method == "POST":
        if not may_plan:
            raise PermissionDenied
        try:
            services.timetable_generate(user=request.user, batch=batch)
        except services.BatchError as error:
            messages.error(request, str(error))
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
                trainers=_trainers(batch),
                prefix=f"s{session.pk}",
            )
        days.setdefault(session.date, []).append((session, form))
    return render(
        request,
        "programmes/batch_timetable.html",
        {"batch": batch, "days": days, "may_plan": may_plan},
    )


@require_POST
@role_required(Role.STATE, Role.INSTITUTE)
def session_edit(request, pk: int):
    from sashakt.programmes.models import BatchSession

    session = get_object_or_404(BatchSession.objects.select_related("batch__programme__mou"), pk=pk)
    batch = _batch_or_404(request.user, session.batch_id)
    form = SessionForm(request.POST, trainers=_trainers(batch), prefix=f"s{session.pk}")
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    else:
        try:
            services.session_update(user=request.user, session=session, **form.cleaned_data)
        except services.BatchError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Saved."))
    return redirect("programmes:batch_timetable", pk=batch.pk)


@role_required(*CALENDAR_ROLES)
def programme_detail(request, pk: int):
    programme = get_object_or_404(programmes_for_user(request.user), pk=pk)
    user = request.user
    weeks = upcoming_weeks(programme)
    form = ProgrammeNominationForm(request.POST or None, weeks=weeks)
    may_nominate = user.role in (Role.DISTRICT, Role.STATE) and bool(weeks)
    if request.method == "POST":
        if not may_nominate:
            raise PermissionDenied
        if form.is_valid():
            result = nominations.nominations_create_from_mobiles(
                user=user,
                programme=programme,
                text=form.cleaned_data["mobiles"],
                people=people_for_user(user),
                unavailable_weeks=form.cleaned_data["unavailable_weeks"],
            )
            _report_pasted(request, result)
            return redirect("programmes:programme_detail", pk=programme.pk)
    waiting = (
        nominations_for_user(user)
        .filter(programme=programme, batch__isnull=True, status=NominationStatus.NOMINATED)
        .select_related("person", "district")
    )
    return render(
        request,
        "programmes/programme_detail.html",
        {
            "programme": programme,
            "batches": batches_for_user(user).filter(programme=programme).order_by("start_date"),
            "form": form,
            "may_nominate": may_nominate,
            "waiting": waiting,
            "show_mobile": user.role in (Role.STATE, Role.DISTRICT),
        },
    )


@require_POST
@role_required(Role.STATE)
def batch_quota(request, pk: int):
    batch = _batch_or_404(request.user, pk)
    form = QuotaForm(request.POST)
    if form.is_valid():
        services.district_quota_set(user=request.user, batch=batch, **form.cleaned_data)
        messages.success(request, _("Saved."))
    else:
        messages.error(request, _("Choose a district and a number of seats."))
    return redirect(batch)


@require_POST
@role_required(Role.STATE, Role.INSTITUTE)
def batch_move(request, pk: int):
    batch = _batch_or_404(request.user, pk)
    form = MoveBatchForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the new start date."))
        return redirect(batch)
    try:
        services.batch_change_dates(user=request.user, batch=batch, **form.cleaned_data)
    except services.BatchError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Saved."))
    return redirect(batch)


@require_POST
@role_required(Role.STATE, Role.DISTRICT)
def nomination_substitute(request, pk: int):
    nomination = get_object_or_404(nominations_for_user(request.user), pk=pk)
    form = SubstituteForm(request.POST)
    mobile = normalise_mobile(form.data.get("mobile", ""))
    person = people_for_user(request.user).filter(mobile=mobile).first() if mobile else None
    if person is None:
        messages.error(request, _("No one in your registry has this mobile."))
    else:
        try:
            nominations.nomination_substitute(
                user=request.user, nomination=nomination, person=person
            )
        except nominations.NominationError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Saved."))
    return redirect(nomination.batch or nomination.programme)


@role_required(Role.STATE)
def allocation_page(request, pk: int):
    from sashakt.nominations import allocating
    from sashakt.nominations.models import AllocationProposal

    programme = get_object_or_404(programmes_for_user(request.user), pk=pk)
    if request.method == "POST":
        action = request.POST.get("action")
        proposal = programme.allocation_proposals.filter(
            status=AllocationProposal.Status.DRAFT
        ).first()
        try:
            if action == "propose":
                job = job_enqueue(
                    kind="nominations.allocate",
                    title=_("Seat allocation: %(programme)s") % {"programme": programme.title},
                    user=request.user,
                    params={"user_id": request.user.pk, "programme_id": programme.pk},
                )
                return redirect(job)
            if proposal is None:
                raise allocating.AllocationError(_("Make a proposal first."))
            if action == "adjust":
                batch = request.POST.get("batch", "")
                allocating.allocation_adjust(
                    user=request.user,
                    proposal=proposal,
                    nomination_id=int(nomination)
                    if (nomination := request.POST.get("nomination", "")).isdigit()
                    else 0,
                    batch_id=int(batch) if batch.isdigit() else None,
                )
                messages.success(request, _("Saved."))
            elif action == "apply":
                counts = allocating.allocation_apply(user=request.user, proposal=proposal)
                messages.success(
                    request,
                    _("%(seated)s seated, %(waitlisted)s waitlisted, %(skipped)s skipped.")
                    % {
                        "seated": counts["seated"],
                        "waitlisted": counts["waitlisted"],
                        "skipped": counts["skipped"] + counts["clashes"],
                    },
                )
        except allocating.AllocationError as error:
            messages.error(request, str(error))
        return redirect("programmes:allocation", pk=programme.pk)

    proposal = programme.allocation_proposals.filter(status=AllocationProposal.Status.DRAFT).first()
    waiting = {n.pk: n for n in allocating.waiting_nominations(programme)}
    batches = list(allocating.open_batches(programme))
    by_batch = {batch.pk: [] for batch in batches}
    unplaced = []
    if proposal:
        for nomination_id, nomination in waiting.items():
            batch_id = proposal.assignments.get(str(nomination_id))
            (by_batch.get(batch_id, unplaced) if batch_id else unplaced).append(nomination)
    return render(
        request,
        "programmes/allocation.html",
        {
            "programme": programme,
            "proposal": proposal,
            "waiting_count": len(waiting),
            "batches": [(batch, by_batch.get(batch.pk, [])) for batch in batches],
            "unplaced": unplaced,
        },
    )


@role_required(Role.DISTRICT, Role.STATE)
def batch_candidates(request, pk: int):
    """Registry search for the nominate form: eligible people in the user's scope who are not
    yet in play for this programme."""
    batch = _batch_or_404(request.user, pk)
    query = request.GET.get("q", "")[:100]
    people = people_search(request.user, query=query) if query.strip() else None
    if people is not None:
        programme = batch.programme
        if programme.eligible_designations:
            people = people.filter(designation__in=programme.eligible_designations)
        people = people.exclude(nominations__programme=programme, nominations__status__in=ACTIVE)[
            :20
        ]
    return render(
        request, "programmes/_candidates.html", {"batch": batch, "people": people, "query": query}
    )
