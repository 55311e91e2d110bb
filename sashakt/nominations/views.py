"""Nomination pages: the calendar with its seats, a batch's and a programme's nominations, the
decisions on them, joining letters, nominal rolls and the participant's own calendar. Their
URLs live under /programmes/ as before (`nominations/urls.py`)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from sashakt.core.jobs import job_enqueue
from sashakt.core.permissions import get_scoped_or_404, role_required
from sashakt.core.roles import Role
from sashakt.core.text import name_in_script, normalise_mobile
from sashakt.nominations import rules
from sashakt.nominations import services as nominations
from sashakt.nominations.allocation import services as allocation
from sashakt.nominations.forms import (
    DeclineForm,
    PasteMobilesForm,
    ProgrammeNominationForm,
    RejectForm,
    SubstituteForm,
)
from sashakt.nominations.letters import joining_letter_pdf, nominal_roll_pdf
from sashakt.nominations.models import (
    SEAT_HOLDING,
    AllocationProposal,
    NominationStatus,
)
from sashakt.nominations.selectors import (
    batch_seat_counts,
    batches_with_seats,
    candidates_with_flags,
    nominations_for_user,
)
from sashakt.people.selectors import people_for_user, people_search
from sashakt.programmes import rules as programme_rules
from sashakt.programmes import services as programmes
from sashakt.programmes.forms import MoveBatchForm, QuotaForm
from sashakt.programmes.ics import batches_ics, ics_response
from sashakt.programmes.models import BATCH_TRANSITIONS, BatchStatus
from sashakt.programmes.rules import CALENDAR_ROLES
from sashakt.programmes.selectors import (
    batches_for_user,
    programmes_for_planning,
    programmes_for_user,
    upcoming_weeks,
)

DECIDING_ROLES = (Role.STATE, Role.INSTITUTE, Role.DISTRICT, Role.PARTICIPANT)


@role_required(*CALENDAR_ROLES)
def batch_list(request):
    user = request.user
    batches = batches_with_seats(user).order_by("start_date", "pk")
    status = request.GET.get("status", "")
    if status in BatchStatus.values:
        batches = batches.filter(status=status)
    batches = list(batches)
    may_publish = programme_rules.may_publish_calendar(user)
    return render(
        request,
        "nominations/batch_list.html",
        {
            "batches": batches,
            "statuses": BatchStatus.choices,
            "status": status,
            "clashes": programmes.calendar_clashes(batches) if may_publish else [],
            "may_publish": may_publish,
            "years": sorted({b.start_date.year for b in batches}),
            "may_create": programme_rules.may_create_batches(user)
            and programmes_for_planning(user).exists(),
        },
    )


@role_required(*CALENDAR_ROLES)
def batch_detail(request, pk: int):
    user = request.user
    batch = get_scoped_or_404(user, batches_for_user, pk)
    may_plan = programme_rules.may_plan(user, batch.programme)
    context = {
        "batch": batch,
        "counts": batch_seat_counts(batch),
        "nominations": nominations_for_user(user)
        .filter(batch=batch)
        .order_by("status", "seat", "pk"),
        "may_decide": rules.may_decide(user, batch.programme),
        "may_answer": rules.may_answer_on_pages(user),
        "may_plan": may_plan,
        "may_nominate": rules.may_nominate_to_batch(user, batch),
        "next_statuses": [
            (value, BatchStatus(value).label)
            for value in sorted(BATCH_TRANSITIONS[BatchStatus(batch.status)])
            # Completing is done on the attendance page (each person judged by the rule).
            if value != BatchStatus.COMPLETED
        ]
        if may_plan
        else [],
        "reject_form": RejectForm(),
        "quota_form": QuotaForm() if programme_rules.may_set_quotas(user) else None,
        "quotas": batch.quotas.select_related("district"),
        "move_form": MoveBatchForm(initial={"start_date": batch.start_date}) if may_plan else None,
        "date_changes": batch.date_changes.all(),
        "may_substitute": rules.may_substitute(user),
        "paste_form": PasteMobilesForm(),
        "Status": NominationStatus,
        "show_mobile": rules.may_see_mobiles(user),
    }
    return render(request, "nominations/batch_detail.html", context)


@require_POST
@role_required(*programme_rules.PLANNING_ROLES)
def batch_status(request, pk: int):
    batch = get_scoped_or_404(request.user, batches_for_user, pk)
    status = request.POST.get("status", "")
    try:
        if status not in BatchStatus.values:
            raise ValueError(status)
        if status == BatchStatus.COMPLETED:
            # Each person's completion is judged from the marks, on the attendance pages.
            raise programmes.BatchError(
                _(
                    "A batch is completed from its attendance page, where each person's "
                    "completion is judged by the programme's rule."
                )
            )
        programmes.batch_set_status(user=request.user, batch=batch, status=status)
    except (programmes.BatchError, ValueError) as error:
        messages.error(
            request,
            str(error) if isinstance(error, programmes.BatchError) else _("Choose a status."),
        )
    return redirect(batch)


@require_POST
@role_required(*rules.NOMINATING_ROLES)
def batch_nominate(request, pk: int):
    batch = get_scoped_or_404(request.user, batches_for_user, pk)
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
        count = len(result.created)
        messages.success(
            request,
            ngettext("%(count)s person nominated.", "%(count)s people nominated.", count)
            % {"count": count},
        )
    for typed, problem in result.problems:
        messages.error(request, f"{typed}: {problem}")


NOMINATION_ACTIONS = {"approve", "reject", "confirm"}


def _name(person) -> str:
    return name_in_script(person.name, person.name_alt)[0]


def decision_message(action: str, nomination) -> str:
    """What happened, with the person's name and seat: "Approved: सुनीता देवी, seat 12"."""
    values = {"name": _name(nomination.person), "seat": nomination.seat}
    if action == "approve":
        if nomination.status == NominationStatus.WAITLISTED:
            return _("Approved: %(name)s — the batch is full, so on the waitlist.") % values
        return _("Approved: %(name)s, seat %(seat)s.") % values
    if action == "reject":
        return _("Rejected: %(name)s. The district officer sees the reason.") % values
    if action == "confirm":
        return _("Confirmed: %(name)s will attend, seat %(seat)s.") % values
    if action == "decline":
        return _("Declined: %(name)s will not attend; the place goes to the waitlist.") % values
    return _("Saved.")


@require_POST
@role_required(*DECIDING_ROLES)
def nomination_action(request, pk: int, action: str):
    if action not in NOMINATION_ACTIONS:
        raise Http404
    user = request.user
    nomination = get_scoped_or_404(user, nominations_for_user, pk)
    try:
        if action == "approve":
            nomination = nominations.nomination_approve(user=user, nomination=nomination)
        elif action == "reject":
            form = RejectForm(request.POST)
            reason = form.data.get("reason", "")
            nomination = nominations.nomination_reject(
                user=user, nomination=nomination, reason=reason
            )
        else:
            nomination = nominations.nomination_confirm(user=user, nomination=nomination)
    except nominations.NominationError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, decision_message(action, nomination))
    return _back_after_answer(user, nomination)


def _back_after_answer(user, nomination):
    if rules.lands_on_home(user):
        return redirect("reports:home")
    # An "any batch" nomination has no batch page: back to its programme (a 403 here came
    # after the answer had been saved).
    return redirect(nomination.batch or nomination.programme)


@role_required(*DECIDING_ROLES)
def nomination_decline(request, pk: int):
    """ "Cannot attend" asks why and asks again before the seat is given up (no script
    needed: this page is the confirmation step)."""
    user = request.user
    nomination = get_scoped_or_404(user, nominations_for_user, pk)
    if not rules.may_answer_for(user, nomination):
        raise PermissionDenied
    if not nomination.is_in_play:
        messages.error(request, _("This nomination is no longer in play."))
        return _back_after_answer(user, nomination)
    form = DeclineForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        seat = nomination.seat
        try:
            nomination = nominations.nomination_decline(
                user=user, nomination=nomination, reason=form.reason_text()
            )
        except nominations.NominationError as error:
            messages.error(request, str(error))
        else:
            nomination.seat = seat  # for the message: the seat that was given up
            messages.success(request, decision_message("decline", nomination))
        return _back_after_answer(user, nomination)
    back = (
        "/"
        if rules.lands_on_home(user)
        else (nomination.batch or nomination.programme).get_absolute_url()
    )
    return render(
        request,
        "nominations/decline_confirm.html",
        {"nomination": nomination, "form": form, "back": back},
    )


@require_POST
@role_required(*rules.NOMINATING_ROLES)
def nomination_substitute(request, pk: int):
    nomination = get_scoped_or_404(request.user, nominations_for_user, pk)
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
            messages.success(
                request,
                _("Replaced: %(old)s by %(new)s.")
                % {"old": _name(nomination.person), "new": _name(person)},
            )
    return redirect(nomination.batch or nomination.programme)


@role_required(*CALENDAR_ROLES)
def programme_detail(request, pk: int):
    user = request.user
    programme = get_scoped_or_404(user, programmes_for_user, pk)
    weeks = upcoming_weeks(programme)
    form = ProgrammeNominationForm(request.POST or None, weeks=weeks)
    may_nominate = rules.may_nominate_for_programme(user) and bool(weeks)
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
            return redirect("nominations:programme_detail", pk=programme.pk)
    waiting = (
        nominations_for_user(user)
        .filter(programme=programme, batch__isnull=True, status=NominationStatus.NOMINATED)
        .select_related("person", "district")
    )
    return render(
        request,
        "nominations/programme_detail.html",
        {
            "programme": programme,
            "batches": batches_with_seats(user).filter(programme=programme).order_by("start_date"),
            "form": form,
            "may_nominate": may_nominate,
            "may_allocate": rules.may_allocate(user),
            "waiting": waiting,
            "show_mobile": rules.may_see_mobiles(user),
        },
    )


@role_required(*rules.NOMINATING_ROLES)
def batch_candidates(request, pk: int):
    """Registry search for the nominate form: people in the user's scope, each flagged when
    already trained, already nominated or not eligible (and then without a nominate button)."""
    batch = get_scoped_or_404(request.user, batches_for_user, pk)
    query = request.GET.get("q", "")[:100].replace("\x00", "")  # PostgreSQL refuses NUL
    candidates = None
    if query.strip():
        people = people_search(request.user, query=query)[:20]
        candidates = candidates_with_flags(people, batch.programme)
    return render(
        request,
        "nominations/_candidates.html",
        {"batch": batch, "candidates": candidates, "query": query},
    )


def _pdf_response(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@role_required(*DECIDING_ROLES)
def joining_letter(request, pk: int):
    nomination = get_scoped_or_404(
        request.user,
        nominations_for_user(request.user).select_related(
            "batch__venue",
            "batch__programme__mou__institute",
            "person__block",
            "person__district",
        ),
        pk,
    )
    if nomination.status not in SEAT_HOLDING:
        raise Http404
    return _pdf_response(joining_letter_pdf([nomination]), f"joining-letter-{pk}.pdf")


@role_required(*CALENDAR_ROLES)
def nominal_roll(request, pk: int):
    batch = get_scoped_or_404(request.user, batches_for_user, pk)
    # A district officer's roll holds their own district's people only.
    seated = (
        nominations_for_user(request.user)
        .filter(batch=batch, status__in=SEAT_HOLDING)
        .select_related("person__district")
    )
    return _pdf_response(nominal_roll_pdf(batch, list(seated)), f"nominal-roll-{pk}.pdf")


@role_required(Role.PARTICIPANT)
def my_calendar_ics(request):
    seats = nominations_for_user(request.user).filter(status__in=SEAT_HOLDING)
    batches = [n.batch for n in seats.select_related("batch__venue", "batch__programme")]
    return ics_response(
        batches_ics(batches, name=_("My training"), host=request.get_host()), "my-training.ics"
    )


@role_required(Role.STATE)
def allocation_page(request, pk: int):
    programme = get_scoped_or_404(request.user, programmes_for_user, pk)
    if request.method == "POST":
        return _allocation_action(request, programme)
    proposal = programme.allocation_proposals.filter(status=AllocationProposal.Status.DRAFT).first()
    waiting = {n.pk: n for n in allocation.waiting_nominations(programme)}
    batches = list(allocation.open_batches(programme))
    by_batch = {batch.pk: [] for batch in batches}
    unplaced = []
    if proposal:
        for nomination_id, nomination in waiting.items():
            batch_id = proposal.assignments.get(str(nomination_id))
            (by_batch.get(batch_id, unplaced) if batch_id else unplaced).append(nomination)
    return render(
        request,
        "nominations/allocation.html",
        {
            "programme": programme,
            "proposal": proposal,
            "waiting_count": len(waiting),
            "batches": [(batch, by_batch.get(batch.pk, [])) for batch in batches],
            "unplaced": unplaced,
        },
    )


def _allocation_action(request, programme):
    action = request.POST.get("action")
    proposal = programme.allocation_proposals.filter(status=AllocationProposal.Status.DRAFT).first()
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
            raise allocation.AllocationError(_("Make a proposal first."))
        if action == "adjust":
            batch = request.POST.get("batch", "")
            allocation.allocation_adjust(
                user=request.user,
                proposal=proposal,
                # isascii(): "²".isdigit() is True but int("²") raises.
                nomination_id=int(nomination)
                if (nomination := request.POST.get("nomination", "")).isascii()
                and nomination.isdigit()
                else 0,
                batch_id=int(batch) if batch.isascii() and batch.isdigit() else None,
            )
            messages.success(request, _("Moved. The proposal still keeps every rule."))
        elif action == "apply":
            counts = allocation.allocation_apply(user=request.user, proposal=proposal)
            messages.success(
                request,
                _("%(seated)s seated, %(waitlisted)s waitlisted, %(skipped)s skipped.")
                % {
                    "seated": counts["seated"],
                    "waitlisted": counts["waitlisted"],
                    "skipped": counts["skipped"] + counts["clashes"],
                },
            )
    except allocation.AllocationError as error:
        messages.error(request, str(error))
    return redirect("nominations:allocation", pk=programme.pk)


@role_required(Role.STATE, Role.DISTRICT, Role.PARTICIPANT)
def person_history(request, pk: int):
    """A person's training history (nominations, seats, completion) as the viewer may see
    it: the state cell all of it, a district officer what their district nominated, a
    participant their own. The person page loads it into its history section."""
    person = get_scoped_or_404(request.user, people_for_user, pk)
    history = (
        nominations_for_user(request.user)
        .filter(person=person)
        .select_related("batch__venue", "programme__mou__institute")
        .order_by("-created_at", "-pk")
    )
    return render(
        request,
        "nominations/_person_history.html",
        {"person": person, "history": history, "Status": NominationStatus},
    )
